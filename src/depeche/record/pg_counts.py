"""The PostgreSQL backend's counts: from ``event_counts`` when no filter narrows them, from
``event_cube`` when every filter is one of its columns, else over the matches of the filters,
once (the same answers as ``sqlite_counts``)."""
from __future__ import annotations

from typing import Any

import psycopg

from .query import (
    CUBE_KEYS, Count, EventFilter, QueryError, Timeline, check_period, cube_conditions, period_key, timeline_from,
    timeline_of_dates,
)
from .pg_query import conditions, run, text_documents

SUMMARY_DIMS = {"type", "factuality", "place_country", "country", "mode", "sector"}
TABLE_COUNTS = ("documents", "entities", "places", "times", "quantities", "quotes", "events", "checks", "failures")


def summary(conn: psycopg.Connection, dim: str) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, n FROM event_counts WHERE dim = %s AND n > 0", (dim,))}


def total(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT coalesce(sum(n), 0)::bigint FROM event_counts WHERE dim = 'type'").fetchone()[0]


def matching(f: EventFilter) -> tuple[str, dict[str, Any]]:
    """A subquery of the key rows of every match, in no order (for counting)."""
    where, params = conditions(f)
    return "SELECT k.* FROM event_keys k" + (" WHERE " + " AND ".join(f"({w})" for w in where) if where else ""), params


def documents_of(f: EventFilter) -> tuple[str, dict[str, Any]] | None:
    """When every filter of ``f`` is on documents (text, doc), the ``n`` of the documents whose
    events all match, as a subquery (their ``document_facets`` rows then count them); else None."""
    cond = f.conditions()
    if not cond or set(cond) - {"text", "doc"}:
        return None
    params: dict[str, Any] = {}
    parts = [text_documents(f.text, params)] if f.text is not None else []
    if f.doc:
        parts.append("SELECT d.n FROM documents d WHERE d.id = %(doc)s")
        params["doc"] = f.doc
    return " INTERSECT ".join(parts), params


def document_counts(conn: psycopg.Connection, docs: tuple[str, dict[str, Any]],
                    dims: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Events of some documents counted by each value of each dimension of ``dims``, from their
    ``document_facets`` rows (migration 14)."""
    sql, params = docs
    out: dict[str, dict[str, int]] = {dim: {} for dim in dims}
    for dim, key, n in run(conn, f"""SELECT v.dim, v.key, s.n FROM (SELECT u.facet, sum(u.n)::bigint AS n
            FROM document_facets f CROSS JOIN LATERAL unnest(f.facets, f.counts) AS u(facet, n)
            WHERE f.doc_n IN ({sql}) GROUP BY u.facet) s
        JOIN facet_values v ON v.id = s.facet WHERE v.dim = ANY(%(dims)s)""", {**params, "dims": list(dims)}):
        if n and key != "":
            out[dim][key] = n
    return out


def cube(f: EventFilter) -> tuple[str, dict[str, Any]] | None:
    """The WHERE clause of ``event_cube`` for ``f``, or None when the cube cannot answer it."""
    found = cube_conditions(f, lambda name: f"%({name})s")
    return (" AND ".join(found[0]), found[1]) if found else None


def count_events(conn: psycopg.Connection, f: EventFilter) -> int:
    cond = f.conditions()
    if not cond:
        return total(conn)
    if len(cond) == 1 and next(iter(cond)) in SUMMARY_DIMS:
        dim, value = next(iter(cond.items()))
        return summary(conn, dim).get(value, 0)
    if (by_cube := cube(f)) is not None:
        return run(conn, f"SELECT coalesce(sum(n), 0)::bigint FROM event_cube WHERE {by_cube[0]}", by_cube[1]).fetchone()[0]
    if (docs := documents_of(f)) is not None:  # every event has one type
        return sum(document_counts(conn, docs, ("type",))["type"].values())
    query, params = matching(f)
    return run(conn, f"SELECT count(*) FROM ({query}) m", params).fetchone()[0]


def facets(conn: psycopg.Connection, f: EventFilter, dims: tuple[str, ...], limit: int | None) -> dict[str, dict[str, int]]:
    out = {}
    unfiltered = not f.conditions()
    query, params = ("", {}) if unfiltered else matching(f)
    by_cube = None if unfiltered else cube(f)
    for dim in dims:
        if dim not in SUMMARY_DIMS:
            raise QueryError(f"unknown facet {dim!r}; one of {', '.join(sorted(SUMMARY_DIMS))}")
    docs = None if unfiltered else documents_of(f)
    by_docs = document_counts(conn, docs, dims) if docs is not None else {}
    for dim in dims:
        if dim in by_docs:
            counts = by_docs[dim]
        elif by_cube is not None and dim in CUBE_KEYS:
            counts = {k: n for k, n in run(conn, f"SELECT {dim}, sum(n)::bigint FROM event_cube WHERE {by_cube[0]} "
                                                 f"GROUP BY {dim}", by_cube[1]) if k}
        elif unfiltered:
            counts = {k: n for k, n in summary(conn, dim).items() if k}
        elif dim in ("country", "sector"):
            table = "event_countries" if dim == "country" else "event_sectors"
            counts = dict(run(conn, f"""SELECT c.{dim}, count(*) FROM ({query}) m
                JOIN {table} c ON c.doc_n = m.doc_n AND c.n = m.n GROUP BY c.{dim}""", params).fetchall())
        else:
            counts = dict(run(conn, f"SELECT m.{dim}, count(*) FROM ({query}) m WHERE m.{dim} IS NOT NULL "
                                    f"GROUP BY m.{dim}", params).fetchall())
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out[dim] = dict(ranked[:limit] if limit else ranked)
    return out


def _periods(conn: psycopg.Connection, f: EventFilter) -> dict[tuple[int, int], int]:
    if not f.conditions():
        return {tuple(int(x) for x in key.split("-")): n for key, n in summary(conn, "period").items()}
    if (by_cube := cube(f)) is not None:
        return {(r[0], r[1]): r[2] for r in run(conn, f"SELECT day, day_last, sum(n)::bigint FROM event_cube WHERE "
                                                      f"{by_cube[0]} GROUP BY day, day_last", by_cube[1])}
    if (docs := documents_of(f)) is not None:
        found = document_counts(conn, docs, ("period",))["period"]
        return {tuple(int(x) for x in key.split("-")): n for key, n in found.items()}
    query, params = matching(f)
    return {(r[0], r[1]): r[2] for r in run(conn, f"SELECT m.day, m.day_last, count(*) FROM ({query}) m "
                                                  "GROUP BY m.day, m.day_last", params)}


def timeline(conn: psycopg.Connection, f: EventFilter, by: str) -> Timeline:
    return timeline_from(_periods(conn, f), check_period(by))


def document_timeline(conn: psycopg.Connection, f: EventFilter, by: str) -> Timeline:
    """Documents by their own date: all of them, or those with a matching event."""
    by = check_period(by)
    if not f.conditions():
        query, params = "SELECT dct_value, count(*) FROM documents GROUP BY dct_value", {}
    elif (docs := documents_of(f)) is not None:  # (a document with events has a document_facets row)
        query = (f"SELECT d.dct_value, count(*) FROM documents d JOIN document_facets f ON f.doc_n = d.n "
                 f"WHERE d.n IN ({docs[0]}) GROUP BY d.dct_value")
        params = docs[1]
    else:
        matches, params = matching(f)
        query = (f"SELECT d.dct_value, count(*) FROM documents d WHERE d.n IN (SELECT m.doc_n FROM ({matches}) m) "
                 "GROUP BY d.dct_value")
    return timeline_of_dates(dict(run(conn, query, params).fetchall()), by)


def periods(conn: psycopg.Connection) -> dict[str, int]:
    out: dict[str, int] = {}
    for (day, last), n in _periods(conn, EventFilter()).items():
        key = period_key(day, last)
        out[key] = out.get(key, 0) + n
    return out


def grouped(conn: psycopg.Connection, query: str, by_key: bool = False) -> dict[str, int]:
    counts = {(r[0] if r[0] is not None else "?"): r[1] for r in conn.execute(query)}
    return dict(sorted(counts.items())) if by_key else dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def table_counts(conn: psycopg.Connection) -> dict[str, int]:
    """Rows per table; events from the summary counts (the triggers keep them exact)."""
    out = {}
    for table in TABLE_COUNTS:
        out[table] = total(conn) if table == "events" else conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out


def _ranked(conn: psycopg.Connection, f: EventFilter, select: str, joins: str, group: str, limit: int) -> list[Count]:
    query, params = matching(f)
    params = {**params, "limit": limit}
    rows = run(conn, f"SELECT {select}, count(DISTINCT (m.doc_n, m.n)) AS events FROM ({query}) m {joins} "
                     f"GROUP BY {group} ORDER BY events DESC, 1 LIMIT %(limit)s", params)
    return [Count(**dict(r)) for r in rows]


ACTORS = """JOIN event_actors a ON a.doc_id = m.doc_id AND a.event_id = m.id
    JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id"""


def actor_counts(conn: psycopg.Connection, f: EventFilter, limit: int) -> list[Count]:
    return _ranked(conn, f, "en.name AS name, en.country AS country, en.sector AS sector", ACTORS,
                   "en.name, en.country, en.sector", limit)


def place_counts(conn: psycopg.Connection, f: EventFilter, limit: int) -> list[Count]:
    return _ranked(conn, f, "p.name AS name, p.country AS country, min(p.lat) AS lat, min(p.lon) AS lon, "
                            "p.geonameid AS geonameid",
                   "JOIN events e ON e.doc_id = m.doc_id AND e.id = m.id JOIN places p ON p.doc_id = e.doc_id "
                   "AND p.id = e.place", "p.name, p.country, p.geonameid", limit)


def actor_pairs(conn: psycopg.Connection, f: EventFilter, limit: int) -> list[Count]:
    joins = """JOIN event_actors a ON a.doc_id = m.doc_id AND a.event_id = m.id AND a.role = 'source'
        JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
        JOIN event_actors b ON b.doc_id = m.doc_id AND b.event_id = m.id AND b.role = 'target'
        JOIN entities tg ON tg.doc_id = b.doc_id AND tg.id = b.entity_id"""
    return _ranked(conn, f, "en.name AS name, en.country AS country, en.sector AS sector, tg.name AS target_name, "
                            "tg.country AS target_country, tg.sector AS target_sector", joins,
                   "en.name, en.country, en.sector, tg.name, tg.country, tg.sector", limit)
