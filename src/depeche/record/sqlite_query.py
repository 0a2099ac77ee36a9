"""The SQLite backend's answers: event pages and streams chosen by a small planner, and counts.

Events are read from ``event_keys`` (one narrow row per event, migration 7) in the order
(day, doc_n, n). Each filter is a ``Clause``: a test on a key row, an estimate of how many
events pass it (exact from ``event_counts`` for type, factuality and countries), and, when an
index holds its events in date order, a way to walk them in that order. A page either walks
one such index and tests the other filters until it has its rows (cheap when matches are
dense), or gathers every event of the most selective filter and sorts them (cheap when they
are few): the cheaper by the estimates. The cursor is the sort key of the last row.
"""
from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..inputs import first_day, last_day, parse_date
from .query import (
    CODE, Actor, Count, EventFilter, EventRow, Page, QueryError, Timeline, check_period, day_number,
    decode_cursor, encode_cursor, period_key, sentence_around, timeline_from, timeline_of_dates,
)
from .search import fts_phrase, same_stem, search_words
from .tables import fold, name_words

SORT = ("day", "doc_n", "n")
WORD_END = "\U0010ffff"
# Per row, relative to reading one index entry: what a test costs, and what gathering costs.
TEST_COST = {"type": 0.1, "factuality": 0.1, "place_country": 0.1, "dates": 0.1, "doc": 0.1,
             "country": 1.0, "actor": 3.0, "text": 0.2}
GATHER_COST = {"actor": 4.0, "text": 1.5}


@dataclass
class Clause:
    """One filter as SQL over the key row ``k``."""

    name: str
    test: str
    params: dict[str, Any]
    estimate: float
    walk: tuple[str, str, str] | None = None  # (FROM, WHERE, sort alias) walking in date order
    gather: tuple[str, str] | None = None  # (FROM, WHERE) of every match, unordered
    setup: float = 0.0  # one-time cost of the test (the text search's document set)


@dataclass
class Plan:
    source: str
    where: list[str]
    alias: str
    params: dict[str, Any] = field(default_factory=dict)
    ordered: bool = True  # rows come in sort order without a sort step


def _counts(conn: sqlite3.Connection, dim: str) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, n FROM event_counts WHERE dim = ? AND n > 0", (dim,))}


def total(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(sum(n), 0) FROM event_counts WHERE dim = 'type'").fetchone()[0]


def _indexed(name: str, column: str, value: str, estimate: float) -> Clause:
    index = {"type": "event_keys_type", "factuality": "event_keys_factuality", "place_country": "event_keys_place"}[name]
    test = f"k.{column} = :{name}"
    return Clause(name, test, {name: value}, estimate, walk=(f"event_keys k INDEXED BY {index}", test, "k"),
                  gather=(f"event_keys k INDEXED BY {index}", test))


def _country_walk(param: str) -> tuple[str, str, str]:
    return ("event_countries c JOIN event_keys k ON k.doc_n = c.doc_n AND k.n = c.n", f"c.country = :{param}", "c")


COUNTRY_TEST = "EXISTS (SELECT 1 FROM event_countries c2 WHERE c2.doc_n = k.doc_n AND c2.n = k.n AND c2.country = :{})"
ACTOR_CODE_TEST = """EXISTS (SELECT 1 FROM event_actors a JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
    WHERE a.doc_id = k.doc_id AND a.event_id = k.id AND (en.country = :a_country AND (:a_sector IS NULL
    OR en.sector = :a_sector) OR fold(en.name) = lower(:a_country)))"""
WORD_TEST = ("EXISTS (SELECT 1 FROM entity_words w WHERE w.doc_id = a.doc_id AND w.entity_id = a.entity_id "
             "AND w.word >= :{0} AND w.word < :{0}_end)")
WORD_MATCHES = "SELECT doc_id, entity_id FROM entity_words WHERE word >= :{0} AND word < :{0}_end"


def clauses(conn: sqlite3.Connection, f: EventFilter) -> list[Clause]:
    """The filters of ``f`` as clauses, with their estimates."""
    out: list[Clause] = []
    for name in ("type", "factuality", "place_country"):
        value = getattr(f, name)
        if value is not None:
            out.append(_indexed(name, name, value, _counts(conn, name).get(value, 0)))
    if f.country:
        est = _counts(conn, "country").get(f.country, 0)
        out.append(Clause("country", COUNTRY_TEST.format("country"), {"country": f.country}, est,
                          walk=_country_walk("country"), gather=_country_walk("country")[:2]))
    if f.actor:
        out.append(_actor(conn, f.actor))
    if f.since or f.until:
        out.append(_dates(conn, f))
    if f.text is not None:
        out.append(_text(conn, f.text))
    if f.doc:
        test = "k.doc_id = :doc"
        out.append(Clause("doc", test, {"doc": f.doc}, 50,
                          gather=("event_keys k INDEXED BY event_keys_event", test)))
    return out


def _actor(conn: sqlite3.Connection, actor: str) -> Clause:
    if CODE.match(actor):
        params = {"a_country": actor[:3], "a_sector": actor[3:] or None}
        est = _counts(conn, "country").get(actor[:3], 0)
        # An actor named like a code ("ONU") has no country row: gathered through its name.
        source, where, alias = _country_walk("a_country")
        walk = (source, f"{where} AND {ACTOR_CODE_TEST}", alias) if est else None
        return Clause("actor", ACTOR_CODE_TEST, params, est, walk=walk,
                      gather=walk[:2] if walk else ("event_keys k", ACTOR_CODE_TEST))
    words = name_words(actor)
    if not words:
        raise QueryError("--actor needs a name or an actor code")
    params: dict[str, Any] = {}
    for i, word in enumerate(words):
        params[f"w{i}"], params[f"w{i}_end"] = word, word + WORD_END
    est = min(conn.execute("SELECT count(*) FROM entity_words WHERE word >= ? AND word < ?",
                           (w, w + WORD_END)).fetchone()[0] for w in words)
    test = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = k.doc_id AND a.event_id = k.id AND "
            + " AND ".join(WORD_TEST.format(f"w{i}") for i in range(len(words))) + ")")
    matches = " INTERSECT ".join(WORD_MATCHES.format(f"w{i}") for i in range(len(words)))
    gather = (f"""(SELECT DISTINCT a.doc_id, a.event_id FROM ({matches}) m
        JOIN event_actors a INDEXED BY event_actors_entity ON a.doc_id = m.doc_id AND a.entity_id = m.entity_id) x
        CROSS JOIN event_keys k INDEXED BY event_keys_event""", "k.doc_id = x.doc_id AND k.id = x.event_id")
    return Clause("actor", test, params, est, gather=gather)


