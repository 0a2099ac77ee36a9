"""Time grows at most linearly with the size of a pathological document (every stage, spaCy included).

Each pattern of ``tests/pathological.py`` is analyzed at two sizes, four times apart, in one run;
the time of the larger over the smaller must stay under 8 (linear: 4; a stage whose work grows
with the square of a sentence or of the document gives 16 and more). ``bench/pathological.py``
measures the same from 10 KB to 1 MB.
"""
from __future__ import annotations

import time

import pytest

from depeche.api import make_document
from depeche.errors import InputError
from depeche.pipeline import Pipeline

from .pathological import PATTERNS

SMALL = 4_000
FACTOR = 4
MAX_RATIO = 2 * FACTOR


@pytest.fixture(scope="module")
def pipe(settings):
    return Pipeline(settings.model_copy(update={"time_budget": 0}))


def seconds(pipe, text: str) -> float:
    """The best of two runs (the machine may be busy with something else for one)."""
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        result = pipe.run_batch([make_document(text)])[0]
        best = min(best, time.perf_counter() - started)
        assert not isinstance(result, InputError), f"{result.code}: {result.reason}"
    return best


@pytest.mark.model
@pytest.mark.parametrize("name", list(PATTERNS))
def test_time_grows_linearly(pipe, name):
    small, large = (seconds(pipe, PATTERNS[name](n)) for n in (SMALL, SMALL * FACTOR))
    assert large / small < MAX_RATIO, f"{name}: {small:.2f} s at {SMALL} chars, {large:.2f} s at {SMALL * FACTOR}"


@pytest.mark.model
@pytest.mark.parametrize("name", list(PATTERNS))
def test_spans_of_pathological_documents_are_the_text_at_their_offsets(pipe, name):
    from depeche.models import iter_spans

    doc = pipe.run_batch([make_document(PATTERNS[name](SMALL))])[0]
    assert all(doc.text[s:e] == t for s, e, t in iter_spans(doc))
