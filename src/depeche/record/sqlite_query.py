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

import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..inputs import first_day, last_day, parse_date
from .query import CODE, EventFilter, EventRow, Page, QueryError, day_number, decode_cursor, encode_cursor
from .sqlite_rows import event_rows
from .search import fts_phrase, same_stem, search_words
from .tables import fold, name_words

SORT = ("day", "doc_n", "n")
WORD_END = "\U0010ffff"
# Per row, relative to reading one index entry: what a test costs, and what gathering costs.
TEST_COST = {"type": 0.1, "factuality": 0.1, "place_country": 0.1, "dates": 0.1, "doc": 0.1,
             "country": 1.0, "actor": 3.0, "actor_word": 0.5, "text": 0.2, "mode": 0.1, "sector": 1.0,
             "attribution": 0.2, "bbox": 0.1}
GATHER_COST = {"actor": 4.0, "actor_word": 1.5, "text": 1.5, "bbox": 1.5}
# Key rows read (in ingest order, not by a place index) to estimate the share of events in a bbox.
BBOX_SAMPLE = 20_000
# Past this many first days of longer periods reaching ``since``, a dated walk reads one range.
MAX_STARTS = 8
# An actor's prefix that begins more words than this is read as one range (and sorted).
MAX_FORMS = 6
# Counting a word's events stops here (an estimate, enough to choose a plan).
WORD_COUNT_CAP = 200_000


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
    # Dates only: ranges of the first day (``{a}``: the walked table's alias) that together hold
    # every match, so that a walk in date order reads no day that cannot match.
    bounds: list[str] | None = None
    # Conditions that split the walk into arms, each in date order (the words an actor prefix begins).
    arms: list[str] | None = None
    # Text and document filters: the documents (``doc_n``) whose every event matches.
    docs: str | None = None


@dataclass
class Plan:
    source: str
    where: list[str]
    alias: str
    params: dict[str, Any] = field(default_factory=dict)
    ordered: bool = True  # rows come in sort order without a sort step
    # Conditions on the first day, each one arm of a compound walk merged in date order.
    arms: list[str] = field(default_factory=list)
    overlap: bool = False  # an event may be in two arms (two words of an actor's prefix)


def _counts(conn: sqlite3.Connection, dim: str) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, n FROM event_counts WHERE dim = ? AND n > 0", (dim,))}


def total(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(sum(n), 0) FROM event_counts WHERE dim = 'type'").fetchone()[0]


def _indexed(name: str, column: str, value: str, estimate: float) -> Clause:
    index = {"type": "event_keys_type", "factuality": "event_keys_factuality", "place_country": "event_keys_place",
             "mode": "event_keys_mode"}[name]
    test = f"k.{column} = :{name}"
    return Clause(name, test, {name: value}, estimate, walk=(f"event_keys k INDEXED BY {index}", test, "k"),
                  gather=(f"event_keys k INDEXED BY {index}", test))


def _country_walk(param: str, table: str = "event_countries", column: str = "country") -> tuple[str, str, str]:
    return (f"{table} c JOIN event_keys k ON k.doc_n = c.doc_n AND k.n = c.n", f"c.{column} = :{param}", "c")


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
    for name in ("type", "factuality", "place_country", "mode"):
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
                          gather=("event_keys k INDEXED BY event_keys_event", test),
                          docs="SELECT n AS doc_n FROM documents WHERE id = :doc"))
    if f.sector:
        walk = _country_walk("sector", "event_sectors", "sector")
        out.append(Clause("sector", SECTOR_TEST, {"sector": f.sector}, _counts(conn, "sector").get(f.sector, 0),
                          walk=walk, gather=walk[:2]))
    if f.attribution:
        out.append(_attribution(conn, f.attribution))
    if f.bbox:
        out.append(_bbox(conn, f.bbox))
    return out


SECTOR_TEST = "EXISTS (SELECT 1 FROM event_sectors s2 WHERE s2.doc_n = k.doc_n AND s2.n = k.n AND s2.sector = :sector)"


def _attribution(conn: sqlite3.Connection, value: str) -> Clause:
    """``none``, ``any``, or words each beginning a word of the attribution (its text, its actor's name)."""
    attributed = _counts(conn, "attributed")
    if value.lower() in ("none", "any"):
        none = value.lower() == "none"
        return Clause("attribution", f"k.attribution IS {'' if none else 'NOT '}NULL", {},
                      attributed.get("0" if none else "1", 0))
    words = name_words(value)
    if not words:
        raise QueryError("attribution needs words (or any, none)")
    params = {f"aw{i}": " " + w for i, w in enumerate(words)}
    test = " AND ".join(f"instr(k.attribution, :aw{i}) > 0" for i in range(len(words)))
    return Clause("attribution", test, params, attributed.get("1", 0) / (2 * len(words)))


