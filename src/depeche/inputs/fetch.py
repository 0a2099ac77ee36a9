"""HTTP fetching for feeds, sitemaps and pages: bounded, conditional and polite.

Every request names depeche in its User-Agent (setting ``user_agent``), waits ``host_delay``
seconds (or the site's robots.txt ``Crawl-delay`` when longer) after the last request to the
same host, and must finish, body included, within ``fetch_timeout`` seconds and ``max_bytes``
bytes. A feed is fetched conditionally (``If-None-Match`` / ``If-Modified-Since`` from the
last answer's ``ETag`` / ``Last-Modified``), so an unchanged feed costs one empty 304.
Pages are fetched only when the host's robots.txt allows it (RFC 9309: a missing robots.txt
allows everything, a server error forbids everything). Redirects are followed up to five
times and only to http(s). Each failure is a named ``FetchError``: ``timeout``,
``unreachable``, ``http-error``, ``bad-redirect``, ``robots-disallowed``, or ``too-large``.
"""
from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..config import Settings
from ..errors import BadRedirect, FetchError, FetchTimeout, HttpStatus, RobotsDisallowed, TooLarge, Unreachable

CHUNK = 65536
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 500_000


@dataclass
class Response:
    """One answer: 200 with its body, or 304 (``not_modified``) with none."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise BadRedirect(req.full_url, f"redirect to {newurl!r}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """Polite, bounded HTTP GETs. One per run: it remembers hosts' last request and robots.txt."""

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.agent = settings.agent
        self.clock = clock
        self.sleep = sleep
        self._opener = urllib.request.build_opener(_Redirects())
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | bool] = {}

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None, robots: bool = False) -> Response:
        """Fetch ``url``; raises a ``FetchError`` (or ``TooLarge``) naming what went wrong.

        ``robots``: check the host's robots.txt first (for pages, not for feeds the user named).
        """
        scheme = urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise FetchError(url, f"not an http(s) URL (scheme {scheme or 'none'!r})")
        if robots and not self.allowed(url):
            raise RobotsDisallowed(url, f"the site's robots.txt forbids {self.agent.split('/')[0]} this page")
        headers = {"User-Agent": self.agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, max_bytes or self.settings.max_bytes)

    # -- politeness ---------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets depeche fetch ``url`` (fetched once per host)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._robots[origin] = self._load_robots(origin)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self.agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | bool:
        try:
            answer = self._request(origin + "/robots.txt", {"User-Agent": self.agent}, ROBOTS_MAX_BYTES)
        except HttpStatus as err:
            return not err.reason.startswith("HTTP 5")  # 4xx: no rules; 5xx: everything forbidden
        except TooLarge:
            return True
        except FetchError:
            return False  # unreachable: RFC 9309 says assume complete disallow
        rules = RobotFileParser(origin + "/robots.txt")
        rules.parse(answer.body.decode("utf-8", "replace").splitlines())
        return rules

    def _wait(self, host: str) -> None:
        delay = self.settings.host_delay
        rules = self._robots.get(host)
        if isinstance(rules, RobotFileParser):
            delay = max(delay, float(rules.crawl_delay(self.agent) or 0))
        last = self._last.get(host)
        if last is not None and delay > 0:
            pause = last + delay - self.clock()
            if pause > 0:
                self.sleep(pause)

    # -- one request --------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        self._wait(origin)
        timeout = self.settings.fetch_timeout
        deadline = self.clock() + timeout
        try:
            with self._opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as answer:
                declared = answer.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise TooLarge(url, f"{declared} bytes announced, over the maximum of {max_bytes}")
                body = _read(answer, url, max_bytes, deadline, self.clock)
                return Response(url=url, final_url=answer.geturl(), status=answer.status, body=body,
                                etag=answer.headers.get("ETag"), last_modified=answer.headers.get("Last-Modified"),
                                content_type=answer.headers.get("Content-Type", ""),
                                headers={k.lower(): v for k, v in answer.headers.items()})
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 304:
                return Response(url=url, final_url=exc.geturl() or url, status=304,
                                etag=exc.headers.get("ETag"), last_modified=exc.headers.get("Last-Modified"))
            if 300 <= exc.code < 400:
                raise BadRedirect(url, f"HTTP {exc.code}: {exc.reason} (a redirect loop or over "
                                       f"{MAX_REDIRECTS} redirects)") from None
            raise HttpStatus(url, f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise FetchTimeout(url, f"no answer within {timeout:g} s (setting fetch_timeout)") from None
            raise Unreachable(url, f"cannot connect: {exc.reason}") from None
        except (TimeoutError, socket.timeout):
            raise FetchTimeout(url, f"not complete within {timeout:g} s (setting fetch_timeout)") from None
        except (OSError, http.client.HTTPException) as exc:
            raise Unreachable(url, f"connection lost: {type(exc).__name__}: {exc}") from None
        finally:
            self._last[origin] = self.clock()


def _read(answer, url: str, max_bytes: int, deadline: float, clock: Callable[[], float]) -> bytes:
    """The body, in chunks, within the size limit and the deadline."""
    chunks: list[bytes] = []
    size = 0
    while chunk := answer.read1(CHUNK) if hasattr(answer, "read1") else answer.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(url, f"over the maximum of {max_bytes} bytes")
        if clock() > deadline:
            raise FetchTimeout(url, "the body took longer than the timeout (setting fetch_timeout)")
        chunks.append(chunk)
    return b"".join(chunks)
