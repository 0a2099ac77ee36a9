"""The watch state in the record's database (migration 8): sources polled and items seen.

Items are marked seen only once stored (or rejected for good), and a source's ``ETag`` /
``Last-Modified`` are saved only once every item of that answer is; so a watch killed at any
moment asks again for what it had not finished, and the content hashes (of the items here,
of the documents in the store) keep what was finished from being analyzed twice.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


POLL_FIELDS = {"outlet", "outlet_url", "etag", "last_modified"}


@dataclass
class SourceState:
    source: str
    kind: str
    outlet: str | None = None
    outlet_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polls: int = 0
    failures: int = 0
    last_error: str | None = None
    last_polled: str | None = None
    last_ok: str | None = None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class WatchState:
    """Read and write ``watch_sources`` and ``watch_items`` over the store's SQLite connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def source(self, source: str) -> SourceState | None:
        row = self.conn.execute("SELECT * FROM watch_sources WHERE source = ?", (source,)).fetchone()
        return SourceState(**dict(row)) if row else None

    def sources(self) -> list[SourceState]:
        return [SourceState(**dict(r)) for r in self.conn.execute("SELECT * FROM watch_sources ORDER BY source")]

    def with_items(self) -> list[tuple[SourceState, int]]:
        """Every source and how many of its items are stored."""
        counts = dict(self.conn.execute("SELECT source, count(*) FROM watch_items GROUP BY source").fetchall())
        return [(s, counts.get(s.source, 0)) for s in self.sources()]

    def seen(self, source: str) -> dict[str, str]:
        """item -> content hash of every item of ``source`` stored so far."""
        return dict(self.conn.execute("SELECT item, hash FROM watch_items WHERE source = ?", (source,)).fetchall())

    def mark(self, marks: Iterable[tuple[str, str, str]]) -> None:
        """Record (source, item, hash) as stored, in one transaction."""
        rows = [(s, i, h, _now()) for s, i, h in marks]
        if not rows:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany("INSERT OR REPLACE INTO watch_items VALUES (?, ?, ?, ?)", rows)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def polled(self, source: str, kind: str, *, error: str | None = None, **fields: Any) -> None:
        """Record one poll of ``source``: failed with ``error`` (a code), else ok with the ``fields``
        given (``outlet``, ``outlet_url``, and ``etag``/``last_modified`` once its items are stored).
        A poll that went well clears the source's row in ``failures``."""
        unknown = set(fields) - POLL_FIELDS
        if unknown:
            raise ValueError(f"not a watch_sources field: {sorted(unknown)}")
        now = _now()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("INSERT OR IGNORE INTO watch_sources (source, kind) VALUES (?, ?)", (source, kind))
            sets = {"kind": kind, "last_polled": now, "last_error": error, **fields}
            if error is None:
                sets["last_ok"] = now
                self.conn.execute("DELETE FROM failures WHERE source = ?", (source,))
            assignments = ", ".join(f"{k} = ?" for k in sets)
            self.conn.execute(f"UPDATE watch_sources SET {assignments}, polls = polls + 1"
                              f"{', failures = failures + 1' if error else ''} WHERE source = ?",
                              (*sets.values(), source))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
