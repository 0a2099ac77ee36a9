import pytest
from pydantic import ValidationError

from depeche.record.query import EventFilter, QueryError, Timeline, decode_cursor, encode_cursor
from tests.handmade import moscow, paris
from tests.record.conftest import open_record

# moscow.txt: V1 CONSULT Poutine (RUS GOV) -> Kim (PRK) at Vladivostok (RUS) on 2023-09-13, asserted;
#             V2 REQUEST Pyongyang (PRK), reported "Selon Washington", no time: the month 2023-09.
# paris.txt:  V1 CONSULT Macron (FRA) -> Scholz (DEU) at Paris (FRA), 2021-06-10.
M1, M2, P1 = ("moscow.txt", "V1"), ("moscow.txt", "V2"), ("paris.txt", "V1")


@pytest.fixture
def store(filled):
    return filled


@pytest.mark.parametrize("filters, expected", [
    ({}, [P1, M2, M1]),
    ({"type": "CONSULT"}, [P1, M1]),
    ({"type": "request"}, [M2]),
    ({"actor": "RUS"}, [M1]),
    ({"actor": "RUSGOV"}, [M1]),
    ({"actor": "RUSMIL"}, []),
    ({"actor": "Vladimir Poutine"}, [M1]),
    ({"actor": "poutine"}, [M1]),
    ({"actor": "M. Poutine"}, [M1]),  # a mention, not the name
    ({"actor": "Scholz"}, [P1]),
    ({"actor": "pyongyang"}, [M2]),
    ({"actor": "Pout"}, [M1]),  # the beginning of a word
    ({"actor": "outine"}, []),  # not the middle of one
    ({"actor": "Vladimir Scholz"}, []),  # every word, in one actor
    ({"country": "PRK"}, [M2, M1]),  # target of V1, source of V2
    ({"country": "fra"}, [P1]),
    ({"country": "USA"}, []),  # Washington attributes V2, it is not an actor of it
    ({"place_country": "RUS"}, [M1]),
    ({"place_country": "FRA"}, [P1]),
    ({"since": "2023-09-01"}, [M2, M1]),
    ({"since": "2023-09-15"}, [M2]),  # V2 is known to the month only: the periods overlap
    ({"since": "2024"}, []),
    ({"until": "2021-12-31"}, [P1]),
    ({"until": "2023-09-10"}, [P1, M2]),
    ({"since": "2021-06", "until": "2021-06"}, [P1]),
    ({"factuality": "reported"}, [M2]),
    ({"factuality": "asserted"}, [P1, M1]),
    ({"text": "armes"}, [M2, M1]),
    ({"text": "defense"}, [P1]),  # "défense": accents ignored
    ({"text": "DÉFENSE européenne"}, [P1]),
    ({"text": "armes Macron"}, []),  # every word must occur
    ({"text": "coop*"}, [M2, M1]),  # a prefix
    ({"text": "arme"}, [M2, M1]),  # "armes": the same French stem
    ({"text": "dirigeants"}, [P1, M2, M1]),  # "dirigeant" in moscow, "dirigeants" in paris
    ({"text": "discuter"}, [P1]),  # "discuté"
    ({"text": "Européen"}, [P1]),  # "européenne"
    ({"text": "nord-coréens"}, []),  # a phrase of its parts, as written
    ({"text": "nord-coréen"}, [M2, M1]),
    ({"type": "CONSULT", "country": "RUS"}, [M1]),
    ({"text": "armes", "country": "PRK"}, [M2, M1]),  # a text search within a country
    ({"text": "armes", "country": "RUS", "type": "CONSULT"}, [M1]),
    ({"text": "defense", "country": "PRK"}, []),
    ({"actor": "Vladimir Poutine", "type": "CONSULT"}, [M1]),  # a name's words, then other filters
    ({"actor": "Vladimir Poutine", "type": "REQUEST"}, []),
    ({"actor": "Kim Jong", "country": "PRK", "text": "armes"}, [M1]),
    ({"type": "CONSULT", "since": "2022"}, [M1]),
    ({"limit": 1}, [P1]),
    ({"limit": 0}, []),
])
def test_each_filter(store, filters, expected):
    assert [(r.source_document, r.id) for r in store.events(**filters)] == expected


def test_doc_filter(store):
    assert [r.id for r in store.events(doc=moscow().id)] == ["V2", "V1"]  # by date: 2023-09 starts first


def test_rows_carry_actors_place_time_and_attribution(store):
    v2, v1 = store.events(doc=moscow().id)
    assert [a.label() for a in v1.source] == ["Vladimir Poutine (RUSGOV)"]
    assert [a.label() for a in v1.target] == ["Kim Jong Un (PRKGOV)"]
    assert (v1.place, v1.place_country, v1.time, v1.date, v1.mode) == ("Vladivostok", "RUS", "2023-09-13",
                                                                        "2023-09-13", "visit")
    assert v2.attribution == "Selon Washington" and v2.factuality == "reported" and v2.date == "2023-09"
    assert moscow().text[v1.start:v1.end] == v1.text


