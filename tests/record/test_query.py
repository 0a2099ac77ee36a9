import pytest
from pydantic import ValidationError

from depeche.record.query import EventFilter, QueryError, fold, fts_query
from depeche.record.store import Store
from tests.handmade import bare, moscow, paris

# moscow.txt: V1 CONSULT Poutine (RUS GOV) -> Kim (PRK) at Vladivostok (RUS) on 2023-09-13, asserted;
#             V2 REQUEST Pyongyang (PRK), reported "Selon Washington", no time: the month 2023-09.
# paris.txt:  V1 CONSULT Macron (FRA) -> Scholz (DEU) at Paris (FRA), 2021-06-10.
M1, M2, P1 = ("moscow.txt", "V1"), ("moscow.txt", "V2"), ("paris.txt", "V1")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("q") / "q.db") as s:
        s.put_many([moscow(), paris(), bare()])
        yield s


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
    ({"type": "CONSULT", "country": "RUS"}, [M1]),
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


@pytest.mark.parametrize("text, query", [
    ("armes", '"armes"'),
    ('dit "non"', '"dit" """non"""'),
    ("nord-coréen", '"nord-coréen"'),
    ("coop*", '"coop"*'),
])
def test_fts_query_quotes_words(text, query):
    assert fts_query(text) == query


@pytest.mark.parametrize("raw, folded", [("Séoul", "seoul"), ("ÉLYSÉE", "elysee"), ("Poutine", "poutine")])
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_stats(store):
    s = store.stats()
    assert s["counts"]["documents"] == 3 and s["counts"]["events"] == 3
    assert s["events_by_type"] == {"CONSULT": 2, "REQUEST": 1}
    assert s["events_by_country"] == {"PRK": 2, "DEU": 1, "FRA": 1, "RUS": 1}
    assert s["events_by_month"] == {"2021-06": 1, "2023-09": 2}
    assert s["events_by_factuality"] == {"asserted": 2, "reported": 1}
    assert s["documents_by_month"] == {"2020-01": 1, "2021-06": 1, "2023-09": 1}


@pytest.mark.parametrize("query", ["Walesa", "wałęsa", "Wałesa", "Lech Wal"])
def test_actor_names_fold_letters_to_ascii(tmp_path, query):
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
    with Store(tmp_path / "w.db") as store:
        store.put_many([doc])
        assert [(r.source_document, r.id) for r in store.events(actor=query)] == [("gdansk.txt", "V1")]
