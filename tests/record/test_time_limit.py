"""``Store.time_limit``: a query that runs past it stops with ``QueryTimeout``; the store goes on."""
from __future__ import annotations

import time

import pytest

from depeche.record import EventFilter, QueryTimeout, Store
from tests.handmade import moscow

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_a_query_past_the_limit_stops_and_the_store_goes_on(tmp_path):
    with Store(tmp_path / "r.db") as store:
        store.put(moscow())
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="longer than its limit of 0.2 s"):
            with store.time_limit(0.2):
                store.conn.execute(ENDLESS).fetchone()  # the SQLite backend's own connection
        assert time.monotonic() - started < 2
        with store.time_limit(5):
            assert store.count_events(EventFilter(type="CONSULT")) == 1
        assert store.count_events() == 2


def test_a_read_only_store_is_shared_between_threads(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    with Store(tmp_path / "r.db") as store:
        store.put(moscow())
    with Store(tmp_path / "r.db", readonly=True) as store, ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: store.count_events(), range(4))) == [2] * 4