@pytest.mark.parametrize("filters, message", [
    ({"type": "MEET"}, "unknown event type"),
    ({"factuality": "sure"}, "unknown factuality"),
    ({"country": "RU"}, "three-letter"),
    ({"place_country": "Russie"}, "three-letter"),
    ({"since": "2023-13-01"}, "month 13"),
    ({"until": "hier"}, "is not YYYY"),
    ({"limit": -1}, "limit"),
    ({"colour": "red"}, "Extra inputs"),
])
def test_bad_filters_are_named(filters, message):
    with pytest.raises(ValidationError, match=message):
        EventFilter(**filters)


@pytest.mark.parametrize("actor", ["M.", "--", "é"])
def test_an_actor_without_a_word_is_refused(store, actor):
    with pytest.raises(QueryError, match="--actor needs a name"):
        store.events(actor=actor)


@pytest.mark.parametrize("text", ["", "   ", "***"])
def test_empty_text_search_is_refused(store, text):
    with pytest.raises(QueryError):
        store.events(text=text)


def test_stats(store):
    s = store.stats()
    assert s["counts"]["documents"] == 3 and s["counts"]["events"] == 3
    assert s["events_by_type"] == {"CONSULT": 2, "REQUEST": 1}
    assert s["events_by_country"] == {"PRK": 2, "DEU": 1, "FRA": 1, "RUS": 1}
    assert s["events_by_month"] == {"2021-06": 1, "2023-09": 2}
    assert s["events_by_factuality"] == {"asserted": 2, "reported": 1}
    assert s["documents_by_month"] == {"2020-01": 1, "2021-06": 1, "2023-09": 1}


@pytest.mark.parametrize("filters", [{}, {"type": "CONSULT"}, {"country": "PRK"}, {"text": "armes"}, {"actor": "Poutine"},
                                     {"text": "armes", "country": "PRK"}, {"actor": "Vladimir Poutine"}])
def test_pages_follow_each_other(store, filters):
    f = EventFilter(**filters)
    every = [(r.doc_id, r.id) for r in store.events(f)]
    seen, cursor = [], None
    while True:
        page = store.page(f, cursor=cursor, size=1)
        seen += [(r.doc_id, r.id) for r in page.rows]
        if page.next is None:
            break
        cursor = page.next
    assert seen == every and store.count_events(f) == len(every)


def test_a_cursor_belongs_to_its_query(store):
    page = store.page(EventFilter(type="CONSULT"), size=1)
    with pytest.raises(QueryError, match="other filters"):
        store.page(EventFilter(type="REQUEST"), cursor=page.next)
    with pytest.raises(QueryError, match="not a cursor"):
        store.page(EventFilter(), cursor="garbage")


def test_cursor_round_trip():
    f = EventFilter(type="CONSULT")
    assert decode_cursor(encode_cursor([20230913, 1, 0], f), f, 3) == [20230913, 1, 0]


def test_rows_carry_sentences_and_sizes(store):
    v2, v1 = store.events(doc=moscow().id)
    assert v1.sentence == "Le président russe Vladimir Poutine a reçu mercredi à Vladivostok le dirigeant nord-coréen Kim Jong Un."
    assert moscow().text[v1.sentence_start:v1.sentence_end] == v1.sentence
    assert v2.sentence == "Selon Washington, Pyongyang serait en quête d'armes."
    assert v2.attribution_actor.country == "USA" and v1.precision == "day" and v2.precision == "month"
    assert (v1.place_lat, v1.place_geonameid, v1.place_feature) == (43.1056, 2013348, "PPLA")


@pytest.mark.parametrize("filters, expected", [
    ({}, {"type": {"CONSULT": 2, "REQUEST": 1}, "factuality": {"asserted": 2, "reported": 1},
          "country": {"PRK": 2, "DEU": 1, "FRA": 1, "RUS": 1}, "place_country": {"FRA": 1, "RUS": 1}}),
    ({"type": "CONSULT"}, {"type": {"CONSULT": 2}, "factuality": {"asserted": 2},
                           "country": {"DEU": 1, "FRA": 1, "PRK": 1, "RUS": 1}, "place_country": {"FRA": 1, "RUS": 1}}),
    ({"text": "armes"}, {"type": {"CONSULT": 1, "REQUEST": 1}, "factuality": {"asserted": 1, "reported": 1},
                         "country": {"PRK": 2, "RUS": 1}, "place_country": {"RUS": 1}}),
])
def test_facets(store, filters, expected):
    assert store.facets(EventFilter(**filters)) == expected


ALL_DIMS = ("type", "factuality", "country", "place_country", "mode", "sector")


def counted(rows) -> dict[str, dict[str, int]]:
    """The facets of some event rows, counted one by one (what the stores' summaries must give)."""
    out: dict[str, dict[str, int]] = {d: {} for d in ALL_DIMS}
    for r in rows:
        values = {"type": {r.type}, "factuality": {r.factuality}, "place_country": {r.place_country},
                  "mode": {r.mode}, "country": {a.country for a in r.source + r.target},
                  "sector": {a.sector for a in r.source + r.target}}
        for dim, found in values.items():
            for v in found - {None}:
                out[dim][v] = out[dim].get(v, 0) + 1
    return {d: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for d, c in out.items()}