def _bbox(conn: sqlite3.Connection, box: tuple[float, float, float, float]) -> Clause:
    west, south, east, north = box
    params = {"b_w": west, "b_s": south, "b_e": east, "b_n": north}
    lon = "k.lon BETWEEN :b_w AND :b_e" if west <= east else "(k.lon >= :b_w OR k.lon <= :b_e)"
    test = f"k.lat BETWEEN :b_s AND :b_n AND {lon}"
    sampled, inside = conn.execute(
        f"SELECT count(*), coalesce(sum({test}), 0) FROM (SELECT lat, lon FROM event_keys ORDER BY doc_n, n "
        f"LIMIT {BBOX_SAMPLE}) k",
        params).fetchone()
    est = total(conn) * inside / sampled if sampled else 0
    return Clause("bbox", test, params, est, gather=("event_keys k INDEXED BY event_keys_point", test))


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
    # The events of the rarest word (``event_actor_words``, migration 12): exactly the matches of
    # a one-word name; for more words, those whose one actor bears every word are kept by the test.
    est, i = min((_word_events(conn, w), i) for i, w in enumerate(words))
    same_actor = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = k.doc_id AND a.event_id = k.id AND "
                  + " AND ".join(WORD_TEST.format(f"w{j}") for j in range(len(words))) + ")")
    one_word = len(words) == 1
    test = ACTOR_WORD_TEST if one_word else same_actor
    source = "event_actor_words w JOIN event_keys k ON k.doc_n = w.doc_n AND k.n = w.n"
    forms = _forms(conn, words[i])
    walk = arms = None
    if len(forms) <= MAX_FORMS:  # each word the prefix begins, one arm in date order
        arms = []
        for j, form in enumerate(forms):
            params[f"wf{j}"] = form
            arms.append(f"w.word = :wf{j}")
        walk = (source, "" if one_word else same_actor, "w")
        arms = arms or ["0"]  # no actor bears the word: nothing matches
    matches = f"(SELECT DISTINCT doc_n, n FROM event_actor_words WHERE word >= :w{i} AND word < :w{i}_end) x"
    gather = (f"{matches} CROSS JOIN event_keys k", "k.doc_n = x.doc_n AND k.n = x.n" + ("" if one_word else f" AND {same_actor}"))
    return Clause("actor_word" if one_word else "actor", test, params, est, walk=walk, gather=gather,
                  arms=arms)


ACTOR_WORD_TEST = ("EXISTS (SELECT 1 FROM event_actor_words w2 WHERE w2.doc_n = k.doc_n AND w2.n = k.n "
                   "AND w2.word >= :w0 AND w2.word < :w0_end)")


def _word_events(conn: sqlite3.Connection, word: str) -> int:
    """About how many events an actor bearing a word that begins with ``word`` takes part in."""
    return conn.execute("SELECT count(*) FROM (SELECT 1 FROM event_actor_words WHERE word >= ? AND word < ? "
                        f"LIMIT {WORD_COUNT_CAP})", (word, word + WORD_END)).fetchone()[0]


def _forms(conn: sqlite3.Connection, word: str) -> list[str]:
    """The actors' words that begin with ``word``, up to one more than ``MAX_FORMS`` (one seek each)."""
    forms: list[str] = []
    row = conn.execute("SELECT min(word) FROM event_actor_words WHERE word >= ? AND word < ?",
                       (word, word + WORD_END)).fetchone()
    while row and row[0] is not None and len(forms) <= MAX_FORMS:
        forms.append(row[0])
        row = conn.execute("SELECT min(word) FROM event_actor_words WHERE word > ? AND word < ?",
                           (row[0], word + WORD_END)).fetchone()
    return forms


def _dates(conn: sqlite3.Connection, f: EventFilter) -> Clause:
    since = day_number(first_day(parse_date(f.since)).isoformat()) if f.since else 0
    until = day_number(last_day(parse_date(f.until)).isoformat()) if f.until else 99999999
    # A period is at most a year long: an event that ends on or after ``since`` begins at most
    # a year before it, which bounds the walk on the first day's index.
    params = {"since": since, "until": until, "day_lo": max(0, since - 10000) if since else 0}
    periods = [tuple(int(x) for x in key.split("-")) for key in _counts(conn, "period")]
    est = sum(n for key, n in _counts(conn, "period").items()
              if _overlaps(key, since, until))
    test = "k.day_last >= :since AND k.day <= :until"
    where = "k.day BETWEEN :day_lo AND :until AND k.day_last >= :since AND k.day > 0"
    # The first days a match may have: those of the longer periods (a month, a year) that begin
    # before ``since`` and reach it, each one value, then every day from ``since`` to ``until``.
    # A walk in date order reads these alone, not the year before ``since``.
    starts = sorted({day for day, last in periods if 0 < day < since <= last and day <= until})
    if not since:
        bounds = ["{a}.day BETWEEN 1 AND :until"]
    elif len(starts) <= MAX_STARTS:
        bounds = [f"{{a}}.day = {day}" for day in starts] + ["{a}.day BETWEEN :since AND :until"]
    else:
        bounds = ["{a}.day BETWEEN :day_lo AND :until AND {a}.day > 0"]
    return Clause("dates", test + " AND k.day > 0", params, est,
                  walk=("event_keys k INDEXED BY event_keys_day", "k.day_last >= :since", "k"),
                  gather=("event_keys k INDEXED BY event_keys_day", where), bounds=bounds)


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
                  gather=(f"({matches}) f CROSS JOIN event_keys k", "k.doc_n = f.rowid"), setup=docs * 0.3,
                  docs=matches.replace("SELECT rowid", "SELECT rowid AS doc_n"))


