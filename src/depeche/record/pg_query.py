"""The PostgreSQL backend's event pages and streams, and the rows of the events they hold.

Events are read from ``event_keys`` (one narrow row per event) in the order (day, doc_n, n).
Every filter is a condition on the key row ``k``; Postgres's planner picks the index to walk
(each filter's index ends with the sort key) or gathers and sorts when the matches are few.
Text search goes through the two GIN indexes of the documents (``migrations/postgresql/0007``):
a word by its French stem without accents, a phrase or a prefix by the words as written.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import psycopg

from ..inputs import first_day, last_day, parse_date
from .query import (CODE, Actor, EventFilter, EventRow, Page, QueryError, day_number, decode_cursor, encode_cursor,
                    sentence_around)
from .search import search_words
from .tables import name_words

SORT = ("day", "doc_n", "n")
WORD_END = "\U0010ffff"
STEMS = "to_tsvector('french_unaccent'::regconfig, d.text)"
WORDS = "to_tsvector('french_unaccent_words'::regconfig, d.text)"
# Subqueries end with OFFSET 0 (a planner fence): each is run once and its matches hashed, never
# evaluated row by row along a walk (to_tsvector on every document walked took seconds).
ACTOR_CODE = """(k.doc_id, k.id) IN (SELECT * FROM (
    SELECT a.doc_id, a.event_id FROM entities en JOIN event_actors a ON a.doc_id = en.doc_id AND a.entity_id = en.id
    WHERE en.country = %(a_country)s AND (%(a_sector)s::text IS NULL OR en.sector = %(a_sector)s)
    UNION
    SELECT a.doc_id, a.event_id FROM entity_words w
    JOIN entities en ON en.doc_id = w.doc_id AND en.id = w.entity_id
    JOIN event_actors a ON a.doc_id = en.doc_id AND a.entity_id = en.id
    WHERE w.word = %(a_name)s AND lower(unaccent(en.name)) = %(a_name)s OFFSET 0) x)"""


def conditions(f: EventFilter, dense_text: bool = False) -> tuple[list[str], dict[str, Any]]:
    """The filters of ``f`` as conditions on the key row ``k``, with their parameters (``dense_text``:
    the text search is a test along a walk in date order, see ``_text``)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for name in ("type", "factuality", "place_country", "mode"):
        value = getattr(f, name)
        if value is not None:
            where.append(f"k.{name} = %({name})s")
            params[name] = value
    if f.country:
        where.append("EXISTS (SELECT 1 FROM event_countries c WHERE c.country = %(country)s AND c.day = k.day "
                     "AND c.doc_n = k.doc_n AND c.n = k.n)")
        params["country"] = f.country
    if f.actor:
        where.append(_actor(f.actor, params))
    if f.since or f.until:
        since = day_number(first_day(parse_date(f.since)).isoformat()) if f.since else 0
        until = day_number(last_day(parse_date(f.until)).isoformat()) if f.until else 99999999
        # A period is at most a year long: an event that ends on or after ``since`` begins at most
        # a year before it, which bounds the range read on the first day's index.
        params.update(since=since, until=until, day_lo=max(1, since - 10000))
        where.append("k.day BETWEEN %(day_lo)s AND %(until)s AND k.day_last >= %(since)s")
    if f.text is not None:
        where.append(_text(f.text, params, dense_text))
    if f.doc:
        where.append("k.doc_id = %(doc)s")
        params["doc"] = f.doc
    if f.sector:
        where.append("EXISTS (SELECT 1 FROM event_sectors s WHERE s.sector = %(sector)s AND s.day = k.day "
                     "AND s.doc_n = k.doc_n AND s.n = k.n)")
        params["sector"] = f.sector
    if f.attribution:
        where.append(_attribution(f.attribution, params))
    if f.bbox:
        west, south, east, north = f.bbox
        params.update(b_w=west, b_s=south, b_e=east, b_n=north)
        lon = "k.lon BETWEEN %(b_w)s AND %(b_e)s" if west <= east else "(k.lon >= %(b_w)s OR k.lon <= %(b_e)s)"
        where.append(f"k.lat BETWEEN %(b_s)s AND %(b_n)s AND {lon}")
    return where, params


