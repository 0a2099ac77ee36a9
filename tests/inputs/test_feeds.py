"""RSS and Atom feeds: items into documents with their outlet, dates as the outlet wrote them."""
from __future__ import annotations

import datetime as dt

import pytest

from depeche.config import Settings
from depeche.errors import BadFeed, EmptyInput, TooLarge
from depeche.inputs import html_to_text, item_document, parse_feed, read_inputs
from tests.feedserver import atom, page, rss

PARIS = dt.timezone(dt.timedelta(hours=2))
ITEMS = [
    {"title": "Le maire inaugure un pont", "link": "http://exemple.test/pont", "summary": "<p>Le maire de Lyon a inauguré mardi un pont sur le Rhône.</p>",
     "date": dt.datetime(2023, 6, 13, 0, 30, tzinfo=PARIS)},
    {"title": "Grève des cheminots", "link": "http://exemple.test/greve", "summary": "Résumé court.",
     "content": "<p>Les cheminots sont en grève depuis lundi.</p><p>Le trafic est <b>perturbé</b>.</p>",
     "date": dt.datetime(2023, 6, 14, 9, 0, tzinfo=PARIS)},
]


def test_rss_items_become_documents_with_their_outlet():
    feed = parse_feed(rss("Le Petit Quotidien", ITEMS).encode(), "http://exemple.test/rss.xml", 10**6)
    docs = [item_document(item, feed) for item in feed.items]
    assert [d.source for d in docs] == ["http://exemple.test/pont", "http://exemple.test/greve"]
    assert docs[0].text == "Le maire inaugure un pont\n\nLe maire de Lyon a inauguré mardi un pont sur le Rhône."
    # full content wins over the summary, paragraphs kept
    assert docs[1].text.endswith("Les cheminots sont en grève depuis lundi.\n\nLe trafic est perturbé.")
    # the day as the outlet wrote it (00:30 in Paris is still the 13th), not the UTC day
    assert docs[0].dct.value == "2023-06-13" and docs[1].dct.value == "2023-06-14"
    assert docs[0].segments[0].kind == "title" and docs[0].text[:docs[0].segments[0].end] == ITEMS[0]["title"]
    assert docs[0].metadata == {"outlet": "Le Petit Quotidien", "outlet_url": "http://exemple.test/",
                                "feed": "http://exemple.test/rss.xml", "url": "http://exemple.test/pont"}


def test_atom_entries_and_a_given_outlet_name():
    entries = [{"title": "Sommet à Bruxelles", "link": "http://exemple.test/sommet", "content": "<p>Les dirigeants se réunissent jeudi.</p>",
                "date": dt.datetime(2024, 3, 14, 18, 0, tzinfo=dt.timezone.utc)}]
    feed = parse_feed(atom("Flux Europe", entries).encode(), "http://exemple.test/atom", 10**6, outlet="L'Européen")
    doc = item_document(feed.items[0], feed)
    assert doc.text == "Sommet à Bruxelles\n\nLes dirigeants se réunissent jeudi."
    assert doc.dct.value == "2024-03-14" and doc.metadata["outlet"] == "L'Européen"


def test_the_linked_page_replaces_the_summary_when_given():
    feed = parse_feed(rss("Le Petit Quotidien", ITEMS[:1]).encode(), "http://exemple.test/rss.xml", 10**6)
    html = page("Le maire inaugure un pont", ["Le maire de Lyon a inauguré mardi un pont sur le Rhône, long de deux cents mètres.",
                                              "Les travaux ont duré trois ans et coûté douze millions d'euros."])
    doc = item_document(feed.items[0], feed, html.encode(), Settings())
    assert "douze millions d'euros" in doc.text and "Accueil" not in doc.text and "droits réservés" not in doc.text
    assert doc.source == "http://exemple.test/pont" and doc.metadata["outlet"] == "Le Petit Quotidien"
    assert doc.dct.value == "2023-06-13"  # the page has no date: the item's


def test_a_page_without_main_text_leaves_the_feed_text():
    feed = parse_feed(rss("Le Petit Quotidien", ITEMS[:1]).encode(), "http://exemple.test/rss.xml", 10**6)
    doc = item_document(feed.items[0], feed, b"<html><body><nav>Accueil</nav></body></html>", Settings())
    assert doc.text.startswith("Le maire inaugure un pont") and "linked page not used" in doc.warnings[0]


@pytest.mark.parametrize("data, error", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cass\xc3\xa9</title><item><title>Un', BadFeed),
    (b"<html><body><p>Pas un flux.</p></body></html>", BadFeed),
    (b"   ", EmptyInput),
    (b"<rss>" + b"x" * 2000 + b"</rss>", TooLarge),
], ids=["cut-short", "not-a-feed", "empty", "too-large"])
def test_bad_feeds_are_named(data, error):
    with pytest.raises(error):
        parse_feed(data, "http://exemple.test/rss.xml", 1000)


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    assert html_to_text("<div><p>Un.</p><script>alert(1)</script><ul><li>deux</li><li>trois</li></ul></div>") == \
        "Un.\n\ndeux\n\ntrois"
    assert html_to_text("texte brut &amp; simple") == "texte brut &amp; simple"


def test_a_feed_file_is_read_by_ingest_readers(tmp_path):
    path = tmp_path / "flux.rss"
    path.write_text(rss("Le Petit Quotidien", ITEMS), encoding="utf-8")
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert [i.source for i in items] == ["http://exemple.test/pont", "http://exemple.test/greve"]
