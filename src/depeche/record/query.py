"""Questions to the record: events by type, actor, country, place, period, factuality, text.

Every filter is optional and they combine with AND. Dates are periods: an event dated
only "2023-09" (its time or its document known to the month) matches ``since=2023-09-15``
because the periods overlap. ``text`` is an FTS5 search over the documents' text that
ignores case and accents (``unicode61 remove_diacritics 2``): "defense" finds "défense".
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, field_validator

from ..inputs import first_day, last_day, parse_date
from ..errors import DepecheError
from ..models import Factuality, PloverType
from .tables import fold, name_words

CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})?$")


class QueryError(DepecheError):
    code = "bad-query"


class EventFilter(BaseModel):
    """What ``depeche events`` filters on; every field is optional."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    place_country: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    text: str | None = None
    doc: str | None = None
    limit: int | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, v):
        if v is None:
            return v
        if v.upper() not in get_args(PloverType):
            raise ValueError(f"unknown event type {v!r}; PLOVER types: {', '.join(get_args(PloverType))}")
        return v.upper()

    @field_validator("factuality")
    @classmethod
    def _factuality(cls, v):
        if v is not None and v.lower() not in get_args(Factuality):
            raise ValueError(f"unknown factuality {v!r}; one of {', '.join(get_args(Factuality))}")
        return v.lower() if v else v

    @field_validator("country", "place_country")
    @classmethod
    def _country(cls, v):
        if v is not None and not re.fullmatch(r"[A-Za-z]{3}", v):
            raise ValueError(f"{v!r} is not a three-letter country code (ISO 3166 alpha-3, e.g. RUS)")
        return v.upper() if v else v

    @field_validator("since", "until")
    @classmethod
    def _date(cls, v):
        if v is not None:
            parse_date(v)  # ValueError names the problem
        return v

    @field_validator("limit")
    @classmethod
    def _limit(cls, v):
        if v is not None and v < 0:
            raise ValueError("limit must be 0 or more")
        return v


class Actor(BaseModel):
    entity: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None

    @property
    def code(self) -> str:
        return (self.country or "") + (self.sector or "")

    def label(self) -> str:
        return f"{self.name or self.entity}" + (f" ({self.code})" if self.code else "")


class EventRow(BaseModel):
    """One event as a query answers it: the event with its actors, place, time and document."""

    doc_id: str
    id: str
    source_document: str
    type: str
    mode: str | None
    date: str | None
    factuality: str
    attribution: str | None
    source: list[Actor] = []
    target: list[Actor] = []
    # The words of the actors, for those that are no entity ("des manifestants" in a text
    # that names no country for them, "il").
    source_words: list[str] = []
    target_words: list[str] = []
    place: str | None
    place_country: str | None
    time: str | None
    segment: str
    start: int
    end: int
    text: str