def _attribution(value: str, params: dict[str, Any]) -> str:
    """``none``, ``any``, or words each beginning a word of the attribution (its text, its actor's name)."""
    if value.lower() in ("none", "any"):
        return f"k.attribution IS {'' if value.lower() == 'none' else 'NOT '}NULL"
    words = name_words(value)
    if not words:
        raise QueryError("attribution needs words (or any, none)")
    tests = []
    for i, word in enumerate(words):
        params[f"aw{i}"] = " " + word
        tests.append(f"strpos(k.attribution, %(aw{i})s) > 0")
    return " AND ".join(tests)


def _actor(actor: str, params: dict[str, Any]) -> str:
    if CODE.match(actor):
        params.update(a_country=actor[:3], a_sector=actor[3:] or None, a_name=actor.lower())
        return ACTOR_CODE
    words = name_words(actor)
    if not words:
        raise QueryError("--actor needs a name or an actor code")
    parts = []
    for i, word in enumerate(words):
        params[f"w{i}"], params[f"w{i}_end"] = word, word + WORD_END
        parts.append(f"SELECT doc_id, entity_id FROM entity_words WHERE word >= %(w{i})s AND word < %(w{i}_end)s")
    return (f"(k.doc_id, k.id) IN (SELECT a.doc_id, a.event_id FROM event_actors a WHERE (a.doc_id, a.entity_id) "
            f"IN ({' INTERSECT '.join(parts)}))")


def tsqueries(text: str) -> tuple[str | None, str | None]:
    """The ``to_tsquery`` texts of a ``--text`` search: (stems, words as written)."""
    stems, words = [], []
    for word in search_words(text):
        if word.stemmed:
            stems.append(word.tokens[0])
        else:
            phrase = " <-> ".join(word.tokens)
            words.append(f"({phrase}:*)" if word.prefix else f"({phrase})")
    return (" & ".join(stems) or None), (" & ".join(words) or None)


def text_documents(text: str, params: dict[str, Any]) -> str:
    """The documents a ``--text`` search finds, as a subquery of their ``n``."""
    stems, words = tsqueries(text)
    tests = []
    if stems:
        params["t_stems"] = stems
        tests.append(f"{STEMS} @@ to_tsquery('french_unaccent'::regconfig, %(t_stems)s)")
    if words:
        params["t_words"] = words
        tests.append(f"{WORDS} @@ to_tsquery('french_unaccent_words'::regconfig, %(t_words)s)")
    return f"SELECT d.n FROM documents d WHERE {' AND '.join(tests)}"


def _text(text: str, params: dict[str, Any], dense: bool = False) -> str:
    """A text search matching many documents is a test along a walk in date order (a hashed set of
    documents: COALESCE keeps Postgres from joining it to every event and sorting); one matching
    few gathers their events (OFFSET 0: the set is found once)."""
    documents = text_documents(text, params)
    if dense:
        return f"coalesce(k.doc_n IN ({documents}), false)"
    return f"k.doc_n IN ({documents} OFFSET 0)"


# Past this share of the documents (Postgres's own estimate), a text search is walked, not gathered.
DENSE_TEXT = 0.03


def dense_text(conn: psycopg.Connection, f: EventFilter) -> bool:
    """Whether ``f``'s text search finds, by Postgres's estimate, at least ``DENSE_TEXT`` of the documents."""
    if f.text is None:
        return False
    params: dict[str, Any] = {}
    sql = text_documents(f.text, params)
    plan = run(conn, "EXPLAIN (FORMAT JSON) " + sql, params).fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    documents = conn.execute("SELECT greatest(reltuples, 1) FROM pg_class WHERE oid = 'documents'::regclass").fetchone()[0]
    return plan[0]["Plan"]["Plan Rows"] >= DENSE_TEXT * documents


# An actor name's events, from its words' rows (which hold the sort key), joined to their key rows
# by primary key: the events where an actor bears each word (for several words, those of every
# word, then kept when one actor bears them all: tested row by row in date order, after the
# fence, until the page is full). As a test on event_keys (``IN``), Postgres hashed every match
# and scanned or sorted far more rows (150-330 ms of server CPU for "Macron", "Emmanuel Macron").
WORD_EVENTS = "SELECT day, doc_n, n FROM event_actor_words WHERE word >= %(w{0})s AND word < %(w{0}_end)s"
SAME_ACTOR = ("(SELECT 1 FROM event_actors a WHERE a.doc_id = k.doc_id AND a.event_id = k.id AND {} LIMIT 1) IS NOT NULL")
ACTOR_WORD = ("EXISTS (SELECT 1 FROM entity_words w WHERE w.doc_id = a.doc_id AND w.entity_id = a.entity_id "
              "AND w.word >= %(w{0})s AND w.word < %(w{0}_end)s)")


