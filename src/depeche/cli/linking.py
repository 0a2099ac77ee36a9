"""Linking's commands: ``depeche link``, ``depeche stories``, ``depeche eval linking`` and the
``--linked`` view of ``depeche events``: thin edges over ``depeche.linking`` and the Store."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table

from . import common as base
from .record import db_option
from ..errors import DepecheError


def run_link(store, settings, rebuild: bool = False):
    """Bring the store's copies, linked events and stories up to date; returns the report."""
    from ..linking import Linking, link

    return link(store, Linking.from_settings(settings), rebuild=rebuild)


@click.command("link")
@db_option
@click.option("--rebuild", is_flag=True, help="Rebuild every link instead of linking the new documents only.")
@click.pass_context
def link_command(ctx, db, rebuild):
    """Link the database: copies, one event across its reports, corroboration, stories (incremental)."""
    from .record import open_store

    store, settings = open_store(ctx, db, readonly=False)
    with store:
        try:
            report = run_link(store, settings, rebuild)
        except DepecheError as exc:
            base.fail_usage(str(exc))
    Console(highlight=False, soft_wrap=True).print(f"{settings.db}: {report.summary()}")


def _day_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``--since``/``--until`` (YYYY, YYYY-MM or YYYY-MM-DD) as the first and last days they cover."""
    from ..inputs import first_day, last_day, parse_date

    try:
        return (first_day(parse_date(since)).isoformat() if since else None,
                last_day(parse_date(until)).isoformat() if until else None)
    except ValueError as exc:
        base.fail_usage(f"--since/--until: {exc}")


def _write_json(rows) -> None:
    sys.stdout.write("[" + ",".join("\n  " + r.model_dump_json() for r in rows) + "\n]\n")


def linked_view(ctx, db, *, type_, since, until, min_reports, event, fmt, limit) -> None:
    """``depeche events --linked``: one row per real-world event, with its counts (``--event ID``: its reports)."""
    from .record import open_store

    since_day, until_day = _day_range(since, until)
    store, _ = open_store(ctx, db)
    with store:
        try:
            rows = store.linked_events(type=type_.upper() if type_ else None, since=since_day, until=until_day,
                                       min_reports=min_reports, event=event, with_reports=bool(event) or fmt == "json",
                                       limit=limit if limit is not None else (200 if fmt == "table" else None))
        except DepecheError as exc:
            base.fail_usage(str(exc))
    if fmt == "json":
        _write_json(rows)
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "type", "first", "last", "title", "place", "actors", "reports", "mentions", "outlets",
                         "sources", "independent", "factuality", "canonical_doc", "canonical_event"])
        for r in rows:
            c = r.corroboration
            writer.writerow([r.id, r.type, r.first, r.last, r.title, r.place or "", "; ".join(r.actors), c.reports,
                             c.mentions, c.outlets, c.sources, c.independent, json.dumps(c.factuality),
                             r.canonical[0], r.canonical[1]])
        return
    console = Console(highlight=False)
    total = sum(r.corroboration.reports for r in rows)
    console.print(f"{len(rows)} linked events, {total} reports")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for col in ("id", "dates", "event", "where", "reports", "said"):
        table.add_column(col, overflow="fold")
    for r in rows:
        c = r.corroboration
        dates = r.first or "?" if r.first == r.last else f"{r.first}..{r.last}"
        table.add_row(r.id[:9], dates, r.title, r.place or "", f"{c.reports} ({c.independent} indep.)",
                      ", ".join(f"{k} {n}" for k, n in c.factuality.items()))
    console.print(table)
    if event:
        for r in rows:
            console.print(f"[bold]{r.id}[/bold] 1 event, {r.corroboration.summary()}")
            for rep in r.reports:
                mark = "*" if rep.key == tuple(r.canonical) else " "
                by = f", per {rep.attribution}" if rep.attribution else ""
                console.print(f" {mark} {rep.doc_date or '?'} {rep.doc_id[:10]}:{rep.event_id} {rep.factuality}{by} "
                              f"«{rep.text}» [{rep.start}:{rep.end}]")


@click.command("stories")
@db_option
@click.option("--since", default=None, help="Stories still running on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", default=None, help="Stories begun on or before this date.")
@click.option("--min-documents", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only stories with at least this many articles.")
@click.option("--story", default=None, help="One story (an id or its beginning), with its timeline.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many stories.")
@click.pass_context
def stories(ctx, db, since, until, min_documents, story, fmt, limit):
    """Stories: articles on one subject over days, with a title and a timeline."""
    from .record import open_store

    since_day, until_day = _day_range(since, until)
    store, _ = open_store(ctx, db)
    with store:
        rows = store.stories(since=since_day, until=until_day, min_documents=min_documents, story=story, limit=limit)
    if fmt == "json":
        _write_json(rows)
        return
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"{len(rows)} stories")
    for s in rows:
        console.print(f"[bold]{s.id[:9]}[/bold] {s.first}..{s.last} {s.documents} articles: {s.title}")
        if story:
            for day in s.timeline:
                console.print(f"   {day.date}  {len(day.documents)} article(s), {day.events} event mentions: "
                              + " ".join(d[:10] for d in day.documents))


@click.command("linking")
@db_option
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Which labelled pairs to score (tune on dev only).")
@click.option("--part", type=click.Choice(["copies", "events", "all"]), default="all", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_linking(ctx, db, split, part, as_json):
    """Copies and event linking on the hand-labelled pairs of eval/linking (against a baseline).

    Without --db the labelled articles are analysed first (a few minutes); with --db their
    stored events are used."""
    from ..evaluation import linking as ev

    settings = base.settings_from(ctx)
    splits = ("dev", "test") if split == "all" else (split,)
    try:
        result = ev.evaluate(Path(settings.data_dir), settings, db=db, splits=splits,
                             copies=part in ("copies", "all"), events=part in ("events", "all"))
    except DepecheError as exc:
        base.fail_usage(f"{exc} (the shared data beside the repo, or --db)")
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    console = Console(highlight=False)
    for what, label in (("copies", "exact text only"), ("events", "type and date only")):
        if what not in result:
            continue
        for s in splits:
            console.print(base.comparison_table(f"{what}, {s} pairs", result[what]["metrics"][s],
                                                result[what]["baseline"][s], label))
    if "copies" in result:
        console.print("copies over the corpus: " + ", ".join(f"{k} {v}" for k, v in result["copies"]["corpus"].items()))
    if "events" in result:
        e = result["events"]
        console.print(f"events: {e['documents']} articles, {e['reports']} reports, "
                      f"{e['missing_mentions']} labelled mentions no longer extracted, {e['seconds']} s")


COMMANDS = (link_command, stories)
