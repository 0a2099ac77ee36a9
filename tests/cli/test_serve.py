"""``depeche serve``: loopback by default, another address only with --public (and a warning)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from depeche.cli.main import main
from depeche.record import Store
from tests.handmade import paris


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as store:
        store.put(paris())
    return str(path)


@pytest.fixture
def served(monkeypatch):
    """What uvicorn.run was asked (the server is not started)."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serves_on_loopback_by_default(db, served):
    result = CliRunner().invoke(main, ["serve", "--db", db])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert (options["host"], options["port"]) == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000/" in result.stderr
    assert "/" in {getattr(r, "path", None) for r in app.routes} and "/api/v1/events" in app.openapi()["paths"]


def test_another_address_needs_public(db, served):
    result = CliRunner().invoke(main, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert result.exit_code == 2 and not served
    assert "not a loopback address" in result.stderr and "--public" in result.stderr
    result = CliRunner().invoke(main, ["serve", "--db", db, "--host", "0.0.0.0", "--public", "--port", "9000"])
    assert result.exit_code == 0
    assert "warning" in result.stderr and served[0][1]["host"] == "0.0.0.0" and served[0][1]["port"] == 9000


@pytest.mark.parametrize("content", [None, b"not a database at all, just some bytes" * 100])
def test_a_missing_or_foreign_database_is_a_usage_error(tmp_path, served, content):
    path = tmp_path / "x.db"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["serve", "--db", str(path)])
    assert result.exit_code == 2 and not served
    assert "error:" in result.stderr and "Traceback" not in result.output
