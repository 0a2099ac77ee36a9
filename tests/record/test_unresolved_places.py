"""A place the gazetteer cannot resolve is kept by the record: stored, queried, exported."""
import json

import pytest

from depeche.record.store import Store
from tests.handmade import village


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "v.db") as s:
        s.put(village())
        yield s


def test_unresolved_place_reads_back_whole(store):
    doc = store.document(village().id)
    assert doc == village()
    (row,) = [r for r in store.rows("places") if r["name"] == "Trifouillis-les-Oies"]
    assert (row["resolved"], row["lat"], row["lon"], row["country"], row["feature"]) == (0, None, None, None, None)
    assert store.count("place_mentions") == 2


def test_query_keeps_the_unresolved_place_of_an_event(store):
    (row,) = store.events()
    assert (row.place, row.place_country) == ("Trifouillis-les-Oies", None)
    assert store.events(place_country="FRA") == []


def test_exports_keep_the_unresolved_place(store, tmp_path):
    [path] = store.export("plover", tmp_path / "p.jsonl")
    (record,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert record["event_loc"] == {"extracted_place": "Trifouillis-les-Oies", "resolved_place": None, "geonameid": None,
                                   "lat": None, "lon": None, "country_code": None, "feature_class": None,
                                   "feature_code": None}
    [path] = store.export("csv", tmp_path / "events.csv")
    assert "Trifouillis-les-Oies" in path.read_text(encoding="utf-8")
    [path] = store.export("geojson", tmp_path / "events.geojson")
    assert json.loads(path.read_text(encoding="utf-8"))["features"] == []  # no point to draw
    store.export("tables-csv", tmp_path / "csv")
    assert "Trifouillis-les-Oies" in (tmp_path / "csv" / "places.csv").read_text(encoding="utf-8")
