"""Named stages and the pipeline that runs them over batches of documents.

A stage is registered by name with what it needs and what it adds::

    @register("times", requires=("spacy",), provides=("times",))
    class TimeStage(Stage):
        def __call__(self, doc): ...
        return doc

The default pipeline is every registered stage in dependency order (registration
order breaks ties); ``Settings.stages`` picks a subset. The order is checked
when the pipeline is built: a stage whose needs no earlier stage provides is an
error, not a surprise at run time.
"""
from __future__ import annotations

import importlib
import itertools
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .config import Settings
from .errors import DepecheError, InputError, TooLarge
from .models import Document

log = logging.getLogger(__name__)

# What a Document has when a reader hands it over.
READER_PROVIDES = frozenset({"text", "source", "dct", "header"})

# Modules whose import registers the built-in stages, in pipeline order.
BUILTIN_MODULES = (
    "depeche.inputs.segments",
    "depeche.inputs.language",
    "depeche.nlp",
    "depeche.entities.stage",
    "depeche.places.stage",
    "depeche.entities.context",
    "depeche.times.stage",
    "depeche.quantities.stage",
    "depeche.events.stage",
    "depeche.quantities.checks",
)


class PipelineError(DepecheError):
    code = "bad-pipeline"


class StageFailed(InputError):
    """A stage raised an unexpected exception on one document; the batch goes on."""

    code = "stage-failed"


class TooSlow(InputError):
    """A document that took longer than its time budget (``Settings.time_budget``); the batch goes on."""

    code = "too-slow"


class OutOfTime(BaseException):
    """Raised in the main thread when a document's time budget runs out in the middle of a stage.
    Not an ``Exception``: no stage's own error handling catches it."""


@contextmanager
def deadline(seconds: float | None):
    """Interrupt the block with ``OutOfTime`` after ``seconds`` (SIGALRM: only in the main thread of
    a process, where depeche's command line and ingest workers run; elsewhere the budget is checked
    between stages only)."""
    if seconds is None or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise OutOfTime()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Set while a pipeline warms up: loading models and tables is no document's time.
_WARMING: ContextVar[bool] = ContextVar("depeche_warming", default=False)
# A long and a short dispatch (language detection loads other models for short texts).
WARM_UP = ("date 2023-09-12 Le président Emmanuel Macron a reçu mardi à Paris le chancelier allemand pour "
           "évoquer la guerre en Ukraine. « Nous soutiendrons l'Ukraine », a-t-il déclaré. Selon la police, "
           "trois manifestants ont été arrêtés lundi à Lyon.",
           "date 2023-09 Le ministre est arrivé à Moscou.")


def budget(settings: Settings, doc: Document) -> float | None:
    """The seconds ``doc`` may take in all: ``time_budget`` per 10 KB of text, at least ``time_budget``."""
    if not settings.time_budget or _WARMING.get():
        return None
    return settings.time_budget * max(1.0, len(doc.text) / 10_000)


def too_slow(settings: Settings, doc: Document, stage: str) -> TooSlow:
    return TooSlow(doc.source, f"took more than {budget(settings, doc):.0f} s (in stage {stage!r}; setting "
                               f"time_budget: {settings.time_budget:g} s per 10 KB of text)")


class Stage:
    """Base class: override ``__call__`` (one document) or ``pipe`` (a batch)."""

    name = "stage"

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: list[Document]) -> list[Document | InputError]:
        return [self.guarded(self, doc) for doc in docs]

    def left(self, doc: Document) -> float | None:
        """Seconds left of the document's time budget (None: no budget)."""
        total = budget(self.settings, doc)
        return None if total is None else total - doc._spent

    def guarded(self, fn: Callable[[Document], Document], doc: Document) -> Document | InputError:
        """``fn(doc)`` within the document's time budget, with a failure turned into a named error
        for that document alone."""
        left = self.left(doc)
        if left is not None and left <= 0:
            return too_slow(self.settings, doc, self.name)
        started = time.perf_counter()
        try:
            with deadline(left):
                result = fn(doc)
        except OutOfTime:
            return too_slow(self.settings, doc, self.name)
        except InputError as err:
            return err
        except Exception as exc:  # noqa: BLE001 - reported per document, never hidden
            log.debug("stage %s failed on %s", self.name, doc.source, exc_info=True)
            return StageFailed(doc.source, f"stage {self.name!r} failed: {type(exc).__name__}: {exc}")
        doc._spent += time.perf_counter() - started
        if left is not None and time.perf_counter() - started > left:
            return too_slow(self.settings, doc, self.name)
        return result