def keys_sql(f: EventFilter, cursor: list[Any] | None, limit: int | None,
             dense: bool = False) -> tuple[str, dict[str, Any]]:
    words = name_words(f.actor) if f.actor and not CODE.match(f.actor) else []
    # A text search within a country walks the country's events in date order testing their
    # documents (Postgres merged a walk of every event, testing the text, with the country's).
    by_country = bool(f.country and f.text is not None and not words and not (f.since or f.until))
    walked = {**({"actor": None} if words else {}), **({"country": None} if by_country else {})}
    where, params = conditions(f.model_copy(update=walked), dense)
    source, a = "event_keys k", "k"
    if by_country:
        source, a = "event_countries c JOIN event_keys k ON k.doc_n = c.doc_n AND k.n = c.n", "c"
        where = ["c.country = %(country)s"] + [w.replace("k.doc_n IN", "c.doc_n IN") for w in where]
        params["country"] = f.country
    if words:
        for i, word in enumerate(words):
            params[f"w{i}"], params[f"w{i}_end"] = word, word + WORD_END
        events = " INTERSECT ".join(WORD_EVENTS.format(i) for i in range(len(words)))
        source = f"({'SELECT DISTINCT * FROM (' + events + ') e' if len(words) == 1 else events}) x " \
                 "JOIN event_keys k ON k.doc_n = x.doc_n AND k.n = x.n"
    if cursor is not None:
        where.append(f"({a}.day, {a}.doc_n, {a}.n) > (%(c_day)s, %(c_doc_n)s, %(c_n)s)")
        params.update(c_day=cursor[0], c_doc_n=cursor[1], c_n=cursor[2])
    query = f"SELECT k.day, k.doc_n, k.n, k.doc_id, k.id FROM {source}"
    if where:
        query += " WHERE " + " AND ".join(f"({w})" for w in where)
    query += f" ORDER BY {a}.day, {a}.doc_n, {a}.n"
    if len(words) > 1:  # (a filter over the fenced, ordered rows keeps their order)
        same = SAME_ACTOR.format(" AND ".join(ACTOR_WORD.format(i) for i in range(len(words))))
        query = f"SELECT * FROM ({query} OFFSET 0) k WHERE {same}"
        if limit is None or math.isinf(limit):
            query += " ORDER BY k.day, k.doc_n, k.n"
    if limit is not None and not math.isinf(limit):
        query += f" LIMIT {int(limit)}"
    return query, params


def run(conn: psycopg.Connection, query: str, params: dict[str, Any]) -> psycopg.Cursor:
    try:
        return conn.execute(query, params)
    except psycopg.errors.SyntaxError as exc:  # a search the text parser refuses
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc


def page(conn: psycopg.Connection, f: EventFilter, cursor: str | None, size: int) -> Page:
    after = decode_cursor(cursor, f, len(SORT)) if cursor else None
    keys = run(conn, *keys_sql(f, after, size + 1, dense_text(conn, f))).fetchall()
    more = len(keys) > size
    keys = keys[:size]
    return Page(rows=event_rows(conn, keys), next=encode_cursor(list(keys[-1][:3]), f) if more and keys else None)


def stream(conn: psycopg.Connection, f: EventFilter, batch: int) -> Iterator[list[EventRow]]:
    """Every match in date order, ``batch`` rows at a time, through one server-side cursor."""
    query, params = keys_sql(f, None, None)
    with conn.cursor(name="depeche_events") as cur:  # event rows are read on the same connection, between fetches
        cur.execute(query, params)
        while keys := cur.fetchmany(batch):
            yield event_rows(conn, keys)


def explain(conn: psycopg.Connection, f: EventFilter, size: int = 100) -> list[str]:
    """Postgres's plan for the first page of ``f`` (the speed tests read it)."""
    query, params = keys_sql(f, None, size + 1, dense_text(conn, f))
    return [r[0] for r in conn.execute("EXPLAIN " + query, params)]


# -- the rows of the events -------------------------------------------------------------------

