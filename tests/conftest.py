"""Shared fixtures. The spaCy model is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from depeche.config import Settings
from depeche.models import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def shared(*parts: str) -> Path:
    """A path under ../shared/data; skips the test with a clear message when absent."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared gold data not found at {path} (clone the shared data beside the repo)")
    return path


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings):
    """depeche's spaCy pipeline (model plus depeche's tokenizer and sentence rules)."""
    from depeche.nlp import load

    return load(settings.spacy_model)


@pytest.fixture(scope="session")
def analyze(settings):
    """``analyze(text, date=None)`` through the full pipeline, model loaded once."""
    import depeche

    def run(text: str, date: str | None = None) -> Document:
        return depeche.analyze(text, date, settings=settings)

    return run


def span_ok(doc: Document, start: int, end: int, text: str) -> bool:
    return 0 <= start <= end <= len(doc.text) and doc.text[start:end] == text
