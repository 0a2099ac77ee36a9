"""The store fixtures, over every backend: each store test runs on each of them.

A backend is a name in ``BACKENDS`` and a way to open a fresh, empty record of it
(``open_record``): a new SQLite file, or a new PostgreSQL database on the server named by
``DEPECHE_TEST_PG`` (``bash .ci/postgres start`` starts one and prints the variable). Without
that server the PostgreSQL tests skip, saying how to start it; in CI (``CI=true``) they fail.
"""
from __future__ import annotations

import itertools
import os

import pytest

from depeche.record import Store
from tests.handmade import bare, moscow, paris

BACKENDS = ["sqlite", "postgresql"]
PG_URL = os.environ.get("DEPECHE_TEST_PG", "")
_fresh = itertools.count()


def need_postgres() -> str:
    """The test server's URL; skips the test without one (fails it in CI)."""
    if not PG_URL:
        message = ("no PostgreSQL test server: run `bash .ci/postgres start` (as root, it installs Debian's "
                   "postgresql) and export the DEPECHE_TEST_PG=postgresql://... line it prints")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: the PostgreSQL store tests must run)")
        pytest.skip(message)
    return PG_URL


def pg_database(name: str) -> str:
    """The URL of a new, empty database ``name`` on the test server."""
    import psycopg

    url = need_postgres()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(need_postgres(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


# Emptied PostgreSQL records, ready for the next test: creating and migrating a database takes a
# second or two, emptying one a few milliseconds (it is then as a new one: tables empty, ids restarted).
_spare: list[str] = []


def empty_database(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                             "AND tablename <> 'schema_migrations'")]
        conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def open_record(backend: str, folder) -> Store:
    """A new, empty record of ``backend`` (a PostgreSQL one is emptied for the next test when closed)."""
    n = next(_fresh)
    if backend == "sqlite":
        return Store(folder / f"record-{n}.db")
    if backend == "postgresql":
        url = _spare.pop() if _spare else pg_database(f"depeche_test_{os.getpid()}_{n}")
        store = Store(url)
        close = store.close

        def close_and_empty() -> None:
            close()
            empty_database(url)
            _spare.append(url)

        store.close = close_and_empty
        return store
    raise ValueError(f"no test record for backend {backend!r}")


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    yield
    while _spare:
        drop_database(_spare.pop())


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param == "postgresql":
        need_postgres()
    return request.param


@pytest.fixture
def new_store(backend, tmp_path):
    """``new_store()``: another fresh record of the same backend, closed at the end of the test."""
    opened = []

    def make() -> Store:
        opened.append(open_record(backend, tmp_path))
        return opened[-1]

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(new_store) -> Store:
    return new_store()


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request, tmp_path_factory) -> Store:
    """One record per module holding moscow, paris and bare (read-only tests)."""
    if request.param == "postgresql":
        need_postgres()
    with open_record(request.param, tmp_path_factory.mktemp("filled")) as s:
        s.put_many([moscow(), paris(), bare()])
        yield s
