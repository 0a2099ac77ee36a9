"""The SQLite backend: its file, migrations, and the tables triggers keep in step."""
import sqlite3
import subprocess
import sys
import time

import pytest

from depeche.record.store import SQLiteStore as Store, StoreError, migrations
from tests.handmade import MOSCOW, bare, moscow, paris


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as s:
        yield s


def test_entity_words_and_changed_articles(store):
    old = moscow()
    store.put_many([old, paris()])
    assert store.count("entity_words") == 7 + 4
    store.put(moscow(MOSCOW.replace("quête", "recherche")))
    assert not store.conn.execute("SELECT 1 FROM entity_mentions WHERE doc_id = ?", (old.id,)).fetchall()
    assert not store.conn.execute("SELECT 1 FROM event_keys WHERE doc_id = ?", (old.id,)).fetchall()


def query_tables(store) -> dict[str, list[tuple]]:
    return {t: sorted(tuple(r) for r in store.conn.execute(f"SELECT * FROM {t}"))
            for t in ("event_keys", "event_countries", "event_sectors", "event_counts")}


def same_doc(tables: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The query tables less the document's row number (a document written again gets a new one)."""
    return {"event_keys": sorted(r[1:] for r in tables["event_keys"]),
            "event_countries": sorted(r[:2] + r[3:] for r in tables["event_countries"]),
            "event_sectors": sorted(r[:2] + r[3:] for r in tables["event_sectors"]),
            "event_counts": [r for r in tables["event_counts"] if r[2]]}


def test_query_tables_follow_the_rows(store):
    store.put_many([moscow(), paris(), bare()])
    tables = query_tables(store)
    assert [r[4:9] for r in tables["event_keys"]] == [
        (20230913, 20230913, "CONSULT", "asserted", "RUS"), (20230901, 20230930, "REQUEST", "reported", None),
        (20210610, 20210610, "CONSULT", "asserted", "FRA")]
    assert [r[9:] for r in tables["event_keys"]] == [  # mode, place point, attribution words (migration 9)
        ("visit", 43.1056, 131.8735, None), (None, None, None, " selon washington washington "),
        (None, 48.8534, 2.3488, None)]
    assert [r[0] for r in tables["event_countries"]] == ["DEU", "FRA", "PRK", "PRK", "RUS"]
    assert [r[0] for r in tables["event_sectors"]] == ["GOV"] * 3
    store.delete(moscow().id)
    left = {(d, k): n for d, k, n in query_tables(store)["event_counts"] if n}
    assert left == {("type", "CONSULT"): 1, ("factuality", "asserted"): 1, ("place_country", "FRA"): 1,
                    ("period", "20210610-20210610"): 1, ("country", "FRA"): 1, ("country", "DEU"): 1,
                    ("mode", ""): 1, ("attributed", "0"): 1, ("sector", "GOV"): 1}


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
        migrated = same_doc(query_tables(new))  # migration 7 filled the query tables from the rows stored
        assert [r[1] for r in new.conn.execute("SELECT * FROM documents_fts_vocab WHERE term = 'poutine'")] == [1]
        new.put(doc)  # rewritten at the new schema: the fields have columns now
        assert new.conn.execute("SELECT high, extra FROM quantities").fetchone()[:] == (1500.0, None)
        assert new.document(doc.id) == doc
        assert same_doc(query_tables(new)) == migrated


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


def test_datasette_finds_the_full_text_index(store):
    from datasette.utils import detect_fts

    store.put(paris())
    assert detect_fts(store.conn, "documents") == "documents_fts"
    found = store.conn.execute("SELECT rowid FROM documents WHERE rowid IN (SELECT rowid FROM documents_fts "
                               "WHERE documents_fts MATCH 'defense')").fetchall()  # datasette's _search
    assert len(found) == 1


def test_a_foreign_sqlite_file_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a depeche database .*left as it was"):
            Store(path, readonly=readonly)
    assert path.read_bytes() == before and not (tmp_path / "notes.sqlite-wal").exists()


def test_no_folder_to_create_the_database_in(tmp_path):
    with pytest.raises(StoreError, match="no folder"):
        Store(tmp_path / "absent" / "x.db")


OPEN_AT = "import sys, time; from depeche.record.store import Store\n" \
          "while time.time() < float(sys.argv[2]): pass\n" \
          "Store(sys.argv[1]).close(); print('ok')"


def test_two_processes_create_one_new_database_at_once(tmp_path):
    for attempt in range(3):
        path = tmp_path / f"new{attempt}.db"
        at = str(time.time() + 3)
        procs = [subprocess.Popen([sys.executable, "-c", OPEN_AT, str(path), at], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [o[1].decode()[-500:] for o in outs]
        with Store(path) as s:
            assert s.version == len(migrations())


def test_a_database_opened_read_only_is_read_and_not_changed(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as s:
        s.put_many([moscow(), paris()])
    before = path.read_bytes()
    with Store(path, readonly=True) as s:
        assert s.count() == 2 and s.document("moscow").source == "moscow.txt"
    assert path.read_bytes() == before


def test_a_full_disk_is_a_named_error_and_the_stored_documents_stay(tmp_path):
    path = tmp_path / "full.db"
    with Store(path) as s:
        s.put_many([moscow()])
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
        with pytest.raises(StoreError, match="cannot write: database or disk is full; the documents stored before"):
            s.put_many([moscow().model_copy(update={"id": f"{n:016x}", "source": f"m{n}.txt"}) for n in range(50)])
        assert not s.conn.in_transaction and s.count() == 1