@pytest.mark.parametrize("filters", [{"text": "armes"}, {"text": "dirigeants"}, {"text": "defense"},
                                     {"text": "nord-coréen"}, {"text": "armes", "doc": "moscow"}, {"text": "zzz"}])
def test_text_counts_match_the_events(store, filters):
    """A text search's facets, count and timeline (per-document summaries) are its events' counts."""
    if "doc" in filters:
        filters = {**filters, "doc": moscow().id}
    f = EventFilter(**filters)
    rows = store.events(**filters)
    assert store.facets(f, dims=ALL_DIMS) == counted(rows)
    assert store.count_events(f) == len(rows)
    months: dict[str, int] = {}
    for r in rows:
        months[r.date[:7]] = months.get(r.date[:7], 0) + 1
    assert store.timeline(f, by="month").counts == dict(sorted(months.items()))
    dated = {r.doc_id: store.read(r.doc_id).dct for r in rows}  # the documents with a matching event
    by_month: dict[str, int] = {}
    for dct in dated.values():
        by_month[dct.value[:7]] = by_month.get(dct.value[:7], 0) + 1
    assert store.document_timeline(f, by="month").counts == dict(sorted(by_month.items()))


def test_text_counts_follow_deletes_and_rewrites(new_store):
    """The per-document summaries go with a deleted document and are not doubled by a rewrite."""
    store = new_store()
    store.put_many([moscow(), paris()])
    store.put(moscow())  # the same content again: replaced
    f = EventFilter(text="dirigeants")
    assert store.facets(f, dims=ALL_DIMS) == counted(store.events(text="dirigeants"))
    assert store.count_events(f) == 3
    store.delete(moscow().id)
    assert store.facets(f, dims=ALL_DIMS) == counted(store.events(text="dirigeants"))
    assert store.count_events(f) == 1


@pytest.mark.parametrize("by, filters, counts, coarser", [
    ("month", {}, {"2021-06": 1, "2023-09": 2}, 0),
    ("day", {}, {"2021-06-10": 1, "2023-09-13": 1}, 1),  # V2 is known to the month only
    ("week", {}, {"2021-W23": 1, "2023-W37": 1}, 1),
    ("month", {"country": "PRK"}, {"2023-09": 2}, 0),
])
def test_timeline(store, by, filters, counts, coarser):
    assert store.timeline(EventFilter(**filters), by=by) == Timeline(by=by, counts=counts, coarser=coarser)


def test_actor_place_and_pair_counts(store):
    actors = {(c.name, c.country, c.sector): c.events for c in store.actor_counts()}
    assert actors == {("Vladimir Poutine", "RUS", "GOV"): 1, ("Kim Jong Un", "PRK", "GOV"): 1,
                      ("Pyongyang", "PRK", "GOV"): 1, ("Emmanuel Macron", "FRA", "GOV"): 1,
                      ("Olaf Scholz", "DEU", "GOV"): 1}
    assert [(c.name, c.country, c.geonameid, c.events) for c in store.place_counts(EventFilter(type="CONSULT"))] == [
        ("Paris", "FRA", 2988507, 1), ("Vladivostok", "RUS", 2013348, 1)]
    pairs = [(c.name, c.target_name, c.events) for c in store.actor_pairs()]
    assert pairs == [("Emmanuel Macron", "Olaf Scholz", 1), ("Vladimir Poutine", "Kim Jong Un", 1)]


def test_unknown_period_and_facet_are_named(store):
    with pytest.raises(QueryError, match="unknown period"):
        store.timeline(by="year")
    with pytest.raises(QueryError, match="unknown facet"):
        store.facets(dims=["colour"])


@pytest.mark.parametrize("query", ["Walesa", "wałęsa", "Wałesa", "Lech Wal"])
def test_actor_names_fold_letters_to_ascii(backend, tmp_path, query):
    from depeche.inputs import content_id
    from depeche.models import Document, DocumentDate, Entity, Event, Mention

    text = "date 1989-06-04 Lech Wałęsa a rencontré le Premier ministre à Gdańsk."
    s = text.index("Lech Wałęsa")
    e = text.index(" le Premier")
    doc = Document(
        id=content_id(text), source="gdansk.txt", text=text,
        dct=DocumentDate(value="1989-06-04", precision="day"), language="fr",
        entities=[Entity(id="E1", name="Lech Wałęsa", type="PER", country="POL", sector="OPP",
                         mentions=[Mention(start=s, end=s + 11, text="Lech Wałęsa")])],
        events=[Event(id="V1", type="CONSULT", source=["E1"], start=s, end=e, text=text[s:e])],
    )
    with open_record(backend, tmp_path) as store:
        store.put_many([doc])
        assert [(r.source_document, r.id) for r in store.events(actor=query)] == [("gdansk.txt", "V1")]
