"""The library API that the command line (and every other edge) calls."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from .config import Settings, load_settings
from .errors import InputError
from .models import Document
from .pipeline import Pipeline
from .inputs import content_id, header_document, parse_date, read_inputs


@lru_cache(maxsize=4)
def _pipeline(settings_json: str) -> Pipeline:
    return Pipeline(Settings.model_validate_json(settings_json))


def pipeline(settings: Settings | None = None) -> Pipeline:
    """The pipeline for ``settings``, built once per process and settings."""
    return _pipeline((settings or load_settings()).model_dump_json())


def make_document(text: str, date: str | None = None, source: str | None = None) -> Document:
    """A Document from a string; ``date`` (YYYY[-MM[-DD]]) overrides any header."""
    name = source or f"text:{content_id(text)}"
    doc = header_document(text, name, [])
    if date is not None:
        doc.dct = parse_date(date)
    return doc


def analyze(text: str, date: str | None = None, *, settings: Settings | None = None) -> Document:
    """Analyze one dispatch. Raises the ``InputError`` that rejects it, if any."""
    result = pipeline(settings).run_batch([make_document(text, date)])[0]
    if isinstance(result, InputError):
        raise result
    return result


def analyze_many(
    items: Iterable[str | tuple[str, str | None] | Document | InputError],
    *, settings: Settings | None = None,
) -> Iterator[Document | InputError]:
    """Stream texts, ``(text, date)`` pairs or read Documents through the pipeline.

    Yields a Document per input, or the InputError that rejected it, in input order.
    """
    def prepare(item):
        if isinstance(item, (Document, InputError)):
            return item
        text, date = (item, None) if isinstance(item, str) else item
        try:
            return make_document(text, date)
        except InputError as err:
            return err

    return pipeline(settings).run(prepare(i) for i in items)


def analyze_paths(paths: Iterable[str], *, settings: Settings | None = None, fmt: str | None = None,
                  source: str | None = None) -> Iterator[Document | InputError]:
    """Read files, directories or ``-`` and analyze every document in them; ``source`` names what
    standard input holds (default: ``<stdin>:`` and a hash of it)."""
    settings = settings or load_settings()
    return pipeline(settings).run(read_inputs(paths, settings, fmt, stdin_source=source))
