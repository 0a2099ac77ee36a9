"""The SQLite backend of the record: a database (WAL) of analyzed documents, re-runnable and crash safe.

Documents are keyed by their content hash. Writing a document replaces every row it had
(an upsert), and an article whose source already holds other content replaces that old
document. Each batch of documents is written in one transaction, so a process killed at
any moment leaves whole documents only. The schema is created and upgraded by the
numbered SQL files in ``depeche/record/migrations`` (``PRAGMA user_version`` is the number of
the last one applied). Triggers keep the query tables (``event_keys``, ``event_countries``,
``event_counts``) and the full-text index in step with the rows; ``sqlite_query`` reads them.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import InputError
from ..models import Document, LinkedEvent, Report, Story
from . import links
from . import sqlite_counts as counts
from . import sqlite_query as q
from . import sqlite_rows as rows
from .sqlite_facets import register as facet_functions
from .backend import PAGE_SIZE, STREAM_BATCH, Store, StoreError
from .backend import migrations as numbered_migrations
from .query import DIMENSIONS, Count, EventFilter, EventRow, Page, Period, QueryError, QueryTimeout, Timeline
from .tables import CHILDREN, KINDS, Columns, document_rows, name_words, read_document

# SQLite virtual machine steps between two looks at a query's deadline (``time_limit``).
PROGRESS_STEPS = 20_000
TABLES = ("documents", *KINDS, *(c[1] for c in CHILDREN.values()), "event_actors", "entity_words")
# Tables derived by depeche.linking (migration 10), read by the table exports.
LINK_TABLES = ("copy_groups", "event_links", "linked_events", "stories", "story_documents")
# Tables written with their own INSERT, not from a record's fields.
PLAIN_INSERTS = {"event_actors": "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?)",
                 "entity_words": "INSERT OR IGNORE INTO entity_words VALUES (?, ?, ?)"}


class UnusableStore(StoreError):
    """A database that cannot be used: damaged, not depeche's, or refusing writes (a full disk)."""

    code = "unusable-store"


