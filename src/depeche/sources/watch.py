"""``depeche watch``: poll sources at an interval and ingest what is new or changed.

Each poll reads every source in turn (``polling``), streams the new and changed items of
all of them through one ``ingest_items`` (the pipeline, the store, the ``failures`` table),
then records how each source went (``watch_sources``): its outlet, its ``ETag`` and
``Last-Modified`` when all its items are stored, or the code of its failure. A source that is
down, slow, malformed or too big fails by itself with a named error; the others go on. The
loop sleeps until ``interval`` seconds after the poll started, and stops after ``polls``
polls, or when ``stop`` is set; killed at any moment, the next run resumes without
duplicates (content hashes) or gaps (nothing is marked seen before it is stored).
"""
from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..config import Settings, load_settings
from ..errors import InputError
from ..inputs import Fetcher
from ..record import IngestReport, Store, StoreError, ingest_items
from .polling import Item, Poller, Source, Tracker, parse_source
from .state import WatchState


@dataclass
class PollReport:
    """What one poll saw and did."""

    number: int
    sources: int = 0
    items: Counter = field(default_factory=Counter)         # new, changed, unchanged, not modified
    failed_sources: Counter = field(default_factory=Counter)  # error code -> sources
    ingest: IngestReport | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        ok = self.sources - sum(self.failed_sources.values())
        unchanged = self.items["not modified"]
        head = f"{ok} ok" + (f", {unchanged} not modified" if unchanged else "")
        if self.failed_sources:
            head += "; failed " + ", ".join(f"{code}: {n}" for code, n in self.failed_sources.most_common())
        line = (f"poll {self.number}: {self.sources} sources ({head}); items {self.items['new']} new, "
                f"{self.items['changed']} changed, {self.items['unchanged']} unchanged")
        if self.ingest is not None:
            line += f"; {self.ingest.summary()}"
        return line + f"; {self.seconds:.1f} s"


def poll(store: Store, sources: Iterable[Source | str], *, settings: Settings | None = None,
         fetcher: Fetcher | None = None, number: int = 1, workers: int | None = 1,
         on_error: Callable[[InputError], None] | None = None) -> PollReport:
    """Poll every source once; ingest the new and changed items; returns the counts."""
    settings = settings or load_settings()
    sources = [s if isinstance(s, Source) else parse_source(s) for s in sources]
    if not isinstance(getattr(store, "conn", None), sqlite3.Connection):
        raise StoreError(f"{store.location}: depeche watch keeps its state in a SQLite record for now; "
                         "give --db a SQLite file")
    state = WatchState(store.conn)
    tracker = Tracker(state)
    report = PollReport(number=number, sources=len(sources))

    def failed(source: str, kind: str, err: InputError) -> None:
        """Recorded at once (the failures table, the source's count), so a killed poll counts it too."""
        store.put_many([], "", failures=[err])
        state.polled(source, kind, error=err.code)
        report.failed_sources[err.code] += 1
        if on_error:
            on_error(err)

    poller = Poller(settings, state, fetcher or Fetcher(settings), tracker, failed)
    started = time.perf_counter()
    items: Iterator[Item] = itertools.chain.from_iterable(poller.poll(s) for s in sources)
    report.ingest = ingest_items(store, items, settings=settings, workers=workers, on_error=on_error,
                                 on_done=tracker.done)
    for location, outcome in poller.outcomes.items():
        if outcome.error:
            continue  # recorded when it failed
        fields = {k: v for k, v in outcome.fields.items() if v is not None or k in ("etag", "last_modified")}
        if not tracker.clean(location):  # an item to ask again for: keep the old validators
            fields.pop("etag", None)
            fields.pop("last_modified", None)
        state.polled(location, outcome.kind, **fields)
    report.items.update(poller.counts)
    report.seconds = time.perf_counter() - started
    return report


def watch(store: Store, sources: Iterable[Source | str], *, settings: Settings | None = None,
          interval: float | None = None, polls: int | None = None, stop: threading.Event | None = None,
          fetcher: Fetcher | None = None, workers: int | None = 1,
          on_poll: Callable[[PollReport], None] | None = None,
          on_error: Callable[[InputError], None] | None = None) -> list[PollReport]:
    """Poll ``sources`` every ``interval`` seconds (setting ``watch_interval``) until ``polls``
    polls are done or ``stop`` is set; returns each poll's report."""
    settings = settings or load_settings()
    interval = settings.watch_interval if interval is None else interval
    sources = [s if isinstance(s, Source) else parse_source(s) for s in sources]
    fetcher = fetcher or Fetcher(settings)  # one per run: it keeps each host's delay and robots.txt
    stop = stop or threading.Event()
    reports = []
    for number in itertools.count(1):
        started = time.monotonic()
        report = poll(store, sources, settings=settings, fetcher=fetcher, number=number, workers=workers,
                      on_error=on_error)
        reports.append(report)
        if on_poll:
            on_poll(report)
        if (polls is not None and number >= polls) or stop.wait(max(0.0, started + interval - time.monotonic())):
            break
    return reports