KEYED = "unnest(%(doc_ids)s::text[], %(ids)s::text[]) WITH ORDINALITY AS j(doc_id, id, ord)"
DETAILS = f"""SELECT e.doc_id, e.id, d.source AS source_document, e.type, e.mode, e.date, e.date_first, e.date_last,
    e.factuality, e.attribution_text AS attribution, e.attribution_entity, p.name AS place, p.country AS place_country,
    p.lat AS place_lat, p.lon AS place_lon, p.geonameid AS place_geonameid, p.feature AS place_feature,
    t.value AS time, e.segment, e.start, e."end", e.text, e.extra, e.sizes
FROM {KEYED}
JOIN events e ON e.doc_id = j.doc_id AND e.id = j.id
JOIN documents d ON d.id = e.doc_id
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time
ORDER BY j.ord"""


def _pairs(keys: list[tuple[str, str]]) -> dict[str, list[str]]:
    return {"doc_ids": [k[0] for k in keys], "ids": [k[1] for k in keys]}


def event_rows(conn: psycopg.Connection, keys: list[Any]) -> list[EventRow]:
    """The full rows of the events keyed (day, doc_n, n, doc_id, id), in the given order."""
    if not keys:
        return []
    pairs = _pairs([(k[3], k[4]) for k in keys])
    details = [dict(r) for r in conn.execute(DETAILS, pairs)]
    actors = _actors(conn, pairs)
    entities = _entities(conn, sorted({(r["doc_id"], r["attribution_entity"]) for r in details
                                       if r["attribution_entity"]}))
    values = _quantities(conn, sorted({(r["doc_id"], q) for r in details
                                       for q in json.loads(r["sizes"] or "{}").values()}))
    sentences = _sentences(conn, sorted({r["doc_id"] for r in details}))
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


def _actors(conn: psycopg.Connection, pairs: dict[str, list[str]]) -> dict[tuple[str, str, str], list[Actor]]:
    out: dict[tuple[str, str, str], list[Actor]] = {}
    for r in conn.execute(f"""SELECT a.doc_id, a.event_id, a.role, a.entity_id, en.name, en.country, en.sector
            FROM {KEYED} JOIN event_actors a ON a.doc_id = j.doc_id AND a.event_id = j.id
            LEFT JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
            ORDER BY a.doc_id, a.event_id, a.role, a.n""", pairs):
        out.setdefault((r[0], r[1], r[2]), []).append(Actor(entity=r[3], name=r[4], country=r[5], sector=r[6]))
    return out


def _entities(conn: psycopg.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Actor]:
    rows = conn.execute(f"""SELECT en.doc_id, en.id, en.name, en.country, en.sector FROM {KEYED}
        JOIN entities en ON en.doc_id = j.doc_id AND en.id = j.id""", _pairs(keys)) if keys else []
    return {(r[0], r[1]): Actor(entity=r[1], name=r[2], country=r[3], sector=r[4]) for r in rows}


def _quantities(conn: psycopg.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    rows = conn.execute(f"""SELECT q.doc_id, q.id, q.value FROM {KEYED}
        JOIN quantities q ON q.doc_id = j.doc_id AND q.id = j.id""", _pairs(keys)) if keys else []
    return {(r[0], r[1]): r[2] for r in rows}


def _sentences(conn: psycopg.Connection, doc_ids: list[str]) -> dict[str, tuple[str, list, list]]:
    """Per document: its text, its sentences, and (when it has none stored) its paragraphs."""
    out = {}
    for r in conn.execute("SELECT d.id, d.text, d.sentences FROM documents d WHERE d.id = ANY(%s)", (doc_ids,)):
        bounds = [(s["start"], s["end"]) for s in json.loads(r[2] or "[]")]
        paragraphs = [] if bounds else [tuple(s) for s in conn.execute(
            'SELECT start, "end" FROM segments WHERE doc_id = %s ORDER BY n', (r[0],))]
        out[r[0]] = (r[1], bounds, paragraphs)
    return out


def heads(conn: psycopg.Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for r in conn.execute("""SELECT d.id, d.source, d.language, d.metadata, d.dct_value, d.ingested_at, d.pipeline
            FROM unnest(%s::text[]) WITH ORDINALITY AS j(id, ord) JOIN documents d ON d.id = j.id ORDER BY j.ord""",
                          (doc_ids,)):
        out[r[0]] = {"source": r[1], "language": r[2], "metadata": json.loads(r[3] or "{}"), "dct_value": r[4],
                     "ingested_at": r[5], "pipeline": r[6]}
    return out
