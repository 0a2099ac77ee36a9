"""``depeche watch --once`` and ``depeche sources`` on the local test server."""
from __future__ import annotations

import json

from click.testing import CliRunner

from depeche.cli import main
from tests.feedserver import rss

ITEMS = [{"title": "Le maire inaugure un pont", "link": "http://exemple.test/pont",
          "summary": "<p>Le maire de Lyon a inauguré mardi un pont sur le Rhône.</p>"}]


def test_watch_once_then_sources(server, tmp_path):
    good = server.serve("/rss.xml", rss("Le Petit Quotidien", ITEMS))
    down = server.serve("/panne.xml", status=500)
    config = tmp_path / "depeche.toml"
    config.write_text('[depeche]\nstages = ["segments"]\nhost_delay = 0\n', encoding="utf-8")
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    result = runner.invoke(main, ["--config", str(config), "watch", good, down, "--db", db, "--once"])
    assert result.exit_code == 1, result.output
    assert "poll 1: 2 sources (1 ok; failed http-error: 1); items 1 new" in result.output
    assert "http-error" in result.output  # the failure, named (stderr is mixed in)
    again = runner.invoke(main, ["--config", str(config), "watch", good, "--db", db, "--once"])
    assert again.exit_code == 0 and "1 not modified" in again.output
    listed = runner.invoke(main, ["sources", "--db", db, "--json"])
    rows = {r["source"]: r for r in map(json.loads, listed.output.splitlines())}
    assert (rows[good]["outlet"], rows[good]["items"], rows[good]["polls"]) == ("Le Petit Quotidien", 1, 2)
    assert (rows[down]["failures"], rows[down]["last_error"]) == (1, "http-error")
    assert runner.invoke(main, ["sources", "--db", db]).exit_code == 0