@dataclass(frozen=True)
class StageSpec:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    factory: Callable[[Settings], Stage]


_REGISTRY: dict[str, StageSpec] = {}


def register(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()):
    """Class decorator: register a ``Stage`` subclass under ``name``."""

    def wrap(cls: type[Stage]) -> type[Stage]:
        if name in _REGISTRY and _REGISTRY[name].factory is not cls:
            raise PipelineError(f"stage {name!r} is registered twice")
        cls.name = name
        _REGISTRY[name] = StageSpec(name, tuple(requires), tuple(provides), cls)
        return cls

    return wrap


def registered() -> dict[str, StageSpec]:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


def _rank(spec: StageSpec) -> int:
    """Built-in stages in BUILTIN_MODULES order (not import order); others after them."""
    module = spec.factory.__module__
    return BUILTIN_MODULES.index(module) if module in BUILTIN_MODULES else len(BUILTIN_MODULES)


def default_order(specs: dict[str, StageSpec]) -> list[str]:
    """BUILTIN_MODULES order (then registration order), each stage after the stages it needs."""
    order: list[str] = []
    available = set(READER_PROVIDES)
    pending = sorted(specs, key=lambda name: _rank(specs[name]))
    while pending:
        for name in pending:
            if set(specs[name].requires) <= available:
                order.append(name)
                available |= set(specs[name].provides)
                pending.remove(name)
                break
        else:
            raise PipelineError(f"stages {pending} need what no stage provides")
    return order


def check_order(names: list[str], specs: dict[str, StageSpec]) -> None:
    available = set(READER_PROVIDES)
    for name in names:
        if name not in specs:
            raise PipelineError(f"unknown stage {name!r}; known: {', '.join(specs)}")
        missing = set(specs[name].requires) - available
        if missing:
            raise PipelineError(f"stage {name!r} needs {sorted(missing)}, which no earlier stage provides")
        available |= set(specs[name].provides)


class Pipeline:
    def __init__(self, settings: Settings, stages: list[str] | None = None):
        specs = registered()
        names = stages or settings.stages or default_order(specs)
        check_order(names, specs)
        self.settings = settings
        self.names = names
        self.stages = [specs[n].factory(settings) for n in names]
        if settings.time_budget:
            self.warm()

    def warm(self) -> None:
        """Run a short dispatch through every stage outside any time budget, so that the models and
        tables a stage loads at its first document are not counted against a document's budget."""
        from .inputs import header_document

        token = _WARMING.set(True)
        try:
            self.run_batch([header_document(text, "<warm-up>", []) for text in WARM_UP])
        finally:
            _WARMING.reset(token)

    def run(self, items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        """Stream ``items`` through the stages in batches; errors pass through in place."""
        iterator = iter(items)
        while batch := list(itertools.islice(iterator, self.settings.batch_size)):
            yield from self.run_batch(batch)

    def run_batch(self, batch: list[Document | InputError]) -> list[Document | InputError]:
        results: list[Document | InputError] = [self.bounded(item) for item in batch]
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Document)]
            if not live:
                break
            out = stage.pipe([results[i] for i in live])
            for i, r in zip(live, out, strict=True):
                results[i] = r
        return results

    def bounded(self, item: Document | InputError) -> Document | InputError:
        """The document, or ``TooLarge`` when its text is longer than ``max_chars`` (checked here,
        where every document enters the stages, from a reader or from the library alike)."""
        if isinstance(item, Document) and len(item.text) > self.settings.max_chars:
            return TooLarge(item.source, f"{len(item.text)} characters is over the maximum of "
                                         f"{self.settings.max_chars} (setting max_chars)")
        return item