def plan(conn: sqlite3.Connection, f: EventFilter, size: float) -> Plan:
    """The cheaper way to the first ``size`` matches in date order (``math.inf``: every match)."""
    parts = clauses(conn, f)
    n = max(1, total(conn))
    result = n
    for c in parts:
        result *= min(1.0, c.estimate / n)
    dates = next((c for c in parts if c.bounds), None)
    options: list[tuple[float, Plan]] = []
    walks = [(c, c.walk) for c in parts if c.walk] + [(None, ("event_keys k INDEXED BY event_keys_day", "", "k"))]
    for driver, (source, where, alias) in walks:
        others = [c for c in parts if c is not driver]
        est = driver.estimate if driver else n
        days = [""]
        if dates:  # the walk reads the days that may match only
            days = [b.format(a=alias) for b in dates.bounds or []]
            if driver is not dates:
                est *= min(1.0, dates.estimate / n)
                others.remove(dates)
                others.append(Clause("dates", "k.day_last >= :since AND k.day <= :until", {}, dates.estimate))
        arms = [" AND ".join(c for c in (a, d) if c) for a in (driver.arms if driver and driver.arms else [""])
                for d in days]
        arms = [a for a in arms if a]
        scanned = est if result < 1 or math.isinf(size) else min(est, size * est / result)
        cost = sum(c.setup for c in others) + scanned * (1 + sum(TEST_COST[c.name] for c in others))
        overlap = bool(driver and driver.arms and len(driver.arms) > 1)
        # Along a walk of event_keys' own indexes, which hold doc_n after the day, a test of doc_n
        # stays a test (+): SQLite's statistics would otherwise skip-scan every day of the index.
        tests = [c.test.replace("k.doc_n IN", "+k.doc_n IN") if alias == "k" else c.test for c in others]
        options.append((cost, Plan(source, [w for w in [where] if w] + tests, alias, arms=arms, overlap=overlap)))
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
    """The sort keys and ids of the plan's matches in date order.

    With a limit (rows in no order: sort them), the walk selects the sort key alone (the columns of the walked index) and the
    ids are read for the rows kept: a key row of a WITHOUT ROWID table read for each row walked
    (the ids are not in the filters' indexes) cost more than the walk itself. Each arm of a
    dated walk is one SELECT; SQLite merges them in date order."""
    where = list(p.where)
    if cursor is not None:
        where.append(f"({', '.join(f'{p.alias}.{c}' for c in SORT)}) > (:c_day, :c_doc_n, :c_n)")
        p.params.update(c_day=cursor[0], c_doc_n=cursor[1], c_n=cursor[2])
    ids = ", k.doc_id, k.id" if limit is None else ""
    selects = []
    for arm in p.arms or [""]:
        conditions = [w for w in [arm, *where] if w]
        sql = f"SELECT {', '.join(f'{p.alias}.{c}' for c in SORT)}{ids} FROM {p.source}"
        if conditions:
            sql += " WHERE " + " AND ".join(f"({w})" for w in conditions)
        selects.append(sql)
    if len(selects) > 1:
        sql = (" UNION " if p.overlap else " UNION ALL ").join(selects) + " ORDER BY 1, 2, 3"
    else:
        sql = selects[0] + " ORDER BY " + ", ".join(f"{p.alias}.{c}" for c in SORT)
    if limit is None:
        return sql
    # (the caller puts these few rows back in order: no sort step in SQL)
    return (f"SELECT x.day, x.doc_n, x.n, k.doc_id, k.id FROM ({sql} LIMIT {int(limit)}) x "
            "JOIN event_keys k ON k.doc_n = x.doc_n AND k.n = x.n")


def _run(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> sqlite3.Cursor:
    conn.create_function("fold", 1, fold, deterministic=True)
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"query failed: {exc}") from exc


def page(conn: sqlite3.Connection, f: EventFilter, cursor: str | None, size: int) -> Page:
    after = decode_cursor(cursor, f, len(SORT)) if cursor else None
    p = plan(conn, f, size + 1)
    keys = sorted(_run(conn, keys_sql(p, after, size + 1), p.params).fetchall(), key=lambda r: tuple(r[:3]))
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
