"""Streamed exports (NDJSON, CSV, GeoJSON) of every matching event, past one stream batch, and
the actor network as GEXF and GraphML, each read back with its users' library."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from depeche.record import EVENT_COLUMNS, Store
from depeche.web import create_app
from tests.web.conftest import BASE
from tests.web.corpus import documents

DISPATCHES = 700  # about 1,050 events: more than one batch of Store.stream (1,000)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "record.db"
    docs = documents(DISPATCHES, seed=11)
    with Store(path) as store:
        store.put_many(docs)
    with TestClient(create_app(str(path)), base_url=BASE) as c:
        yield c, docs


def events_of(docs, keep=lambda d, e: True):
    return sorted((d.id, e.id) for d in docs for e in d.events if keep(d, e))


def test_ndjson_holds_every_event(big):
    client, docs = big
    response = client.get("/api/v1/export/events.ndjson")
    assert response.headers["content-type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert len(rows) > 1000
    assert sorted((r["doc_id"], r["id"]) for r in rows) == events_of(docs)


def test_csv_is_flat_and_filtered(big):
    client, docs = big
    response = client.get("/api/v1/export/events.csv", params={"type": "PROTEST"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="depeche-events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert sorted((r["doc_id"], r["event_id"]) for r in rows) == events_of(docs, lambda d, e: e.type == "PROTEST")
    assert all(r["lat"] and r["lon"] and r["place_name"] for r in rows)


def test_geojson_is_a_feature_collection(big):
    client, docs = big
    body = json.loads(client.get("/api/v1/export/events.geojson").text)
    assert body["type"] == "FeatureCollection" and len(body["features"]) > 1000
    paris = next(f for f in body["features"] if f["properties"]["place_name"] == "Paris")
    assert paris["geometry"] == {"type": "Point", "coordinates": [2.3488, 48.8534]}


@pytest.mark.parametrize("fmt, read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_actor_network_exports(client, docs, fmt, read):
    pairs = client.get("/api/v1/actor-pairs", params={"limit": 1000}).json()
    response = client.get(f"/api/v1/actor-pairs.{fmt}", params={"limit": 1000})
    assert response.status_code == 200
    graph = read(io.BytesIO(response.content))
    assert graph.number_of_edges() == len(pairs)
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {p["name"] for p in pairs} | {p["target_name"] for p in pairs} == labels
    weights = sorted(int(data["weight"]) for _, _, data in graph.edges(data=True))
    assert weights == sorted(p["events"] for p in pairs)


@pytest.mark.parametrize("page", [1, 500])
def test_linked_events_export_streams_every_linked_event_with_its_reports(linked_client, monkeypatch, page):
    from depeche.web import exports

    monkeypatch.setattr(exports, "LINKED_PAGE", page)  # one page, or a page per linked event
    answer = linked_client.get("/api/v1/export/linked.ndjson")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in answer.text.splitlines()]
    assert sorted((r["type"], len(r["reports"]), r["corroboration"]["independent"]) for r in rows) == [
        ("CONSULT", 3, 2), ("PROTEST", 1, 1)]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    more = linked_client.get("/api/v1/export/linked.ndjson", params={"min_reports": 2}).text.splitlines()
    assert [json.loads(line)["type"] for line in more] == ["CONSULT"]
