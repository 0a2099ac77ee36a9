"""A local HTTP server (127.0.0.1, started by the tests) serving feeds, sitemaps and pages,
and builders for the feeds and pages it serves. The fixtures are imported by the conftest.py
of tests/inputs, tests/sources and tests/cli."""
from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from depeche.config import Settings

MAX_DELAY = 5.0  # no answer of the test server waits longer than this


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: bool = True             # an ETag (the body's hash), and 304 to a matching If-None-Match
    delay: float = 0.0            # seconds before answering (a slow feed)
    location: str | None = None   # a redirect (with status 301, 302, 307 or 308)
    stream: int = 0               # bytes to send without Content-Length (a huge feed)


@dataclass
class FeedServer:
    host: str
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)           # path -> requests
    not_modified: Counter = field(default_factory=Counter)   # path -> 304 answers
    agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def serve(self, path: str, body: bytes | str = b"", **options) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)


def _handler(server: FeedServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout, a size limit)
                pass

        def do_GET(self):  # noqa: N802 - the stdlib's name
            path = self.path.split("?")[0]
            server.hits[path] += 1
            server.agents.append(self.headers.get("User-Agent", ""))
            route = server.routes.get(path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(min(route.delay, MAX_DELAY))
            if route.location:
                self.send_response(route.status if route.status in (301, 302, 307, 308) else 302)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.status != 200:
                self.send_error(route.status)
                return
            tag = f'"{hashlib.sha256(route.body).hexdigest()[:12]}"'
            if route.etag and self.headers.get("If-None-Match") == tag:
                server.not_modified[path] += 1
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", tag)
            if route.stream:
                self.end_headers()
                chunk = b"<item><title>encore</title></item>" * 1000
                sent = 0
                while sent < route.stream:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

    return Handler


@pytest.fixture
def server():
    """A FeedServer on 127.0.0.1 (a free port), stopped after the test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), None)
    state = FeedServer(*httpd.server_address[:2])
    httpd.RequestHandlerClass = _handler(state)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fast() -> Settings:
    """Settings for polling the local server: no host delay, short timeouts, cheap stages."""
    return Settings(stages=["segments"], host_delay=0, fetch_timeout=1.0, batch_size=4)


def rss(title: str, items: list[dict], link: str = "http://exemple.test/") -> str:
    """An RSS 2.0 feed; each item: title, link, date (datetime), summary or content (HTML)."""
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
           f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
           f"<title>{escape(title)}</title><link>{link}</link>"]
    for item in items:
        out.append("<item>")
        out.append(f"<title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>")
        out.append(f"<guid>{escape(item.get('guid', item['link']))}</guid>")
        if item.get("date"):
            out.append(f"<pubDate>{format_datetime(item['date'])}</pubDate>")
        if item.get("summary"):
            out.append(f"<description>{escape(item['summary'])}</description>")
        if item.get("content"):
            out.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(title: str, entries: list[dict]) -> str:
    """An Atom 1.0 feed; each entry: title, link, id, date (datetime), content (HTML)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
           f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id>"
           '<updated>2024-01-01T00:00:00Z</updated>']
    for e in entries:
        out.append(f"<entry><title>{escape(e['title'])}</title><link href=\"{escape(e['link'])}\"/>"
                   f"<id>{escape(e.get('id', e['link']))}</id><updated>{e['date'].isoformat()}</updated>"
                   f"<content type=\"html\">{escape(e['content'])}</content></entry>")
    out.append("</feed>\n")
    return "".join(out)


def page(title: str, paragraphs: list[str], date: str | None = None, site: str = "Le Petit Quotidien") -> str:
    """An article page as a news site serves it: navigation, the article, a footer."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f'<meta property="og:site_name" content="{escape(site)}">{meta}</head><body>'
            '<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>'
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>Tous droits réservés.</footer></body></html>")


def write_warc(path, pages: list[tuple[str, str, str]], gzip: bool = True) -> None:
    """A WARC file written by warcio: per (url, capture date, html) a request and its response,
    and an image response that readers pass over."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, captured, html in pages:
            body = html.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            request = writer.create_warc_record(url, "request", payload=BytesIO(b""),
                                                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
                                                warc_headers_dict={"WARC-Date": captured})
            response = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                                 warc_headers_dict={"WARC-Date": captured})
            writer.write_record(request)
            writer.write_record(response)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://exemple.test/logo.png", "response",
                                                      payload=BytesIO(b"\x89PNG..."), http_headers=image))
