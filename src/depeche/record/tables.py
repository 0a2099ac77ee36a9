"""The store's table layout: a ``Document`` to rows and back, generically.

Each list of records in a Document (``segments``, ``entities``, ...) has a table of the
same name, one row per record keyed by ``(doc_id, n)`` or ``(doc_id, id)``. A record
field becomes the column of the same name; a nested record (``dct``, ``attribution``)
becomes ``<field>_<subfield>`` columns; a list of mentions becomes rows of a child
table; event actors become ``event_actors`` rows. A field with no column (one added to
the models after the last migration) is kept in the row's ``extra`` JSON, so a stored
Document reads back equal to the one written.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..fold import fold as fold_name
from ..inputs import first_day, last_day, parse_date
from ..models import Document, DocumentDate, Event, Time

# Document list field -> its table (same name); child lists -> (field, table, key column).
KINDS = ("segments", "entities", "places", "times", "quantities", "quotes", "events", "checks")
CHILDREN = {
    "entities": ("mentions", "entity_mentions", "entity_id"),
    "places": ("mentions", "place_mentions", "place_id"),
}
ACTOR_ROLES = ("source", "target")
# Columns that are not record fields: keys, bookkeeping, values derived when written.
NOT_FIELDS = {"doc_id", "n", "extra", "pipeline", "ingested_at", "date", "date_first", "date_last",
              "entity_id", "place_id"}
DATE_VALUE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")


@dataclass(frozen=True)
class Columns:
    """A table's columns, from the database itself (``PRAGMA table_info``)."""

    table: str
    names: tuple[str, ...]
    json: frozenset[str]

    @classmethod
    def of(cls, conn: sqlite3.Connection, table: str) -> Columns:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        return cls(table, tuple(r[1] for r in info), frozenset(r[1] for r in info if r[2].upper() == "JSON"))

    def fields(self) -> set[str]:
        return set(self.names) - NOT_FIELDS

    def insert_sql(self) -> str:
        cols = ", ".join(f'"{c}"' for c in self.names)
        return f"INSERT INTO {self.table} ({cols}) VALUES ({', '.join('?' * len(self.names))})"

    def row(self, record: dict[str, Any], fixed: dict[str, Any]) -> tuple:
        """A row of this table for a dumped record; fields without a column go to ``extra``."""
        values = dict(fixed)
        extra = {}
        for key, value in record.items():
            if isinstance(value, dict) and any(c.startswith(key + "_") for c in self.names) and key not in self.names:
                for sub, v in value.items():
                    col = f"{key}_{sub}"
                    if col in self.names:
                        values[col] = v
                    else:
                        extra.setdefault(key, {})[sub] = v
            elif value is None and any(c.startswith(key + "_") for c in self.names) and key not in self.names:
                continue
            elif key in self.names and key not in NOT_FIELDS:
                values[key] = json.dumps(value, ensure_ascii=False) if key in self.json else value
            else:
                extra[key] = value
        values["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
        return tuple(values.get(c) for c in self.names)

    def record(self, row: sqlite3.Row) -> dict[str, Any]:
        """The record fields of a row: the inverse of ``row``."""
        out: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for col in self.names:
            if col in NOT_FIELDS:
                continue
            value = row[col]
            if col in self.json and value is not None:
                value = json.loads(value)
            prefix, _, sub = col.partition("_")
            if sub and prefix in NESTED.get(self.table, ()):
                nested.setdefault(prefix, {})[sub] = value
            else:
                out[col] = value
        for key, parts in nested.items():
            out[key] = parts if any(v is not None for v in parts.values()) else None
        if row["extra"]:
            for key, value in json.loads(row["extra"]).items():
                if isinstance(value, dict) and isinstance(out.get(key), dict):
                    out[key].update(value)
                else:
                    out[key] = value
        return out


# Nested single records flattened into <field>_<subfield> columns.
NESTED = {"documents": ("dct",), "events": ("attribution",)}


def event_period(event: Event, times: dict[str, Time], dct: DocumentDate | None) -> tuple[str | None, str | None, str | None]:
    """(date, first day, last day) of an event: its time's calendar value, else the document date."""
    date: DocumentDate | None = None
    time = times.get(event.time) if event.time else None
    if time is not None and time.type in ("DATE", "TIME"):
        m = DATE_VALUE.match(time.value)
        if m:
            try:
                date = parse_date(m.group(1))
            except ValueError:
                date = None
    date = date or dct
    if date is None:
        return None, None, None
    return date.value, first_day(date).isoformat(), last_day(date).isoformat()


_WORD = re.compile(r"\w\w+")  # one letter ("M." of "M. Poutine") is no word of a name


def fold(value: str | None) -> str | None:
    """How names are compared: ``depeche.fold.fold`` (letters to ASCII, case-folded)."""
    return None if value is None else fold_name(value)


def name_words(text: str | None) -> list[str]:
    """The words of a name as ``entity_words`` holds them: lower case, no accents ("Poutine",
    "M. Poutine" -> "poutine"; "Jean-Yves" -> "jean", "yves")."""
    return _WORD.findall(fold(text)) if text else []


def entity_word_rows(doc: Document) -> list[tuple[str, str, str]]:
    """(word, doc_id, entity_id) for the words of every entity's name and mentions."""
    rows: set[tuple[str, str, str]] = set()
    for entity in doc.entities:
        for text in [entity.name, *(m.text for m in entity.mentions)]:
            rows.update((w, doc.id, entity.id) for w in name_words(text))
    return sorted(rows)


def document_rows(doc: Document, schema: dict[str, Columns], meta: dict[str, Any]) -> dict[str, list[tuple]]:
    """Every row of ``doc``, by table. ``meta`` fills the documents row's bookkeeping columns."""
    dump = doc.model_dump(mode="json")
    rows: dict[str, list[tuple]] = {}
    head = {k: v for k, v in dump.items() if k not in KINDS}
    rows["documents"] = [schema["documents"].row(head, meta)]
    times = {t.id: t for t in doc.times}
    for kind in KINDS:
        table = schema[kind]
        out = rows.setdefault(kind, [])
        for n, (record, model) in enumerate(zip(dump[kind], getattr(doc, kind), strict=True)):
            fixed: dict[str, Any] = {"doc_id": doc.id, "n": n}
            if kind in CHILDREN:
                field, child, key = CHILDREN[kind]
                for m, mention in enumerate(record.pop(field, [])):
                    rows.setdefault(child, []).append(
                        schema[child].row(mention, {"doc_id": doc.id, key: record["id"], "n": m}))
            if kind == "events":
                for role in ACTOR_ROLES:
                    for m, entity_id in enumerate(record.pop(role, [])):
                        rows.setdefault("event_actors", []).append((doc.id, record["id"], role, m, entity_id))
                fixed["date"], fixed["date_first"], fixed["date_last"] = event_period(model, times, doc.dct)
            out.append(table.row(record, fixed))
    rows["entity_words"] = entity_word_rows(doc)
    return rows


def read_document(conn: sqlite3.Connection, schema: dict[str, Columns], doc_id: str) -> Document | None:
    """The Document stored under ``doc_id``, rebuilt from its rows, or None."""
    head = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if head is None:
        return None
    data = schema["documents"].record(head)
    for kind in KINDS:
        records = [schema[kind].record(r) for r in
                   conn.execute(f"SELECT * FROM {kind} WHERE doc_id = ? ORDER BY n", (doc_id,))]
        if kind in CHILDREN:
            field, child, key = CHILDREN[kind]
            by_parent: dict[str, list] = {}
            for r in conn.execute(f"SELECT * FROM {child} WHERE doc_id = ? ORDER BY {key}, n", (doc_id,)):
                by_parent.setdefault(r[key], []).append(schema[child].record(r))
            for rec in records:
                rec[field] = by_parent.get(rec["id"], [])
        if kind == "events":
            actors: dict[tuple[str, str], list[str]] = {}
            for r in conn.execute("SELECT event_id, role, entity_id FROM event_actors WHERE doc_id = ? "
                                  "ORDER BY event_id, role, n", (doc_id,)):
                actors.setdefault((r[0], r[1]), []).append(r[2])
            for rec in records:
                for role in ACTOR_ROLES:
                    rec[role] = actors.get((rec["id"], role), [])
        data[kind] = records
    return Document.model_validate(data)
