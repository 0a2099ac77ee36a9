"""The events evaluation: the gold file's shape, and regression floors on the shared gold data."""
import json
from pathlib import Path

import pytest

from tests.support import shared
from depeche.evaluation.events import GOLD, eval_plover, eval_timebank, read_gold, read_tml_events
from depeche.models import Event

TYPES = set(Event.model_fields["type"].annotation.__args__)
FACTUALITY = set(Event.model_fields["factuality"].annotation.__args__)


def test_gold_file_is_annotations_only():
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 120
    assert len({r["article"] for r in records}) >= 60
    allowed = {"article", "window", "trigger", "type", "mode", "source", "target", "factuality",
               "attribution", "split", "check"}
    for r in records:
        assert set(r) <= allowed  # offsets and labels, never the article's words
        assert r["type"] in TYPES and r["factuality"] in FACTUALITY
        assert r["window"][0] <= r["trigger"][0] < r["trigger"][1] <= r["window"][1]
    assert {r["split"] for r in records} == {"dev", "test", "holdout", "holdout2"}
    assert len(read_gold(GOLD)) == len(records)


def test_tml_events_reader(tmp_path: Path):
    tml = tmp_path / "a.tml"
    tml.write_text('<TimeML><TEXT>Il <EVENT eid="e1" eiid="ei1" class="REPORTING">a dit</EVENT> qu\'il ne '
                   '<EVENT eid="e2" eiid="ei2" class="OCCURRENCE" polarity="NEG">viendra</EVENT> pas.</TEXT>'
                   '<SLINK relType="EVIDENTIAL" eventInstanceID="ei1" subordinatedEventInstance="ei2"/></TimeML>',
                   encoding="utf-8")
    doc = read_tml_events(tml)
    assert [doc.text[e.start:e.end] for e in doc.events] == ["a dit", "viendra"]
    assert doc.events[1].negative and doc.links == {"ei2": "EVIDENTIAL"}


def test_timebank_floors(settings):
    result = eval_timebank(shared("fr-timebank"), settings)
    assert result["reporting_recall"] >= REPORTING_RECALL - 0.03
    assert result["negation_recall"] >= NEGATION_RECALL - 0.03
    assert result["modality_recall"] >= MODALITY_RECALL - 0.03


def test_plover_gold_floors(settings):
    result = eval_plover(GOLD, shared("orangesum", "articles.jsonl"), settings)
    for split, floors in FLOORS.items():
        for key, floor in floors.items():
            assert result[split][key] >= floor - 0.02, (split, key, result[split][key])


# Reached on the shared gold data (depeche eval events), minus the margins above.
REPORTING_RECALL, NEGATION_RECALL, MODALITY_RECALL = 0.62, 0.86, 0.53
FLOORS = {
    "all": {"type_f1": 0.874, "actor_accuracy": 0.77, "factuality_accuracy": 0.914, "actor_coded": 0.588},
    "holdout": {"type_f1": 0.759, "actor_accuracy": 0.75, "factuality_accuracy": 0.88},
    "test": {"type_f1": 0.857, "actor_accuracy": 0.811, "factuality_accuracy": 0.906},
    "holdout2": {"type_f1": 0.859, "actor_accuracy": 0.703, "factuality_accuracy": 0.88},
}
