"""Fuzzing the query layer: any filter values give rows, counts or a named error, and never change
the database."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from depeche.errors import DepecheError
from depeche.record import EventFilter
from depeche.record.store import SQLiteStore as Store
from tests.handmade import bare, moscow, paris
from tests.strategies import query_values

FIELDS = ("type", "actor", "country", "place_country", "since", "until", "factuality", "text", "doc")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "q.db"
    with Store(path) as s:
        s.put_many([moscow(), paris(), bare()])
    s = Store(path)
    yield s
    s.close()


@given(st.fixed_dictionaries({f: query_values for f in FIELDS}), st.none() | st.integers(), st.none() | st.text(max_size=12))
def test_any_filter(store, values, limit, cursor):
    before = store.count_events()
    try:
        f = EventFilter(**values, limit=limit)
    except ValidationError:
        return
    try:
        rows = store.events(f)
        page = store.page(f, cursor=cursor)
        counts = store.facets(f)
    except DepecheError as err:
        assert err.code
        return
    assert len(rows) <= (limit if limit is not None else len(rows)) and len(page.rows) <= len(rows) + 1000
    assert all(isinstance(n, int) for dim in counts.values() for n in dim.values())
    assert store.count_events() == before
