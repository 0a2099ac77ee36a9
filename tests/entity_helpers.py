"""Helpers for the entity tests: a pipeline up to the entities stage, and finding an entity by mention."""
from __future__ import annotations

from conftest import span_ok

from depeche.api import make_document
from depeche.models import Document
from depeche.pipeline import Pipeline


def runner(settings):
    """``run(text, date)``: the document through segments, language, nlp and entities, spans checked."""
    pipeline = Pipeline(settings, stages=["segments", "language", "nlp", "entities"])

    def run(text: str, date: str | None = "2023-09-13") -> Document:
        result = pipeline.run_batch([make_document(text, date)])[0]
        assert isinstance(result, Document), result
        for entity in result.entities:
            for m in entity.mentions:
                assert span_ok(result, m.start, m.end, m.text)
        return result

    return run


def find(doc: Document, text: str):
    """The entity having a mention with exactly this text."""
    for entity in doc.entities:
        if any(m.text == text for m in entity.mentions):
            return entity
    raise AssertionError(f"no entity mention {text!r} in {[(e.name, [m.text for m in e.mentions]) for e in doc.entities]}")
