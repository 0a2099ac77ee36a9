"""The SQLite side of linking: what ``depeche.linking`` reads from the record and writes back.

Reads: documents not yet linked, their text for copy fingerprints, the event mentions as
``Report`` records, the stored fingerprints, edges and story terms. Writes: one ``LinkWrite``
in one transaction. Queries: linked events (one row per real-world event, with counts) and
stories. Every table is derived (migration 0007) and cascades with its document.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..models import Corroboration, LinkedEvent, Report, ReportActor, Story, StoryDay

CHUNK = 500
CONTEXT = 200  # characters of text kept on each side of a report's trigger

REPORTS_SQL = """SELECT e.doc_id, e.id AS event_id, e.type, e.mode, e.start, e."end", e.text,
    e.date_first AS first, e.date_last AS last,
    (e.time IS NOT NULL AND coalesce(t.dct, 0) = 0) AS dated, d.dct_value AS doc_date, e.factuality,
    coalesce(ae.name, e.attribution_text) AS attribution,
    p.name AS place, p.lat, p.lon, p.country AS place_country,
    substr(d.text, max(1, e.start + 1 - :context), e."end" - max(0, e.start - :context) + :context) AS context
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN entities ae ON ae.doc_id = e.doc_id AND ae.id = e.attribution_entity"""

ACTORS_SQL = """SELECT a.doc_id, a.event_id, a.role, a.entity_id, en.name, en.type, en.country, en.sector
FROM event_actors a LEFT JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
WHERE a.doc_id IN ({}) ORDER BY a.doc_id, a.event_id, a.role, a.n"""


@dataclass
class LinkWrite:
    """Everything one linking run writes, in one transaction."""

    linker: str
    fingerprints: list[tuple[str, str, str | None, bytes, int, str | None]] = field(default_factory=list)
    documents: list[tuple[str, str, str, str | None, str]] = field(default_factory=list)  # id, date, title, outlet, terms
    edges: list[tuple[str, str, str, str, float, str]] = field(default_factory=list)
    copy_groups: list[tuple[str, str, str | None, float]] | None = None  # None: unchanged
    links: list[tuple[str, str, str, int]] | None = None
    linked_events: list[LinkedEvent] | None = None
    stories: list[tuple[Story, list[tuple[str, str, float]]]] | None = None
    reset: bool = False


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def unlinked(conn: sqlite3.Connection, linker: str) -> list[str]:
    """Documents with no links by ``linker`` yet, oldest first."""
    return [r[0] for r in conn.execute(
        """SELECT d.id FROM documents d LEFT JOIN linked_documents l ON l.doc_id = d.id AND l.linker = ?
        WHERE l.doc_id IS NULL ORDER BY d.dct_value, d.id""", (linker,))]


def link_counts(conn: sqlite3.Connection) -> dict[str, int]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {"documents": one("SELECT count(*) FROM documents"),
            "linked_documents": one("SELECT count(*) FROM linked_documents"),
            "events": one("SELECT count(*) FROM events"),
            "event_links": one("SELECT count(*) FROM event_links"),
            "linked_events": one("SELECT count(*) FROM linked_events"),
            "copy_groups": one("SELECT count(DISTINCT group_id) FROM copy_groups"),
            "stories": one("SELECT count(*) FROM stories"),
            "linked_mentions": one("SELECT coalesce(sum(mentions), 0) FROM linked_events")}


def texts(conn: sqlite3.Connection, doc_ids: list[str]) -> Iterator[tuple[str, str, dict, str | None]]:
    """(doc id, text, metadata, document date) of each document, in the order given."""
    for chunk in _chunks(doc_ids):
        found = {r[0]: (r[0], r[1], json.loads(r[2] or "{}"), r[3]) for r in conn.execute(
            f"SELECT id, text, metadata, dct_value FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
        yield from (found[d] for d in chunk if d in found)


def fingerprints(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str | None, bytes, int, str | None]]:
    yield from conn.execute("""SELECT f.doc_id, f.text_hash, f.url, f.minhash, f.shingles, f.date FROM copy_fingerprints f
        JOIN documents d ON d.id = f.doc_id ORDER BY d.dct_value, f.doc_id""")


def copy_groups(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT doc_id, group_id FROM copy_groups"))


def reports(conn: sqlite3.Connection, doc_ids: list[str] | None = None) -> list[Report]:
    """Every event mention (of the given documents, or all) as a ``Report``."""
    if doc_ids is None:
        doc_ids = [r[0] for r in conn.execute("SELECT DISTINCT doc_id FROM events")]
    out = []
    for chunk in _chunks(doc_ids):
        marks = ",".join("?" * len(chunk))
        actors: dict[tuple[str, str], list[ReportActor]] = {}
        for r in conn.execute(ACTORS_SQL.format(marks), chunk):
            actors.setdefault((r[0], r[1]), []).append(ReportActor(
                role=r[2], entity=r[3], key=_key(r[4]), named=bool(r[4] and r[4][:1].isupper()), type=r[5],
                country=r[6], sector=r[7]))
        params = {f"d{i}": d for i, d in enumerate(chunk)} | {"context": CONTEXT}
        marks = ",".join(f":d{i}" for i in range(len(chunk)))
        for r in conn.execute(REPORTS_SQL + f" WHERE e.doc_id IN ({marks}) ORDER BY e.doc_id, e.n", params):
            row = dict(r)
            row["dated"] = bool(row["dated"])
            row["place"] = _key(row["place"]) if row["place"] else None
            out.append(Report(**row, actors=actors.get((row["doc_id"], row["event_id"]), [])))
    return out


def _key(name: str | None) -> str:
    from ..fold import name_key

    return name_key(name) if name else ""


def edges(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    return [tuple(r) for r in conn.execute("SELECT a_doc, a_event, b_doc, b_event FROM event_edges")]


def linked_documents(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None, dict[str, int]]]:
    """(doc id, date, title, outlet, terms) of every linked document, by date then id."""
    return [(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in conn.execute(
        "SELECT doc_id, date, title, outlet, terms FROM linked_documents ORDER BY date, doc_id")]


def write(conn: sqlite3.Connection, w: LinkWrite) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if w.reset:
            for table in ("event_edges", "event_links", "linked_events", "copy_groups", "copy_fingerprints",
                          "story_documents", "stories", "linked_documents"):
                conn.execute(f"DELETE FROM {table}")
        conn.executemany("INSERT OR REPLACE INTO copy_fingerprints VALUES (?, ?, ?, ?, ?, ?)", w.fingerprints)
        conn.executemany("INSERT OR REPLACE INTO linked_documents VALUES (?, ?, ?, ?, ?, ?)",
                         [(d, w.linker, date, title, outlet, terms) for d, date, title, outlet, terms in w.documents])
        conn.executemany("INSERT OR REPLACE INTO event_edges VALUES (?, ?, ?, ?, ?, ?)", w.edges)
        if w.copy_groups is not None:
            conn.execute("DELETE FROM copy_groups")
            conn.executemany("INSERT INTO copy_groups VALUES (?, ?, ?, ?)", w.copy_groups)
        if w.links is not None:
            conn.execute("DELETE FROM event_links")
            conn.executemany("INSERT INTO event_links VALUES (?, ?, ?, ?)", w.links)
        if w.linked_events is not None:
            conn.execute("DELETE FROM linked_events")
            conn.executemany("INSERT INTO linked_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [_linked_row(e) for e in w.linked_events])
        if w.stories is not None:
            conn.execute("DELETE FROM story_documents")
            conn.execute("DELETE FROM stories")
            for story, members in w.stories:
                conn.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?)", (
                    story.id, story.title, story.first, story.last, story.documents, json.dumps(story.terms)))
                conn.executemany("INSERT INTO story_documents VALUES (?, ?, ?, ?)",
                                 [(story.id, d, date, score) for d, date, score in members])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _linked_row(e: LinkedEvent) -> tuple[Any, ...]:
    c = e.corroboration
    return (e.id, e.type, e.first, e.last, e.canonical[0], e.canonical[1], e.title, e.place,
            json.dumps(e.actors, ensure_ascii=False), c.reports, c.mentions, c.outlets, c.sources,
            c.independent, json.dumps(c.factuality))


# -- queries ------------------------------------------------------------------------------

def _period_clauses(count: str, minimum: int, since: str | None, until: str | None,
                    prefix: str | None) -> tuple[list[str], dict]:
    """The WHERE clauses shared by linked events and stories: at least ``minimum`` in the column
    ``count``, a period (``first``..``last``) overlapping ``since``..``until``, an id prefix."""
    clauses, params = [f"{count} >= :minimum"], {"minimum": minimum}
    if since:
        clauses.append("last >= :since")
        params["since"] = since
    if until:
        clauses.append("first <= :until")
        params["until"] = until
    if prefix:
        clauses.append("id LIKE :prefix")
        params["prefix"] = prefix + "%"
    return clauses, params


def linked_events(conn: sqlite3.Connection, *, type: str | None = None, since: str | None = None,
                  until: str | None = None, min_reports: int = 1, event: str | None = None,
                  with_reports: bool = False, limit: int | None = None, after: str | None = None) -> list[LinkedEvent]:
    """Linked events by date (then most reports first), filtered; ``since``/``until`` are ISO days.
    With ``after`` (an id), the events whose id follows it, in id order: a keyset page for exports."""
    clauses, params = _period_clauses("reports", min_reports, since, until, event)
    if type:
        clauses.append("type = :type")
        params["type"] = type
    if after is not None:
        clauses.append("id > :after")
        params["after"] = after
    order = "id" if after is not None else "first, reports DESC, id"
    sql = "SELECT * FROM linked_events WHERE " + " AND ".join(clauses) + " ORDER BY " + order
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = []
    for r in conn.execute(sql, params):
        out.append(LinkedEvent(
            id=r["id"], type=r["type"], first=r["first"], last=r["last"],
            canonical=(r["canonical_doc"], r["canonical_event"]), title=r["title"], place=r["place"],
            actors=json.loads(r["actors"]), corroboration=Corroboration(
                reports=r["reports"], mentions=r["mentions"], outlets=r["outlets"], sources=r["sources"],
                independent=r["independent"], factuality=json.loads(r["factuality"]))))
    if with_reports and out:
        members: dict[str, list[tuple[str, str]]] = {}
        for chunk in _chunks([e.id for e in out]):
            for r in conn.execute(f"""SELECT linked_id, doc_id, event_id FROM event_links
                    WHERE linked_id IN ({','.join('?' * len(chunk))}) ORDER BY canonical DESC, doc_id, event_id""",
                                  chunk):
                members.setdefault(r[0], []).append((r[1], r[2]))
        by_key = {rep.key: rep for rep in reports(conn, sorted({d for m in members.values() for d, _ in m}))}
        for e in out:
            e.reports = [by_key[k] for k in members.get(e.id, []) if k in by_key]
    return out


def linked_of(conn: sqlite3.Connection, doc_id: str) -> dict[str, str]:
    """The linked event of each of a document's event mentions: {event id: linked event id}."""
    return dict(conn.execute("SELECT event_id, linked_id FROM event_links WHERE doc_id = ?", (doc_id,)))


def stories(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
            min_documents: int = 2, story: str | None = None, limit: int | None = None) -> list[Story]:
    """Stories by first day, with their timeline (documents and linked-event mentions per day)."""
    clauses, params = _period_clauses("documents", min_documents, since, until, story)
    sql = "SELECT * FROM stories WHERE " + " AND ".join(clauses) + " ORDER BY first, documents DESC, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = [Story(id=r["id"], title=r["title"], first=r["first"], last=r["last"], documents=r["documents"],
                 terms=json.loads(r["terms"])) for r in conn.execute(sql, params)]
    for s in out:
        days: dict[str, list[str]] = {}
        events: dict[str, int] = {}
        for r in conn.execute("""SELECT sd.date, sd.doc_id, (SELECT count(*) FROM events e WHERE e.doc_id = sd.doc_id)
                FROM story_documents sd WHERE sd.story_id = ? ORDER BY sd.date, sd.doc_id""", (s.id,)):
            days.setdefault(r[0], []).append(r[1])
            events[r[0]] = events.get(r[0], 0) + r[2]
        s.timeline = [StoryDay(date=d, documents=docs, events=events[d]) for d, docs in days.items()]
    return out
