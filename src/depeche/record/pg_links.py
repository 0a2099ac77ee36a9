"""The PostgreSQL side of linking: the same reads and writes as ``links`` (SQLite), in its dialect.

The tables are those of ``migrations/postgresql/0010_links.sql`` (JSON columns are jsonb, the
MinHash bytea, flags boolean). A linking run writes in one transaction under the writers'
advisory lock, so it never interleaves with an ingest's batch; readers see the links before or
after it, never half of them.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
from psycopg.rows import dict_row

from ..models import Corroboration, LinkedEvent, Report, ReportActor, Story, StoryDay
from .links import CONTEXT, LinkWrite, _chunks, _key, _linked_row
from .pg_connect import WRITE_LOCK

REPORTS_SQL = """SELECT e.doc_id, e.id AS event_id, e.type, e.mode, e.start, e."end", e.text,
    e.date_first AS first, e.date_last AS last,
    (e.time IS NOT NULL AND NOT coalesce(t.dct, false)) AS dated, d.dct_value AS doc_date, e.factuality,
    coalesce(ae.name, e.attribution_text) AS attribution,
    p.name AS place, p.lat, p.lon, p.country AS place_country,
    substr(d.text, greatest(1, e.start + 1 - %(context)s), e."end" - greatest(0, e.start - %(context)s) + %(context)s)
        AS context
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN entities ae ON ae.doc_id = e.doc_id AND ae.id = e.attribution_entity
WHERE e.doc_id = ANY(%(docs)s) ORDER BY e.doc_id, e.n"""

ACTORS_SQL = """SELECT a.doc_id, a.event_id, a.role, a.entity_id, en.name, en.type, en.country, en.sector
FROM event_actors a LEFT JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
WHERE a.doc_id = ANY(%s) ORDER BY a.doc_id, a.event_id, a.role, a.n"""

TABLES = ("event_edges", "event_links", "linked_events", "copy_groups", "copy_fingerprints", "story_documents",
          "stories", "linked_documents")


def unlinked(conn: psycopg.Connection, linker: str) -> list[str]:
    return [r[0] for r in conn.execute(
        """SELECT d.id FROM documents d LEFT JOIN linked_documents l ON l.doc_id = d.id AND l.linker = %s
        WHERE l.doc_id IS NULL ORDER BY d.dct_value, d.id""", (linker,))]


def link_counts(conn: psycopg.Connection) -> dict[str, int]:
    row = conn.execute("""SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM linked_documents),
        (SELECT count(*) FROM events), (SELECT count(*) FROM event_links), (SELECT count(*) FROM linked_events),
        (SELECT count(DISTINCT group_id) FROM copy_groups), (SELECT count(*) FROM stories),
        (SELECT coalesce(sum(mentions), 0) FROM linked_events)""").fetchone()
    names = ("documents", "linked_documents", "events", "event_links", "linked_events", "copy_groups", "stories",
             "linked_mentions")
    return {k: int(v) for k, v in zip(names, row)}


def texts(conn: psycopg.Connection, doc_ids: list[str]) -> Iterator[tuple[str, str, dict, str | None]]:
    for chunk in _chunks(doc_ids):
        found = {r[0]: (r[0], r[1], _json(r[2], {}), r[3]) for r in conn.execute(
            "SELECT id, text, metadata, dct_value FROM documents WHERE id = ANY(%s)", (chunk,))}
        yield from (found[d] for d in chunk if d in found)


def _json(value, empty):
    """A jsonb value: decoded by psycopg, or a JSON text stored in it (the record's writers send text)."""
    if value is None:
        return empty
    return json.loads(value) if isinstance(value, str) else value


def fingerprints(conn: psycopg.Connection) -> Iterator[tuple[str, str, str | None, bytes, int, str | None]]:
    for r in conn.execute("""SELECT f.doc_id, f.text_hash, f.url, f.minhash, f.shingles, f.date FROM copy_fingerprints f
            JOIN documents d ON d.id = f.doc_id ORDER BY d.dct_value, f.doc_id"""):
        yield r[0], r[1], r[2], bytes(r[3]), r[4], r[5]


def copy_groups(conn: psycopg.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT doc_id, group_id FROM copy_groups").fetchall())


def reports(conn: psycopg.Connection, doc_ids: list[str] | None = None) -> list[Report]:
    if doc_ids is None:
        doc_ids = [r[0] for r in conn.execute("SELECT DISTINCT doc_id FROM events ORDER BY doc_id")]
    out = []
    for chunk in _chunks(doc_ids):
        actors: dict[tuple[str, str], list[ReportActor]] = {}
        for r in conn.execute(ACTORS_SQL, (chunk,)):
            actors.setdefault((r[0], r[1]), []).append(ReportActor(
                role=r[2], entity=r[3], key=_key(r[4]), named=bool(r[4] and r[4][:1].isupper()), type=r[5],
                country=r[6], sector=r[7]))
        with conn.cursor(row_factory=dict_row) as cur:
            for row in cur.execute(REPORTS_SQL, {"docs": chunk, "context": CONTEXT}):
                row["place"] = _key(row["place"]) if row["place"] else None
                out.append(Report(**row, actors=actors.get((row["doc_id"], row["event_id"]), [])))
    return out


def edges(conn: psycopg.Connection) -> list[tuple[str, str, str, str]]:
    return [tuple(r) for r in conn.execute("SELECT a_doc, a_event, b_doc, b_event FROM event_edges")]


def linked_documents(conn: psycopg.Connection) -> list[tuple[str, str, str, str | None, dict[str, int]]]:
    return [(r[0], r[1], r[2], r[3], _json(r[4], {})) for r in conn.execute(
        "SELECT doc_id, date, title, outlet, terms FROM linked_documents ORDER BY date, doc_id")]


def write(conn: psycopg.Connection, w: LinkWrite) -> None:
    """One linking run, in the caller's transaction, after the ingests' batches (advisory lock)."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    if w.reset:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")
    with conn.cursor() as cur:
        cur.executemany("""INSERT INTO copy_fingerprints VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (doc_id) DO UPDATE
            SET text_hash = excluded.text_hash, url = excluded.url, minhash = excluded.minhash,
            shingles = excluded.shingles, date = excluded.date""", w.fingerprints)
        cur.executemany("""INSERT INTO linked_documents VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (doc_id) DO UPDATE
            SET linker = excluded.linker, date = excluded.date, title = excluded.title, outlet = excluded.outlet,
            terms = excluded.terms""",
                        [(d, w.linker, date, title, outlet, terms) for d, date, title, outlet, terms in w.documents])
        cur.executemany("""INSERT INTO event_edges VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (a_doc, a_event, b_doc, b_event) DO UPDATE SET score = excluded.score,
            reasons = excluded.reasons""", w.edges)
        if w.copy_groups is not None:
            cur.execute("DELETE FROM copy_groups")
            cur.executemany("INSERT INTO copy_groups VALUES (%s, %s, %s, %s)", w.copy_groups)
        if w.links is not None:
            cur.execute("DELETE FROM event_links")
            cur.executemany("INSERT INTO event_links VALUES (%s, %s, %s, %s)", w.links)
        if w.linked_events is not None:
            cur.execute("DELETE FROM linked_events")
            cur.executemany("INSERT INTO linked_events VALUES (" + ", ".join(["%s"] * 15) + ")",
                            [_linked_row(e) for e in w.linked_events])
        if w.stories is not None:
            cur.execute("DELETE FROM story_documents")
            cur.execute("DELETE FROM stories")
            cur.executemany("INSERT INTO stories VALUES (%s, %s, %s, %s, %s, %s)", [
                (s.id, s.title, s.first, s.last, s.documents, json.dumps(s.terms, ensure_ascii=False))
                for s, _ in w.stories])
            cur.executemany("INSERT INTO story_documents VALUES (%s, %s, %s, %s)",
                            [(s.id, d, date, score) for s, members in w.stories for d, date, score in members])


def linked_events(conn: psycopg.Connection, *, type: str | None = None, since: str | None = None,
                  until: str | None = None, min_reports: int = 1, event: str | None = None,
                  with_reports: bool = False, limit: int | None = None, after: str | None = None) -> list[LinkedEvent]:
    """As ``links.linked_events``: by date (then most reports first), or in id order after ``after``."""
    clauses, params = ["reports >= %(min_reports)s"], {"min_reports": min_reports}
    for column, op, key, value in (("type", "=", "type", type), ("last", ">=", "since", since),
                                   ("first", "<=", "until", until), ("id", ">", "after", after)):
        if value is not None:
            clauses.append(f"{column} {op} %({key})s")
            params[key] = value
    if event:
        clauses.append("id LIKE %(event)s")
        params["event"] = event.replace("%", "").replace("_", "") + "%"
    order = "id" if after is not None else "first, reports DESC, id"
    query = "SELECT * FROM linked_events WHERE " + " AND ".join(clauses) + " ORDER BY " + order
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    out = []
    with conn.cursor(row_factory=dict_row) as cur:
        for r in cur.execute(query, params):
            out.append(LinkedEvent(
                id=r["id"], type=r["type"], first=r["first"], last=r["last"],
                canonical=(r["canonical_doc"], r["canonical_event"]), title=r["title"], place=r["place"],
                actors=_json(r["actors"], []), corroboration=Corroboration(
                    reports=r["reports"], mentions=r["mentions"], outlets=r["outlets"], sources=r["sources"],
                    independent=r["independent"], factuality=_json(r["factuality"], {}))))
    if with_reports and out:
        members: dict[str, list[tuple[str, str]]] = {}
        for chunk in _chunks([e.id for e in out]):
            for r in conn.execute("""SELECT linked_id, doc_id, event_id FROM event_links WHERE linked_id = ANY(%s)
                    ORDER BY canonical DESC, doc_id, event_id""", (chunk,)):
                members.setdefault(r[0], []).append((r[1], r[2]))
        by_key = {rep.key: rep for rep in reports(conn, sorted({d for m in members.values() for d, _ in m}))}
        for e in out:
            e.reports = [by_key[k] for k in members.get(e.id, []) if k in by_key]
    return out


def linked_of(conn: psycopg.Connection, doc_id: str) -> dict[str, str]:
    return dict(conn.execute("SELECT event_id, linked_id FROM event_links WHERE doc_id = %s", (doc_id,)).fetchall())


def stories(conn: psycopg.Connection, *, since: str | None = None, until: str | None = None,
            min_documents: int = 2, story: str | None = None, limit: int | None = None) -> list[Story]:
    clauses, params = ["documents >= %(min_documents)s"], {"min_documents": min_documents}
    for column, op, key, value in (("last", ">=", "since", since), ("first", "<=", "until", until)):
        if value is not None:
            clauses.append(f"{column} {op} %({key})s")
            params[key] = value
    if story:
        clauses.append("id LIKE %(story)s")
        params["story"] = story.replace("%", "").replace("_", "") + "%"
    query = "SELECT id, title, first, last, documents, terms FROM stories WHERE " + " AND ".join(clauses)
    query += " ORDER BY first, documents DESC, id" + (f" LIMIT {int(limit)}" if limit is not None else "")
    out = [Story(id=r[0], title=r[1], first=r[2], last=r[3], documents=r[4], terms=_json(r[5], []))
           for r in conn.execute(query, params)]
    for s in out:
        days: dict[str, list[str]] = {}
        events: dict[str, int] = {}
        for r in conn.execute("""SELECT sd.date, sd.doc_id, (SELECT count(*) FROM events e WHERE e.doc_id = sd.doc_id)
                FROM story_documents sd WHERE sd.story_id = %s ORDER BY sd.date, sd.doc_id""", (s.id,)):
            days.setdefault(r[0], []).append(r[1])
            events[r[0]] = events.get(r[0], 0) + int(r[2])
        s.timeline = [StoryDay(date=d, documents=docs, events=events[d]) for d, docs in days.items()]
    return out
