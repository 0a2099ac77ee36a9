"""Linking a record: incremental as articles arrive, idempotent, rebuilt alike, and never deleting a report;
on each store backend (SQLite, and PostgreSQL when a test server is there)."""
from __future__ import annotations

import pytest

from depeche.linking import link
from depeche.record import Store
from tests.linking.conftest import dispatch
from tests.record.conftest import drop_database, need_postgres, pg_database

PARIS = (48.85, 2.35)
MEETING = ("Emmanuel Macron a reçu mercredi à Paris le chancelier allemand pour discuter de la défense européenne "
           "et du soutien à l'Ukraine, a indiqué l'Elysée.")
FIRST = dispatch(MEETING, "2024-03-14", "a.txt", trigger="reçu", type="CONSULT", actor="Emmanuel Macron",
                 country="FRA", place="Paris", point=PARIS, metadata={"outlet": "Le Quotidien"})
PROTEST = dispatch("Des milliers de manifestants ont défilé samedi à Lyon contre la réforme des retraites.",
                   "2024-03-16", "b.txt", trigger="défilé", type="PROTEST", place="Lyon", country="FRA",
                   point=(45.76, 4.84))
COPY = dispatch(MEETING.replace("a indiqué l'Elysée", "selon l'Elysée"), "2024-03-14", "c.txt", trigger="reçu",
                type="CONSULT", actor="Emmanuel Macron", country="FRA", place="Paris", point=PARIS,
                metadata={"outlet": "Le Quotidien"})
OTHER = dispatch("Le chancelier allemand a été reçu à Paris par Emmanuel Macron : les deux dirigeants ont discuté "
                 "de la défense européenne et du soutien à l'Ukraine.", "2024-03-15", "d.txt", trigger="reçu",
                 type="CONSULT", actor="Emmanuel Macron", country="FRA", place="Paris", point=PARIS,
                 factuality="reported", metadata={"url": "https://www.exemple.fr/macron"})


def _state(store: Store) -> dict:
    linked = store.linked_events(with_reports=True)
    return {"events": [(e.id, e.corroboration.model_dump(), e.canonical) for e in linked],
            "links": sorted((r.doc_id, r.event_id, e.id, r.key == e.canonical) for e in linked for r in e.reports),
            "copies": store.copy_groups(), "stories": [s.id for s in store.stories(min_documents=1)]}


@pytest.fixture(params=["sqlite", "postgresql"])
def record(request, tmp_path):
    if request.param == "sqlite":
        with Store(tmp_path / "linked.db") as store:
            yield store
        return
    need_postgres()
    url = pg_database(f"depeche_linking_{request.node.name[:20].lower().replace('[', '_').replace(']', '')}")
    try:
        with Store(url) as store:
            yield store
    finally:
        drop_database(url)


def test_a_second_half_links_to_the_first_and_a_rerun_changes_nothing(record):
    record.put_many([FIRST, PROTEST])
    first = link(record)
    assert first.documents == 2 and first.counts["linked_events"] == 2
    record.put_many([COPY, OTHER])
    second = link(record)
    assert second.documents == 2 and second.edges >= 2
    meeting = next(e for e in record.linked_events(with_reports=True) if e.type == "CONSULT")
    c = meeting.corroboration
    assert (c.reports, c.independent, c.outlets) == (3, 2, 2)  # FIRST and COPY are one copy group
    assert c.factuality == {"reported": 1, "asserted": 2}
    assert {r.doc_id for r in meeting.reports} == {FIRST.id, COPY.id, OTHER.id}  # every report kept
    assert sum(1 for e in record.linked_events(with_reports=True) for r in e.reports if r.key == e.canonical) == 2
    before = _state(record)
    again = link(record)
    assert again.documents == 0 and again.edges == 0 and _state(record) == before
    record.put_many([FIRST, PROTEST, COPY, OTHER])  # re-ingested: same ids, same links
    link(record)
    assert _state(record) == before


def test_incremental_and_rebuilt_links_are_the_same(record, tmp_path):
    for doc in (OTHER, PROTEST, FIRST, COPY):  # one article at a time, in another order
        record.put_many([doc])
        link(record)
    incremental = _state(record)
    rebuilt = link(record, rebuild=True)
    assert rebuilt.rebuilt and _state(record) == incremental


def test_a_removed_article_unlinks_its_reports_only(record):
    record.put_many([FIRST, PROTEST, COPY, OTHER])
    link(record)
    record.delete(OTHER.id)
    report = link(record)
    assert report.documents == 0
    meeting = next(e for e in record.linked_events() if e.type == "CONSULT")
    assert meeting.corroboration.reports == 2
    assert record.link_counts()["event_links"] == record.link_counts()["events"]