def _dates(conn: sqlite3.Connection, f: EventFilter) -> Clause:
    since = day_number(first_day(parse_date(f.since)).isoformat()) if f.since else 0
    until = day_number(last_day(parse_date(f.until)).isoformat()) if f.until else 99999999
    # A period is at most a year long: an event that ends on or after ``since`` begins at most
    # a year before it, which bounds the walk on the first day's index.
    params = {"since": since, "until": until, "day_lo": max(0, since - 10000) if since else 0}
    est = sum(n for key, n in _counts(conn, "period").items()
              if _overlaps(key, since, until))
    test = "k.day_last >= :since AND k.day <= :until"
    where = "k.day BETWEEN :day_lo AND :until AND k.day_last >= :since AND k.day > 0"
    return Clause("dates", test + " AND k.day > 0", params, est,
                  walk=("event_keys k INDEXED BY event_keys_day", where, "k"),
                  gather=("event_keys k INDEXED BY event_keys_day", where))


def _overlaps(key: str, since: int, until: int) -> bool:
    day, _, last = key.partition("-")
    return int(day) > 0 and int(last) >= since and int(day) <= until


def fts_query(conn: sqlite3.Connection, text: str) -> str:
    """The FTS5 query for a ``--text`` search: each word as its stem's indexed forms, a prefix or a phrase."""
    parts = []
    for word in search_words(text):
        if word.prefix:
            parts.append(fts_phrase(word.tokens) + "*")
        elif word.stemmed:
            stem = word.stem()
            found = [r[0] for r in conn.execute(
                "SELECT term FROM documents_fts_vocab WHERE term >= ? AND term < ?", (stem, stem + WORD_END))]
            forms = sorted(set(same_stem(word, found)) | {word.tokens[0]})
            parts.append("(" + " OR ".join(fts_phrase([t]) for t in forms) + ")")
        else:
            parts.append(fts_phrase(word.tokens))
    return " AND ".join(parts)


def _text(conn: sqlite3.Connection, text: str) -> Clause:
    query = fts_query(conn, text)
    docs = conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (query,)).fetchone()[0]
    per_doc = total(conn) / (conn.execute("SELECT max(n) FROM documents").fetchone()[0] or 1)  # about
    matches = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :text"
    return Clause("text", f"k.doc_n IN ({matches})", {"text": query}, docs * per_doc,
                  gather=(f"({matches}) f CROSS JOIN event_keys k", "k.doc_n = f.rowid"), setup=docs * 0.3)


def plan(conn: sqlite3.Connection, f: EventFilter, size: float) -> Plan:
    """The cheaper way to the first ``size`` matches in date order (``math.inf``: every match)."""
    parts = clauses(conn, f)
    n = max(1, total(conn))
    result = n
    for c in parts:
        result *= min(1.0, c.estimate / n)
    options: list[tuple[float, Plan]] = []
    walks = [(c, c.walk) for c in parts if c.walk] + [(None, ("event_keys k INDEXED BY event_keys_day", "", "k"))]
    for driver, (source, where, alias) in walks:
        others = [c for c in parts if c is not driver]
        est = driver.estimate if driver else n
        scanned = est if result < 1 or math.isinf(size) else min(est, size * est / result)
        cost = sum(c.setup for c in others) + scanned * (1 + sum(TEST_COST[c.name] for c in others))
        options.append((cost, Plan(source, [w for w in [where] if w] + [c.test for c in others], alias)))
    for driver in parts:
        if driver.gather and not driver.walk:
            others = [c for c in parts if c is not driver]
            cost = driver.setup + driver.estimate * (GATHER_COST.get(driver.name, 1.0)
                                                     + sum(TEST_COST[c.name] for c in others))
            cost += result * math.log2(result + 2) * 0.05
            source, where = driver.gather
            options.append((cost, Plan(source, [where] + [c.test for c in others], "k", ordered=False)))
    best = min(options, key=lambda o: o[0])[1]
    for c in parts:
        best.params.update(c.params)
    return best


