"""The PostgreSQL backend of the record: one database shared by several ingests and readers.

``Store("postgresql://user@host/db")`` opens it. The schema is the SQLite backend's, created and
upgraded by the Postgres dialect of the same numbered migrations (``migrations/postgresql``;
``schema_migrations`` holds the numbers applied), under a session advisory lock so that processes
opening a new record at once apply each migration once.

Writes: ``put_many`` writes a batch in one transaction. A document is upserted by its content
hash (``INSERT ... ON CONFLICT (id) DO UPDATE``, so it keeps its place in ingest order), its old
rows are removed, and the rows of the whole batch are sent with ``COPY``; row triggers keep the
query tables in step (``migrations/postgresql/0007``). Writers take a transaction advisory lock:
two ingests analyze at once and write one batch after the other, so they never deadlock on the
summary counts nor lose a row, and a killed writer leaves whole batches only.

Reads: MVCC, never blocked by writers. A read-only store (``readonly=True``: queries, ``serve``)
runs every transaction read-only and under ``statement_timeout``; its connections come from a
``psycopg_pool`` pool, so threads may share it. ``depeche_reader`` is the group role granted
SELECT on the record (created when the migrating user may create roles): a login role in it
reads and cannot write. ``pg_query`` answers the event pages and counts.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool, PoolTimeout

from ..errors import InputError
from ..models import Document, LinkedEvent, Report, Story
from . import pg_counts as counts
from . import pg_links as links
from . import pg_query as q
from .backend import PAGE_SIZE, STREAM_BATCH, Store, StoreError, migrations
from .pg_connect import WRITE_LOCK, Placeholders, StoreUnavailable, configure, display, migrate, reason, version
from .query import DIMENSIONS, Count, EventFilter, EventRow, Page, Period, QueryTimeout, Timeline
from .store import LINK_TABLES, TABLES
from .tables import Columns, document_rows, read_document

# Tables whose rows a batch sends by COPY, parents first (the triggers look their parents up).
COPY_ORDER = ("segments", "entities", "entity_mentions", "places", "place_mentions", "times", "quantities",
              "quotes", "events", "event_actors", "checks", "entity_words")
# Child tables of a document emptied when it is written again (mentions, actors, the query
# tables and its event links go with their parents, by ON DELETE CASCADE); the document is then
# linked again, as in SQLite, where a document written again is a new row.
OWN_ROWS = ("segments", "entities", "places", "times", "quantities", "quotes", "events", "checks", "entity_words",
            "linked_documents", "copy_fingerprints")
DECLARED = {"integer": "INTEGER", "bigint": "INTEGER", "boolean": "INTEGER", "double precision": "REAL",
            "jsonb": "JSON", "text": "TEXT"}


RANDOM_PAGE_COST = 1.1  # (see PostgresStore.__init__)


class PostgresStore(Store):
    """The record in a PostgreSQL database: ``Store("postgresql://user@host:5432/db")``."""

    refused = (psycopg.IntegrityError, psycopg.DataError)

    def __init__(self, url: str, *, readonly: bool = False, statement_timeout: float | None = None,
                 pool_size: int = 4):
        self.url = str(url).replace("postgres://", "postgresql://", 1)
        self.location = display(self.url)
        self.readonly = readonly
        self._limit = threading.local()
        # Pages read from memory: the default random page cost (4, a disk's) made Postgres scan and
        # hash whole tables rather than probe an index a few thousand times.
        options = [f"-c random_page_cost={RANDOM_PAGE_COST}"]
        if readonly:
            options.append("-c default_transaction_read_only=on")
        if statement_timeout:
            options.append(f"-c statement_timeout={int(statement_timeout * 1000)}")
        self._kwargs: dict[str, Any] = {"connect_timeout": 10, "application_name": "depeche", "options": " ".join(options)}
        try:
            with psycopg.connect(self.url, **self._kwargs) as conn:
                configure(conn)
                if readonly:
                    current = version(conn)
                    if current < len(migrations("postgresql")):
                        raise StoreError(f"{self.location}: schema version {current} is older than this depeche's "
                                         f"{len(migrations('postgresql'))}; open it once for writing to upgrade")
                else:
                    migrate(conn, self.location)
                self.schema = self._schema(conn)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"{self.location}: cannot connect to PostgreSQL: {reason(exc)}") from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(f"{self.location}: not allowed: {reason(exc)}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: not a depeche database: {reason(exc)}") from exc
        self.pool = ConnectionPool(self.url, min_size=1, max_size=max(1, pool_size), kwargs=self._kwargs,
                                   configure=configure, check=ConnectionPool.check_connection,
                                   open=True, name="depeche", timeout=30)

    # -- life cycle ---------------------------------------------------------------------

    @property
    def version(self) -> int:
        with self._conn() as conn:
            return version(conn)

    @staticmethod
    def _declared(conn: psycopg.Connection, tables: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """(column, type) of each table, in order, from the catalog (one query)."""
        out: dict[str, list[tuple[str, str]]] = {t: [] for t in tables}
        for table, column, kind in conn.execute(
                "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                "JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = current_schema()::regnamespace "
                "AND c.relname = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum",
                (list(out),)):
            out[table].append((column, kind))
        return out

    def _schema(self, conn: psycopg.Connection) -> dict[str, Columns]:
        return {t: Columns(t, tuple(c for c, _ in cols), frozenset(c for c, k in cols if k == "jsonb"))
                for t, cols in self._declared(conn, TABLES).items()}

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection]:
        """A pooled connection in a transaction (committed at the end, rolled back on error)."""
        try:
            with self.pool.connection() as conn:
                limit = getattr(self._limit, "seconds", None)
                if limit:
                    conn.execute("SELECT set_config('statement_timeout', %s, true)", (f"{int(limit * 1000)}",))
                yield conn
        except psycopg.errors.QueryCanceled as exc:
            raise QueryTimeout(f"the query ran longer than the statement timeout ({reason(exc)}); narrow the "
                               "filters or raise the setting db_timeout") from exc
        except psycopg.errors.ReadOnlySqlTransaction as exc:
            raise StoreError(f"{self.location}: this store is read-only: {reason(exc)}") from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(f"{self.location}: not allowed: {reason(exc)}") from exc
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise StoreUnavailable(f"{self.location}: lost the connection to PostgreSQL ({reason(exc)}); what "
                                   "was committed is whole: run the same command again once the server is back") from exc

    @contextmanager
    def time_limit(self, seconds: float | None) -> Iterator[None]:
        """Within it, this thread's queries stop after ``seconds`` (``statement_timeout``) with QueryTimeout."""
        before = getattr(self._limit, "seconds", None)
        self._limit.seconds = seconds
        try:
            yield
        finally:
            self._limit.seconds = before

    # -- writing ------------------------------------------------------------------------

    def put_many(self, docs: Iterable[Document], pipeline: str = "",
                 failures: Iterable[InputError] = ()) -> list[str]:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        meta = {"pipeline": pipeline, "ingested_at": now}
        outcome: list[str] = []
        pending: dict[str, dict[str, list[tuple]]] = {}  # doc id -> its rows, by table
        with self._conn() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            for doc in docs:
                rows = document_rows(doc, self.schema, meta)
                outcome.append(self._write_head(conn, doc, rows.pop("documents")[0], pending))
                pending[doc.id] = rows
            for table in COPY_ORDER:
                self._copy(conn, table, [r for rows in pending.values() for r in rows.get(table, [])])
            failed = [(e.source, e.code, e.reason, now) for e in failures]
            if failed:
                conn.cursor().executemany(
                    "INSERT INTO failures VALUES (%s, %s, %s, %s) ON CONFLICT (source) DO UPDATE SET "
                    "code = excluded.code, reason = excluded.reason, at = excluded.at", failed)
        return outcome

    def _write_head(self, conn: psycopg.Connection, doc: Document, head: tuple,
                    pending: dict[str, dict[str, list[tuple]]]) -> str:
        """Upsert the documents row; remove the rows the document had, and any other document of its source."""
        old = [r[0] for r in conn.execute("SELECT id FROM documents WHERE source = %s AND id <> %s",
                                          (doc.source, doc.id))]
        for old_id in old:
            conn.execute("DELETE FROM documents WHERE id = %s", (old_id,))
            pending.pop(old_id, None)
        cols = self.schema["documents"].names
        keep = [i for i, c in enumerate(cols) if c != "n"]
        names = [cols[i] for i in keep]
        upsert = sql.SQL("INSERT INTO documents ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {} "
                         "RETURNING (xmax = 0)").format(
            sql.SQL(", ").join(map(sql.Identifier, names)), sql.SQL(", ").join(sql.Placeholder() * len(names)),
            sql.SQL(", ").join(sql.SQL("{0} = excluded.{0}").format(sql.Identifier(c)) for c in names if c != "id"))
        inserted = conn.execute(upsert, [head[i] for i in keep]).fetchone()[0]
        if not inserted:
            pending.pop(doc.id, None)
            for table in OWN_ROWS:
                conn.execute(sql.SQL("DELETE FROM {} WHERE doc_id = %s").format(sql.Identifier(table)), (doc.id,))
            conn.execute("DELETE FROM document_facets WHERE doc_n = (SELECT n FROM documents WHERE id = %s)", (doc.id,))
        conn.execute("DELETE FROM failures WHERE source = %s", (doc.source,))
        return "changed" if old else "new" if inserted else "replaced"

    def _copy(self, conn: psycopg.Connection, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        names = self.schema[table].names if table not in ("entity_words",) else ("word", "doc_id", "entity_id")
        if table == "event_actors":
            names = ("doc_id", "event_id", "role", "n", "entity_id")
        stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table),
                                                         sql.SQL(", ").join(map(sql.Identifier, names)))
        with conn.cursor().copy(stmt) as copy:
            for row in rows:
                copy.write_row(row)

    def move(self, doc_id: str, source: str) -> None:
        with self._conn() as conn:
            conn.execute("UPDATE documents SET source = %s WHERE id = %s", (source, doc_id))

    def delete(self, doc_id: str) -> bool:
        with self._conn() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return conn.execute("DELETE FROM documents WHERE id = %s", (doc_id,)).rowcount > 0

    # -- reading ------------------------------------------------------------------------

    def stored(self, doc_id: str) -> tuple[str, str] | None:
        with self._conn() as conn:
            row = conn.execute("SELECT source, pipeline FROM documents WHERE id = %s", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def read(self, doc_id: str) -> Document | None:
        with self._conn() as conn:
            return read_document(Placeholders(conn), self.schema, doc_id)

    def resolve(self, key: str) -> str:
        with self._conn() as conn:
            rows = conn.execute("SELECT id FROM documents WHERE id = %s UNION SELECT id FROM documents "
                                "WHERE source = %s", (key, key)).fetchall()
            pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            if not rows:
                rows = conn.execute("SELECT id FROM documents WHERE id LIKE %s LIMIT 2", (pattern + "%",)).fetchall()
            if not rows:
                rows = conn.execute("SELECT id FROM documents WHERE source LIKE %s LIMIT 2",
                                    ("%" + pattern + "%",)).fetchall()
        if len(rows) != 1:
            raise StoreError(f"no document {key!r} in {self.location}" if not rows
                             else f"{key!r} names several documents in {self.location}")
        return rows[0][0]

    def document_ids(self) -> Iterator[str]:
        last = 0
        while True:
            with self._conn() as conn:
                ids = conn.execute("SELECT n, id FROM documents WHERE n > %s ORDER BY n LIMIT 500", (last,)).fetchall()
            if not ids:
                return
            last = ids[-1][0]
            yield from (r[1] for r in ids)

    def heads(self, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
        with self._conn() as conn:
            return q.heads(conn, doc_ids)

    def _table(self, table: str) -> sql.Identifier:
        if table not in TABLES + LINK_TABLES + ("failures",):
            raise StoreError(f"unknown table {table!r}")
        return sql.Identifier(table)

    def count(self, table: str = "documents") -> int:
        name = self._table(table)
        with self._conn() as conn:
            return conn.execute(sql.SQL("SELECT count(*) FROM {}").format(name)).fetchone()[0]

    def failures(self) -> list[dict[str, str]]:
        with self._conn() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM failures ORDER BY source")]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The rows of a table as SQLite's backend gives them (flags as 0/1, JSON as text), streamed."""
        name = self._table(table)
        with self._conn() as conn, conn.cursor(name="depeche_rows") as cur:
            cur.itersize = STREAM_BATCH
            cur.execute(sql.SQL("SELECT * FROM {}").format(name))
            for row in cur:
                yield {k: int(v) if isinstance(v, bool) else v for k, v in dict(row).items()}

    def columns(self, table: str) -> list[tuple[str, str]]:
        self._table(table)
        with self._conn() as conn:
            info = self._declared(conn, [table])[table]
        return [(name, DECLARED.get(kind, kind.upper())) for name, kind in info]

    # -- events and counts: depeche.record.pg_query, pg_counts -----------------------------

    def page(self, filters: EventFilter | None = None, cursor: str | None = None, size: int = PAGE_SIZE) -> Page:
        with self._conn() as conn:
            return q.page(conn, filters or EventFilter(), cursor, size)

    def stream(self, filters: EventFilter | None = None, batch: int = STREAM_BATCH) -> Iterator[list[EventRow]]:
        with self._conn() as conn:
            yield from q.stream(conn, filters or EventFilter(), batch)

    def count_events(self, filters: EventFilter | None = None) -> int:
        with self._conn() as conn:
            return counts.count_events(conn, filters or EventFilter())

    def facets(self, filters: EventFilter | None = None, dims: Iterable[str] = DIMENSIONS,
               limit: int | None = None) -> dict[str, dict[str, int]]:
        with self._conn() as conn:
            return counts.facets(conn, filters or EventFilter(), tuple(dims), limit)

    def timeline(self, filters: EventFilter | None = None, by: Period = "month") -> Timeline:
        with self._conn() as conn:
            return counts.timeline(conn, filters or EventFilter(), by)

    def document_timeline(self, filters: EventFilter | None = None, by: Period = "month") -> Timeline:
        with self._conn() as conn:
            return counts.document_timeline(conn, filters or EventFilter(), by)

    def actor_counts(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        with self._conn() as conn:
            return counts.actor_counts(conn, filters or EventFilter(), limit)

    def place_counts(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        with self._conn() as conn:
            return counts.place_counts(conn, filters or EventFilter(), limit)

    def actor_pairs(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        with self._conn() as conn:
            return counts.actor_pairs(conn, filters or EventFilter(), limit)

    def table_counts(self) -> dict[str, int]:
        with self._conn() as conn:
            return counts.table_counts(conn)

    def periods(self) -> dict[str, int]:
        with self._conn() as conn:
            return counts.periods(conn)

    def documents_by_month(self) -> dict[str, int]:
        with self._conn() as conn:
            return counts.grouped(conn, "SELECT substr(dct_value, 1, 7), count(*) FROM documents "
                                        "GROUP BY substr(dct_value, 1, 7)", by_key=True)

    def failures_by_code(self) -> dict[str, int]:
        with self._conn() as conn:
            return counts.grouped(conn, "SELECT code, count(*) FROM failures GROUP BY code")

    # -- linking (depeche.linking): the derived tables of migration 10, see record/pg_links.py --

    links = True

    def unlinked(self, linker: str) -> list[str]:
        with self._conn() as conn:
            return links.unlinked(conn, linker)

    def link_counts(self) -> dict[str, int]:
        with self._conn() as conn:
            return links.link_counts(conn)

    def texts(self, doc_ids: list[str]) -> Iterator[tuple[str, str, dict, str | None]]:
        for chunk in range(0, len(doc_ids), 500):
            with self._conn() as conn:
                rows = list(links.texts(conn, doc_ids[chunk:chunk + 500]))
            yield from rows

    def reports(self, doc_ids: list[str] | None = None) -> list[Report]:
        with self._conn() as conn:
            return links.reports(conn, doc_ids)

    def fingerprints(self) -> Iterator[tuple[str, str, str | None, bytes, int, str | None]]:
        with self._conn() as conn:
            return iter(list(links.fingerprints(conn)))

    def copy_groups(self) -> dict[str, str]:
        with self._conn() as conn:
            return links.copy_groups(conn)

    def edges(self) -> list[tuple[str, str, str, str]]:
        with self._conn() as conn:
            return links.edges(conn)

    def linked_documents(self) -> list[tuple[str, str, str, str | None, dict[str, int]]]:
        with self._conn() as conn:
            return links.linked_documents(conn)

    def write_links(self, write: links.LinkWrite) -> None:
        with self._conn() as conn:
            links.write(conn, write)

    def linked_events(self, **filters: Any) -> list[LinkedEvent]:
        with self._conn() as conn:
            return links.linked_events(conn, **filters)

    def stories(self, **filters: Any) -> list[Story]:
        with self._conn() as conn:
            return links.stories(conn, **filters)

    def linked_of(self, doc_id: str) -> dict[str, str]:
        with self._conn() as conn:
            return links.linked_of(conn, doc_id)
