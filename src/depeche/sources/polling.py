"""One poll of one source: the items that are new or changed since the last poll, as inputs.

A source is a feed or sitemap URL (which one is told by the answer), a folder or a file, as
``LOCATION`` or ``NAME=LOCATION`` (the outlet's name). Each item of a source (a feed item, a
page a sitemap lists, a file) is a ``Unit`` with a content hash: the hash of what the feed
says of the item, of the sitemap's URL and date for the page, of the file's bytes. A unit
whose hash is the one stored is passed over; the others are read into documents. The
``Tracker`` follows each unit's documents through ingest and marks the unit seen once all of
them are stored, or rejected for good; a unit that failed for a passing reason (a timeout, an
unreachable host, a server error) is not marked, and the source's ``ETag`` is not saved, so
the next poll asks for it again.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import Settings
from ..errors import FetchTimeout, HttpStatus, InputError, Unreachable, UnreadablePath
from ..inputs import (Fetcher, expand, is_sitemap, item_document, parse_date, parse_feed, parse_sitemap,
                      read_html, read_inputs)
from ..models import Document
from .state import WatchState

Item = Document | InputError
NAMED = re.compile(r"^([^=/:\\]+)=((?:https?://|file:|[./~]).*|[^=]+)$")
MAX_CHILD_SITEMAPS = 1000


@dataclass
class Source:
    """What to watch: a URL or a path, and the outlet's name when given (``NAME=LOCATION``)."""

    location: str
    outlet: str | None = None

    @property
    def is_url(self) -> bool:
        return urlsplit(self.location).scheme in ("http", "https")


def parse_source(text: str) -> Source:
    """``URL``, ``PATH``, ``NAME=URL`` or ``NAME=PATH``; a path is made absolute."""
    m = NAMED.match(text)
    name, location = (m.group(1).strip(), m.group(2).strip()) if m and "://" not in m.group(1) else (None, text)
    if urlsplit(location).scheme not in ("http", "https"):
        location = str(Path(location).expanduser().resolve())
    return Source(location=location, outlet=name or None)


@dataclass
class Unit:
    source: str
    key: str
    hash: str
    pending: int = 0
    exhausted: bool = False
    retry: bool = False


@dataclass
class Outcome:
    """How the poll of one source went: its kind, and its fields or its error code."""

    kind: str
    error: str | None = None
    fields: dict[str, str | None] = field(default_factory=dict)


def transient(err: InputError) -> bool:
    """A failure that may pass: asked again at the next poll rather than marked seen."""
    if isinstance(err, HttpStatus):
        return err.reason.startswith(("HTTP 5", "HTTP 429", "HTTP 408"))
    return isinstance(err, (FetchTimeout, Unreachable, UnreadablePath))


class Tracker:
    """Follows each unit's documents through ingest; marks units seen once they are all stored."""

    def __init__(self, state: WatchState):
        self.state = state
        self.open: dict[str, list[Unit]] = defaultdict(list)   # document source -> its units, in order
        self.unfinished: Counter = Counter()                    # watched source -> units not marked

    def wrap(self, unit: Unit, items: Iterable[Item]) -> Iterator[Item]:
        self.unfinished[unit.source] += 1
        for item in items:
            unit.pending += 1
            self.open[item.source].append(unit)
            yield item
        unit.exhausted = True
        self._finish([unit])

    def done(self, results: list[Item]) -> None:
        """``ingest_items``'s ``on_done``: these items are stored (or failed, or already stored)."""
        finished = []
        for result in results:
            units = self.open.get(result.source)
            if not units:
                continue  # a source-level failure, not an item
            unit = units.pop(0)
            if not units:
                del self.open[result.source]
            unit.pending -= 1
            if isinstance(result, InputError) and transient(result):
                unit.retry = True
            finished.append(unit)
        self._finish(finished)

    def _finish(self, units: list[Unit]) -> None:
        complete = [u for u in units if u.exhausted and u.pending == 0]
        self.state.mark((u.source, u.key, u.hash) for u in complete if not u.retry)
        for unit in complete:
            if not unit.retry:
                self.unfinished[unit.source] -= 1

    def clean(self, source: str) -> bool:
        """Every unit of ``source`` is marked: its ETag may be saved."""
        return self.unfinished[source] == 0