def keys_sql(p: Plan, cursor: list[Any] | None, limit: int | None) -> str:
    where = list(p.where)
    if cursor is not None:
        where.append(f"({', '.join(f'{p.alias}.{c}' for c in SORT)}) > (:c_day, :c_doc_n, :c_n)")
        p.params.update(c_day=cursor[0], c_doc_n=cursor[1], c_n=cursor[2])
    sql = f"SELECT k.day, k.doc_n, k.n, k.doc_id, k.id FROM {p.source}"
    if where:
        sql += " WHERE " + " AND ".join(f"({w})" for w in where)
    sql += " ORDER BY " + ", ".join(f"{p.alias}.{c}" for c in SORT)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql


def _run(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> sqlite3.Cursor:
    conn.create_function("fold", 1, fold, deterministic=True)
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"query failed: {exc}") from exc


def page(conn: sqlite3.Connection, f: EventFilter, cursor: str | None, size: int) -> Page:
    after = decode_cursor(cursor, f, len(SORT)) if cursor else None
    p = plan(conn, f, size + 1)
    keys = _run(conn, keys_sql(p, after, size + 1), p.params).fetchall()
    more = len(keys) > size
    keys = keys[:size]
    rows = event_rows(conn, keys)
    return Page(rows=rows, next=encode_cursor(list(keys[-1][:3]), f) if more and keys else None)


def stream(conn: sqlite3.Connection, f: EventFilter, batch: int) -> Iterator[list[EventRow]]:
    """Every match in date order, ``batch`` rows at a time, from one statement (no OFFSET, no re-planning)."""
    p = plan(conn, f, math.inf)
    cur = _run(conn, keys_sql(p, None, None), p.params)
    while keys := cur.fetchmany(batch):
        yield event_rows(conn, keys)


def explain(conn: sqlite3.Connection, f: EventFilter, size: int = 100) -> list[str]:
    """SQLite's plan for the first page of ``f`` (the speed regression tests read it)."""
    p = plan(conn, f, size + 1)
    return [r[3] for r in _run(conn, "EXPLAIN QUERY PLAN " + keys_sql(p, None, size + 1), p.params)]


# -- rows ---------------------------------------------------------------------------------------

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


# -- counts -------------------------------------------------------------------------------------

def matching(conn: sqlite3.Connection, f: EventFilter) -> tuple[str, dict[str, Any]]:
    """A subquery of the key rows of every match, in no order (for counting)."""
    p = plan(conn, f, math.inf)
    sql = f"SELECT k.* FROM {p.source}" + (" WHERE " + " AND ".join(f"({w})" for w in p.where) if p.where else "")
    return sql, p.params


SUMMARY_DIMS = {"type", "factuality", "place_country", "country"}


def count_events(conn: sqlite3.Connection, f: EventFilter) -> int:
    cond = f.conditions()
    if not cond:
        return total(conn)
    if len(cond) == 1 and next(iter(cond)) in SUMMARY_DIMS:
        dim, value = next(iter(cond.items()))
        return _counts(conn, dim).get(value, 0)
    sql, params = matching(conn, f)
    return _run(conn, f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def facets(conn: sqlite3.Connection, f: EventFilter, dims: tuple[str, ...], limit: int | None) -> dict[str, dict[str, int]]:
    out = {}
    summary = not f.conditions()
    sql, params = ("", {}) if summary else matching(conn, f)
    for dim in dims:
        if dim not in SUMMARY_DIMS:
            raise QueryError(f"unknown facet {dim!r}; one of {', '.join(sorted(SUMMARY_DIMS))}")
        if summary:
            counts = {k: n for k, n in _counts(conn, dim).items() if k}
        elif dim == "country":
            counts = dict(_run(conn, f"""SELECT c.country, count(*) FROM ({sql}) m
                JOIN event_countries c INDEXED BY event_countries_event ON c.doc_n = m.doc_n AND c.n = m.n
                GROUP BY c.country""", params).fetchall())
        else:
            counts = dict(_run(conn, f"SELECT m.{dim}, count(*) FROM ({sql}) m WHERE m.{dim} IS NOT NULL "
                                     f"GROUP BY m.{dim}", params).fetchall())
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out[dim] = dict(ranked[:limit] if limit else ranked)
    return out


def _periods(conn: sqlite3.Connection, f: EventFilter) -> dict[tuple[int, int], int]:
    if not f.conditions():
        return {tuple(int(x) for x in key.split("-")): n for key, n in _counts(conn, "period").items()}
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
        matches, params = matching(conn, f)
        sql = (f"SELECT d.dct_value, count(*) FROM documents d WHERE d.n IN (SELECT m.doc_n FROM ({matches}) m) "
               "GROUP BY d.dct_value")
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
