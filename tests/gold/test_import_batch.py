"""The whole-article gold converter (scripts/gold/import_batch.py) on a made-up French text."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "gold"))

import import_batch  # noqa: E402
from common import assemble, check, sha1  # noqa: E402

ARTICLE = {"id": "fake-1", "date": "2021-05-12",
           "title": "  Le maire de Nantes agressé  ",
           "heading": "Le maire de Nantes, Paul Martin, a été frappé mardi.",
           "text": "Il a porté plainte, selon la mairie. Un suspect aurait été interpellé à Nantes."}


def _setup(tmp_path: Path, events, toponyms=(), timex=None, split="dev"):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    layers = ["events", "toponyms"] + (["timex"] if split != "train" else [])
    manifest = {"article": "fake-1", "split": split, "date": ARTICLE["date"], "sha1": sha1(assemble(ARTICLE)),
                "layers": layers, "batch": "B1", "double": False}
    (gold / "manifest.jsonl").write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    work = tmp_path / "B1"
    work.mkdir()
    (work / "batch.json").write_text('{"batch": "B1"}', encoding="utf-8")
    doc = {"article": "fake-1", "annotator": "T", "status": "done", "events": events,
           "toponyms": list(toponyms), "timex": timex or []}
    (work / "fake-1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return ["--gold", str(gold), "--corpus", str(corpus), str(work)], gold


GOOD = [
    {"trigger": "frappé", "type": "ASSAULT", "mode": "beat", "source": None,
     "target": [{"span": "Le maire de Nantes, [Paul Martin]", "ref": "="}],
     "factuality": "asserted", "attribution": None, "date": "2021-05-11", "event": "E1"},
    {"trigger": "agressé", "type": "ASSAULT", "mode": None, "source": None,
     "target": [{"span": "Le maire de Nantes #1", "ref": "Paul Martin"}],
     "factuality": "asserted", "attribution": None, "date": "2021-05-11", "event": "E1"},
    {"trigger": "porté plainte", "type": "ACCUSE", "mode": "allege",
     "source": [{"span": "Il", "ref": "Paul Martin"}], "target": None,
     "factuality": "reported", "attribution": "la mairie", "date": None, "event": "E2"},
    {"trigger": "interpellé", "type": "COERCE", "mode": "arrest", "source": None,
     "target": [{"span": "Un suspect", "ref": None}],
     "factuality": "hypothetical", "attribution": None, "date": None, "event": "E3"},
]


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_offsets_checks_and_refs(tmp_path):
    topo = [{"span": "Nantes", "all": True, "geonames": 2990969, "lat": 47.21725, "lon": -1.55336,
             "feature": "PPLA", "country": "FR", "resolved": True}]
    timex = [{"span": "mardi", "type": "DATE", "value": "2021-05-11"}]
    args, gold = _setup(tmp_path, GOOD, topo, timex)
    assert import_batch.main(args) == 0
    text = assemble(ARTICLE)
    assert text.startswith("Le maire de Nantes agressé\n\nLe maire")
    events = _read(gold / "events.jsonl")
    by = {text[slice(*e["trigger"])]: e for e in events}
    assert set(by) == {"frappé", "agressé", "porté plainte", "interpellé"}
    hit = by["frappé"]
    assert hit["check"] == check("frappé")
    assert text[slice(*hit["target"][0]["span"])] == "Paul Martin" == text[slice(*hit["target"][0]["ref"])]
    title_target = by["agressé"]["target"][0]
    assert title_target["span"][0] == 0  # occurrence #1: the title
    assert text[slice(*title_target["ref"])] == "Paul Martin"
    complaint = by["porté plainte"]
    assert text[slice(*complaint["source"][0]["span"])] == "Il"
    assert text[slice(*complaint["attribution"])] == "la mairie"
    assert by["interpellé"]["target"][0]["ref"] is None
    assert by["frappé"]["event"] == by["agressé"]["event"] == "fake-1:E1"
    assert [text[slice(*t["span"])] for t in _read(gold / "toponyms.jsonl")] == ["Nantes"] * 3
    assert _read(gold / "timex.jsonl")[0]["value"] == "2021-05-11"
    # re-import replaces the batch's records instead of adding to them
    assert import_batch.main(args) == 0
    assert len(_read(gold / "events.jsonl")) == 4
    assert len(_read(gold / "documents.jsonl")) == 1


@pytest.mark.parametrize("change, message", [
    ({"trigger": "battu"}, "not found in the text: 'battu'"),
    ({"trigger": "maire"}, "occurs 2 times"),
    ({"type": "ATTACK"}, "not a PLOVER type"),
    ({"mode": "firearm"}, "not a ASSAULT mode"),
    ({"factuality": "certain"}, "factuality"),
    ({"date": "11/05/2021"}, "not a TIMEX3 date"),
])
def test_fails_loudly(tmp_path, capsys, change, message):
    args, gold = _setup(tmp_path, [{**GOOD[0], **change}])
    assert import_batch.main(args) == 1
    err = capsys.readouterr().err
    assert "fake-1" in err and message in err
    assert not (gold / "events.jsonl").exists()
