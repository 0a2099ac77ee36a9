import time

import pytest

from depeche.errors import EmptyInput, TooLarge
from depeche.models import Document
from depeche.pipeline import (Pipeline, PipelineError, Stage, StageFailed, StageSpec, TooSlow, check_order,
                              default_order, registered)


class Upper(Stage):
    def __call__(self, doc):
        if "boom" in doc.text:
            raise RuntimeError("exploded")
        if "reject" in doc.text:
            raise EmptyInput(doc.source, "rejected by a stage")
        doc.metadata["upper"] = doc.text.upper()
        return doc


SPECS = {
    "a": StageSpec("a", ("text",), ("x",), Upper),
    "b": StageSpec("b", ("x", "y"), ("z",), Upper),
    "c": StageSpec("c", ("x",), ("y",), Upper),
}


def doc(text: str) -> Document:
    return Document(id=text, source=f"src-{text}", text=text)


def test_default_order_moves_stages_after_their_needs():
    assert default_order(SPECS) == ["a", "c", "b"]


@pytest.mark.parametrize("names, message", [
    (["a", "b", "c"], "stage 'b' needs ['y']"),
    (["b"], "stage 'b' needs ['x', 'y']"),
    (["a", "nope"], "unknown stage 'nope'"),
])
def test_order_is_checked_when_built(names, message):
    with pytest.raises(PipelineError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_order(names, SPECS)


def test_unsatisfiable_registry_is_an_error():
    with pytest.raises(PipelineError, match="need what no stage provides"):
        default_order({"b": SPECS["b"]})


def test_builtin_stages_declare_a_valid_order():
    specs = registered()
    order = default_order(specs)
    check_order(order, specs)
    assert order[:3] == ["segments", "language", "nlp"]


def test_failures_stay_with_their_document(settings):
    stage = Upper(settings)
    stage.name = "upper"
    out = stage.pipe([doc("un"), doc("boom"), doc("reject"), doc("deux")])
    assert out[0].metadata["upper"] == "UN" and out[3].metadata["upper"] == "DEUX"
    assert isinstance(out[1], StageFailed) and "stage 'upper' failed: RuntimeError: exploded" in out[1].reason
    assert isinstance(out[2], EmptyInput) and out[2].source == "src-reject"


def test_run_streams_in_batches_and_keeps_order(settings, monkeypatch):
    small = settings.model_copy(update={"batch_size": 2})
    pipe = Pipeline(small, stages=["segments"])
    seen = []
    original = pipe.run_batch
    monkeypatch.setattr(pipe, "run_batch", lambda batch: seen.append(len(batch)) or original(batch))
    err = EmptyInput("bad", "no text")
    items = [doc("Un."), err, doc("Deux."), doc("Trois."), doc("Quatre.")]
    out = list(pipe.run(iter(items)))
    assert seen == [2, 2, 1]
    assert out[1] is err
    assert [o.text for o in out if isinstance(o, Document)] == ["Un.", "Deux.", "Trois.", "Quatre."]
    assert all(o.segments for o in out if isinstance(o, Document))


def test_every_stage_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "stages.md").read_text(encoding="utf-8")
    for name, spec in registered().items():
        assert f"| `{name}` |" in doc, f"stage {name!r} is missing from docs/stages.md"


def test_default_order_does_not_depend_on_import_order():
    specs = registered()
    shuffled = dict(reversed(list(specs.items())))
    assert default_order(shuffled) == default_order(specs)


class Slow(Stage):
    """Takes far too long on a document that says "lent"."""

    def __call__(self, doc):
        if "lent" in doc.text:
            time.sleep(30)
        doc.metadata["seen"] = True
        return doc


def test_a_document_over_its_time_budget_fails_alone_and_in_time(settings):
    quick = settings.model_copy(update={"time_budget": 0.2})
    pipe = Pipeline(quick, stages=["segments"])
    pipe.stages.append(Slow(quick))
    started = time.perf_counter()
    out = pipe.run_batch([doc("Un document rapide."), doc("Un document lent."), doc("Un autre, rapide.")])
    assert time.perf_counter() - started < 5  # interrupted, not waited for
    assert isinstance(out[1], TooSlow) and out[1].code == "too-slow" and "time_budget" in out[1].reason
    assert out[0].metadata["seen"] and out[2].metadata["seen"]


def test_no_time_budget_when_it_is_zero(settings):
    off = settings.model_copy(update={"time_budget": 0})
    pipe = Pipeline(off, stages=["segments"])
    assert [s.left(doc("Un.")) for s in pipe.stages] == [None]


def test_a_document_longer_than_max_chars_is_too_large(settings):
    small = settings.model_copy(update={"max_chars": 20})
    pipe = Pipeline(small, stages=["segments"])
    out = pipe.run_batch([doc("Court."), doc("Un document bien plus long que vingt caractères.")])
    assert isinstance(out[0], Document)
    assert isinstance(out[1], TooLarge) and "max_chars" in out[1].reason
