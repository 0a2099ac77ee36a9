"""The page in a real browser (Debian's chromium, driven by Playwright): load it, filter, brush
the timeline, click a map cluster, a place and a table row, open the document view, follow a
link that reproduces the view, show a hostile document as text, and check that the screenshot
is not blank. Every request the page makes stays on 127.0.0.1; the page breaks no rule of its
Content-Security-Policy and logs no error.

``DEPECHE_SCREENSHOT=docs/serve.png`` also writes the screenshot there (``make screenshot``,
the README's picture).
"""
from __future__ import annotations

import base64
import os
import re
import shutil
from urllib.parse import parse_qs, urlparse

import pytest

VIEWPORT = {"width": 1400, "height": 1000}
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def page(browser, server):
    yield from _page(browser, server)


@pytest.fixture
def linked_page(browser, linked_server):
    yield from _page(browser, linked_server)


def _page(browser, server):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    page.elsewhere, page.problems = [], []

    def route(r):
        if urlparse(r.request.url).hostname != "127.0.0.1":
            page.elsewhere.append(r.request.url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.base = server
    yield page
    assert page.elsewhere == [], "requests that left 127.0.0.1"
    assert page.evaluate("window.__csp") == [], "Content-Security-Policy violations"
    assert page.problems == []
    context.close()


def settle(page):
    page.wait_for_function("() => document.body.dataset.ready === '1' && document.body.dataset.loading === '0'",
                           timeout=20000)


def state(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("#events tbody tr", "trs => trs.map(tr => [...tr.cells].map(c => c.textContent))")


def not_blank(page, png: bytes) -> dict:
    """Colour statistics of a screenshot, decoded by the browser (in a blank page, without the app's CSP)."""
    blank = page.context.new_page()
    try:
        return blank.evaluate("""async (data) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const ctx = canvas.getContext('2d');
            ctx.drawImage(bitmap, 0, 0);
            const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
            const counts = new Map();
            for (let i = 0; i < pixels.length; i += 16) {
                const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
                counts.set(key, (counts.get(key) || 0) + 1);
            }
            const total = pixels.length / 16;
            return {colours: counts.size, dominant: Math.max(...counts.values()) / total};
        }""", base64.b64encode(png).decode())
    finally:
        blank.close()


def test_the_page_loads_with_every_view(page, docs):
    page.goto(page.base + "/")
    settle(page)
    assert len(rows(page)) == 50
    events = sum(len(d.events) for d in docs.values())
    assert page.text_content("#count") == f"{events} matching"
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#map .marker-cluster, #map .place-icon").count() > 0
    assert page.locator("#timeline rect.timeline-bar").count() > 5
    assert page.locator("#network .node").count() >= 5
    png = page.screenshot(full_page=False)
    stats = not_blank(page, png)
    assert stats["colours"] > 50 and stats["dominant"] < 0.8, stats
    target = os.environ.get("DEPECHE_SCREENSHOT")
    if target:
        with open(target, "wb") as fh:
            fh.write(png)


def test_filter_brush_map_table_and_document(page):
    page.goto(page.base + "/")
    settle(page)
    # Filter through the form: the URL holds it, the table follows.
    page.select_option("#filters select[name=type]", "CONSULT")
    page.click("#filters button[type=submit]")
    settle(page)
    assert state(page)["type"] == "CONSULT"
    assert rows(page) and all(r[1].startswith("CONSULT") for r in rows(page))
    # Brush the timeline: since/until set, every row inside them.
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=8)
    page.mouse.up()
    settle(page)
    since, until = state(page)["since"], state(page)["until"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", since) and since < until
    dates = [r[0] for r in rows(page)]
    assert dates and all(since <= d <= until for d in dates)
    page.click("#dates-clear")
    settle(page)
    assert "since" not in state(page)
    # The timeline as a share of documents.
    page.check("#share")
    settle(page)
    assert state(page)["share"] == "1" and page.locator("#timeline rect.timeline-bar").count() > 0
    # Click a map cluster: it opens into smaller clusters or places.
    before = page.locator("#map .marker-cluster, #map .place-icon").count()
    page.locator("#map .marker-cluster").first.click()
    page.wait_for_function("(n) => document.querySelectorAll('#map .marker-cluster, #map .place-icon').length > n",
                           arg=before, timeout=10000)
    # A table row opens its document, with its event marked.
    first = page.locator("#events tbody tr").first
    doc_id, event_id = first.get_attribute("data-doc"), first.get_attribute("data-event")
    first.click()
    settle(page)
    assert state(page)["open"] == doc_id and state(page)["event"] == event_id
    assert page.is_visible("#document")
    assert page.locator("#doc-text mark.trigger.current").count() >= 1
    assert page.locator("#doc-text mark.ent").count() >= 1 and page.locator("#doc-text mark.place").count() >= 1
    assert page.locator("#doc-text mark.time").count() >= 1
    item = page.locator("#doc-events li.current")
    assert "factuality" in item.text_content() and "attribution" in item.text_content()
    # The link reproduces the view: filters, table, open document.
    again = page.context.new_page()
    again.goto(page.url)
    settle(again)
    assert rows(again) == rows(page)
    assert again.text_content("#doc-text") == page.text_content("#doc-text")
    assert again.input_value("#filters select[name=type]") == "CONSULT"
    again.close()
    # Closing the document, then the browser's back button, come back to it.
    page.click("#doc-close")
    settle(page)
    assert page.is_hidden("#document") and "open" not in state(page)
    page.go_back()
    settle(page)
    assert page.is_visible("#document")


def test_a_place_on_the_map_filters_its_area(page):
    page.goto(page.base + "/")
    settle(page)
    for _ in range(6):  # open clusters until a single place shows
        if page.locator("#map .place-icon").count():
            break
        page.locator("#map .marker-cluster").first.click()
        page.wait_for_timeout(700)
    place = page.locator("#map .place-icon").first
    count = int(place.text_content())
    place.click()
    page.click(".leaflet-popup button")
    settle(page)
    west, south, east, north = map(float, state(page)["bbox"].split(","))
    assert east - west == pytest.approx(0.1) and north - south == pytest.approx(0.1)
    assert page.text_content("#count") == f"{count} matching"
    assert len({r[3] for r in rows(page)}) == 1  # one place
    assert page.locator("#active .chip", has_text="area").count() == 1
    assert page.locator("#map path.leaflet-interactive").count() > 0


def test_clicking_an_actor_filters_on_it(page):
    page.goto(page.base + "/")
    settle(page)
    page.wait_for_timeout(1500)  # the layout settles
    name = page.locator("#network .node text").first.text_content().split(" (")[0]
    page.locator("#network .node circle").first.click(force=True)
    settle(page)
    assert state(page)["actor"] == name
    assert all(name in r[2] for r in rows(page))


def test_a_hostile_document_is_shown_as_text(page, docs):
    doc = docs["web/hostile.txt"]
    page.goto(f"{page.base}/?open={doc.id}&event=V1")
    settle(page)
    text = page.text_content("#doc-text")
    assert text == doc.text
    assert page.locator("#document img, #document script, #document b, #document i").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#doc-text mark.quote").count() >= 1
    assert "<b>Nous</b>" in page.text_content("#doc-events")


def test_an_event_shows_how_many_report_it(linked_page):
    """The document view says, for each event, the real-world event's reports (depeche.linking)."""
    from tests.web.corpus import linked_documents

    first, _, third, protest = linked_documents()
    for doc, words in ((first, "1 event, 3 reports, 2 independent; reported by 1, asserted by 2"),
                       (third, "1 event, 3 reports, 2 independent"), (protest, "1 event, 1 report, 1 independent")):
        linked_page.goto(f"{linked_page.base}/?open={doc.id}&event=V1")
        settle(linked_page)
        assert words in linked_page.text_content("#doc-events li.current .linked")


def test_chromium_is_debian_s():
    from tests.web.conftest import CHROMIUM

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip("no chromium")
    assert "ms-playwright" not in os.path.realpath(CHROMIUM)
