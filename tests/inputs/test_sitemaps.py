"""Sitemaps: the pages a site lists, plain or gzipped, and nothing from bad XML."""
from __future__ import annotations

import gzip

import pytest

from depeche.errors import BadFeed, TooLarge
from depeche.inputs import is_sitemap, parse_sitemap

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://exemple.test/a</loc><lastmod>2023-05-01T10:00:00+02:00</lastmod></url>
<url><loc>http://exemple.test/b</loc><news:news><news:publication><news:name>Le Canard du Soir</news:name>
<news:language>fr</news:language></news:publication><news:publication_date>2023-05-02</news:publication_date>
<news:title>Un titre</news:title></news:news></url>
<url><lastmod>2023-05-03</lastmod></url>
</urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://exemple.test/s1.xml</loc></sitemap><sitemap><loc>http://exemple.test/s2.xml</loc></sitemap></sitemapindex>"""


@pytest.mark.parametrize("data", [URLSET, gzip.compress(URLSET)], ids=["plain", "gzip"])
def test_pages_with_dates_and_outlet(data):
    assert is_sitemap(data)
    found = parse_sitemap(data, "http://exemple.test/sitemap.xml", 10**6)
    assert [(p.url, p.date, p.outlet) for p in found.pages] == [
        ("http://exemple.test/a", "2023-05-01", None), ("http://exemple.test/b", "2023-05-02", "Le Canard du Soir")]


def test_an_index_lists_sitemaps():
    found = parse_sitemap(INDEX, "http://exemple.test/index.xml", 10**6)
    assert found.sitemaps == ["http://exemple.test/s1.xml", "http://exemple.test/s2.xml"] and not found.pages


@pytest.mark.parametrize("data, error", [
    (URLSET[:200], BadFeed),
    (b"<?xml version='1.0'?><rss/>", BadFeed),
    (gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>"), TooLarge),
    (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
     b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.test/&b;</loc></url>'
     b"</urlset>", None),
], ids=["cut-short", "not-a-sitemap", "gzip-bomb", "entities-not-expanded"])
def test_bad_sitemaps_are_named(data, error):
    if error is None:
        found = parse_sitemap(data, "u", 10**6)
        assert [p.url for p in found.pages] == ["http://x.test/"]  # the entity is not expanded
        return
    with pytest.raises(error):
        parse_sitemap(data, "u", 10**6)
