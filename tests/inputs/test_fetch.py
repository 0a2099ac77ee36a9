"""HTTP fetching against the local test server: conditional, bounded, polite, named failures."""
from __future__ import annotations

import socket
import time

import pytest

from depeche.config import Settings
from depeche.errors import (BadRedirect, FetchError, FetchTimeout, HttpStatus, RobotsDisallowed, TooLarge,
                            Unreachable)
from depeche.inputs import Fetcher


def test_a_conditional_request_gets_304_once_nothing_changed(server, fast):
    url = server.serve("/feed.xml", "<rss/>")
    fetcher = Fetcher(fast)
    first = fetcher.get(url)
    assert first.status == 200 and first.body == b"<rss/>" and first.etag
    again = fetcher.get(url, etag=first.etag)
    assert again.not_modified and again.body == b""
    assert server.not_modified["/feed.xml"] == 1


def test_every_request_names_depeche(server, fast):
    fetcher = Fetcher(fast)
    fetcher.get(server.serve("/a", "x"))
    assert server.agents and all(a.startswith("depeche/") for a in server.agents)
    Fetcher(fast.model_copy(update={"user_agent": "mon-robot/2"})).get(server.url("/a"))
    assert server.agents[-1] == "mon-robot/2"


@pytest.mark.parametrize("make, error", [
    (lambda s: s.serve("/slow", "x", delay=2.0), FetchTimeout),
    (lambda s: s.serve("/boom", status=500), HttpStatus),
    (lambda s: s.url("/missing"), HttpStatus),
    (lambda s: s.serve("/loop", location="/loop"), BadRedirect),
    (lambda s: s.serve("/out", location="file:///etc/passwd"), BadRedirect),
    (lambda s: s.serve("/huge", stream=3_000_000, etag=False), TooLarge),
    (lambda s: s.serve("/big", b"x" * 2_000_000), TooLarge),
], ids=["slow", "server-error", "not-found", "redirect-loop", "redirect-out-of-http", "huge-stream", "too-big"])
def test_failures_are_named(server, make, error):
    settings = Settings(host_delay=0, fetch_timeout=0.5, max_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(error) as caught:
        Fetcher(settings).get(make(server))
    assert time.monotonic() - started < 3.0
    assert caught.value.code in {"timeout", "http-error", "bad-redirect", "too-large"}


def test_a_closed_port_is_unreachable(fast):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(Unreachable):
        Fetcher(fast).get(f"http://127.0.0.1:{port}/feed.xml")


def test_only_http_urls_are_fetched(fast):
    with pytest.raises(FetchError, match="not an http"):
        Fetcher(fast).get("file:///etc/passwd")


def test_a_redirect_is_followed(server, fast):
    server.serve("/new.xml", "<rss>nouveau</rss>")
    answer = Fetcher(fast).get(server.serve("/old.xml", location=server.url("/new.xml"), status=301))
    assert answer.body == b"<rss>nouveau</rss>" and answer.final_url.endswith("/new.xml")


def test_robots_txt_is_respected_for_pages(server, fast):
    server.serve("/robots.txt", "User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
    allowed = server.serve("/public/a.html", "<p>oui</p>", content_type="text/html")
    forbidden = server.serve("/prive/b.html", "<p>non</p>", content_type="text/html")
    fetcher = Fetcher(fast)
    assert fetcher.get(allowed, robots=True).body == b"<p>oui</p>"
    with pytest.raises(RobotsDisallowed):
        fetcher.get(forbidden, robots=True)
    assert server.hits["/prive/b.html"] == 0 and server.hits["/robots.txt"] == 1  # asked once per host


@pytest.mark.parametrize("status, allowed", [(404, True), (503, False)])
def test_robots_txt_missing_allows_and_failing_forbids(server, fast, status, allowed):
    server.serve("/robots.txt", status=status)
    url = server.serve("/a.html", "<p>x</p>", content_type="text/html")
    assert Fetcher(fast).allowed(url) is allowed


def test_requests_to_one_host_are_spaced(server):
    url = server.serve("/a", "x")
    waits: list[float] = []
    fetcher = Fetcher(Settings(host_delay=0.3, fetch_timeout=1.0), sleep=lambda s: (waits.append(s), time.sleep(s)))
    for _ in range(3):
        fetcher.get(url)
    assert len(waits) == 2 and all(0.2 < w <= 0.3 for w in waits)


def test_crawl_delay_of_robots_txt_is_honoured(server):
    server.serve("/robots.txt", "User-agent: *\nCrawl-delay: 2\n", content_type="text/plain")
    url = server.serve("/a.html", "<p>x</p>", content_type="text/html")
    waits: list[float] = []
    fetcher = Fetcher(Settings(host_delay=0.1, fetch_timeout=1.0), sleep=waits.append)
    fetcher.get(url, robots=True)
    fetcher.get(url, robots=True)
    assert waits and max(waits) > 1.5
