"""The PostgreSQL backend's connections: how they read rows, how its schema is migrated, and how
the server's errors are named.

``migrate`` applies the Postgres dialect of the numbered migrations (``migrations/postgresql``),
each in its own transaction, under a session advisory lock: processes that open a new record at
once wait for each other and apply every migration once. ``schema_migrations`` holds the numbers
applied. Then ``depeche_reader``, a group role that may read every table (made when the migrating
user may create roles), is granted SELECT on the record.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.types.string import TextLoader

from .backend import StoreError, migrations

MIGRATE_LOCK = 0x64657065_0002  # advisory lock keys of this application's own
WRITE_LOCK = 0x64657065_0001
READER_ROLE = "depeche_reader"


class StoreUnavailable(StoreError):
    """The database server cannot be reached, or went away during the work."""

    code = "store-unavailable"


def display(url: str) -> str:
    """The URL without its password (for messages)."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.netloc.rsplit("@", 1)[1]
        parts = parts._replace(netloc=f"{parts.username}:***@{host}")
    return urlunsplit(parts)


def reason(exc: Exception) -> str:
    """The first line of a server's error."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Row(tuple):
    """A row read by index (``r[0]``) or by column name (``r["id"]``), as ``sqlite3.Row``."""

    __slots__ = ()
    names: dict[str, int] = {}

    def __getitem__(self, key):
        return super().__getitem__(self.names[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self.names)


def row_factory(cursor: psycopg.Cursor) -> Any:
    if cursor.description is None:
        return tuple
    return type("Row", (Row,), {"__slots__": (), "names": {c.name: i for i, c in enumerate(cursor.description)}})


def configure(conn: psycopg.Connection) -> None:
    """Rows as ``Row``; JSON columns read as text, as SQLite gives them (``tables`` parses them)."""
    conn.adapters.register_loader("jsonb", TextLoader)
    conn.adapters.register_loader("json", TextLoader)
    conn.row_factory = row_factory


class Placeholders:
    """A connection that takes SQLite's ``?`` placeholders (for ``tables.read_document``)."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def execute(self, query: str, params: Any = ()) -> psycopg.Cursor:
        return self.conn.execute(query.replace("?", "%s"), params)


def version(conn: psycopg.Connection) -> int:
    if not conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()[0]:
        return 0
    return conn.execute("SELECT coalesce(max(number), 0) FROM schema_migrations").fetchone()[0]


def migrate(conn: psycopg.Connection, location: str) -> int:
    """Apply the migrations newer than the database; returns the schema version."""
    known = migrations("postgresql")
    conn.autocommit = True
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (number integer PRIMARY KEY, "
                     "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        current = version(conn)
        if current > len(known):
            raise StoreError(f"{location}: schema version {current} is newer than this depeche ({len(known)})")
        for number, name, script in known[current:]:
            try:
                with conn.transaction():
                    conn.execute(script.encode())
                    conn.execute("INSERT INTO schema_migrations (number, name) VALUES (%s, %s)", (number, name))
            except psycopg.OperationalError:
                raise
            except psycopg.Error as exc:
                raise StoreError(f"{location}: migration postgresql/{name} failed: {reason(exc)}") from exc
        grant_reader(conn)
    finally:
        if not conn.closed:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
            conn.autocommit = False
    return version(conn)


def grant_reader(conn: psycopg.Connection) -> None:
    """``depeche_reader`` may read every table of the record (the role is made if we may)."""
    role = sql.Identifier(READER_ROLE)
    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER_ROLE,)).fetchone():
        may = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()
        if not (may and may[0]):
            return
        try:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(role))
        except psycopg.errors.DuplicateObject:  # made meanwhile for another database of the server
            pass
    name = conn.execute("SELECT current_schema()").fetchone()[0]
    if not conn.execute("SELECT has_schema_privilege(%s, 'CREATE')", (name,)).fetchone()[0]:
        return  # a user that may not change the schema (a reader) grants nothing
    schema = sql.Identifier(name)
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, role))
    conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(schema, role))
