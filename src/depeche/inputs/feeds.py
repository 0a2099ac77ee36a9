"""RSS and Atom feeds (feedparser): each item a document, its outlet named.

An item becomes a document of its title and its full content (``content:encoded``, Atom
``content``) or else its summary, HTML turned into paragraphs separated by blank lines. Its
source is its link (else the feed's URL and the item's guid), its date the day of its
``published`` (else ``updated``) date as the outlet wrote it. The linked page replaces the
feed's text only when asked (``fetch_pages``): it is then extracted with trafilatura like any
HTML page, and the feed's text stays when the page has no main text. Every document keeps
its outlet in ``metadata``: ``outlet`` (the name given, else the feed's title, else its host),
``outlet_url`` (the feed's site), ``feed`` (the feed's URL) and ``url`` (the item's link).

A feed that is not well-formed XML is not read at all (its items could be cut short): it
fails as ``bad-feed`` and is read again at the next poll.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..config import Settings
from ..errors import BadFeed, EmptyInput, InputError, NoMainText, TooLarge
from ..models import Document
from .dates import parse_date
from .readers import _assemble, read_html

Item = Document | InputError
BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
          "tr", "figure", "figcaption", "section", "article", "header", "footer", "dl", "dt", "dd"}
DROPPED = {"script", "style", "noscript", "iframe", "object", "embed"}
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class FeedItem:
    """One entry of a feed, as the feed gives it."""

    key: str                      # the document's source: the link, else feed URL#guid
    link: str | None
    title: str
    body: str                     # full content, else summary, as paragraphs
    date: str | None              # YYYY-MM-DD as the outlet wrote it
    guid: str | None = None
    author: str | None = None

    @property
    def fingerprint(self) -> str:
        """A hash of what the feed says of this item: a change means a changed article."""
        raw = json.dumps([self.key, self.title, self.body, self.date], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class Feed:
    url: str
    outlet: str
    outlet_url: str
    items: list[FeedItem] = field(default_factory=list)


def parse_feed(data: bytes, url: str, max_bytes: int, outlet: str | None = None,
               content_type: str | None = None) -> Feed:
    """The feed in ``data`` (fetched from, or read at, ``url``); raises ``BadFeed``/``TooLarge``."""
    import feedparser

    if len(data) > max_bytes:
        raise TooLarge(url, f"{len(data)} bytes is over the maximum of {max_bytes} (setting feed_max_bytes)")
    if not data.strip():
        raise EmptyInput(url, "an empty feed")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or a string: feedparser would open a string that looks like a URL or a file.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, resolve_relative_uris=True)
    problem = parsed.get("bozo_exception")
    if problem is not None and type(problem).__name__ == "SAXParseException":
        where = f"line {problem.getLineNumber()}: " if hasattr(problem, "getLineNumber") else ""
        raise BadFeed(url, f"not well-formed XML ({where}{problem.getMessage()}); nothing read from it")
    if not parsed.get("version") and not parsed.entries:
        raise BadFeed(url, "neither RSS nor Atom")
    head = parsed.feed
    parts = urlsplit(url)
    site = head.get("link") or (f"{parts.scheme}://{parts.netloc}/" if parts.netloc else url)
    name = outlet or _clean(head.get("title") or "") or parts.netloc or url
    feed = Feed(url=url, outlet=name, outlet_url=site)
    for entry in parsed.entries:
        link = entry.get("link") or None
        guid = entry.get("id") or None
        key = link or (f"{url}#{guid}" if guid else None)
        if key is None:
            continue  # an item with neither link nor id cannot be told apart from the next
        feed.items.append(FeedItem(key=key, link=link, title=_clean(entry.get("title") or ""),
                                   body=_body(entry), date=_date(entry), guid=guid,
                                   author=entry.get("author") or None))
    return feed


def item_document(item: FeedItem, feed: Feed, page: bytes | None = None,
                  settings: Settings | None = None) -> Document:
    """The document of one item: the feed's text, or the linked ``page`` extracted (trafilatura)."""
    metadata = {"outlet": feed.outlet, "outlet_url": feed.outlet_url, "feed": feed.url}
    if item.link:
        metadata["url"] = item.link
    if item.guid and item.guid != item.link:
        metadata["guid"] = item.guid
    if item.author:
        metadata["author"] = item.author
    warnings: list[str] = []
    if page is not None:
        try:
            doc = read_html(page, item.key, settings or Settings(), guess_date=item.date is None)
        except (NoMainText, EmptyInput) as err:
            warnings.append(f"linked page not used: {err.reason}; the feed's text is")
        else:
            doc.metadata = {**{k: v for k, v in doc.metadata.items() if k != "url"}, **metadata}
            if doc.dct is None and item.date:
                doc.dct = parse_date(item.date)
            return doc
    body = "" if _same(item.body, item.title) else item.body
    if not item.title and not body:
        raise EmptyInput(item.key, "a feed item with neither title nor text")
    return _assemble(item.key, item.title, None, body, item.date, warnings, metadata)


def read_feed(data: bytes, source: str, settings: Settings) -> Iterator[Item]:
    """The documents of a feed file (``.rss``, ``.atom``, or ``.xml`` that is no sitemap)."""
    try:
        feed = parse_feed(data, source, settings.feed_max_bytes)
    except InputError as err:
        yield err
        return
    for item in feed.items:
        try:
            yield item_document(item, feed, settings=settings)
        except InputError as err:
            yield err


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block, paragraphs separated by blank lines."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        return _paragraphs(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _paragraphs(fragment)
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in DROPPED:
            element.drop_tree()
        elif tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    parts = (SPACES.sub(" ", " ".join(line.strip() for line in p.splitlines())).strip()
             for p in PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in parts if p)


def _clean(text: str) -> str:
    return SPACES.sub(" ", " ".join(text.split())).strip()


def _body(entry) -> str:
    """Full content when the feed has it, else the summary, as text."""
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return html_to_text(best["value"]) if "html" in (best.get("type") or "html") else _paragraphs(best["value"])
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary") or ""
    return html_to_text(summary) if "html" in (detail.get("type") or "html") else _paragraphs(summary)


def _date(entry) -> str | None:
    """The item's day as written (its own time zone), from ``published``, else ``updated``."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = entry.get(raw_key)
        if raw:
            day = _day(raw)
            if day:
                return day
        parsed = entry.get(parsed_key)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _day(raw: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _same(body: str, title: str) -> bool:
    return _clean(body).rstrip(".").casefold() == _clean(title).rstrip(".").casefold()
