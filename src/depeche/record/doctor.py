"""``depeche doctor``: whether a SQLite record is sound, and what to do when it is not.

The file is opened read-only and never changed. SQLite's own ``PRAGMA integrity_check`` reads
every page and index; ``foreign_key_check`` finds rows whose document is gone; the schema version
is compared with this depeche's migrations.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .backend import StoreError
from .store import _connect, migrations

DAMAGED_ADVICE = (
    "Keep a copy of the file. Then either rebuild the record from its inputs (`depeche ingest` into a new "
    "database: the inputs are the source of truth), or rescue the readable rows with SQLite's own tool: "
    "`sqlite3 {db} .recover | sqlite3 recovered.db`, and check that one again.")


@dataclass
class Diagnosis:
    path: str
    ok: bool = True
    findings: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def problem(self, finding: str, advice: str) -> None:
        self.ok = False
        self.findings.append(finding)
        if advice not in self.advice:
            self.advice.append(advice)


def examine(path: str | Path, max_errors: int = 20) -> Diagnosis:
    """The diagnosis of the SQLite record at ``path`` (read-only)."""
    path = Path(path)
    out = Diagnosis(str(path))
    if not path.is_file():
        out.problem("no such file", "give the database with --db (setting: db)")
        return out
    try:
        conn = _connect(path, readonly=True)
    except sqlite3.OperationalError as exc:
        out.problem(f"cannot be opened: {exc}", "check the path and its permissions")
        return out
    except sqlite3.DatabaseError as exc:
        out.problem(f"SQLite cannot read it: {exc}", DAMAGED_ADVICE.format(db=path))
        return out
    try:
        _examine(conn, path, out, max_errors)
    except sqlite3.DatabaseError as exc:
        out.problem(f"SQLite cannot read it: {exc}", DAMAGED_ADVICE.format(db=path))
    finally:
        conn.close()
    return out


def _examine(conn: sqlite3.Connection, path: Path, out: Diagnosis, max_errors: int) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    known = len(migrations())
    if tables and (version == 0 or "documents" not in tables):
        out.problem("not a depeche database (no documents table or no schema version)",
                    "give depeche's database with --db; depeche never writes to another")
        return
    errors = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(max_errors)})")]
    if errors != ["ok"]:
        for e in errors:
            out.problem(f"integrity check: {e}", DAMAGED_ADVICE.format(db=path))
        return
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        out.problem(f"{len(orphans)} rows point to a document that is gone", DAMAGED_ADVICE.format(db=path))
    if version < known:
        out.problem(f"schema version {version}, older than this depeche's {known}",
                    "open it once for writing (`depeche ingest` of any input) to upgrade it")
    elif version > known:
        out.problem(f"schema version {version}, newer than this depeche's {known}", "upgrade depeche")
    if out.ok:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0] if tables else 0
        out.findings.append(f"ok: integrity check passed, schema version {version}, {documents} documents")


def check_sqlite(location: str) -> Diagnosis:
    """``examine`` for a ``--db`` value (a path or ``sqlite:///path``); other backends have their own tools."""
    if "://" in location and not location.startswith("sqlite:"):
        raise StoreError(f"{location}: depeche doctor checks SQLite databases; a PostgreSQL server has its own "
                         "tools (pg_amcheck)")
    return examine(location[len("sqlite:///"):] if location.startswith("sqlite:///") else location)
