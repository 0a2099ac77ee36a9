"""Ingest: stream inputs through the pipeline into a Store, with several worker processes.

The main process reads the inputs one at a time, skips documents the store already holds
(same content hash, analyzed by the same pipeline), and hands batches to the workers;
each worker builds the pipeline (loads spaCy) once. Results come back in submission
order and each batch is written in one transaction, so killing the process at any moment
leaves whole documents only, and a re-run analyzes just what is missing. At most two
batches per worker are in flight: a corpus is never held in memory whole.

An input that cannot be read or analyzed is reported, counted by its error code and
recorded in the ``failures`` table; the run goes on and nothing stored is lost.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

from ..config import Settings, load_settings
from ..errors import DepecheError, InputError
from ..models import Document
from ..pipeline import Pipeline, StageFailed, default_order, registered
from ..inputs import read_inputs
from .backend import Store

Item = Document | InputError
log = logging.getLogger(__name__)


class IngestAborted(DepecheError):
    code = "ingest-aborted"


class StoreFailed(InputError):
    """A document the database refused (e.g. two records with one id); the others are stored."""

    code = "store-failed"


@dataclass
class IngestReport:
    """Running and final counts of an ingest."""

    new: int = 0
    replaced: int = 0
    changed: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> documents
    failed: Counter = field(default_factory=Counter)  # error code -> inputs
    events: int = 0
    workers: int = 1
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        return self.new + self.replaced + self.changed

    @property
    def done(self) -> int:
        return self.ok + sum(self.skipped.values()) + sum(self.failed.values())

    @property
    def rate(self) -> float:
        """Documents stored (analyzed and written) per second of wall time."""
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    def tick(self) -> None:
        self.seconds = time.perf_counter() - self.started

    def count(self, outcomes: Iterable[str], docs: list[Document], errors: list[InputError],
              on_error: Callable[[InputError], None] | None = None) -> None:
        """Count one written batch: each document's outcome (new, replaced, changed), its
        events, and each failed input (reported to ``on_error``)."""
        for outcome in outcomes:
            setattr(self, outcome, getattr(self, outcome) + 1)
        self.events += sum(len(d.events) for d in docs)
        for err in errors:
            self.failed[err.code] += 1
            if on_error:
                on_error(err)
        self.tick()

    def summary(self) -> str:
        parts = [f"{self.ok} ok ({self.new} new, {self.changed} changed, {self.replaced} re-analyzed)",
                 f"{sum(self.skipped.values())} skipped" + _reasons(self.skipped),
                 f"{sum(self.failed.values())} failed" + _reasons(self.failed)]
        return (f"{self.done} documents in {self.seconds:.1f} s ({self.rate:.1f} docs/s, {self.workers} "
                f"worker{'s' if self.workers > 1 else ''}): " + "; ".join(parts) + f"; {self.events} events")


def _reasons(counts: Counter) -> str:
    return f" ({', '.join(f'{k}: {n}' for k, n in counts.most_common())})" if counts else ""


def fingerprint(settings: Settings) -> str:
    """What analyzes a document: depeche's version and code, the spaCy model, the stages."""
    from .. import __version__

    names = settings.stages or default_order(registered())
    return f"depeche {__version__} code {code_hash()}; {settings.spacy_model}; {','.join(names)}"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of depeche's Python sources: a re-ingest after a code change re-analyzes."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# -- worker side --------------------------------------------------------------------------

_PIPELINE: Pipeline | None = None


