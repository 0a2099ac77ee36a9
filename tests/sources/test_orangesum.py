"""``depeche watch`` on the local server, with feeds and pages generated from the shared OrangeSum
articles (skipped when ../shared/data is absent): killed and restarted, every item stored once;
and a WARC written by warcio from the same pages."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from itertools import islice

import pytest

from depeche.config import Settings
from depeche.record import Store, ingest
from tests.feedserver import atom, page, rss, write_warc
from tests.support import shared

pytestmark = pytest.mark.gold
N = 48
# Where OrangeSum's glued paragraphs meet: end punctuation right before a capital.
GLUE = re.compile(r"(?<=[.!?»\"])(?=[A-ZÀ-Ý«])")
SUMMARY = re.compile(r"poll \d+: .*?(\d+) ok \((\d+) new, (\d+) changed, (\d+) re-analyzed\); (\d+) skipped")


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    with shared("orangesum", "articles.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in islice(fh, N)]


def _page(article: dict, dated: bool = True) -> str:
    paragraphs = [article["heading"], *GLUE.split(article["text"])]
    return page(article["title"], paragraphs, date=article["date"] if dated else None, site="OrangeSum")


def _item(server, article: dict) -> dict:
    day = dt.date.fromisoformat(article["date"])
    return {"title": article["title"], "link": server.url(f"/articles/{article['id']}"),
            "summary": f"<p>{article['heading']}</p>",
            "date": dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.timezone.utc)}


def _words(text: str) -> str:
    return " ".join(text.split())


def _stored(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _watch(tmp_path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "depeche.cli.main", "--config", str(tmp_path / "depeche.toml"),
                             "watch", *args, "--db", str(tmp_path / "watch.db"), "--batch-size", "2"],
                            cwd=tmp_path, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def test_watch_ingests_every_item_once_across_a_kill(server, tmp_path, articles):
    for article in articles:
        server.serve(f"/articles/{article['id']}", _page(article), content_type="text/html; charset=utf-8")
    server.serve("/robots.txt", "User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
    first, second, later = articles[:16], articles[16:32], articles[32:]
    une = server.serve("/une.xml", rss("OrangeSum : à la une", [_item(server, a) for a in first]))
    server.serve("/monde.atom", atom("OrangeSum : monde", [
        {"title": a["title"], "link": server.url(f"/articles/{a['id']}"), "content": f"<p>{a['heading']}</p>",
         "date": dt.datetime.fromisoformat(a["date"] + "T10:00:00+02:00")} for a in second]),
        content_type="application/atom+xml")
    moved = server.serve("/monde-ancien.atom", location=server.url("/monde.atom"), status=301)
    direct = server.serve("/direct.xml", rss("OrangeSum : en direct", [_item(server, a) for a in later[:4]]))
    slow = server.serve("/lent.xml", rss("Lent", []), delay=3.0)
    broken = server.serve("/casse.xml", rss("Cassé", [_item(server, a) for a in later[:2]])[:-80])
    (tmp_path / "depeche.toml").write_text(
        '[depeche]\nstages = ["segments"]\nhost_delay = 0.05\nfetch_timeout = 1.0\n', encoding="utf-8")
    sources = [une, f"OrangeSum Monde={moved}", direct, slow, broken, "--fetch-pages"]
    db = tmp_path / "watch.db"
    distinct = len({a["text"] for a in articles})  # OrangeSum has the same article under two ids, at times

    # 1. watching at an interval, killed (-9) in the middle of a poll
    proc = _watch(tmp_path, *sources, "--interval", "0.5")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and _stored(db) < 8:
        time.sleep(0.02)
    running = proc.poll() is None
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    assert running, f"watch ended before the kill: {err.decode()[-2000:]}"
    kept = _stored(db)
    assert 8 <= kept < 36

    # 2. the live feed gets new items meanwhile; a restart for one poll (cron) stores the rest, once
    server.serve("/direct.xml", rss("OrangeSum : en direct", [_item(server, a) for a in later]))
    proc = _watch(tmp_path, *sources, "--once")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()[-2000:]   # two sources failed
    ok, new, changed, again, skipped = map(int, SUMMARY.search(out.decode()).groups())
    assert (new, changed, again) == (distinct - kept, 0, 0)  # nothing analyzed twice, nothing lost
    # skipped: the same article at a second URL, and what was stored before the kill but not yet
    # marked seen (at most one batch)
    assert N - distinct <= skipped <= N - distinct + 2
    for code in ("timeout", "bad-feed"):
        assert f"({code})" in err.decode()

    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources_stored = [r[0] for r in store.conn.execute("SELECT source FROM documents")]
        assert len(sources_stored) == len(set(sources_stored)) == distinct
        assert store.conn.execute("SELECT count(*) FROM watch_items").fetchone()[0] == N
        assert {f["source"]: f["code"] for f in store.failures()} == {slow: "timeout", broken: "bad-feed"}
        watched = {r["source"]: dict(r) for r in store.conn.execute("SELECT * FROM watch_sources")}
        assert watched[slow]["failures"] == watched[slow]["polls"] >= 1 and watched[slow]["last_error"] == "timeout"
        assert watched[broken]["last_error"] == "bad-feed" and watched[une]["failures"] == 0
        slow_failures = watched[slow]["failures"]
        once = [a for a in second if sum(b["text"] == a["text"] for b in articles) == 1][0]
        doc = store.document(server.url(f"/articles/{once['id']}"))
        assert doc.metadata["outlet"] == "OrangeSum Monde" and doc.dct.value == once["date"]
        assert _words(once["text"])[:60] in _words(doc.text)  # the page, extracted, not the feed's summary

    # 3. once more: nothing new, feeds answer 304
    proc = _watch(tmp_path, *sources, "--once")
    out, _ = proc.communicate(timeout=120)
    assert "0 new" in out.decode() and "3 not modified" in out.decode()
    assert server.not_modified["/une.xml"] >= 1 and all(a.startswith("depeche/") for a in server.agents)
    with Store(db) as store:
        assert store.conn.execute("SELECT failures FROM watch_sources WHERE source = ?", (slow,)).fetchone()[0] \
            == slow_failures + 1


def test_a_warc_of_the_pages_ingests_like_them(tmp_path, articles):
    captured = "2021-01-15T08:00:00Z"
    pages = [(f"https://orangesum.test/articles/{a['id']}", captured, _page(a, dated=i % 2 == 0))
             for i, a in enumerate(articles)]
    path = tmp_path / "orangesum.warc.gz"
    write_warc(path, pages)
    with Store(tmp_path / "warc.db") as store:
        report = ingest(store, [str(path)], workers=1, settings=Settings(stages=["segments"]))
        distinct = len({a["text"] for a in articles})
        assert report.new == distinct and report.skipped["duplicate in this run"] == N - distinct
        assert not report.failed
        stored = {d.source: d for d in store.documents()}
        for i, article in enumerate(articles):
            doc = stored.get(f"https://orangesum.test/articles/{article['id']}")
            if doc is None:  # the same article under an earlier id
                continue
            text = _words(doc.text)  # trafilatura turns non-breaking spaces into spaces
            assert _words(article["heading"])[:80] in text and _words(article["title"]) in text
            assert doc.dct.value == (article["date"] if i % 2 == 0 else "2021-01-15")
            assert doc.metadata["outlet"] == "OrangeSum"
