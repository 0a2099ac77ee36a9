"""The web fixtures: the test record, an ASGI client, a live server on 127.0.0.1, a browser.

``client`` serves the test record from each store backend (the API is built on the ``Store``
interface alone): the API tests run on SQLite and on PostgreSQL (skipped without a test server,
failed in CI; see ``tests/record/conftest.py``). The schema, safety and browser tests use the
SQLite ``record``.

The browser is Debian's chromium (``.ci/run`` installs it) driven by Playwright, never a
browser Playwright downloads. Without it the browser tests are skipped on a developer's
machine and fail in CI (``CI`` set), where they must run.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from depeche.record import Store
from depeche.web import create_app
from tests.web.corpus import documents

CHROMIUM = os.environ.get("DEPECHE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
BASE = "http://127.0.0.1"


@pytest.fixture(scope="session")
def record(tmp_path_factory) -> Path:
    """The test record (40 dispatches and the hostile one), written once."""
    path = tmp_path_factory.mktemp("web") / "record.db"
    with Store(path) as store:
        store.put_many(documents())
    return path


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def location(request, record) -> str:
    """Where the test record is, on each backend."""
    if request.param == "sqlite":
        yield str(record)
        return
    from tests.record.conftest import drop_database, pg_database

    url = pg_database(f"depeche_web_{os.getpid()}")
    with Store(url) as store:
        store.put_many(documents())
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def docs():
    return {d.source: d for d in documents()}


@pytest.fixture(scope="session")
def app(record):
    return create_app(str(record))


@pytest.fixture(scope="session")
def client(location):
    from fastapi.testclient import TestClient

    with TestClient(create_app(location), base_url=BASE, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def linked_record(tmp_path_factory) -> Path:
    """A linked record (depeche.linking): one meeting reported by three dispatches, two of them
    copies of each other, and a protest reported once."""
    from depeche.linking import link
    from tests.web.corpus import linked_documents

    path = tmp_path_factory.mktemp("web-linked") / "linked.db"
    with Store(path) as store:
        store.put_many(linked_documents())
        link(store)
    return path


@pytest.fixture(scope="session")
def linked_client(linked_record):
    from fastapi.testclient import TestClient

    with TestClient(create_app(str(linked_record)), base_url=BASE, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def server(record):
    """The app served by uvicorn on 127.0.0.1 (a free port), in a thread, for the browser."""
    yield from _serve(record)


@pytest.fixture(scope="session")
def linked_server(linked_record):
    yield from _serve(linked_record)


def _serve(record: Path):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(str(record)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"{BASE}:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"no chromium at {CHROMIUM}: .ci/run installs Debian's chromium")
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()
