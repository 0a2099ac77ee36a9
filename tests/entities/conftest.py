"""The entity tests' document runner: segments, language, nlp and entities, spans checked."""
from __future__ import annotations

import pytest

from depeche.api import make_document
from depeche.models import Document
from depeche.pipeline import Pipeline
from tests.support import span_ok


@pytest.fixture(scope="session")
def run(settings, nlp):
    """``run(text, date)``: the document through the stages up to entities."""
    pipeline = Pipeline(settings, stages=["segments", "language", "nlp", "entities"])

    def run(text: str, date: str | None = "2023-09-13") -> Document:
        result = pipeline.run_batch([make_document(text, date)])[0]
        assert isinstance(result, Document), result
        for entity in result.entities:
            for m in entity.mentions:
                assert span_ok(result, m.start, m.end, m.text)
        return result

    return run
