"""WARC files: captured HTML pages into documents; the capture date when the page has none."""
from __future__ import annotations

import pytest

from depeche.config import Settings
from depeche.inputs import count_inputs, read_inputs
from tests.feedserver import page, write_warc

PAGES = [
    ("http://exemple.test/pont", "2023-06-13T08:00:00Z",
     page("Le maire inaugure un pont", ["Le maire de Lyon a inauguré mardi un pont sur le Rhône, long de deux cents mètres.",
                                        "Les travaux ont duré trois ans."], date="2023-06-12")),
    ("http://exemple.test/greve", "2023-06-14T09:30:00Z",
     page("Grève des cheminots", ["Les cheminots sont en grève depuis lundi dans toute la région.",
                                  "Le trafic est très perturbé sur les grandes lignes."])),
    ("http://exemple.test/vide", "2023-06-14T09:31:00Z", "<html><body><nav>Accueil</nav></body></html>"),
]


@pytest.mark.parametrize("name, gzip", [("capture.warc.gz", True), ("capture.warc", False)])
def test_pages_of_a_warc(tmp_path, name, gzip):
    path = tmp_path / name
    write_warc(path, PAGES, gzip=gzip)
    items = list(read_inputs([str(tmp_path)], Settings()))
    docs = [i for i in items if hasattr(i, "text")]
    errors = [i for i in items if not hasattr(i, "text")]
    assert [d.source for d in docs] == ["http://exemple.test/pont", "http://exemple.test/greve"]
    assert docs[0].dct.value == "2023-06-12"   # the page's own date
    assert docs[1].dct.value == "2023-06-14"   # none on the page: the capture date
    assert "Accueil" not in docs[0].text and "deux cents mètres" in docs[0].text
    assert docs[1].metadata["outlet"] == "Le Petit Quotidien" and docs[1].metadata["captured"] == "2023-06-14T09:30:00Z"
    assert [(e.source, e.code) for e in errors] == [("http://exemple.test/vide", "no-main-text")]
    assert count_inputs([str(path)]) is None  # known only once read


@pytest.mark.parametrize("data", [b"not a warc at all\r\n\r\n", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc"],
                         ids=["not-warc", "cut-short"])
def test_a_broken_warc_is_named(tmp_path, data):
    path = tmp_path / "broken.warc"
    path.write_bytes(data)
    items = list(read_inputs([str(path)], Settings()))
    assert items and all(getattr(i, "code", None) == "bad-archive" for i in items)
