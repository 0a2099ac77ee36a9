"""``depeche copy``: a record moved to another backend (and back) holds the same documents and answers."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from depeche.cli import main
from depeche.errors import InputError
from depeche.record import Store, copy_record
from tests.handmade import bare, moscow, paris
from tests.record.conftest import open_record

TABLES = ("documents", "segments", "entities", "entity_mentions", "places", "place_mentions", "times",
          "quantities", "quotes", "events", "event_actors", "checks", "entity_words", "failures")


def answers(store: Store) -> tuple:
    return ({t: store.count(t) for t in TABLES}, store.stats(), [r.model_dump() for r in store.events()],
            sorted((f["source"], f["code"], f["reason"]) for f in store.failures()))


def test_a_copy_to_each_backend_and_back_is_the_same_record(store, new_store, tmp_path):
    store.put_many([moscow(), paris()], "pipe-1", failures=[InputError("broken.txt", "no text")])
    store.put_many([bare()], "pipe-2")
    other = open_record("sqlite", tmp_path) if store.location.startswith("postgresql") else None
    there = other or new_store()  # PostgreSQL to SQLite; SQLite to SQLite when PostgreSQL is not there
    report = copy_record(store, there, batch=2)
    assert (report.documents, report.events, report.failures) == (3, 3, 1)
    back = new_store()
    copy_record(there, back)
    for copied in (there, back):
        assert answers(copied) == answers(store)
        assert [d for d in copied.documents()] == [d for d in store.documents()]
        assert copied.stored(bare().id) == ("bare.txt", "pipe-2")
    copy_record(store, there)  # again: nothing doubles
    assert answers(there) == answers(store)
    if other:
        other.close()


def test_the_copy_command(tmp_path):
    with Store(tmp_path / "a.db") as s:
        s.put_many([moscow(), paris()])
    result = CliRunner().invoke(main, ["copy", "--from", str(tmp_path / "a.db"), "--to", str(tmp_path / "b.db")])
    assert result.exit_code == 0, result.output
    assert "2 documents, 3 events, 0 failures" in result.output
    with Store(tmp_path / "b.db") as s:
        assert s.count_events() == 3


@pytest.mark.parametrize("args, message", [(["--from", "absent.db", "--to", "b.db"], "no such database"),
                                           (["--from", "a.db", "--to", "mysql://x/y"], "no store backend")])
def test_a_bad_copy_is_named(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    Store(tmp_path / "a.db").close()
    result = CliRunner().invoke(main, ["copy", *args])
    assert result.exit_code == 2 and message in result.output