# A document is named by its id, an id prefix or a source (a path): never longer than this.
MAX_KEY = 4096


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """A connection; read-only where the file (or its folder) cannot be written: then, if SQLite
    cannot set up the WAL's shared memory beside it, as an immutable file (nothing writes it)."""
    if not readonly:
        return sqlite3.connect(path, isolation_level=None)
    # A read-only store may be used from several threads, one at a time (a server's pool).
    uri = f"file:{quote(str(path.resolve()))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _wal(conn: sqlite3.Connection, seconds: float = 10.0) -> None:
    """Put the database in WAL mode. Switching needs the file to itself, and SQLite answers
    "locked" at once, without its busy timeout, while another process migrates a new database:
    wait for it, as long as the busy timeout would."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """A database with tables is depeche's when it has its ``documents`` table and a schema
    version; any other is refused before anything is written to it."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if tables and (version == 0 or "documents" not in tables):
        names = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        conn.close()
        raise UnusableStore(f"{path}: not a depeche database (its tables: {names}); it was left as it was")


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, SQL) of every SQLite migration shipped with depeche, in order."""
    return numbered_migrations()


class SQLiteStore(Store):
    """The record in one SQLite file: ``Store("depeche.db")`` or ``Store("sqlite:///depeche.db")``."""

    refused = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path = "depeche.db", *, readonly: bool = False):
        text = str(path)
        self.path = Path(text[len("sqlite:///"):] if text.startswith("sqlite:///") else text)
        self.location = str(self.path)
        if readonly and not self.path.is_file():
            raise StoreError(f"{self.path}: no such database (run `depeche ingest` first)")
        if not readonly and not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: no folder {self.path.parent} to create the database in")
        try:
            self.conn = _connect(self.path, readonly)
            self.conn.row_factory = sqlite3.Row
            _refuse_foreign(self.conn, self.path)  # before anything could change it
            # Used by migration 0004 to fill entity_words from the names already stored.
            self.conn.create_function("name_words", 1, lambda t: " ".join(name_words(t)), deterministic=True)
            facet_functions(self.conn)  # the per-document counts' triggers (migration 14)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                _wal(self.conn)
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            elif self.version < len(migrations()):
                raise StoreError(f"{self.path}: schema version {self.version} is older than this depeche's "
                                 f"{len(migrations())}; open it once for writing to upgrade")
        except sqlite3.DatabaseError as exc:
            raise UnusableStore(f"{self.path}: not a depeche database, or a damaged one: {exc} "
                             f"(`depeche doctor --db {self.path}` says more)") from exc
        self.schema = {t: Columns.of(self.conn, t) for t in TABLES}

    # -- life cycle ---------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> int:
        """Apply the migrations newer than the database; returns the schema version."""
        known = migrations()
        while True:  # the version is read under the write lock: two processes may create one database
            self.conn.execute("BEGIN IMMEDIATE")
            current = self.version
            if current >= len(known):
                self.conn.execute("COMMIT")
                if current > len(known):
                    raise StoreError(f"{self.path}: schema version {current} is newer than this depeche ({len(known)})")
                return current
            number, name, sql = known[current]
            try:
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def time_limit(self, seconds: float | None) -> Iterator[None]:
        if not seconds:
            yield
            return
        deadline = time.monotonic() + seconds
        self.conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield
        except (sqlite3.OperationalError, QueryError) as exc:
            if time.monotonic() > deadline:
                raise QueryTimeout(f"the query ran longer than its limit of {seconds:g} s") from exc
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    # -- writing ------------------------------------------------------------------------

    def put(self, doc: Document, pipeline: str = "") -> str:
        """Store one document in its own transaction; see ``put_many``."""
        return self.put_many([doc], pipeline)[0]

    def put_many(self, docs: Iterable[Document], pipeline: str = "",
                 failures: Iterable[InputError] = ()) -> list[str]:
        """Store documents (and record failed inputs) in one transaction.

        Returns, per document, ``"new"``, ``"replaced"`` (same content written again) or
        ``"changed"`` (its source held other content, whose rows are removed).
        """
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        outcome = []
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for doc in docs:
                outcome.append(self._write(doc, pipeline, now))
            for err in failures:
                self.conn.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                                  (err.source, err.code, err.reason, now))
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:  # (SQLite has rolled back by itself after some errors: a full disk)
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, self.refused):
                raise UnusableStore(f"{self.path}: cannot write: {exc}; the documents stored before are whole "
                                 f"(`depeche doctor --db {self.path}` checks the database)") from exc
            raise
        return outcome

    def _write(self, doc: Document, pipeline: str, now: str) -> str:
        old = [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE source = ? AND id != ?",
                                               (doc.source, doc.id))]
        existed = self.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,)).rowcount > 0
        for old_id in old:
            self.conn.execute("DELETE FROM documents WHERE id = ?", (old_id,))
        rows = document_rows(doc, self.schema, {"pipeline": pipeline, "ingested_at": now})
        for table, values in rows.items():
            if values and self.schema[table].names:  # (a table of a later schema is left out)
                sql = PLAIN_INSERTS.get(table) or self.schema[table].insert_sql()
                self.conn.executemany(sql, values)
        self.conn.execute("DELETE FROM failures WHERE source = ?", (doc.source,))
        return "changed" if old else "replaced" if existed else "new"

    def move(self, doc_id: str, source: str) -> None:
        """Record that the stored document ``doc_id`` now comes from ``source``.

        Ingest calls this when an input holds text stored under another source (a JSONL line
        that moved, a renamed file), so that the article now at the old source replacing its
        old text never removes this one.
        """
        self.conn.execute("UPDATE documents SET source = ? WHERE id = ?", (source, doc_id))

    def delete(self, doc_id: str) -> bool:
        self.conn.execute("BEGIN IMMEDIATE")
        gone = self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0
        self.conn.execute("COMMIT")
        return gone

    # -- reading ------------------------------------------------------------------------

    def stored(self, doc_id: str) -> tuple[str, str] | None:
        """(source, pipeline) of the stored document ``doc_id``, or None."""
        row = self.conn.execute("SELECT source, pipeline FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def read(self, doc_id: str) -> Document | None:
        return read_document(self.conn, self.schema, doc_id)

    def resolve(self, key: str) -> str:
        if len(key) > MAX_KEY:
            raise StoreError(f"no document {key[:40]!r}... ({len(key)} characters) in {self.path}")
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE id = ? UNION SELECT id FROM documents WHERE source = ?",
            (key, key)).fetchall()
        if not rows:
            pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.conn.execute("SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                                     (pattern,)).fetchall()
        if not rows:
            rows = self.conn.execute("SELECT id FROM documents WHERE source LIKE ? ESCAPE '\\' LIMIT 2",
                                     ("%" + pattern,)).fetchall()
        if len(rows) != 1:
            raise StoreError(f"no document {key!r} in {self.path}" if not rows
                             else f"{key!r} names several documents in {self.path}")
        return rows[0][0]

    def document_ids(self) -> Iterator[str]:
        last = 0
        while True:  # in chunks, so that a long export never holds a read transaction's cursor open
            ids = self.conn.execute("SELECT n, id FROM documents WHERE n > ? ORDER BY n LIMIT 500", (last,)).fetchall()
            if not ids:
                return
            last = ids[-1][0]
            yield from (r[1] for r in ids)

    def heads(self, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
        return rows.heads(self.conn, doc_ids)

    def count(self, table: str = "documents") -> int:
        if table not in TABLES + LINK_TABLES + ("failures",):
            raise StoreError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def failures(self) -> list[dict[str, str]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM failures ORDER BY source")]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        if table not in TABLES + LINK_TABLES + ("failures",):
            raise StoreError(f"unknown table {table!r}")
        for row in self.conn.execute(f"SELECT * FROM {table}"):
            yield dict(row)

    def columns(self, table: str) -> list[tuple[str, str]]:
        if table not in TABLES + LINK_TABLES + ("failures",):
            raise StoreError(f"unknown table {table!r}")
        return [(r[1], r[2]) for r in self.conn.execute(f"PRAGMA table_info({table})")]

    # -- linking (depeche.linking): the derived tables of migration 10, see record/links.py ----

    links = True

    def unlinked(self, linker: str) -> list[str]:
        return links.unlinked(self.conn, linker)

    def link_counts(self) -> dict[str, int]:
        return links.link_counts(self.conn)

    def texts(self, doc_ids: list[str]) -> Iterator[tuple[str, str, dict, str | None]]:
        return links.texts(self.conn, doc_ids)

    def reports(self, doc_ids: list[str] | None = None) -> list[Report]:
        return links.reports(self.conn, doc_ids)

    def fingerprints(self) -> Iterator[tuple[str, str, str | None, bytes, int, str | None]]:
        return links.fingerprints(self.conn)

    def copy_groups(self) -> dict[str, str]:
        return links.copy_groups(self.conn)

    def edges(self) -> list[tuple[str, str, str, str]]:
        return links.edges(self.conn)

    def linked_documents(self) -> list[tuple[str, str, str, str | None, dict[str, int]]]:
        return links.linked_documents(self.conn)

    def write_links(self, write: links.LinkWrite) -> None:
        links.write(self.conn, write)

    def linked_events(self, **filters: Any) -> list[LinkedEvent]:
        return links.linked_events(self.conn, **filters)

    def stories(self, **filters: Any) -> list[Story]:
        return links.stories(self.conn, **filters)

    def linked_of(self, doc_id: str) -> dict[str, str]:
        return links.linked_of(self.conn, doc_id)

    # -- events and counts: depeche.record.sqlite_query -----------------------------------

    def page(self, filters: EventFilter | None = None, cursor: str | None = None, size: int = PAGE_SIZE) -> Page:
        return q.page(self.conn, filters or EventFilter(), cursor, size)

    def stream(self, filters: EventFilter | None = None, batch: int = STREAM_BATCH) -> Iterator[list[EventRow]]:
        return q.stream(self.conn, filters or EventFilter(), batch)

    def count_events(self, filters: EventFilter | None = None) -> int:
        return counts.count_events(self.conn, filters or EventFilter())

    def facets(self, filters: EventFilter | None = None, dims: Iterable[str] = DIMENSIONS,
               limit: int | None = None) -> dict[str, dict[str, int]]:
        return counts.facets(self.conn, filters or EventFilter(), tuple(dims), limit)

    def timeline(self, filters: EventFilter | None = None, by: Period = "month") -> Timeline:
        return counts.timeline(self.conn, filters or EventFilter(), by)

    def document_timeline(self, filters: EventFilter | None = None, by: Period = "month") -> Timeline:
        return counts.document_timeline(self.conn, filters or EventFilter(), by)

    def actor_counts(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        return counts.actor_counts(self.conn, filters or EventFilter(), limit)

    def place_counts(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        return counts.place_counts(self.conn, filters or EventFilter(), limit)

    def actor_pairs(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        return counts.actor_pairs(self.conn, filters or EventFilter(), limit)

    def table_counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in ("documents", "entities", "places", "times", "quantities", "quotes",
                                           "events", "checks", "failures")}

    def periods(self) -> dict[str, int]:
        return counts.periods(self.conn)

    def documents_by_month(self) -> dict[str, int]:
        return counts.grouped(self.conn, "SELECT substr(dct_value, 1, 7), count(*) FROM documents "
                                    "GROUP BY substr(dct_value, 1, 7)", by_key=True)

    def failures_by_code(self) -> dict[str, int]:
        return counts.grouped(self.conn, "SELECT code, count(*) FROM failures GROUP BY code")


def _statements(sql: str) -> Iterator[str]:
    """The complete SQL statements of a migration script (triggers kept whole)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip() and not all(l.strip().startswith("--") or not l.strip() for l in buffer.splitlines()):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:60]}")