def connect_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("fold", 1, fold, deterministic=True)


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must occur; a trailing * matches a prefix."""
    terms = []
    for word in text.split():
        star = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if star else ""))
    if not terms:
        raise QueryError("--text needs at least one word")
    return " ".join(terms)


ACTOR_EXISTS = """EXISTS (SELECT 1 FROM event_actors a JOIN entities en
    ON en.doc_id = a.doc_id AND en.id = a.entity_id
    WHERE a.doc_id = e.doc_id AND a.event_id = e.id AND ({}))"""
# Events with an actor whose name or mentions have every word of the query (each as a word's
# beginning: "Pout" finds "Poutine"), looked up in the entity_words index.
ACTOR_WORDS = """(e.doc_id, e.id) IN (SELECT a.doc_id, a.event_id FROM event_actors a
    JOIN ({}) m ON m.doc_id = a.doc_id AND m.entity_id = a.entity_id)"""
WORD_PREFIX = "SELECT doc_id, entity_id FROM entity_words WHERE word >= :{0} AND word < :{0}_end"


def _actor_words(value: str, params: dict[str, Any]) -> str:
    words = name_words(value)
    if not words:
        raise QueryError("--actor needs a name or an actor code")
    for n, word in enumerate(words):
        params[f"w{n}"], params[f"w{n}_end"] = word, word + "\U0010ffff"
    return ACTOR_WORDS.format(" INTERSECT ".join(WORD_PREFIX.format(f"w{n}") for n in range(len(words))))


def where_clause(f: EventFilter) -> tuple[str, dict[str, Any]]:
    clauses, params = [], {}
    if f.type:
        clauses.append("e.type = :type")
        params["type"] = f.type
    if f.factuality:
        clauses.append("e.factuality = :factuality")
        params["factuality"] = f.factuality
    if f.actor:
        if CODE.match(f.actor):
            params["a_country"], params["a_sector"] = f.actor[:3], f.actor[3:] or None
            clauses.append(ACTOR_EXISTS.format("(en.country = :a_country AND (:a_sector IS NULL OR en.sector = :a_sector)"
                                               " OR fold(en.name) = lower(:a_country))"))
        else:
            clauses.append(_actor_words(f.actor, params))
    if f.country:
        clauses.append(ACTOR_EXISTS.format("en.country = :country"))
        params["country"] = f.country
    if f.place_country:
        clauses.append("p.country = :place_country")
        params["place_country"] = f.place_country
    if f.since:
        clauses.append("e.date_last >= :since")
        params["since"] = first_day(parse_date(f.since)).isoformat()
    if f.until:
        clauses.append("e.date_first <= :until")
        params["until"] = last_day(parse_date(f.until)).isoformat()
    if f.text is not None:
        clauses.append("d.n IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :text)")
        params["text"] = fts_query(f.text)
    if f.doc:
        clauses.append("e.doc_id = :doc")
        params["doc"] = f.doc
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


EVENTS_SQL = """SELECT e.doc_id, e.id, d.source AS source_document, e.type, e.mode, e.date, e.factuality,
    e.attribution_text AS attribution, p.name AS place, p.country AS place_country, t.value AS time,
    e.segment, e.start, e."end", e.text,
    json_extract(e.extra, '$.source_spans') AS source_spans, json_extract(e.extra, '$.target_spans') AS target_spans
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time"""


def select_events(conn: sqlite3.Connection, f: EventFilter) -> list[EventRow]:
    """The events matching ``f``, by date then document then order in the document."""
    connect_functions(conn)
    where, params = where_clause(f)
    sql = EVENTS_SQL + where + " ORDER BY e.date_first, d.n, e.n"
    if f.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = f.limit
    try:
        rows = [dict(r) for r in conn.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        raise QueryError(f"query failed: {exc}") from exc
    actors = _actors(conn, sorted({r["doc_id"] for r in rows}))
    out = []
    for r in rows:
        words = {role: [m["text"] for m in json.loads(r.pop(f"{role}_spans") or "[]")] for role in ("source", "target")}
        out.append(EventRow(**r, source=actors.get((r["doc_id"], r["id"], "source"), []),
                            target=actors.get((r["doc_id"], r["id"], "target"), []),
                            source_words=words["source"], target_words=words["target"]))
    return out


def _actors(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[tuple[str, str, str], list[Actor]]:
    out: dict[tuple[str, str, str], list[Actor]] = {}
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"""SELECT a.doc_id, a.event_id, a.role, a.entity_id, en.name, en.country, en.sector
            FROM event_actors a LEFT JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
            WHERE a.doc_id IN ({marks}) ORDER BY a.doc_id, a.event_id, a.role, a.n""", chunk):
            out.setdefault((r[0], r[1], r[2]), []).append(
                Actor(entity=r[3], name=r[4], country=r[5], sector=r[6]))
    return out


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of the record: rows per table, events by type, actor country, month, factuality."""
    def counter(sql: str) -> dict[str, int]:
        return dict(Counter({(r[0] if r[0] is not None else "?"): r[1] for r in conn.execute(sql)}).most_common())

    tables = ("documents", "entities", "places", "times", "quantities", "quotes", "events", "checks", "failures")
    return {
        "counts": {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables},
        "events_by_type": counter("SELECT type, count(*) FROM events GROUP BY type"),
        "events_by_country": counter(
            """SELECT en.country, count(DISTINCT a.doc_id || '/' || a.event_id) FROM event_actors a
            JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
            WHERE en.country IS NOT NULL GROUP BY en.country"""),
        "events_by_month": dict(sorted(counter(
            "SELECT substr(date, 1, 7), count(*) FROM events GROUP BY substr(date, 1, 7)").items())),
        "events_by_factuality": counter("SELECT factuality, count(*) FROM events GROUP BY factuality"),
        "documents_by_month": dict(sorted(counter(
            "SELECT substr(dct_value, 1, 7), count(*) FROM documents GROUP BY substr(dct_value, 1, 7)").items())),
        "failures_by_code": counter("SELECT code, count(*) FROM failures GROUP BY code"),
    }