def _init_worker(settings_json: str, parent: int) -> None:
    global _PIPELINE
    die_with_parent(parent)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    _PIPELINE = Pipeline(Settings.model_validate_json(settings_json))


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this worker when the process that started it dies, even by ``kill -9`` (a worker holds
    a spaCy model, about 1 GB): on Linux the kernel sends SIGKILL (``prctl(PR_SET_PDEATHSIG)``);
    elsewhere a thread checks every second that the parent is still there."""
    import ctypes
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # (it died before the call)
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass  # no prctl: watched below

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="depeche-parent-watch", daemon=True).start()


def _portable(result: Item) -> Item:
    """A result that pickles: the spaCy Doc dropped."""
    if isinstance(result, Document):
        result._spacy = None
        result._indexes = {}
    return result


def _analyze(batch: list[Item]) -> list[Item]:
    assert _PIPELINE is not None, "worker not initialized"
    return [_portable(r) for r in analyze_batch(_PIPELINE, batch)]


def analyze_batch(pipe: Pipeline, batch: list[Item]) -> list[Item]:
    """``pipe.run_batch``; if a stage fails the whole batch, each document alone, so one bad
    document fails by itself (``stage-failed``) and the others go on."""
    try:
        return pipe.run_batch(batch)
    except Exception:  # noqa: BLE001 - narrowed down to the documents that cause it, below
        log.exception("a batch failed; analyzing its documents one by one")
    results: list[Item] = []
    for item in batch:
        try:
            results.append(pipe.run_batch([item])[0])
        except Exception as exc:  # noqa: BLE001 - reported as that input's failure
            results.append(StageFailed(item.source, f"analysis failed: {type(exc).__name__}: {exc}"))
    return results


# -- main side ----------------------------------------------------------------------------

def ingest(store: Store, paths: Iterable[str], *, settings: Settings | None = None, fmt: str | None = None,
           source: str | None = None, **options) -> IngestReport:
    """Analyze every document under ``paths`` and store it; returns the counts.

    ``workers``: processes (default: setting ``workers``, else the number of cores); 1 runs
    in this process. ``force`` re-analyzes documents the store already holds. ``progress``
    is called after each batch with the running report, ``on_error`` with each failed input.
    ``source`` names what standard input (``-``) holds (default: ``<stdin>:`` and a hash of it).
    """
    settings = settings or load_settings()
    # A file is one source however it is named ("examples/a.txt", "./examples/a.txt", its full path).
    paths = [p if p == "-" else str(Path(p).resolve()) for p in paths]
    return ingest_items(store, read_inputs(paths, settings, fmt, stdin_source=source), settings=settings, **options)


def ingest_items(store: Store, items: Iterable[Item], *, workers: int | None = None,
                 settings: Settings | None = None, force: bool = False, total: int | None = None,
                 progress: Callable[[IngestReport], None] | None = None,
                 on_error: Callable[[InputError], None] | None = None,
                 on_done: Callable[[list[Item]], None] | None = None) -> IngestReport:
    """Analyze and store documents already read (``Document`` or ``InputError`` items); see ``ingest``.

    ``on_done`` is called with each batch's results once they are committed, and with each
    document skipped because the store holds it already (``depeche watch`` marks its items
    seen there, so a kill never marks an item that is not stored).
    """
    settings = settings or load_settings()
    workers = max(1, workers or settings.workers or os.cpu_count() or 1)
    if total is not None:  # no more processes than batches
        workers = min(workers, max(1, -(-total // settings.batch_size)))
    stamp = fingerprint(settings)
    report = IngestReport(workers=workers)

    def write(results: list[Item]) -> None:
        docs = [r for r in results if isinstance(r, Document)]
        errors = [r for r in results if isinstance(r, InputError)]
        try:
            outcomes = store.put_many(docs, stamp, failures=errors)
        except (*store.refused, ValueError, TypeError):  # one bad document: find it, keep the others
            outcomes = []
            for doc in docs:
                try:
                    outcomes += store.put_many([doc], stamp)
                except (*store.refused, ValueError, TypeError) as exc:
                    errors.append(err := StoreFailed(doc.source, f"cannot be stored: {type(exc).__name__}: {exc}"))
                    store.put_many([], stamp, failures=[err])
            store.put_many([], stamp, failures=[e for e in errors if not isinstance(e, StoreFailed)])
        if on_done:
            on_done(results)
        report.count(outcomes, docs, errors, on_error)
        if progress:
            progress(report)

    def on_skip(reason: str, item: Item) -> None:
        if on_done:
            on_done([item])
        report.skipped[reason] += 1
        report.tick()
        if progress and report.done % max(1, settings.batch_size) == 0:
            progress(report)

    batches = _batches(_to_analyze(store, iter(items), stamp, force, on_skip), settings.batch_size)
    if workers == 1:
        from ..api import pipeline

        for batch in batches:  # the pipeline (spaCy) is loaded at the first batch that needs it
            write(analyze_batch(pipeline(settings), batch))
    else:
        _run_pool(batches, settings, workers, write)
    report.tick()
    if progress:
        progress(report)
    return report


def _to_analyze(store: Store, items: Iterator[Item], stamp: str, force: bool,
                on_skip: Callable[[str, Item], None]) -> Iterator[Item]:
    """The inputs that need analysis: errors pass, documents stored as they are are skipped."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            if item.id in seen:
                on_skip("duplicate in this run", item)
                continue
            seen.add(item.id)
            stored = None if force else store.stored(item.id)
            if stored is not None and stored[1] == stamp:
                if stored[0] != item.source:
                    store.move(item.id, item.source)
                on_skip("unchanged" if stored[0] == item.source else "same text as another source", item)
                continue
        yield item


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _run_pool(batches: Iterator[list[Item]], settings: Settings, workers: int,
              write: Callable[[list[Item]], None]) -> None:
    window: deque[Future] = deque()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                   initializer=_init_worker, initargs=(settings.model_dump_json(), os.getpid()))
    try:
        for batch in batches:
            window.append(executor.submit(_analyze, batch))
            while len(window) >= 2 * workers:
                write(window.popleft().result())
        while window:
            write(window.popleft().result())
    except BrokenProcessPool as exc:
        raise IngestAborted("a worker process died (out of memory?); the documents stored so far are "
                            "whole, and running the same ingest again completes the rest") from exc
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
