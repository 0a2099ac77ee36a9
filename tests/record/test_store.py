import sqlite3

import pytest

from depeche.models import Document
from depeche.record.store import TABLES, Store, StoreError, migrations
from tests.handmade import MOSCOW, bare, moscow, paris


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as s:
        yield s


def counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


@pytest.mark.parametrize("make", [moscow, paris, bare])
def test_document_reads_back_equal(store, make):
    doc = make()
    assert store.put(doc, "p") == "new"
    assert store.document(doc.id) == doc
    assert store.document(doc.id).to_dict() == doc.to_dict()


def test_every_kind_of_record_has_rows(store):
    store.put(moscow())
    got = counts(store)
    assert got == {"documents": 1, "segments": 3, "entities": 4, "places": 1, "times": 2, "quantities": 1,
                   "quotes": 1, "events": 2, "checks": 1, "entity_mentions": 5, "place_mentions": 2,
                   "event_actors": 3, "entity_words": 7}


def test_same_document_twice_adds_nothing(store):
    store.put_many([moscow(), paris()])
    before = counts(store)
    assert store.put_many([moscow(), paris()]) == ["replaced", "replaced"]
    assert counts(store) == before


def test_changed_article_replaces_its_old_rows(store):
    old = moscow()
    store.put_many([old, paris()])
    new = moscow(MOSCOW.replace("quête", "recherche"))
    assert new.id != old.id and new.source == old.source
    assert store.put(new) == "changed"
    assert store.stored(old.id) is None
    assert store.document(new.id) == new
    assert store.count("documents") == 2
    assert store.count("events") == 3  # 2 of the new article, 1 of paris: none of the old one
    assert not store.conn.execute("SELECT 1 FROM entity_mentions WHERE doc_id = ?", (old.id,)).fetchall()


def test_same_text_from_another_source_is_one_document(store):
    store.put(paris())
    store.put(paris(source="elsewhere.txt"))
    assert store.count("documents") == 1
    assert store.stored(paris().id) == ("elsewhere.txt", "")


def test_delete_cascades_to_every_table(store):
    store.put_many([moscow(), paris()])
    assert store.delete(moscow().id)
    store.put(paris())
    left = counts(store)
    fresh = Store(store.path.with_name("fresh.db"))
    fresh.put(paris())
    assert left == counts(fresh)


def test_failed_batch_writes_nothing(store):
    store.put(paris())
    broken = moscow()
    broken.events[0].source = None  # not a list: the write fails part-way
    with pytest.raises(Exception):
        store.put_many([bare(), broken])
    assert [d.id for d in store.documents()] == [paris().id]


@pytest.mark.parametrize("key", ["paris.txt", "aris", "{prefix}"])
def test_resolve_by_id_prefix_or_source(store, key):
    store.put_many([moscow(), paris()])
    assert store.resolve(key.format(prefix=paris().id[:6])) == paris().id


@pytest.mark.parametrize("key", ["nothing-like-it", ".txt"])
def test_resolve_names_the_problem(store, key):
    store.put_many([moscow(), paris()])
    with pytest.raises(StoreError, match="no document|several documents"):
        store.resolve(key)


def test_schema_is_migrated_once_and_wal(tmp_path):
    path = tmp_path / "m.db"
    with Store(path) as s:
        assert s.version == len(migrations()) >= 1
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        s.put(paris())
    with Store(path) as s:  # reopening applies nothing and keeps the data
        assert s.version == len(migrations()) and s.count() == 1
    with Store(path, readonly=True) as s:
        assert s.document(paris().id) == paris()


def test_upgrade_keeps_what_an_older_schema_stored(tmp_path, monkeypatch):
    """A database written at schema 1 (newer fields in ``extra``) reads back whole after upgrading."""
    import depeche.record.store

    doc = moscow()
    doc.quantities[0].high = 1500.0
    doc.entities[0].metonymy = False
    doc.entities[2].metonymy = True
    doc.entities[0].mentions[1].kind = "name"
    first = migrations()[:1]
    monkeypatch.setattr(depeche.record.store, "migrations", lambda: first)
    with Store(tmp_path / "old.db") as old:
        assert old.version == 1
        old.put(doc)
        assert "high" in old.conn.execute("SELECT extra FROM quantities").fetchone()[0]
    monkeypatch.undo()
    with Store(tmp_path / "old.db") as new:
        assert new.version == len(migrations()) > 1
        assert new.document(doc.id) == doc
        filled = {r[0] for r in new.conn.execute("SELECT word FROM entity_words WHERE entity_id = 'E1'")}
        assert filled == {"vladimir", "poutine"}  # migration 4 indexed the names already stored
        new.put(doc)  # rewritten at the new schema: the fields have columns now
        assert new.conn.execute("SELECT high, extra FROM quantities").fetchone()[:] == (1500.0, None)
        assert new.document(doc.id) == doc


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00garbage" * 10])
def test_not_a_database(tmp_path, content):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a depeche database"):
        Store(path)


def test_missing_database_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "absent.db", readonly=True)


def test_event_dates_are_periods(store):
    store.put(moscow())
    rows = store.conn.execute("SELECT id, date, date_first, date_last FROM events ORDER BY id").fetchall()
    # V1 has a time ("mercredi" = 2023-09-13); V2 has none and takes the document's month.
    assert [tuple(r) for r in rows] == [("V1", "2023-09-13", "2023-09-13", "2023-09-13"),
                                        ("V2", "2023-09", "2023-09-01", "2023-09-30")]


def test_documents_stream_in_ingest_order(store):
    store.put_many([paris(), moscow(), bare()])
    assert [d.source for d in store.documents()] == ["paris.txt", "moscow.txt", "bare.txt"]
    assert all(isinstance(d, Document) for d in store.documents())
