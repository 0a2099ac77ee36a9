"""The record's commands: ``depeche ingest``, ``events``, ``show``, ``stats``, ``export``.

Thin edges over ``depeche.Store``, ``depeche.record.ingestion``, ``depeche.record.query`` and
``depeche.record.export``; registered on the ``depeche`` group by ``depeche.cli.main``.
"""
from __future__ import annotations

import csv
import json
import sys

import click
from pydantic import ValidationError
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import common as base
from .common import source_option
from ..errors import EXIT_OK, EXIT_SOME_FAILED, DepecheError
from ..inputs import FORMATS

TABLE_LIMIT = 200
# As depeche.record.export.FORMATS (not imported here: the CLI loads the record on use only).
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover", "tables-csv", "tables-parquet")
db_option = click.option("--db", default=None,
                         help="The record: a SQLite file or a postgresql://user@host/db URL (setting: db, "
                              "default depeche.db).")


def open_store(ctx: click.Context, db: str | None, readonly: bool = True):
    """The record; for reading, an existing one (a SQLite file is upgraded to this schema when
    writable; a PostgreSQL record is read in read-only transactions under ``db_timeout``)."""
    import os

    from ..record import Store

    settings = base.settings_from(ctx, db=db)
    options = {}
    if "://" in settings.db and not settings.db.startswith("sqlite:"):
        if readonly:
            options["statement_timeout"] = settings.db_timeout or None
    elif readonly and os.path.isfile(settings.db) and os.access(settings.db, os.W_OK):
        readonly = False
    try:
        return Store(settings.db, readonly=readonly, **options), settings
    except DepecheError as exc:
        base.fail_named(exc)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes, each loading spaCy once (setting: workers; default: the number of cores).")
@click.option("--force", is_flag=True, help="Re-analyze documents the database already holds.")
@click.option("--model", type=click.Choice(["md", "sm"]), default=None, help="spaCy French model (setting: model).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Input format; default: by file extension (.txt, .jsonl, .html).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per batch and per transaction (setting: batch_size).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default=None,
              help="local worker processes, or actors on Ray (setting: engine; see docs/scale.md).")
@click.option("--address", default=None, help="Ray cluster: auto or HOST:PORT; none starts a local Ray (setting: ray_address).")
@click.option("--actors", type=click.IntRange(min=1), default=None, help="Ray actors (setting: ray_actors).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="With --engine ray: write a Parquet record into this new folder instead of the database.")
@source_option
@click.pass_context
def ingest(ctx, paths, db, workers, force, model, fmt, batch_size, engine, address, actors, out,
           source):
    """Analyze dispatches (files, directories, - for stdin) into the database."""
    from ..record import ingest as run
    from ..inputs import count_inputs

    settings = base.settings_from(ctx, db=db, model=model, batch_size=batch_size, workers=workers, engine=engine,
                                  ray_address=address, ray_actors=actors)
    if settings.engine == "ray":
        from .scale import ingest_on_ray

        if "-" in paths:
            base.fail_usage("--engine ray reads files and directories, not standard input")
        return ingest_on_ray(ctx, paths, settings, out, open_store)
    if out:
        base.fail_usage("--out needs --engine ray (a local ingest writes into --db)")
    store, _ = open_store(ctx, settings.db, readonly=False)
    total = count_inputs(paths, fmt)
    bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                   TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), console=base.stderr,
                   disable=total is not None and total < settings.progress_min_inputs)
    task = bar.add_task("ingest", total=total, rate="", counts="")

    def progress(r):
        bar.update(task, completed=r.done, rate=f"{r.rate:.1f} docs/s",
                   counts=f"ok {r.ok} · skipped {sum(r.skipped.values())} · failed {sum(r.failed.values())}"
                          f" · events {r.events}")

    with store, bar:
        try:
            result = run(store, paths, settings=settings, force=force, fmt=fmt, total=total, source=source,
                         progress=progress, on_error=base.report)
        except DepecheError as exc:
            base.fail_named(exc)
        except KeyboardInterrupt:
            base.stderr.print(f"interrupted: the documents stored in {store.location} are whole; "
                              "the same command completes the rest")
            sys.exit(130)
    Console(highlight=False, soft_wrap=True).print(f"{store.location}: {result.summary()}")
    sys.exit(EXIT_SOME_FAILED if result.failed else EXIT_OK)


