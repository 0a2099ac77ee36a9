"""The record: a SQLite database (WAL) of analyzed documents, re-runnable and crash safe.

Documents are keyed by their content hash. Writing a document replaces every row it had
(an upsert), and an article whose source already holds other content replaces that old
document. Each batch of documents is written in one transaction, so a process killed at
any moment leaves whole documents only. The schema is created and upgraded by the
numbered SQL files in ``depeche/record/migrations`` (``PRAGMA user_version`` is the number of
the last one applied).
"""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DepecheError, InputError
from ..models import Document, LinkedEvent, Report, Story
from . import links
from .tables import CHILDREN, KINDS, Columns, document_rows, name_words, read_document

if TYPE_CHECKING:
    from ..config import Settings
    from .ingestion import IngestReport
    from .query import EventFilter, EventRow

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
TABLES = ("documents", *KINDS, *(c[1] for c in CHILDREN.values()), "event_actors", "entity_words")
# Tables written with their own INSERT, not from a record's fields.
PLAIN_INSERTS = {"event_actors": "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?)",
                 "entity_words": "INSERT OR IGNORE INTO entity_words VALUES (?, ?, ?)"}


class StoreError(DepecheError):
    code = "bad-store"


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, SQL) of every migration shipped with depeche, in order."""
    found = []
    for entry in resources.files("depeche.record").joinpath("migrations").iterdir():
        m = MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..{len(found)}: {numbers}")
    return found


class Store:
    """A depeche database. ``Store(path)`` creates or upgrades it; use it as a context manager.

    >>> with Store("depeche.db") as store:
    ...     report = store.ingest(["examples/"])
    ...     rows = store.events(type="CONSULT", country="RUS")
    """

    def __init__(self, path: str | Path = "depeche.db", *, readonly: bool = False):
        self.path = Path(path)
        if readonly and not self.path.is_file():
            raise StoreError(f"{self.path}: no such database (run `depeche ingest` first)")
        try:
            if readonly:
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            # Used by migration 0004 to fill entity_words from the names already stored.
            self.conn.create_function("name_words", 1, lambda t: " ".join(name_words(t)), deterministic=True)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            elif self.version < len(migrations()):
                raise StoreError(f"{self.path}: schema version {self.version} is older than this depeche's "
                                 f"{len(migrations())}; open it once for writing to upgrade")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a depeche database: {exc}") from exc
        self.schema = {t: Columns.of(self.conn, t) for t in TABLES}

    # -- life cycle ---------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> int:
        """Apply the migrations newer than the database; returns the schema version."""
        current = self.version
        known = migrations()
        if current > len(known):
            raise StoreError(f"{self.path}: schema version {current} is newer than this depeche ({len(known)})")
        for number, name, sql in known[current:]:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed: {exc}") from exc
        return self.version

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
        except BaseException:
            self.conn.execute("ROLLBACK")
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

    def document(self, doc_id: str) -> Document:
        """The stored document ``doc_id``: its id, a unique id prefix, its source or a unique part of it."""
        found = read_document(self.conn, self.schema, self.resolve(doc_id))
        assert found is not None
        return found

    def resolve(self, key: str) -> str:
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

    def documents(self) -> Iterator[Document]:
        """Every stored document, in ingest order, one at a time."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY n")]
        for doc_id in ids:
            doc = read_document(self.conn, self.schema, doc_id)
            if doc is not None:
                yield doc

    def count(self, table: str = "documents") -> int:
        if table not in TABLES + ("failures",):
            raise StoreError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def failures(self) -> list[dict[str, str]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM failures ORDER BY source")]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The raw rows of one table (for exports), as dicts."""
        if table not in TABLES + ("failures",):
            raise StoreError(f"unknown table {table!r}")
        for row in self.conn.execute(f"SELECT * FROM {table}"):
            yield dict(row)

    # -- linking (depeche.linking): read and write the derived tables of migration 7 ----------

    def unlinked(self, linker: str) -> list[str]:
        """Documents that ``linker`` (a fingerprint of the linking settings) has not linked, oldest first."""
        return links.unlinked(self.conn, linker)

    def link_counts(self) -> dict[str, int]:
        """Rows of the linking tables, with the documents and events they cover."""
        return links.link_counts(self.conn)

    def texts(self, doc_ids: list[str]) -> Iterator[tuple[str, str, dict, str | None]]:
        """(id, text, metadata, document date) of the given documents."""
        return links.texts(self.conn, doc_ids)

    def reports(self, doc_ids: list[str] | None = None) -> list[Report]:
        """The event mentions of the given documents (or all) as ``Report`` records."""
        return links.reports(self.conn, doc_ids)

    def fingerprints(self) -> Iterator[tuple[str, str, str | None, bytes]]:
        """Stored copy fingerprints: (doc id, normalised-text hash, canonical URL, MinHash bytes)."""
        return links.fingerprints(self.conn)

    def copy_groups(self) -> dict[str, str]:
        """Each linked document's copy group id."""
        return links.copy_groups(self.conn)

    def edges(self) -> list[tuple[str, str, str, str]]:
        """Stored pairs of linked reports: (doc, event, doc, event)."""
        return links.edges(self.conn)

    def linked_documents(self) -> list[tuple[str, str, str, str | None, dict[str, int]]]:
        """(doc id, date, title, outlet, story terms) of the linked documents, by date."""
        return links.linked_documents(self.conn)

    def write_links(self, write: links.LinkWrite) -> None:
        """Write one linking run in one transaction."""
        links.write(self.conn, write)

    def linked_events(self, **filters: Any) -> list[LinkedEvent]:
        """One row per real-world event with its counts; see ``depeche.record.links.linked_events``."""
        return links.linked_events(self.conn, **filters)

    def stories(self, **filters: Any) -> list[Story]:
        """Stories with their timelines; see ``depeche.record.links.stories``."""
        return links.stories(self.conn, **filters)

    # -- the library edges --------------------------------------------------------------

    def ingest(self, paths: Iterable[str], *, workers: int | None = None, settings: Settings | None = None,
               **options: Any) -> IngestReport:
        """Analyze files/directories and store the documents; see ``depeche.record.ingestion.ingest``."""
        from .ingestion import ingest

        return ingest(self, paths, workers=workers, settings=settings, **options)

    def events(self, filters: EventFilter | None = None, **kwargs: Any) -> list[EventRow]:
        """Events matching ``filters`` (or keyword filters); see ``depeche.record.query``."""
        from .query import EventFilter, select_events

        return select_events(self.conn, filters or EventFilter(**kwargs))

    def stats(self) -> dict[str, Any]:
        from .query import stats

        return stats(self.conn)

    def export(self, fmt: str, out: str | Path | None = None) -> list[Path]:
        from .export import export

        return export(self, fmt, out)


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
