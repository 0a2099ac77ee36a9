"""Shared fixtures. The spaCy model is loaded once per test session."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings as hypothesis_settings

# The fuzz tests (test_fuzz.py in each folder): 2,000 examples per target, no deadline per
# example (the machine may be busy), a test that sets its own ``max_examples`` keeps it.
hypothesis_settings.register_profile("depeche", max_examples=2000, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
hypothesis_settings.load_profile("depeche")

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

