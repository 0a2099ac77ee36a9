"""The Store interface, on every backend (``tests/record/conftest.py``)."""
import pytest

from depeche.models import Document
from depeche.record import Store, StoreError
from depeche.record.backend import backend_for
from depeche.record.store import SQLiteStore
from tests.handmade import MOSCOW, bare, moscow, paris

TABLES = ("documents", "segments", "entities", "entity_mentions", "places", "place_mentions", "times",
          "quantities", "quotes", "events", "event_actors", "checks")


def counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


@pytest.mark.parametrize("make", [moscow, paris, bare])
def test_document_reads_back_equal(store, make):
    doc = make()
    assert store.put(doc, "p") == "new"
    assert store.document(doc.id) == doc
    assert store.document(doc.id).to_dict() == doc.to_dict()


def test_sentences_read_back(store):
    doc = paris()
    store.put(doc)
    assert [doc.text[s.start:s.end] for s in store.document(doc.id).sentences] == [
        "Emmanuel Macron a reçu le chancelier Olaf Scholz à Paris.",
        "Les deux dirigeants ont discuté de la défense européenne."]


def test_every_kind_of_record_has_rows(store):
    store.put(moscow())
    assert counts(store) == {"documents": 1, "segments": 3, "entities": 4, "places": 1, "times": 2, "quantities": 1,
                             "quotes": 1, "events": 2, "checks": 1, "entity_mentions": 5, "place_mentions": 2,
                             "event_actors": 3}


def test_same_document_twice_adds_nothing(store):
    store.put_many([moscow(), paris()])
    before, stats = counts(store), store.stats()
    assert store.put_many([moscow(), paris()]) == ["replaced", "replaced"]
    assert counts(store) == before and store.stats() == stats


def test_changed_article_replaces_its_old_rows(store):
    old = moscow()
    store.put_many([old, paris()])
    new = moscow(MOSCOW.replace("quête", "recherche"))
    assert new.id != old.id and new.source == old.source
    assert store.put(new) == "changed"
    assert store.stored(old.id) is None
    assert store.document(new.id) == new
    assert store.count("documents") == 2
    assert store.count("events") == 3 == store.count_events()  # 2 of the new article, 1 of paris
    assert {r.doc_id for r in store.events()} == {new.id, paris().id}


def test_same_text_from_another_source_is_one_document(store):
    store.put(paris())
    store.put(paris(source="elsewhere.txt"))
    assert store.count("documents") == 1
    assert store.stored(paris().id) == ("elsewhere.txt", "")


def test_delete_removes_every_row_and_count(store, new_store):
    store.put_many([moscow(), paris()])
    assert store.delete(moscow().id) and not store.delete(moscow().id)
    store.put(paris())
    fresh = new_store()
    fresh.put(paris())
    assert counts(store) == counts(fresh)
    assert store.stats()["events_by_type"] == fresh.stats()["events_by_type"] == {"CONSULT": 1}
    assert store.facets() == fresh.facets() and store.timeline().counts == {"2021-06": 1}


def test_failed_batch_writes_nothing(store):
    store.put(paris())
    broken = moscow()
    broken.events[0].source = None  # not a list: the write fails part-way
    with pytest.raises(Exception):
        store.put_many([bare(), broken])
    assert [d.id for d in store.documents()] == [paris().id]
    assert store.count_events() == 1


@pytest.mark.parametrize("key", ["paris.txt", "aris", "{prefix}"])
def test_resolve_by_id_prefix_or_source(store, key):
    store.put_many([moscow(), paris()])
    assert store.resolve(key.format(prefix=paris().id[:6])) == paris().id


@pytest.mark.parametrize("key", ["nothing-like-it", ".txt"])
def test_resolve_names_the_problem(store, key):
    store.put_many([moscow(), paris()])
    with pytest.raises(StoreError, match="no document|several documents"):
        store.resolve(key)


def test_documents_stream_in_ingest_order(store):
    store.put_many([paris(), moscow(), bare()])
    assert [d.source for d in store.documents()] == ["paris.txt", "moscow.txt", "bare.txt"]
    assert all(isinstance(d, Document) for d in store.documents())


def test_heads(store):
    store.put(moscow(), "pipe")
    head = store.heads([moscow().id, "absent"])
    assert list(head) == [moscow().id]
    assert head[moscow().id]["source"] == "moscow.txt" and head[moscow().id]["metadata"] == {"section": "monde", "rank": 3}
    assert head[moscow().id]["pipeline"] == "pipe" and head[moscow().id]["dct_value"] == "2023-09"


@pytest.mark.parametrize("location, backend", [("x.db", SQLiteStore), ("sqlite:///x.db", SQLiteStore)])
def test_a_location_names_its_backend(location, backend):
    assert backend_for(location) is backend


def test_an_unknown_backend_is_named():
    with pytest.raises(StoreError, match="no store backend for 'mysql'"):
        Store("mysql://localhost/depeche")


def test_store_opens_its_backend(tmp_path):
    with Store(tmp_path / "a.db") as s, Store(f"sqlite:///{tmp_path / 'b.db'}") as t:
        assert isinstance(s, SQLiteStore) and isinstance(t, SQLiteStore) and isinstance(s, Store)
        assert t.path == tmp_path / "b.db"
