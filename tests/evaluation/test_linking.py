"""The linking gold (eval/linking): ids, offsets and hashes only; and the floors reached on its test pairs."""
from __future__ import annotations

import csv

import pytest

from depeche.evaluation import linking as ev
from depeche.evaluation.linking import GOLD
from tests.support import shared

COPY_COLUMNS = ["pair", "split", "stratum", "a", "a_doc", "b", "b_doc", "label", "note"]
EVENT_COLUMNS = ["group", "pair", "split", "stratum", "a_doc", "a_source", "a_start", "a_end", "a_type",
                 "b_doc", "b_source", "b_start", "b_end", "b_type", "label", "note"]


def _rows(name: str) -> list[dict]:
    with open(GOLD / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("name, columns, pairs, positives", [
    ("copies.tsv", COPY_COLUMNS, 200, 80), ("events.tsv", EVENT_COLUMNS, 700, 90)])
def test_gold_holds_labels_and_offsets_only(name, columns, pairs, positives):
    rows = _rows(name)
    assert list(rows[0]) == columns
    assert len(rows) >= pairs and sum(r["label"] == "1" for r in rows) >= positives
    assert {r["split"] for r in rows} == {"dev", "test"}
    for r in rows:
        assert r["label"] in ("0", "1", "")
        assert len(r["note"]) < 60  # the annotator's reason, never the article's words
        assert all(len(r[k]) == 16 and int(r[k], 16) >= 0 for k in ("a_doc", "b_doc"))
        if name == "events.tsv":
            assert 0 <= int(r["a_start"]) < int(r["a_end"]) and 0 <= int(r["b_start"]) < int(r["b_end"])
    # a group's pairs all lie in one split (no group is split between dev and test)
    if name == "events.tsv":
        splits = {}
        for r in rows:
            assert splits.setdefault(r["group"], r["split"]) == r["split"]


def test_bcubed_on_a_group():
    a, b, c = ("d", 0, 1, "X"), ("e", 0, 1, "X"), ("f", 0, 1, "X")
    # gold: a=b, c alone; system: all three together
    scores = ev._bcubed({(a, b): (True, True), (a, c): (True, False), (b, c): (True, False)})
    precision = sum(p for p, _ in scores) / 3
    recall = sum(r for _, r in scores) / 3
    assert round(precision, 4) == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4) and recall == 1.0


def test_linking_floors(settings):
    """Reached on the test pairs (depeche eval linking --split test), minus a small margin."""
    data = shared("orangesum", "articles.jsonl").parents[1]
    result = ev.evaluate(data, settings, splits=("test",))
    copies, events = result["copies"], result["events"]
    assert copies["metrics"]["test"]["f1"] >= COPY_F1 - 0.02
    assert copies["corpus"]["articles_per_cpu_second"] >= 1200  # the bench measures it properly (2,440+)
    assert events["metrics"]["test"]["f1"] >= EVENT_F1 - 0.03
    assert events["metrics"]["test"]["bcubed_f1"] >= EVENT_BCUBED - 0.02
    assert events["metrics"]["test"]["f1"] > events["baseline"]["test"]["f1"] + 0.3


COPY_F1, EVENT_F1, EVENT_BCUBED = 0.937, 0.551, 0.959