@click.command()
@db_option
@click.option("--type", "type_", default=None, help="PLOVER event type, e.g. CONSULT.")
@click.option("--actor", default=None, help='An actor code (RUS, RUSGOV) or a name ("Vladimir Poutine", "Poutine").')
@click.option("--country", default=None, help="Country code of a source or target actor, e.g. RUS.")
@click.option("--place-country", default=None, help="Country code of the place where the event happened.")
@click.option("--since", default=None, help="Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", default=None, help="Events on or before this date.")
@click.option("--factuality", default=None,
              help="asserted, reported, planned, hypothetical, feared or negated.")
@click.option("--text", default=None, help="Words that the event's document contains (accents and French inflections ignored; arm* a prefix).")
@click.option("--doc", default=None, help="Only the events of this document id.")
@click.option("--mode", default=None, help="The event's mode, e.g. visit, demonstrate.")
@click.option("--sector", default=None, help="A sector of a source or target actor, e.g. GOV, MIL.")
@click.option("--attribution", default=None,
              help="none (the dispatch's own), any, or words of the attribution (AFP, Kremlin).")
@click.option("--bbox", default=None, help="The event's place within WEST,SOUTH,EAST,NORTH degrees.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help=f"At most this many events (default: all; {TABLE_LIMIT} for the table).")
@click.option("--cursor", default=None, help="Go on after the page that printed this cursor (table).")
@click.pass_context
def events(ctx, db, type_, actor, country, place_country, since, until, factuality, text, doc, mode, sector,
           attribution, bbox, fmt, limit, cursor):
    """List the events of the database, filtered."""
    from ..record import EVENT_COLUMNS, EventFilter, flat_event

    try:
        flt = EventFilter(type=type_, actor=actor, country=country, place_country=place_country, since=since,
                          until=until, factuality=factuality, text=text, doc=doc, mode=mode, sector=sector,
                          attribution=attribution, bbox=bbox, limit=limit)
    except ValidationError as exc:
        base.fail_usage("; ".join(f"--{str(e['loc'][0]).replace('_', '-')}: {e['msg']}" for e in exc.errors()))
    store, _ = open_store(ctx, db)
    with store:
        try:
            if doc:
                flt.doc = store.resolve(doc)
            if fmt == "table":
                page = store.page(flt, cursor=cursor, size=min(limit, TABLE_LIMIT) if limit is not None else TABLE_LIMIT)
                rows, more = page.rows, page.next
            elif fmt == "csv":
                writer = csv.DictWriter(sys.stdout, fieldnames=list(EVENT_COLUMNS))
                writer.writeheader()
                for row in store.iter_events(flt):
                    writer.writerow(flat_event(row))
                return
            else:
                sys.stdout.write("[")
                for n, row in enumerate(store.iter_events(flt)):
                    sys.stdout.write(("," if n else "") + "\n  " + row.model_dump_json())
                sys.stdout.write("\n]\n")
                return
        except DepecheError as exc:
            base.fail_named(exc)
    if rows:
        console = Console(highlight=False)
        view = events_table if console.width >= WIDE_TABLE else events_list
        console.print(view(rows))
        if more and (limit is None or limit > len(rows)):
            base.stderr.print(f"the first {len(rows)} events; more with --cursor {more}, "
                              "all with --format csv or json", highlight=False, soft_wrap=True)
    else:
        Console(highlight=False).print("no events match")


# Below this many columns the table's cells wrap a word a line: one event per block instead.
WIDE_TABLE = 130


def _who(actors, words: list[str]) -> str:
    """The coded actors, else the text's words for them in quotes."""
    return ", ".join(a.label() for a in actors) or ", ".join(f"«{w}»" for w in words)


def _parts(r) -> tuple[str, str, str, str]:
    who = _who(r.source, r.source_words) or "?"
    whom = _who(r.target, r.target_words)
    sure = r.factuality + (f", per {r.attribution}" if r.attribution else "")
    where = f"{r.place} ({r.place_country})" if r.place else ""
    return (f"{who} → {whom}" if whom else who), where, sure, f"{r.source_document.rsplit('/', 1)[-1]}:{r.id}"


def events_list(rows) -> Table:
    """Events for a narrow terminal: a line of who did what where, a line of how sure and whence,
    wrapped under the event rather than a word a cell."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.title, grid.title_justify = f"{len(rows)} events", "left"
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for r in rows:
        actors, where, sure, doc = _parts(r)
        head = Text(r.type + (f"/{r.mode}" if r.mode else ""), style="bold")
        head.append(f"  {actors}" + (f"  @ {where}" if where else ""))
        grid.add_row(r.date or "", head)
        grid.add_row("", Text(f"{sure} · «{r.text}» · {doc}", style="dim"))
    return grid


def events_table(rows) -> Table:
    table = Table(title=f"{len(rows)} events", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for name, ratio in (("date", 0), ("event", 0), ("who → whom", 4), ("where", 2), ("how sure", 3),
                        ("text", 2), ("document", 3)):
        table.add_column(name, no_wrap=not ratio, ratio=ratio or None, overflow="fold")
    for r in rows:
        actors, where, sure, doc = _parts(r)
        table.add_row(r.date or "", r.type + (f"/{r.mode}" if r.mode else ""), actors, where, sure, r.text, doc)
    return table


@click.command()
@click.argument("doc_id")
@db_option
@click.pass_context
def show(ctx, doc_id, db):
    """Print a stored document (id, id prefix or source) with its records highlighted."""
    from .show import document_view

    store, _ = open_store(ctx, db)
    with store:
        try:
            doc = store.document(doc_id)
        except DepecheError as exc:
            base.fail_named(exc)
    Console().print(document_view(doc))


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def stats(ctx, db, as_json):
    """Counts of the database: records, events by type, country, month, factuality."""
    store, settings = open_store(ctx, db)
    with store:
        figures = store.stats()
    if as_json:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False)
    out.print(f"[bold]{store.location}[/bold]: " + ", ".join(f"{n} {k}" for k, n in figures["counts"].items()))
    grid = Table.grid(padding=(0, 4))
    parts, notes = [], []
    months = figures["events_by_month"]
    if len(months) > MAX_MONTHS:
        by_year: dict[str, int] = {}
        for month, n in months.items():
            by_year[month[:4]] = by_year.get(month[:4], 0) + n
        notes.append(f"{len(months)} months folded into {len(by_year)} years; `depeche stats --json` gives each month")
        when = ("events_by_year", "by year", by_year)
    else:
        when = ("events_by_month", "by month", months)
    for title, counts in (("events by type", figures["events_by_type"]),
                          ("by actor country", figures["events_by_country"]), when[1:],
                          ("by factuality", figures["events_by_factuality"]),
                          ("failed inputs", figures["failures_by_code"])):
        if counts:
            t = Table(title=title, title_justify="left", show_header=False, box=None)
            t.add_column()
            t.add_column(justify="right")
            rows = list(counts.items())
            shown = rows if title in ("by month", "by year") else rows[:TOP]
            for k, n in shown:
                t.add_row(k, str(n))
            if len(shown) < len(rows):
                t.add_row(f"{len(rows) - len(shown)} more", str(sum(n for _, n in rows[len(shown):])))
            parts.append(t)
    for _ in parts:
        grid.add_column(vertical="top")
    if parts:
        grid.add_row(*parts)
        out.print(grid)
    for note in notes:
        out.print(note)


# ``stats`` shows every month up to this many, else the years (and says so); other counts the TOP first.
MAX_MONTHS = 36
TOP = 15


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--out", default=None, help="File (- for stdout, but parquet) or directory (tables-csv, tables-parquet); "
                                          "default depeche.jsonl, depeche-events.csv, depeche-events.parquet, "
                                          "depeche-events.geojson, depeche-plover.jsonl, depeche-csv/, depeche-parquet/.")
@click.pass_context
def export(ctx, db, fmt, out):
    """Export the database: documents as JSON lines; events as flat CSV, Parquet, GeoJSON or PLOVER; tables."""
    store, _ = open_store(ctx, db)
    with store:
        try:
            written = store.export(fmt, out)
        except DepecheError as exc:
            base.fail_named(exc)
    for path in written:
        base.stderr.print(f"wrote {path}", highlight=False)


@click.command()
@db_option
@click.pass_context
def doctor(ctx, db):
    """Check a SQLite database (read-only): SQLite's integrity check, its schema, what to do."""
    from ..record import check_sqlite

    settings = base.settings_from(ctx, db=db)
    try:
        found = check_sqlite(settings.db)
    except DepecheError as exc:
        base.fail_named(exc)
    out = Console(highlight=False, soft_wrap=True)
    for finding in found.findings:
        out.print(f"{found.path}: {finding}")
    for advice in found.advice:
        out.print(f"what to do: {advice}")
    sys.exit(EXIT_OK if found.ok else EXIT_SOME_FAILED)


COMMANDS = (ingest, events, show, stats, export, doctor)  # and load (cli/scale.py)
