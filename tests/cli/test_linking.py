"""`depeche link`, `events --linked`, `stories` and the linked exports, on a hand-built record."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from depeche.cli.main import main
from depeche.record import Store
from tests.linking.test_run import COPY, FIRST, OTHER, PROTEST


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.put_many([FIRST, PROTEST, COPY, OTHER])
    return str(path)


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_link_then_linked_events_and_stories(db, tmp_path):
    assert "linked 4 new documents" in run("link", "--db", db)
    assert "linked 0 new documents" in run("link", "--db", db)
    table = run("events", "--linked", "--db", db, "--min-reports", "2")
    assert "1 linked events, 3 reports" in table and "CONSULT" in table
    rows = json.loads(run("events", "--linked", "--db", db, "--format", "json"))
    meeting = next(r for r in rows if r["type"] == "CONSULT")
    assert meeting["corroboration"]["independent"] == 2 and len(meeting["reports"]) == 3
    detail = run("events", "--db", db, "--event", meeting["id"][:8])
    assert "3 reports, 2 independent; reported by 1, asserted by 2" in detail
    assert "stories" in run("stories", "--db", db, "--min-documents", "1")
    out = tmp_path / "linked.jsonl"
    run("export", "--db", db, "--format", "linked", "--out", str(out))
    lines = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and sum(len(l["reports"]) for l in lines) == 4
    run("export", "--db", db, "--format", "tables-csv", "--out", str(tmp_path / "tables"))
    assert (tmp_path / "tables" / "linked_events.csv").read_text(encoding="utf-8").count("\n") == 3


def test_linked_view_refuses_filters_it_does_not_have(db):
    result = CliRunner().invoke(main, ["events", "--linked", "--db", db, "--actor", "Macron"])
    assert result.exit_code == 2 and "--linked filters by" in result.output
