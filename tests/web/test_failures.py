"""Every error answers in one JSON shape, ``{"error": {"code", "input", "reason"}}``."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from depeche.record import QueryTimeout
from depeche.web import create_app
from depeche.web.failures import ErrorBody
from tests.web.conftest import BASE

LONG = "x" * 5000


@pytest.mark.parametrize("method, path, params, headers, status, code, input", [
    ("GET", "/nowhere", None, None, 404, "not-found", "/nowhere"),
    ("POST", "/api/v1/events", None, None, 405, "method-not-allowed", "/api/v1/events"),
    ("DELETE", "/api/v1/documents/abcdef", None, None, 405, "method-not-allowed", "/api/v1/documents/abcdef"),
    ("GET", "/api/v1/events", {"type": "DANCE"}, None, 422, "bad-parameter", "type"),
    ("GET", "/api/v1/events", {"size": 0}, None, 422, "bad-parameter", "size"),
    ("GET", "/api/v1/events", {"size": 501}, None, 422, "bad-parameter", "size"),
    ("GET", "/api/v1/events", {"since": "2023-13"}, None, 422, "bad-parameter", "since"),
    ("GET", "/api/v1/events", {"since": "23-01-01"}, None, 422, "bad-parameter", "since"),
    ("GET", "/api/v1/events", {"country": "FRANCE"}, None, 422, "bad-parameter", "country"),
    ("GET", "/api/v1/events", {"text": "m" * 201}, None, 422, "bad-parameter", "text"),
    ("GET", "/api/v1/events", {"cursor": "not a cursor!"}, None, 422, "bad-parameter", "cursor"),
    ("GET", "/api/v1/events", {"cursor": "bm90IGEgY3Vyc29y"}, None, 400, "bad-query", "/api/v1/events"),
    ("GET", "/api/v1/entities", {"limit": 1001}, None, 422, "bad-parameter", "limit"),
    ("GET", "/api/v1/events", {"bbox": "1,2,3"}, None, 422, "bad-parameter", "bbox"),
    ("GET", "/api/v1/events", {"bbox": "0,60,10,50"}, None, 422, "bad-parameter", "bbox"),
    ("GET", "/api/v1/events", {"bbox": "0,0,200,1"}, None, 422, "bad-parameter", "bbox"),
    ("GET", "/api/v1/events", {"sector": "GOVT"}, None, 422, "bad-parameter", "sector"),
    ("GET", "/api/v1/events", {"attribution": "!!"}, None, 400, "bad-query", "/api/v1/events"),
    ("GET", "/api/v1/timeline", {"by": "year"}, None, 422, "bad-parameter", "by"),
    ("GET", "/api/v1/facets", {"dims": "colour"}, None, 422, "bad-parameter", "dims.0"),
    ("GET", "/api/v1/documents/0000000000", None, None, 404, "not-found", "doc_id"),
    ("GET", "/api/v1/documents/not-hex", None, None, 422, "bad-parameter", "doc_id"),
    ("GET", "/api/v1/events", {"doc": "0000000000"}, None, 404, "not-found", "doc"),
    ("GET", "/api/v1/export/events.xlsx", None, None, 422, "bad-parameter", "fmt"),
    ("GET", "/api/v1/events", None, {"host": "evil.example"}, 400, "bad-host", "Host"),
    ("GET", "/api/v1/events", {"text": LONG}, None, 414, "too-long", "url"),
    ("POST", "/api/v1/events", None, {"content-length": "100000"}, 413, "too-large", "body"),
])
def test_every_error_has_one_shape(client, method, path, params, headers, status, code, input):
    response = client.request(method, path, params=params, headers=headers,
                              content=b"x" * 100000 if headers and "content-length" in headers else None)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = ErrorBody.model_validate(response.json())
    assert (body.error.code, body.error.input) == (code, input)
    assert body.error.reason and "Traceback" not in response.text


def test_the_cursor_of_another_query_is_refused(client):
    cursor = client.get("/api/v1/events", params={"size": 1}).json()["cursor"]
    response = client.get("/api/v1/events", params={"size": 1, "type": "CONSULT", "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad-query"


def test_an_event_that_is_not_there(client, docs):
    doc = docs["web/hostile.txt"]
    response = client.get(f"/api/v1/events/{doc.id}/V9")
    assert response.status_code == 404
    assert response.json()["error"] == {"code": "not-found", "input": "event_id",
                                        "reason": f"no event 'V9' in document {doc.id}"}


@pytest.fixture
def failing(record, monkeypatch):
    """An app whose store fails: with ``exc`` on ``facets``."""
    def make(exc):
        app = create_app(str(record), pool_size=1)
        with app.state.pool.store() as store:
            monkeypatch.setattr(type(store), "facets", lambda *a, **k: (_ for _ in ()).throw(exc))
        return TestClient(app, base_url=BASE, raise_server_exceptions=False)
    return make


def test_a_query_over_its_time_limit_is_a_503(failing):
    response = failing(QueryTimeout("the query ran longer than its limit of 5 s")).get("/api/v1/facets")
    assert response.status_code == 503 and response.headers["retry-after"]
    assert response.json()["error"]["code"] == "timeout"


def test_an_unforeseen_failure_is_a_500_without_details(failing):
    response = failing(RuntimeError("secret internals")).get("/api/v1/facets")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal", "input": "/api/v1/facets",
                                         "reason": "the server failed on this request (logged)"}}
    assert "secret" not in response.text
