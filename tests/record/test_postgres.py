"""The PostgreSQL backend's own: migrations in step with SQLite's, many processes on one record,
the read-only role, the statement timeout, and a server that is not there."""
from __future__ import annotations

import threading

import pytest

from depeche.record import EventFilter, QueryError, Store, StoreError
from depeche.record.backend import migrations
from tests.handmade import moscow, paris
from tests.record.conftest import drop_database, need_postgres, pg_database


def test_both_backends_have_the_same_migration_numbers():
    sqlite = migrations()
    postgres = migrations("postgresql")
    assert [n for n, _, _ in postgres] == [n for n, _, _ in sqlite]
    assert [name for _, name, _ in postgres] == [name for _, name, _ in sqlite]  # the same step, in each dialect


@pytest.fixture
def database():
    url = pg_database("depeche_test_pg_own")
    yield url
    drop_database(url)


def test_processes_opening_a_new_record_at_once_migrate_it_once(database):
    errors, versions = [], []

    def open_it():
        try:
            with Store(database) as s:
                versions.append(s.version)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and versions == [len(migrations("postgresql"))] * 4
    import psycopg

    with psycopg.connect(database) as conn:
        applied = [r[0] for r in conn.execute("SELECT number FROM schema_migrations ORDER BY number")]
    assert applied == list(range(1, len(migrations("postgresql")) + 1))


def test_a_reader_reads_and_cannot_write(database):
    import psycopg

    with Store(database) as s:
        s.put_many([moscow(), paris()])
    with psycopg.connect(need_postgres(), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS depeche_test_analyst")
        conn.execute("CREATE ROLE depeche_test_analyst LOGIN IN ROLE depeche_reader")
    analyst = database.replace("//depeche@", "//depeche_test_analyst@")
    try:
        with Store(analyst, readonly=True) as s:
            assert s.count_events(EventFilter(type="CONSULT")) == 2
            assert [r.id for r in s.events(country="PRK")] == ["V2", "V1"]
        with Store(analyst, readonly=True) as s, pytest.raises(StoreError, match="read-only|not allowed"):
            s.delete(paris().id)
        with pytest.raises(StoreError):  # opening it for writing (migrating) is refused too
            Store(analyst).put(paris())
    finally:
        with psycopg.connect(database, autocommit=True) as conn:
            conn.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM depeche_test_analyst")
        with psycopg.connect(need_postgres(), autocommit=True) as conn:
            conn.execute("DROP ROLE IF EXISTS depeche_test_analyst")


def test_a_read_only_store_cannot_write(database):
    Store(database).close()
    with Store(database, readonly=True) as s, pytest.raises(StoreError, match="read-only"):
        s.put(paris())


def test_a_query_past_the_statement_timeout_is_a_named_error(database):
    Store(database).close()
    with Store(database, readonly=True, statement_timeout=0.2) as s:
        with pytest.raises(QueryError, match="statement timeout"), s._conn() as conn:
            conn.execute("SELECT pg_sleep(2)")
        assert s.count_events() == 0  # the store goes on
    with Store(database, readonly=True) as s:
        with pytest.raises(QueryError, match="statement timeout"), s.time_limit(0.2), s._conn() as conn:
            conn.execute("SELECT pg_sleep(2)")


@pytest.mark.parametrize("url, message", [
    ("postgresql://depeche@127.0.0.1:1/depeche", "cannot connect to PostgreSQL"),
    ("postgresql://depeche:secret@127.0.0.1:1/depeche", r"depeche:\*\*\*@127.0.0.1:1"),
])
def test_no_server_is_a_named_error(url, message):
    with pytest.raises(StoreError, match=message) as info:
        Store(url)
    assert info.value.code == "store-unavailable" and "secret" not in str(info.value)
