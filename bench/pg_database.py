"""A fresh database on a PostgreSQL server, for the benchmarks' ``--db postgresql://...``.

The URL names a server and a database the user may connect to; the benchmark makes its own
database beside it (the user needs CREATEDB) and drops it at the end, so nothing of the named
database is touched.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


def database_url(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


@contextlib.contextmanager
def fresh_database(url: str, name: str | None = None, keep: bool = False) -> Iterator[str]:
    """The URL of a new, empty database on ``url``'s server (dropped afterwards unless ``keep``)."""
    import psycopg

    name = name or f"depeche_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(url, name)
    finally:
        if not keep:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def size_mb(url: str) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
