"""Polling feeds, sitemaps and folders on the local test server into a store."""
from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from depeche.config import Settings
from depeche.pipeline import Pipeline
from depeche.record import Store
from depeche.sources import WatchState, parse_source, poll, watch
from tests.feedserver import page, rss

PARIS = dt.timezone(dt.timedelta(hours=2))
SENTENCES = [
    "Le conseil municipal a voté lundi le budget de la ville.",
    "Les agriculteurs ont manifesté mardi devant la préfecture.",
    "Le ministre a annoncé mercredi un plan pour les hôpitaux.",
    "Un incendie a détruit jeudi un entrepôt près du port.",
    "Les syndicats appellent à une grève vendredi dans les transports.",
    "La mairie a inauguré samedi une nouvelle médiathèque.",
]


def items(n: int, start: int = 0, host: str = "http://exemple.test") -> list[dict]:
    return [{"title": f"Dépêche numéro {i}", "link": f"{host}/article/{i}",
             "summary": f"<p>{SENTENCES[i % len(SENTENCES)]}</p><p>Dépêche {i} de la journée.</p>",
             "date": dt.datetime(2024, 5, 1 + i % 28, 8, 0, tzinfo=PARIS)} for i in range(start, start + n)]


def sources_of(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT source FROM documents ORDER BY source")]


def failures(store: Store) -> dict[str, str]:
    return {f["source"]: f["code"] for f in store.failures()}


def test_new_items_only_and_304_when_nothing_changed(server, fast, tmp_path):
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", items(5)))
    with Store(tmp_path / "w.db") as store:
        first = poll(store, [url], settings=fast)
        assert first.items["new"] == 5 and first.ingest.new == 5
        assert len(sources_of(store)) == 5
        second = poll(store, [url], settings=fast)
        assert second.items["not modified"] == 1 and second.ingest.done == 0
        assert server.not_modified["/rss.xml"] == 1
        state = WatchState(store.conn).source(url)
        assert state.polls == 2 and state.failures == 0 and state.outlet == "Le Petit Quotidien"


def test_a_feed_that_changes_between_polls(server, fast, tmp_path):
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", items(4)))
    with Store(tmp_path / "w.db") as store:
        poll(store, [url], settings=fast)
        changed = items(4, start=1)  # item 0 rolled off, item 4 new, item 1 rewritten
        changed[0]["summary"] = "<p>Le conseil municipal a finalement reporté le vote du budget.</p>"
        server.serve("/rss.xml", rss("Le Petit Quotidien", changed))
        report = poll(store, [url], settings=fast)
        assert (report.items["new"], report.items["changed"], report.items["unchanged"]) == (1, 1, 2)
        assert (report.ingest.new, report.ingest.changed) == (1, 1)
        # what rolled off the feed stays; the rewritten article replaced its old text
        assert len(sources_of(store)) == 5
        doc = store.document("http://exemple.test/article/1")
        assert "reporté le vote" in doc.text


def test_failing_feeds_are_named_and_counted_and_the_rest_goes_on(server, fast, tmp_path):
    good = server.serve("/bon.xml", rss("Le Petit Quotidien", items(3)))
    server.serve("/nouveau.xml", rss("La Gazette", items(2, start=10, host="http://gazette.test")))
    moved = server.serve("/ancien.xml", location=server.url("/nouveau.xml"), status=301)
    slow = server.serve("/lent.xml", rss("Lent", items(1, start=20)), delay=3.0)
    broken = server.serve("/casse.xml", rss("Cassé", items(2, start=30))[:-60])
    down = server.serve("/panne.xml", status=503)
    huge = server.serve("/enorme.xml", stream=3_000_000, etag=False)
    settings = fast.model_copy(update={"fetch_timeout": 0.5, "feed_max_bytes": 1_000_000})
    missing = str(tmp_path / "nulle-part")
    with Store(tmp_path / "w.db") as store:
        report = poll(store, [good, moved, slow, broken, down, huge, missing], settings=settings)
        assert dict(report.failed_sources) == {"timeout": 1, "bad-feed": 1, "http-error": 1, "too-large": 1,
                                               "unreadable": 1}
        assert failures(store) == {slow: "timeout", broken: "bad-feed", down: "http-error", huge: "too-large",
                                   missing: "unreadable"}
        assert report.ingest.new == 5  # the good feed and the redirected one
        assert "http://gazette.test/article/10" in sources_of(store)
        # a failed source is asked again at the next poll, and its failure is counted
        server.routes["/panne.xml"].status = 200
        server.routes["/panne.xml"].body = rss("Revenu", items(1, start=40)).encode()
        again = poll(store, [down, slow], settings=settings)
        assert again.ingest.new == 1 and down not in failures(store) and slow in failures(store)
        states = {s.source: s for s in WatchState(store.conn).sources()}
        assert (states[slow].failures, states[slow].last_error) == (2, "timeout")
        assert (states[down].failures, states[down].last_error, states[down].polls) == (1, None, 2)


def test_a_crash_mid_poll_leaves_no_gap_and_no_duplicate(server, fast, tmp_path, monkeypatch):
    """The pipeline fails hard after two batches; the next poll stores the rest, each item once."""
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", items(12)))
    analyzed: list[str] = []
    real = Pipeline.run_batch

    def counting(self, batch):
        if len(analyzed) >= 8:
            raise KeyboardInterrupt  # as a Ctrl-C or a kill would stop it
        analyzed.extend(d.source for d in batch)
        return real(self, batch)

    monkeypatch.setattr(Pipeline, "run_batch", counting)
    with Store(tmp_path / "w.db") as store:
        with pytest.raises(KeyboardInterrupt):
            poll(store, [url], settings=fast)
        assert len(sources_of(store)) == 8
        assert WatchState(store.conn).source(url) is None or WatchState(store.conn).source(url).etag is None
        analyzed.clear()
        monkeypatch.setattr(Pipeline, "run_batch", lambda self, batch: (analyzed.extend(d.source for d in batch),
                                                                      real(self, batch))[1])
        report = poll(store, [url], settings=fast)
        assert report.ingest.new == 4 and len(analyzed) == 4   # only what was missing
        assert len(sources_of(store)) == len(set(sources_of(store))) == 12
        assert len(WatchState(store.conn).seen(url)) == 12
        assert poll(store, [url], settings=fast).items["not modified"] == 1


def test_a_transient_page_failure_is_asked_again(server, fast, tmp_path):
    base = server.url("")
    feed = items(2, host=base)
    server.serve("/article/0", page("Dépêche numéro 0", [SENTENCES[0], "Le vote a eu lieu à main levée dans la soirée."]),
                 content_type="text/html")
    server.serve("/article/1", status=503)
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", feed))
    settings = fast.model_copy(update={"fetch_pages": True})
    with Store(tmp_path / "w.db") as store:
        report = poll(store, [url], settings=settings)
        assert report.ingest.new == 1 and failures(store) == {f"{base}/article/1": "http-error"}
        assert "main levée" in store.document(f"{base}/article/0").text
        assert WatchState(store.conn).source(url).etag is None  # not saved: an item is missing
        server.serve("/article/1", page("Dépêche numéro 1", [SENTENCES[1], "Ils étaient plusieurs centaines."]),
                     content_type="text/html")
        again = poll(store, [url], settings=settings)
        assert again.items["new"] == 1 and again.items["unchanged"] == 1 and again.ingest.new == 1
        assert failures(store) == {} and WatchState(store.conn).source(url).etag


def test_pages_that_robots_txt_forbids_are_not_fetched(server, fast, tmp_path):
    server.serve("/robots.txt", "User-agent: *\nDisallow: /article/\n", content_type="text/plain")
    server.serve("/article/0", page("Dépêche", [SENTENCES[0]]), content_type="text/html")
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", items(1, host=server.url(""))))
    with Store(tmp_path / "w.db") as store:
        poll(store, [url], settings=fast.model_copy(update={"fetch_pages": True}))
        doc = store.document(server.url("/article/0"))
        assert server.hits["/article/0"] == 0 and "robots.txt" in doc.warnings[-1]
        assert doc.text.startswith("Dépêche numéro 0")  # the feed's text


def test_a_sitemap_and_its_pages(server, fast, tmp_path):
    urls = [server.serve(f"/p/{i}", page(f"Titre {i}", [SENTENCES[i], SENTENCES[i + 1]], date=f"2024-02-0{i + 1}"),
                         content_type="text/html") for i in range(3)]
    entries = "".join(f"<url><loc>{u}</loc><lastmod>2024-02-0{i + 1}</lastmod></url>" for i, u in enumerate(urls))
    child = server.serve("/sitemap-1.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>',
                         content_type="application/xml")
    index = server.serve("/sitemap.xml", '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                         f"<sitemap><loc>{child}</loc></sitemap></sitemapindex>", content_type="application/xml")
    with Store(tmp_path / "w.db") as store:
        report = poll(store, [f"Le Site={index}"], settings=fast)
        assert report.ingest.new == 3
        doc = store.document(urls[1])
        assert doc.dct.value == "2024-02-02" and doc.metadata["outlet"] == "Le Site" and doc.metadata["url"] == urls[1]
        assert poll(store, [index], settings=fast).items["not modified"] == 1
        assert {s.kind for s in WatchState(store.conn).sources()} == {"sitemap"}


def test_a_folder_new_and_changed_files(fast, tmp_path):
    folder = tmp_path / "depeches"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2024-05-02\n" + SENTENCES[0], encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"id": "b1", "date": "2024-05-03", "text": SENTENCES[1]}) + "\n",
                                    encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        assert poll(store, [f"Agence Locale={folder}"], settings=fast).ingest.new == 2
        (folder / "b.jsonl").write_text((folder / "b.jsonl").read_text(encoding="utf-8") + json.dumps(
            {"id": "b2", "date": "2024-05-04", "text": SENTENCES[2]}) + "\n", encoding="utf-8")
        report = poll(store, [f"Agence Locale={folder}"], settings=fast)
        assert (report.items["changed"], report.items["unchanged"]) == (1, 1)
        assert (report.ingest.new, report.ingest.skipped["unchanged"]) == (1, 1)
        assert store.document("b2").metadata["outlet"] == "Agence Locale"


@pytest.mark.model
def test_the_outlet_reaches_the_plover_export(server, tmp_path):
    feed = [{"title": "Visite à Paris", "link": "http://exemple.test/visite", "date": dt.datetime(2024, 6, 5, 9, 0, tzinfo=PARIS),
             "summary": "<p>Le président Emmanuel Macron a reçu mercredi le chancelier Olaf Scholz à Paris.</p>"}]
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", feed))
    with Store(tmp_path / "w.db") as store:
        assert poll(store, [url], settings=Settings(host_delay=0)).ingest.new == 1
        out = tmp_path / "plover.jsonl"
        store.export("plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and {(r["cite_info"]["publication"], r["cite_info"]["url"]) for r in records} == \
        {("Le Petit Quotidien", "http://exemple.test/visite")}


@pytest.mark.parametrize("text, location, outlet", [
    ("http://a.test/rss", "http://a.test/rss", None),
    ("Le Monde=https://a.test/rss?x=1", "https://a.test/rss?x=1", "Le Monde"),
    ("https://a.test/rss?x=1&y=2", "https://a.test/rss?x=1&y=2", None),
])
def test_sources_are_urls_or_paths_maybe_named(text, location, outlet):
    source = parse_source(text)
    assert (source.location, source.outlet) == (location, outlet)


def test_watch_polls_until_stopped(server, fast, tmp_path):
    url = server.serve("/rss.xml", rss("Le Petit Quotidien", items(2)))
    stop = threading.Event()
    seen = []

    def on_poll(report):
        seen.append(report)
        if len(seen) == 3:
            stop.set()

    with Store(tmp_path / "w.db") as store:
        reports = watch(store, [url], settings=fast, interval=0.05, stop=stop, on_poll=on_poll)
    assert len(reports) == 3 and [r.ingest.new for r in reports] == [2, 0, 0]
    assert [r.items["not modified"] for r in reports] == [0, 1, 1]
