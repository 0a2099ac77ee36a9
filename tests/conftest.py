"""Shared fixtures. The spaCy model is loaded once per test session."""
from __future__ import annotations

import pytest

from depeche.config import Settings
from depeche.models import Document


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

