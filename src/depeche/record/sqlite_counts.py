"""The SQLite backend's counts: from ``event_counts`` when no filter narrows them, from
``event_cube`` when every filter is one of its columns, else over the matches of the planned
query, once."""
from __future__ import annotations

import math
import sqlite3
from typing import Any

from .query import (
    CUBE_KEYS, Count, EventFilter, QueryError, Timeline, check_period, cube_conditions, period_key, timeline_from,
    timeline_of_dates,
)
from .sqlite_facets import document_counts
from .sqlite_query import _counts, _run, clauses, plan, total

def matching(conn: sqlite3.Connection, f: EventFilter) -> tuple[str, dict[str, Any]]:
    """A subquery of the key rows of every match, in no order (for counting)."""
    p = plan(conn, f, math.inf)
    selects = []
    for arm in p.arms or [""]:  # the arms of a walk (by days, by an actor's words)
        where = [w for w in [arm, *p.where] if w]
        selects.append(f"SELECT k.* FROM {p.source}" + (" WHERE " + " AND ".join(f"({w})" for w in where) if where else ""))
    return (" UNION " if p.overlap else " UNION ALL ").join(selects), p.params


def documents_of(conn: sqlite3.Connection, f: EventFilter) -> tuple[str, dict[str, Any]] | None:
    """When every filter of ``f`` is on documents (text, doc), the ``doc_n`` of the documents whose
    events all match, as a subquery (counts then read those documents' rows by range); else None."""
    parts = clauses(conn, f)
    if not parts or any(c.docs is None for c in parts):
        return None
    params: dict[str, Any] = {}
    for c in parts:
        params.update(c.params)
    return " INTERSECT ".join(c.docs for c in parts if c.docs), params


SUMMARY_DIMS = {"type", "factuality", "place_country", "country", "mode", "sector"}


def cube(f: EventFilter) -> tuple[str, dict[str, Any]] | None:
    """The WHERE clause of ``event_cube`` for ``f``, or None when the cube cannot answer it."""
    found = cube_conditions(f, lambda name: f":{name}")
    return (" AND ".join(found[0]), found[1]) if found else None


