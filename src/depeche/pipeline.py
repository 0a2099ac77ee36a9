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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .config import Settings
from .errors import DepecheError, InputError
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


class Stage:
    """Base class: override ``__call__`` (one document) or ``pipe`` (a batch)."""

    name = "stage"

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: list[Document]) -> list[Document | InputError]:
        return [self.guarded(self, doc) for doc in docs]

    def guarded(self, fn: Callable[[Document], Document], doc: Document) -> Document | InputError:
        """``fn(doc)``, with a failure turned into a named error for that document alone."""
        try:
            return fn(doc)
        except InputError as err:
            return err
        except Exception as exc:  # noqa: BLE001 - reported per document, never hidden
            log.exception("stage %s failed on %s", self.name, doc.source)
            return StageFailed(doc.source, f"stage {self.name!r} failed: {type(exc).__name__}: {exc}")


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

    def run(self, items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        """Stream ``items`` through the stages in batches; errors pass through in place."""
        iterator = iter(items)
        while batch := list(itertools.islice(iterator, self.settings.batch_size)):
            yield from self.run_batch(batch)

    def run_batch(self, batch: list[Document | InputError]) -> list[Document | InputError]:
        results: list[Document | InputError] = list(batch)
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Document)]
            if not live:
                break
            out = stage.pipe([results[i] for i in live])
            for i, r in zip(live, out, strict=True):
                results[i] = r
        return results
