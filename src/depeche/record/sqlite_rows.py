"""The SQLite backend's event rows: events keyed by (doc_id, id) read whole, a batch per query.

Each batch is a handful of queries whatever its size (details, actors, attribution actors,
size values, sentences), never one per event.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from .query import Actor, EventRow, sentence_around

DETAILS = """SELECT e.doc_id, e.id, d.source AS source_document, e.type, e.mode, e.date, e.date_first, e.date_last,
    e.factuality, e.attribution_text AS attribution, e.attribution_entity, p.name AS place, p.country AS place_country,
    p.lat AS place_lat, p.lon AS place_lon, p.geonameid AS place_geonameid, p.feature AS place_feature,
    t.value AS time, e.segment, e.start, e."end", e.text, e.extra, e.sizes
FROM json_each(:keys) j
JOIN events e ON e.doc_id = json_extract(j.value, '$[0]') AND e.id = json_extract(j.value, '$[1]')
JOIN documents d ON d.id = e.doc_id
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time
ORDER BY j.key"""


def event_rows(conn: sqlite3.Connection, keys: list[sqlite3.Row]) -> list[EventRow]:
    """The full rows of the events keyed (doc_id, id), in the given order."""
    if not keys:
        return []
    pairs = json.dumps([[k[3], k[4]] for k in keys])
    details = [dict(r) for r in conn.execute(DETAILS, {"keys": pairs})]
    doc_ids = sorted({r["doc_id"] for r in details})
    actors = _actors(conn, pairs)
    entities = _entities(conn, [(r["doc_id"], r["attribution_entity"]) for r in details if r["attribution_entity"]])
    values = _quantities(conn, [(r["doc_id"], q) for r in details for q in json.loads(r["sizes"] or "{}").values()])
    sentences = _sentences(conn, doc_ids)
    out = []
    for r in details:
        extra = json.loads(r.pop("extra") or "{}")
        sizes = json.loads(r.pop("sizes") or "{}")
        entity = r.pop("attribution_entity")
        key = (r["doc_id"], r["id"])
        text, bounds, paragraphs = sentences[r["doc_id"]]
        lo, hi = sentence_around(bounds, paragraphs, r["start"], r["end"])
        out.append(EventRow(
            **r, source=actors.get((*key, "source"), []), target=actors.get((*key, "target"), []),
            source_words=[m["text"] for m in extra.get("source_spans", [])],
            target_words=[m["text"] for m in extra.get("target_spans", [])],
            attribution_actor=entities.get((r["doc_id"], entity)) if entity else None,
            sizes={k: values[(r["doc_id"], q)] for k, q in sizes.items() if (r["doc_id"], q) in values},
            sentence=text[lo:hi], sentence_start=lo, sentence_end=hi))
    return out


def _actors(conn: sqlite3.Connection, pairs: str) -> dict[tuple[str, str, str], list[Actor]]:
    out: dict[tuple[str, str, str], list[Actor]] = {}
    for r in conn.execute(
            """SELECT a.doc_id, a.event_id, a.role, a.entity_id, en.name, en.country, en.sector FROM json_each(?) j
            JOIN event_actors a ON a.doc_id = json_extract(j.value, '$[0]') AND a.event_id = json_extract(j.value, '$[1]')
            LEFT JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
            ORDER BY a.doc_id, a.event_id, a.role, a.n""", (pairs,)):
        out.setdefault((r[0], r[1], r[2]), []).append(Actor(entity=r[3], name=r[4], country=r[5], sector=r[6]))
    return out


def _entities(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Actor]:
    rows = conn.execute("""SELECT en.doc_id, en.id, en.name, en.country, en.sector FROM json_each(?) j
        JOIN entities en ON en.doc_id = json_extract(j.value, '$[0]') AND en.id = json_extract(j.value, '$[1]')""",
                        (json.dumps(sorted(set(keys))),)) if keys else []
    return {(r[0], r[1]): Actor(entity=r[1], name=r[2], country=r[3], sector=r[4]) for r in rows}


def _quantities(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    rows = conn.execute("""SELECT q.doc_id, q.id, q.value FROM json_each(?) j
        JOIN quantities q ON q.doc_id = json_extract(j.value, '$[0]') AND q.id = json_extract(j.value, '$[1]')""",
                        (json.dumps(sorted(set(keys))),)) if keys else []
    return {(r[0], r[1]): r[2] for r in rows}


def _sentences(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[str, tuple[str, list, list]]:
    """Per document: its text, its sentences, and (when it has none stored) its paragraphs."""
    out = {}
    for r in conn.execute("SELECT d.id, d.text, d.sentences FROM json_each(?) j JOIN documents d ON d.id = j.value",
                          (json.dumps(doc_ids),)):
        bounds = [(s["start"], s["end"]) for s in json.loads(r[2] or "[]")]
        paragraphs = [] if bounds else [tuple(s) for s in conn.execute(
            'SELECT start, "end" FROM segments WHERE doc_id = ? ORDER BY n', (r[0],))]
        out[r[0]] = (r[1], bounds, paragraphs)
    return out


def heads(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for r in conn.execute("""SELECT d.id, d.source, d.language, d.metadata, d.dct_value, d.ingested_at, d.pipeline
            FROM json_each(?) j JOIN documents d ON d.id = j.value""", (json.dumps(doc_ids),)):
        out[r[0]] = {"source": r[1], "language": r[2], "metadata": json.loads(r[3] or "{}"), "dct_value": r[4],
                     "ingested_at": r[5], "pipeline": r[6]}
    return out


