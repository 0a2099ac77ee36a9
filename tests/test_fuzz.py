"""Fuzzing the pipeline on short texts: a Document whose every span is the text at its offsets, or a
named InputError; never another exception.

The model-free stages (segments, times, quantities, checks) take 2,000 texts one at a time; the
whole pipeline, spaCy included, takes 2,000 texts in batches of 20 (a batch is what it is built for,
and one text at a time would take minutes).
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from depeche.api import make_document
from depeche.errors import InputError
from depeche.models import Document, iter_spans
from depeche.pipeline import Pipeline
from tests.strategies import headers, texts

MODEL_FREE = ["segments", "times", "quantities", "checks"]
BATCH = 20


def sound(result) -> bool:
    if isinstance(result, InputError):
        return bool(result.code and result.reason)
    assert isinstance(result, Document)
    return all(0 <= s <= e <= len(result.text) and result.text[s:e] == t for s, e, t in iter_spans(result))


def documents(items: list[str]) -> list[Document | InputError]:
    out = []
    for text in items:
        try:
            out.append(make_document(text))
        except InputError as err:
            out.append(err)
    return out


@pytest.fixture(scope="module")
def model_free(settings):
    return Pipeline(settings, stages=MODEL_FREE)


@pytest.fixture(scope="module")
def whole(settings):
    from depeche.api import pipeline

    return pipeline(settings)  # (the one the other tests use: loaded once)


@given(headers | texts)
def test_model_free_stages_on_any_short_text(model_free, text):
    assert all(sound(r) for r in model_free.run_batch(documents([text])))


@pytest.mark.model
@settings(max_examples=2000 // BATCH)
@given(st.lists(headers | texts, min_size=BATCH, max_size=BATCH))
def test_the_whole_pipeline_on_batches_of_short_texts(whole, batch):
    assert all(sound(r) for r in whole.run_batch(documents(batch)))
