"""Safe by default: the Host check, no CORS unless asked, a strict CSP, a read-only record,
bounded parameters, quoted search input."""
from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from depeche.web import create_app, is_loopback
from tests.web.conftest import BASE

CSP = "default-src 'self'"


@pytest.mark.parametrize("path", ["/", "/static/app.css", "/static/js/app.js", "/api/v1/events", "/nowhere",
                                  "/openapi.json"])
def test_every_answer_carries_the_csp(client, path):
    response = client.get(path)
    assert response.headers["content-security-policy"].startswith(CSP)
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("127.0.0.1", True),
    ("evil.example", False), ("evil.example:8000", False), ("127.0.0.1.evil.example", False), ("", False),
])
def test_the_host_header_is_checked(client, host, ok):
    response = client.get("/api/v1/record", headers={"host": host})
    assert (response.status_code == 200) == ok
    if not ok:
        assert response.json()["error"]["code"] == "bad-host"


def test_another_host_name_is_allowed_only_when_named(record):
    with TestClient(create_app(str(record), hosts=["depeche.internal"]), base_url=BASE) as c:
        assert c.get("/api/v1/record", headers={"host": "depeche.internal:8000"}).status_code == 200
        assert c.get("/api/v1/record", headers={"host": "other.internal"}).status_code == 400


def test_no_cors_unless_an_origin_is_given(client, record):
    asked = {"origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/v1/record", headers=asked).headers
    with TestClient(create_app(str(record), cors_origins=["https://elsewhere.example"]), base_url=BASE) as c:
        assert c.get("/api/v1/record", headers=asked).headers["access-control-allow-origin"] == asked["origin"]
        other = c.get("/api/v1/record", headers={"origin": "https://third.example"})
        assert "access-control-allow-origin" not in other.headers


def test_the_record_is_opened_read_only(app):
    with app.state.pool.store() as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM documents")


@pytest.mark.parametrize("text", ['"unbalanced', "a AND OR (", "NEAR(x y", "col:umn", "*", "'; DROP TABLE events; --",
                                  "manif*", "\u00e9t\u00e9"])
def test_search_input_is_quoted(client, text):
    response = client.get("/api/v1/events", params={"text": text})
    assert response.status_code == 200 or (response.status_code, response.json()["error"]["code"]) == (400, "bad-query")
    assert client.get("/api/v1/events/count").json()["events"] > 0


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True),
                                            ("localhost", True), ("0.0.0.0", False), ("192.168.1.2", False),
                                            ("example.org", False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) == loopback


def test_the_page_runs_no_inline_script_or_style(client):
    html = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert not re.search(r"\sstyle=|\son[a-z]+=", html), "an inline style or handler"
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/"), f"{url} is not served by the app"
        assert client.get(url).status_code == 200, url