@dataclass
class Poller:
    """Polls sources into items; counts what it sees in ``counts`` and how each source went in
    ``outcomes``; a source that fails whole is reported to ``on_failure`` at once."""

    settings: Settings
    state: WatchState
    fetcher: Fetcher
    tracker: Tracker
    on_failure: Callable[[str, str, InputError], None]   # (source, kind, error) of a source that failed whole
    counts: Counter = field(default_factory=Counter)
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def _failed(self, source: str, kind: str, err: InputError) -> None:
        self.outcomes[source] = Outcome(kind, error=err.code)
        self.on_failure(source, kind, err)

    def poll(self, source: Source) -> Iterator[Item]:
        if source.is_url:
            yield from self._url(source, depth=0)
        else:
            yield from self._path(source)

    # -- feeds and sitemaps -------------------------------------------------------------

    def _url(self, source: Source, depth: int) -> Iterator[Item]:
        url = source.location
        before = self.state.source(url)
        kind = before.kind if before else "feed"
        try:
            answer = self.fetcher.get(url, etag=before.etag if before else None,
                                      last_modified=before.last_modified if before else None,
                                      max_bytes=self.settings.feed_max_bytes)
            if answer.not_modified:
                self.counts["not modified"] += 1
                self.outcomes[url] = Outcome(kind)
                return
            if is_sitemap(answer.body):
                kind = "sitemap"
                found = parse_sitemap(answer.body, url, self.settings.feed_max_bytes)
            else:
                kind = "feed"
                found = parse_feed(answer.body, url, self.settings.feed_max_bytes, outlet=source.outlet,
                                   content_type=answer.content_type)
        except InputError as err:
            self._failed(url, kind, err)
            return
        validators = {"etag": answer.etag, "last_modified": answer.last_modified}
        if kind == "feed":
            self.outcomes[url] = Outcome(kind, fields={"outlet": found.outlet, "outlet_url": found.outlet_url,
                                                       **validators})
            yield from self._feed_items(found)
            return
        self.outcomes[url] = Outcome(kind, fields={"outlet": source.outlet, **validators})
        if depth == 0:
            for child in found.sitemaps[:MAX_CHILD_SITEMAPS]:
                yield from self._url(Source(child, source.outlet), depth=1)
        yield from self._sitemap_pages(url, found.pages, source.outlet)

    def _feed_items(self, feed) -> Iterator[Item]:
        seen = self.state.seen(feed.url)
        for item in feed.items:
            stored = seen.get(item.key)
            if stored == item.fingerprint:
                self.counts["unchanged"] += 1
                continue
            self.counts["changed" if stored else "new"] += 1
            yield from self.tracker.wrap(Unit(feed.url, item.key, item.fingerprint), self._item_docs(item, feed))

    def _item_docs(self, item, feed) -> Iterator[Item]:
        page, warning = None, None
        if self.settings.fetch_pages and item.link:
            try:
                page = self.fetcher.get(item.link, robots=True, max_bytes=self.settings.max_bytes).body
            except InputError as err:
                if transient(err):
                    yield err
                    return
                warning = f"linked page not fetched: {err.reason} ({err.code}); the feed's text is used"
        try:
            doc = item_document(item, feed, page, self.settings)
        except InputError as err:
            yield err
            return
        if warning:
            doc.warnings.append(warning)
        yield doc

    def _sitemap_pages(self, sitemap: str, pages, outlet: str | None) -> Iterator[Item]:
        seen = self.state.seen(sitemap)
        for page in pages:
            digest = hashlib.sha256(f"{page.url}\n{page.lastmod or ''}".encode()).hexdigest()[:16]
            stored = seen.get(page.url)
            if stored == digest:
                self.counts["unchanged"] += 1
                continue
            self.counts["changed" if stored else "new"] += 1
            yield from self.tracker.wrap(Unit(sitemap, page.url, digest), self._page_doc(sitemap, page, outlet))

    def _page_doc(self, sitemap: str, page, outlet: str | None) -> Iterator[Item]:
        try:
            body = self.fetcher.get(page.url, robots=True, max_bytes=self.settings.max_bytes).body
            doc = read_html(body, page.url, self.settings, guess_date=page.date is None)
        except InputError as err:
            yield err
            return
        if doc.dct is None and page.date:
            try:
                doc.dct = parse_date(page.date)
            except ValueError:
                doc.warnings.append(f"sitemap date {page.lastmod!r} is not a date")
        host = urlsplit(page.url).netloc
        doc.metadata = {**doc.metadata, "url": page.url, "sitemap": sitemap,
                        "outlet": outlet or page.outlet or doc.metadata.get("sitename") or host,
                        "outlet_url": f"{urlsplit(page.url).scheme}://{host}/"}
        yield doc

    # -- folders and files --------------------------------------------------------------

    def _path(self, source: Source) -> Iterator[Item]:
        root = Path(source.location)
        kind = "folder" if root.is_dir() else "file"
        if not root.exists():
            self._failed(source.location, kind, UnreadablePath(source.location, "no such file or folder"))
            return
        self.outcomes[source.location] = Outcome(kind, fields={"outlet": source.outlet})
        seen = self.state.seen(source.location)
        for path in expand([str(root)]):
            key = str(path)
            try:
                digest = _file_hash(Path(key))
            except OSError as exc:
                yield UnreadablePath(key, exc.strerror or str(exc))
                continue
            stored = seen.get(key)
            if stored == digest:
                self.counts["unchanged"] += 1
                continue
            self.counts["changed" if stored else "new"] += 1
            items = read_inputs([key], self.settings)
            if source.outlet:
                items = _with_outlet(items, source.outlet)
            yield from self.tracker.wrap(Unit(source.location, key, digest), items)


def _with_outlet(items: Iterable[Item], outlet: str) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Document):
            item.metadata = {"outlet": outlet, **item.metadata}
        yield item


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:16]
