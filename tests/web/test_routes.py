"""The JSON API through the ASGI client: each route against what the test record holds."""
from __future__ import annotations

import pytest

from depeche.models import Document


def all_events(docs) -> list:
    return [(d, e) for d in docs.values() for e in d.events]


def test_pages_follow_next_links_to_every_event_once(client, docs):
    first = client.get("/api/v1/events", params={"size": 25})
    assert first.status_code == 200
    body = first.json()
    assert len(body["events"]) == 25 and body["next"].startswith("/api/v1/events?")
    assert first.headers["link"] == f'<{body["next"]}>; rel="next"'
    seen = [(e["doc_id"], e["id"]) for e in body["events"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [(e["doc_id"], e["id"]) for e in body["events"]]
    assert sorted(seen) == sorted((d.id, e.id) for d, e in all_events(docs))
    dates = [client.get(f"/api/v1/events/{d}/{e}").json()["event"]["date_first"] for d, e in seen]
    assert dates == sorted(dates)


def test_next_link_keeps_the_filters(client):
    body = client.get("/api/v1/events", params={"size": 2, "type": "CONSULT"}).json()
    assert "type=CONSULT" in body["next"] and "cursor=" in body["next"]
    again = client.get(body["next"]).json()
    assert again["events"] and all(e["type"] == "CONSULT" for e in again["events"])


@pytest.mark.parametrize("params, keep", [
    ({"type": "ACCUSE"}, lambda d, e: e.type == "ACCUSE"),
    ({"factuality": "reported"}, lambda d, e: e.factuality == "reported"),
    ({"place_country": "SEN"}, lambda d, e: any(p.id == e.place and p.country == "SEN" for p in d.places)),
    ({"country": "MLI"}, lambda d, e: any(x.id in e.source + e.target and x.country == "MLI" for x in d.entities)),
    ({"actor": "Poutine"}, lambda d, e: any(x.id in e.source + e.target and "Poutine" in x.name for x in d.entities)),
    ({"since": "2024-01", "until": "2024-03-31"}, lambda d, e: "2024-01-01" <= d.dct.value <= "2024-03-31"),
    ({"text": "diplomate"}, lambda d, e: "diplomates" in d.text),
    ({"mode": "demonstrate"}, lambda d, e: e.mode == "demonstrate"),
    ({"sector": "MIL"}, lambda d, e: any(x.id in e.source + e.target and x.sector == "MIL" for x in d.entities)),
    ({"attribution": "diplomates"}, lambda d, e: e.attribution is not None and "diplomates" in e.attribution.text),
    ({"attribution": "none"}, lambda d, e: e.attribution is None),
    ({"bbox": "-6,41,10,52"}, lambda d, e: any(p.id == e.place and -6 <= p.lon <= 10 and 41 <= p.lat <= 52
                                                for p in d.places)),
    ({"bbox": "-6,41,10,52", "type": "PROTEST", "attribution": "none"},
     lambda d, e: e.type == "PROTEST" and e.attribution is None
     and any(p.id == e.place and -6 <= p.lon <= 10 and 41 <= p.lat <= 52 for p in d.places)),
])
def test_filters_are_those_of_depeche_events(client, docs, params, keep):
    body = client.get("/api/v1/events", params={**params, "size": 500}).json()
    expected = sorted((d.id, e.id) for d, e in all_events(docs) if keep(d, e))
    assert expected, "the record holds matching events"
    assert sorted((e["doc_id"], e["id"]) for e in body["events"]) == expected
    assert client.get("/api/v1/events/count", params=params).json() == {"events": len(expected)}


def test_doc_filter_takes_a_prefix(client, docs):
    doc = docs["web/hostile.txt"]
    body = client.get("/api/v1/events", params={"doc": doc.id[:8]}).json()
    assert [(e["doc_id"], e["id"]) for e in body["events"]] == [(doc.id, "V1")]


def test_one_event_with_its_evidence(client, docs):
    doc, ev = next((d, e) for d, e in all_events(docs) if e.attribution is not None)
    body = client.get(f"/api/v1/events/{doc.id}/{ev.id}").json()
    evidence = body["evidence"]
    assert body["event"]["type"] == ev.type and body["document"] == {"id": doc.id, "source": doc.source,
                                                                      "date": doc.dct.value}
    assert evidence["trigger"] == {"start": ev.start, "end": ev.end, "text": ev.text, "kind": None}
    sentence = evidence["sentence"]
    assert sentence["start"] <= ev.start < ev.end <= sentence["end"]
    assert doc.text[sentence["start"]:sentence["end"]] == sentence["text"]
    assert evidence["attribution"]["text"] == doc.text[ev.attribution.start:ev.attribution.end] == ev.attribution.text
    assert evidence["cues"] == ev.cues


def test_a_document_with_every_span(client, docs):
    doc = docs["web/hostile.txt"]
    got = Document.model_validate(client.get(f"/api/v1/documents/{doc.id}").json())
    assert got.text == doc.text
    assert got.entities == doc.entities and got.places == doc.places and got.times == doc.times
    assert got.quotes == doc.quotes and got.events == doc.events and got.sentences == doc.sentences


def _counts(docs, key):
    out: dict = {}
    for d, e in all_events(docs):
        for k in key(d, e):
            out[k] = out.get(k, 0) + 1
    return out


def test_entities_and_places_with_counts(client, docs):
    actors = _counts(docs, lambda d, e: {(x.name, x.country) for x in d.entities if x.id in e.source + e.target})
    places = _counts(docs, lambda d, e: {(p.name, p.country) for p in d.places if p.id == e.place})
    got = client.get("/api/v1/entities", params={"limit": 1000}).json()
    assert {(r["name"], r["country"]): r["events"] for r in got} == actors
    assert [r["events"] for r in got] == sorted((r["events"] for r in got), reverse=True)
    got = client.get("/api/v1/places", params={"limit": 1000}).json()
    assert {(r["name"], r["country"]): r["events"] for r in got} == places
    assert all(r["lat"] is not None and r["lon"] is not None for r in got)


def test_facets(client, docs):
    body = client.get("/api/v1/facets", params=[("dims", "type"), ("dims", "factuality")]).json()
    assert body == {"type": _sorted(_counts(docs, lambda d, e: {e.type})),
                    "factuality": _sorted(_counts(docs, lambda d, e: {e.factuality}))}


def _sorted(counts):
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@pytest.mark.parametrize("by, key", [("month", lambda day: day[:7]), ("day", lambda day: day)])
def test_timeline_counts_events_and_share_of_documents(client, docs, by, key):
    assert all(p["share"] is None for p in client.get("/api/v1/timeline", params={"by": by}).json()["periods"])
    body = client.get("/api/v1/timeline", params={"by": by, "type": "PROTEST", "share": "true"}).json()
    periods = {p["period"]: p for p in body["periods"]}
    events = _counts(docs, lambda d, e: {key(d.dct.value)} if e.type == "PROTEST" else set())
    documents: dict = {}
    matching: dict = {}
    for d in docs.values():
        documents[key(d.dct.value)] = documents.get(key(d.dct.value), 0) + 1
        if any(e.type == "PROTEST" for e in d.events):
            matching[key(d.dct.value)] = matching.get(key(d.dct.value), 0) + 1
    assert {k: p["events"] for k, p in periods.items() if p["events"]} == events
    assert {k: p["documents"] for k, p in periods.items()} == documents
    assert {k: p["matching_documents"] for k, p in periods.items() if p["matching_documents"]} == matching
    for p in periods.values():
        assert p["share"] == pytest.approx(p["matching_documents"] / p["documents"])


def test_actor_pairs_with_counts(client, docs):
    pairs = _counts(docs, lambda d, e: {(s.name, t.name) for s in d.entities if s.id in e.source
                                        for t in d.entities if t.id in e.target})
    got = client.get("/api/v1/actor-pairs", params={"limit": 1000}).json()
    assert {(r["name"], r["target_name"]): r["events"] for r in got} == pairs


def test_countries_name_the_map_shapes(client):
    body = client.get("/api/v1/countries").json()
    by_code = {c["iso3"]: c for c in body}
    assert by_code["FRA"]["numeric"] == 250 and by_code["SEN"]["numeric"] == 686


def test_record_info(client, docs, record):
    from depeche.record import Store

    with Store(record) as store:
        version = store.version
    assert client.get("/api/v1/record").json() == {"schema_version": version, "documents": len(docs),
                                                   "events": len(all_events(docs))}


def test_linked_events_stories_and_each_event_s_counts(linked_client):
    from tests.web.corpus import linked_documents

    first, copy, third, protest = linked_documents()
    rows = linked_client.get("/api/v1/linked-events", params={"min_reports": 2}).json()
    assert [(r["type"], r["corroboration"]["reports"], r["corroboration"]["independent"]) for r in rows] == [
        ("CONSULT", 3, 2)]
    assert linked_client.get("/api/v1/linked-events", params={"type": "PROTEST"}).json()[0]["corroboration"][
        "reports"] == 1
    one = linked_client.get(f"/api/v1/linked-events/{rows[0]['id']}").json()
    assert {r["doc_id"] for r in one["reports"]} == {first.id, copy.id, third.id}  # every report kept
    detail = linked_client.get(f"/api/v1/events/{third.id}/V1").json()
    assert detail["linked"]["id"] == rows[0]["id"] and detail["linked"]["outlets"] == 2
    assert detail["linked"]["summary"] == "1 event, 3 reports, 2 independent; reported by 1, asserted by 2"
    per_event = linked_client.get(f"/api/v1/documents/{protest.id}/linked").json()
    assert per_event["V1"]["summary"] == "1 event, 1 report, 1 independent; asserted by 1"
    stories = linked_client.get("/api/v1/stories", params={"min_documents": 1}).json()
    assert sum(s["documents"] for s in stories) == 4


@pytest.mark.parametrize("path, code", [
    ("/api/v1/linked-events/L0000000", "not-found"), ("/api/v1/linked-events/nope", "bad-parameter"),
    ("/api/v1/stories?since=2024-13", "bad-parameter")])
def test_linked_views_refuse_what_is_not_there(linked_client, path, code):
    assert linked_client.get(path).json()["error"]["code"] == code


def test_an_unlinked_record_answers_without_links(client, docs):
    """The test record is not linked: no counts, empty lists (a backend that cannot link: a named error)."""
    doc = next(d for d in docs.values() if d.events)
    assert client.get(f"/api/v1/events/{doc.id}/{doc.events[0].id}").json()["linked"] is None
    assert client.get(f"/api/v1/documents/{doc.id}/linked").json() == {}
    answer = client.get("/api/v1/linked-events")
    assert answer.status_code == 200 and answer.json() == []
