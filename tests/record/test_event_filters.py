"""The filters mode, sector, attribution and bbox (issue 17), on every backend, alone and with
the others, and the facets by mode and sector."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from depeche.record import EventFilter, QueryError
from tests.handmade import moscow, paris

MOSCOW, PARIS = moscow().id, paris().id


def found(store, **filters) -> list[tuple[str, str]]:
    f = EventFilter(**filters)
    rows = store.events(f)
    assert store.count_events(f) == len(rows)
    assert [(r.doc_id, r.id) for r in store.page(f, size=2).rows] == [(r.doc_id, r.id) for r in rows][:2]
    return sorted((r.doc_id, r.id) for r in rows)


@pytest.mark.parametrize("filters, expected", [
    ({"mode": "visit"}, [(MOSCOW, "V1")]),
    ({"mode": "VISIT", "type": "CONSULT"}, [(MOSCOW, "V1")]),
    ({"mode": "demonstrate"}, []),
    ({"sector": "gov"}, sorted([(MOSCOW, "V1"), (MOSCOW, "V2"), (PARIS, "V1")])),
    ({"sector": "GOV", "country": "FRA"}, [(PARIS, "V1")]),
    ({"sector": "MIL"}, []),
    ({"attribution": "none"}, sorted([(MOSCOW, "V1"), (PARIS, "V1")])),
    ({"attribution": "any"}, [(MOSCOW, "V2")]),
    ({"attribution": "Washington"}, [(MOSCOW, "V2")]),
    ({"attribution": "washing"}, [(MOSCOW, "V2")]),  # a word's beginning
    ({"attribution": "selon Washington"}, [(MOSCOW, "V2")]),
    ({"attribution": "AFP"}, []),
    ({"attribution": "ington"}, []),  # not a word's beginning
    ({"bbox": "2,48,3,49"}, [(PARIS, "V1")]),
    ({"bbox": (-10, 35, 20, 60), "type": "CONSULT"}, [(PARIS, "V1")]),
    ({"bbox": "130,40,-170,50"}, [(MOSCOW, "V1")]),  # across the antimeridian
    ({"bbox": "170,40,-170,50"}, []),
    ({"bbox": "-180,-90,180,90", "attribution": "none", "sector": "GOV", "since": "2023"}, [(MOSCOW, "V1")]),
])
def test_filters(filled, filters, expected):
    assert found(filled, **filters) == expected


def test_facets_by_mode_and_sector(filled):
    assert filled.facets(dims=("mode", "sector")) == {"mode": {"visit": 1}, "sector": {"GOV": 3}}
    assert filled.facets(EventFilter(country="FRA"), dims=("mode", "sector")) == {"mode": {}, "sector": {"GOV": 1}}


@pytest.mark.parametrize("filters, message", [
    ({"bbox": "1,2,3"}, "west,south,east,north"),
    ({"bbox": "0,60,10,50"}, "south is above north"),
    ({"bbox": "0,0,200,1"}, "within -180..180"),
    ({"bbox": "nan,0,1,1"}, "within -180..180"),
    ({"sector": "GOVT"}, "three-letter actor sector"),
    ({"mode": "1x"}, "not an event mode"),
    ({"attribution": "  "}, "needs words"),
])
def test_bad_filters_are_named(filters, message):
    with pytest.raises(ValidationError, match=message):
        EventFilter(**filters)


def test_attribution_without_a_word_is_refused(filled):
    with pytest.raises(QueryError, match="attribution needs words"):
        filled.events(EventFilter(attribution="!!"))


@pytest.mark.parametrize("filters", [
    {"type": "CONSULT"}, {"type": "CONSULT", "since": "2023"}, {"factuality": "asserted", "place_country": "RUS"},
    {"mode": "visit"}, {"attribution": "none"}, {"attribution": "any", "type": "REQUEST"}, {"since": "2021-06-10",
                                                                                            "until": "2023-09-13"},
    {"type": "AGREE"},
])
def test_counts_from_the_cube_are_those_of_the_events(store, filters):
    """Filters on the cube's columns are counted from ``event_cube``: the same as the events say,
    also after a document goes (the triggers keep the cube)."""
    from depeche.record.query import bucket, day_number

    store.put_many([moscow(), paris()])
    for step in range(2):
        f = EventFilter(**filters)
        rows = store.events(f)
        assert store.count_events(f) == len(rows)
        months: dict[str, int] = {}
        for r in rows:
            key = bucket(day_number(r.date_first), day_number(r.date_last), "month")
            months[key] = months.get(key, 0) + 1
        assert store.timeline(f, by="month").counts == {k: n for k, n in months.items() if k}
        by_type: dict[str, int] = {}
        for r in rows:
            by_type[r.type] = by_type.get(r.type, 0) + 1
        assert store.facets(f, dims=("type",))["type"] == dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))
        store.delete(MOSCOW)
