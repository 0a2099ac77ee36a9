"""``depeche watch`` (follow feeds, sitemaps and folders) and ``depeche sources`` (how they went).

Thin edges over ``depeche.sources``: registered on the ``depeche`` group by ``depeche.cli.main``.
"""
from __future__ import annotations

import datetime as dt
import json
import signal
import sys

import click
from rich.console import Console
from rich.table import Table

from . import common as base
from .record import db_option, open_store
from ..errors import EXIT_OK, EXIT_SOME_FAILED, DepecheError


def _stop(signum, frame):  # SIGTERM stops the watch as Ctrl-C does
    raise KeyboardInterrupt


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--once", is_flag=True, help="Poll every source once and exit (for cron).")
@click.option("--interval", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds from one poll's start to the next (setting: watch_interval, default 900).")
@click.option("--polls", type=click.IntRange(min=1), default=None, help="Stop after this many polls.")
@click.option("--fetch-pages", is_flag=True, default=None,
              help="Fetch each feed item's page and extract it (setting: fetch_pages; robots.txt respected).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each loading spaCy once per poll.")
@click.option("--model", type=click.Choice(["md", "sm"]), default=None, help="spaCy French model (setting: model).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per batch and per transaction (setting: batch_size).")
@click.pass_context
def watch(ctx, sources, db, once, interval, polls, fetch_pages, workers, model, batch_size):
    """Follow feeds and sitemaps (URLs), folders and files: ingest what is new or changed at each poll.

    A source may be named: NAME=URL stores NAME as the outlet of its documents.
    """
    from ..sources import watch as run

    settings = base.settings_from(ctx, db=db, model=model, batch_size=batch_size, fetch_pages=fetch_pages)
    store, _ = open_store(ctx, settings.db, readonly=False)
    out = Console(highlight=False, soft_wrap=True)
    failed = 0

    def on_poll(report):
        nonlocal failed
        failed += sum(report.failed_sources.values()) + sum(report.ingest.failed.values())
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        out.print(f"{stamp} {settings.db}: {report.summary()}")

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        with store:
            run(store, sources, settings=settings, interval=interval, polls=1 if once else polls,
                workers=workers, on_poll=on_poll, on_error=base.report)
    except DepecheError as exc:
        base.fail_usage(str(exc))
    except KeyboardInterrupt:
        base.stderr.print(f"stopped: the documents stored in {settings.db} are whole; the same command "
                          "resumes without duplicates or gaps")
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@click.pass_context
def sources(ctx, db, as_json):
    """The sources that depeche watch follows: outlet, polls, failures, last error, items stored."""
    from ..sources import WatchState

    store, settings = open_store(ctx, db)
    with store:
        try:
            state = WatchState(store.conn)
            rows = [{**vars(s), "items": n} for s, n in state.with_items()]
        except DepecheError as exc:
            base.fail_usage(str(exc))
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{settings.db}: {len(rows)} sources", title_justify="left")
    for name in ("source", "kind", "outlet", "items", "polls", "failures", "last error", "last ok"):
        table.add_column(name, justify="right" if name in ("items", "polls", "failures") else "left")
    for r in rows:
        table.add_row(r["source"], r["kind"], r["outlet"] or "", str(r["items"]), str(r["polls"]),
                      str(r["failures"]), r["last_error"] or "", r["last_ok"] or "")
    Console(highlight=False).print(table)


COMMANDS = (watch, sources)