def count_events(conn: sqlite3.Connection, f: EventFilter) -> int:
    cond = f.conditions()
    if not cond:
        return total(conn)
    if len(cond) == 1 and next(iter(cond)) in SUMMARY_DIMS:
        dim, value = next(iter(cond.items()))
        return _counts(conn, dim).get(value, 0)
    if (by_cube := cube(f)) is not None:
        return _run(conn, f"SELECT coalesce(sum(n), 0) FROM event_cube WHERE {by_cube[0]}", by_cube[1]).fetchone()[0]
    if (docs := documents_of(conn, f)) is not None:  # every event has one type
        return sum(document_counts(conn, *docs, ("type",))["type"].values())
    sql, params = matching(conn, f)
    return _run(conn, f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


KEY_DIMS = ("type", "factuality", "place_country", "mode")  # columns of the key rows


def facets(conn: sqlite3.Connection, f: EventFilter, dims: tuple[str, ...], limit: int | None) -> dict[str, dict[str, int]]:
    for dim in dims:
        if dim not in SUMMARY_DIMS:
            raise QueryError(f"unknown facet {dim!r}; one of {', '.join(sorted(SUMMARY_DIMS))}")
    by_cube = cube(f) if f.conditions() else None
    if not f.conditions():
        counts = {dim: {k: n for k, n in _counts(conn, dim).items() if k} for dim in dims}
    elif by_cube is not None:
        keys = [d for d in dims if d in CUBE_KEYS]
        counts = _filtered_facets(conn, f, tuple(d for d in dims if d not in CUBE_KEYS)) if len(keys) < len(dims) else {}
        for dim in keys:
            counts[dim] = {k: n for k, n in _run(conn, f"SELECT {dim}, sum(n) FROM event_cube WHERE {by_cube[0]} "
                                                       f"GROUP BY {dim}", by_cube[1]) if k}
    else:
        counts = _filtered_facets(conn, f, dims)
    out = {}
    for dim in dims:
        ranked = sorted(counts[dim].items(), key=lambda kv: (-kv[1], kv[0]))
        out[dim] = dict(ranked[:limit] if limit else ranked)
    return out


def _filtered_facets(conn: sqlite3.Connection, f: EventFilter, dims: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Every facet asked, in one statement: the matches are read once (a materialized CTE), then
    counted by the key columns together and joined to the actor countries and sectors."""
    if (docs := documents_of(conn, f)) is not None:
        return document_counts(conn, *docs, dims)
    sql, params = matching(conn, f)
    keys = [d for d in KEY_DIMS if d in dims]
    sql = f"SELECT {', '.join(f'k.{c}' for c in ('doc_n', 'n', *keys))} FROM ({sql}) k"  # (what is counted only)
    parts = []
    if keys:
        columns = ", ".join(f"m.{d}" if d in keys else "NULL" for d in KEY_DIMS)
        parts.append(f"SELECT 'keys', {columns}, count(*) FROM m GROUP BY {', '.join(f'm.{d}' for d in keys)}")
    for dim, table in (("country", "event_countries"), ("sector", "event_sectors")):
        if dim in dims:
            parts.append(f"SELECT '{dim}', c.{dim}, NULL, NULL, NULL, count(*) FROM m JOIN {table} c INDEXED BY "
                         f"{table}_event ON c.doc_n = m.doc_n AND c.n = m.n GROUP BY c.{dim}")
    counts: dict[str, dict[str, int]] = {d: {} for d in dims}
    for kind, *values, n in _run(conn, f"WITH m AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts), params):
        if kind != "keys":
            counts[kind][values[0]] = n
            continue
        for dim, value in zip(KEY_DIMS, values):
            if dim in keys and value is not None:
                counts[dim][value] = counts[dim].get(value, 0) + n
    return counts


def _periods(conn: sqlite3.Connection, f: EventFilter) -> dict[tuple[int, int], int]:
    if not f.conditions():
        return {tuple(int(x) for x in key.split("-")): n for key, n in _counts(conn, "period").items()}
    if (by_cube := cube(f)) is not None:
        return {(r[0], r[1]): r[2] for r in _run(conn, f"SELECT day, day_last, sum(n) FROM event_cube WHERE "
                                                       f"{by_cube[0]} GROUP BY day, day_last", by_cube[1])}
    if (docs := documents_of(conn, f)) is not None:
        found = document_counts(conn, *docs, ("period",))["period"]
        return {tuple(int(x) for x in key.split("-")): n for key, n in found.items()}
    sql, params = matching(conn, f)
    return {(r[0], r[1]): r[2] for r in _run(conn, f"SELECT m.day, m.day_last, count(*) FROM ({sql}) m "
                                                   "GROUP BY m.day, m.day_last", params)}


def timeline(conn: sqlite3.Connection, f: EventFilter, by: str) -> Timeline:
    return timeline_from(_periods(conn, f), check_period(by))


def document_timeline(conn: sqlite3.Connection, f: EventFilter, by: str) -> Timeline:
    """Documents by their own date: all of them, or those with a matching event."""
    by = check_period(by)
    if not f.conditions():
        sql, params = "SELECT dct_value, count(*) FROM documents GROUP BY dct_value", {}
    else:
        # The date index read whole (its entries hold n): a document row read for its date would
        # read its text first (a text search matching 10,000 documents took 300 ms of CPU).
        if (docs := documents_of(conn, f)) is not None:  # (a document with events has a document_facets row)
            matches, params = f"SELECT x.doc_n FROM ({docs[0]}) x CROSS JOIN document_facets f ON f.doc_n = x.doc_n", docs[1]
        else:
            matches, params = matching(conn, f)
            matches = f"SELECT m.doc_n FROM ({matches}) m"
        sql = f"SELECT d.dct_value, count(*) FROM documents d INDEXED BY documents_dct WHERE d.n IN ({matches}) GROUP BY 1"
    return timeline_of_dates(dict(_run(conn, sql, params).fetchall()), by)


def periods(conn: sqlite3.Connection) -> dict[str, int]:
    out: dict[str, int] = {}
    for (day, last), n in _periods(conn, EventFilter()).items():
        key = period_key(day, last)
        out[key] = out.get(key, 0) + n
    return out


def grouped(conn: sqlite3.Connection, sql: str, by_key: bool = False) -> dict[str, int]:
    counts = {(r[0] if r[0] is not None else "?"): r[1] for r in conn.execute(sql)}
    return dict(sorted(counts.items())) if by_key else dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _ranked(conn: sqlite3.Connection, f: EventFilter, select: str, joins: str, group: str, limit: int) -> list[Count]:
    sql, params = matching(conn, f)
    params = {**params, "limit": limit}
    rows = _run(conn, f"SELECT {select}, count(DISTINCT m.doc_n || '/' || m.n) AS events FROM ({sql}) m {joins} "
                      f"GROUP BY {group} ORDER BY events DESC, 1 LIMIT :limit", params)
    return [Count(**dict(r)) for r in rows]


ACTORS = """JOIN event_actors a ON a.doc_id = m.doc_id AND a.event_id = m.id
    JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id"""


def actor_counts(conn: sqlite3.Connection, f: EventFilter, limit: int) -> list[Count]:
    return _ranked(conn, f, "en.name AS name, en.country AS country, en.sector AS sector", ACTORS,
                   "en.name, en.country, en.sector", limit)


def place_counts(conn: sqlite3.Connection, f: EventFilter, limit: int) -> list[Count]:
    return _ranked(conn, f, "p.name AS name, p.country AS country, min(p.lat) AS lat, min(p.lon) AS lon, "
                            "p.geonameid AS geonameid",
                   "JOIN events e ON e.doc_id = m.doc_id AND e.id = m.id JOIN places p ON p.doc_id = e.doc_id "
                   "AND p.id = e.place", "p.name, p.country, p.geonameid", limit)


def actor_pairs(conn: sqlite3.Connection, f: EventFilter, limit: int) -> list[Count]:
    joins = """JOIN event_actors a ON a.doc_id = m.doc_id AND a.event_id = m.id AND a.role = 'source'
        JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
        JOIN event_actors b ON b.doc_id = m.doc_id AND b.event_id = m.id AND b.role = 'target'
        JOIN entities tg ON tg.doc_id = b.doc_id AND tg.id = b.entity_id"""
    return _ranked(conn, f, "en.name AS name, en.country AS country, en.sector AS sector, tg.name AS target_name, "
                            "tg.country AS target_country, tg.sector AS target_sector", joins,
                   "en.name, en.country, en.sector, tg.name, tg.country, tg.sector", limit)
