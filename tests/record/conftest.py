"""The store fixtures, over every backend: each store test runs on each of them.

A backend is a name in ``BACKENDS`` and a way to open a fresh, empty record of it
(``open_record``). Issue 19 adds PostgreSQL here; the tests do not change.
"""
from __future__ import annotations

import itertools

import pytest

from depeche.record import Store
from tests.handmade import bare, moscow, paris

BACKENDS = ["sqlite"]
_fresh = itertools.count()


def open_record(backend: str, folder) -> Store:
    """A new, empty record of ``backend``."""
    if backend == "sqlite":
        return Store(folder / f"record-{next(_fresh)}.db")
    raise ValueError(f"no test record for backend {backend!r}")


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_store(backend, tmp_path):
    """``new_store()``: another fresh record of the same backend, closed at the end of the test."""
    opened = []

    def make() -> Store:
        opened.append(open_record(backend, tmp_path))
        return opened[-1]

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(new_store) -> Store:
    return new_store()


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request, tmp_path_factory) -> Store:
    """One record per module holding moscow, paris and bare (read-only tests)."""
    with open_record(request.param, tmp_path_factory.mktemp("filled")) as s:
        s.put_many([moscow(), paris(), bare()])
        yield s
