"""Speed regression at small scale: SQLite's plan for the first page of every filter reads indexes
(a full scan of the events is the cost that grew with the record), and pages walk in date order."""
import re

import pytest

from depeche.record import EventFilter
from depeche.record.sqlite_query import explain, plan
from depeche.record.store import SQLiteStore
from tests.handmade import MOSCOW, PARIS, moscow, paris

COPIES = 150
FILTERS = [{}, {"type": "CONSULT"}, {"type": "PROTEST"}, {"country": "RUS"}, {"actor": "Macron"},
           {"actor": "RUSGOV"}, {"text": "armes"}, {"since": "2023-09-01", "until": "2023-09-07"},
           {"factuality": "reported"}, {"place_country": "FRA"},
           {"type": "CONSULT", "country": "RUS"}, {"type": "CONSULT", "place_country": "FRA", "since": "2021"},
           {"actor": "Poutine", "type": "CONSULT"}, {"text": "défense", "country": "FRA"},
           {"factuality": "asserted", "place_country": "RUS", "until": "2024"}]
# A table read whole: "SCAN e" or "SCAN k" without an index.
FULL_SCAN = re.compile(r"^SCAN (?:e|k|c|d|events|event_keys|documents)\b(?!.*USING)")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with SQLiteStore(tmp_path_factory.mktemp("plans") / "p.db") as s:
        docs = []
        for i in range(COPIES):
            docs.append(moscow(MOSCOW + f" ({i})", source=f"m{i}.txt"))
            docs.append(paris(PARIS + f" ({i})", source=f"p{i}.txt"))
        s.put_many(docs)
        s.conn.execute("ANALYZE")
        yield s


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_first_page_reads_no_whole_table(store, filters):
    lines = explain(store.conn, EventFilter(**filters))
    assert not [line for line in lines if FULL_SCAN.match(line)], lines
    assert not [line for line in lines if "ANY(" in line], lines  # no skip-scan of every day of an index


@pytest.mark.parametrize("filters, index", [
    ({}, "event_keys_day"), ({"type": "CONSULT"}, "event_keys_type"), ({"factuality": "reported"}, "event_keys_factuality"),
    ({"place_country": "FRA"}, "event_keys_place"), ({"since": "2023-09-01"}, "event_keys_day"),
])
def test_a_dense_filter_walks_its_index_in_date_order(store, filters, index):
    lines = explain(store.conn, EventFilter(**filters))
    assert any(index in line for line in lines) and not any("TEMP B-TREE" in line for line in lines), lines


@pytest.mark.parametrize("actor", ["Pyongyang", "Poutine", "Vladimir Poutine"])
def test_an_actor_name_walks_its_words_events_in_date_order(store, actor):
    """A name's rarest word has its events in date order (``event_actor_words``): no sort."""
    lines = explain(store.conn, EventFilter(actor=actor))
    assert any(line.startswith("SEARCH w USING PRIMARY KEY (word=?)") for line in lines), lines  # w: event_actor_words
    assert not any("TEMP B-TREE" in line for line in lines), lines


@pytest.mark.parametrize("filters", FILTERS[1:], ids=lambda f: ",".join(f))
def test_planned_pages_hold_what_a_plain_filter_would(store, filters):
    """Whatever the plan, the rows are the matches in date order (checked against Python)."""
    f = EventFilter(**filters)
    everything = store.events()
    got = [(r.doc_id, r.id) for r in store.events(f)]
    assert len(got) == store.count_events(f)
    assert got == [(r.doc_id, r.id) for r in everything if (r.doc_id, r.id) in set(got)]  # same order
    if "type" in filters:
        assert all(r.type == filters["type"] for r in store.page(f).rows)


@pytest.mark.parametrize("filters", FILTERS + [
    {"since": "2023-09-15"}, {"since": "2023-09-15", "type": "REQUEST"}, {"country": "PRK", "since": "2023-09-10"},
    {"actor": "Pout"}, {"actor": "Vladimir Pout", "since": "2023-09-02"}, {"actor": "outine"}],
    ids=lambda f: ",".join(f) or "none")
def test_pages_hold_every_match_once_in_date_order(store, filters):
    """Page by page (walks split into arms by days and by an actor's words, merged in date order),
    the rows are the stream's, each once."""
    f = EventFilter(**filters)
    got, cursor = [], None
    while True:
        page = store.page(f, cursor, size=7)
        got += [(r.doc_id, r.id) for r in page.rows]
        if not (cursor := page.next):
            break
    assert got == [(r.doc_id, r.id) for r in store.events(f)]
    assert len(got) == len(set(got)) == store.count_events(f)
