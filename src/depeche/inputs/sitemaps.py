"""Sitemaps (sitemaps.org XML, plain or gzipped): the pages a site lists, with their dates.

A ``urlset`` lists pages (``loc``, ``lastmod``, and from a Google News sitemap the
``news:publication_date``, ``news:title`` and the outlet's ``news:name``); a
``sitemapindex`` lists further sitemaps. The XML is parsed without entities, network or
huge-tree allowances; anything else is a named ``bad-feed``. Fetching the pages (robots.txt
respected) is the watch loop's part (``depeche.sources``).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from ..errors import BadFeed, TooLarge

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@dataclass
class SitemapPage:
    url: str
    lastmod: str | None = None    # as written (W3C datetime)
    title: str | None = None
    outlet: str | None = None

    @property
    def date(self) -> str | None:
        """The day of ``lastmod`` (YYYY-MM-DD), when it has one."""
        return self.lastmod[:10] if self.lastmod and len(self.lastmod) >= 10 else None


@dataclass
class Sitemap:
    url: str
    pages: list[SitemapPage] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)   # of a sitemap index


def is_sitemap(data: bytes) -> bool:
    """Whether ``data`` looks like a sitemap (its root element, in the first bytes)."""
    head = _maybe_gunzip(data[:4096], 4096, "", partial=True)[:4096]
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(data: bytes, url: str, max_bytes: int) -> Sitemap:
    """The pages or sitemaps listed in ``data``; raises ``BadFeed`` or ``TooLarge``."""
    import lxml.etree

    data = _maybe_gunzip(data, max_bytes, url)
    if len(data) > max_bytes:
        raise TooLarge(url, f"{len(data)} bytes is over the maximum of {max_bytes} (setting feed_max_bytes)")
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise BadFeed(url, f"not well-formed XML ({exc}); nothing read from it") from None
    name = lxml.etree.QName(root).localname
    found = Sitemap(url=url)
    if name == "sitemapindex":
        found.sitemaps = [t.strip() for t in root.xpath("s:sitemap/s:loc/text()", namespaces=NS) if t.strip()]
    elif name == "urlset":
        for node in root.xpath("s:url", namespaces=NS):
            loc = _text(node, "s:loc")
            if not loc:
                continue
            found.pages.append(SitemapPage(
                url=loc, lastmod=_text(node, "news:news/news:publication_date") or _text(node, "s:lastmod"),
                title=_text(node, "news:news/news:title"), outlet=_text(node, "news:news/news:publication/news:name")))
    else:
        raise BadFeed(url, f"root element <{name}> is neither <urlset> nor <sitemapindex>")
    return found


def _text(node, path: str) -> str | None:
    values = node.xpath(f"{path}/text()", namespaces=NS)
    return values[0].strip() if values and values[0].strip() else None


def _maybe_gunzip(data: bytes, max_bytes: int, url: str, partial: bool = False) -> bytes:
    """``data`` itself, or gunzipped when it is gzip, never past ``max_bytes`` (no zip bomb)."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        if partial:
            return b""
        raise BadFeed(url, f"broken gzip: {exc}") from None
    if len(out) > max_bytes and not partial:
        raise TooLarge(url, f"over {max_bytes} bytes once unzipped (setting feed_max_bytes)")
    return out

