"""Place resolution against gold geoparsing corpora (TR-News, GeoVirus and their format).

Given each document and its gold toponym spans, every toponym is resolved by
``depeche.places.toponyms.resolve`` and, in the same run, by the baseline "most populous
candidate". Reported: accuracy within 161 km (100 miles), median error in km (a toponym
left unresolved counts as 20,000 km), and correct-country rate.

Two formats are read:
- TR-News style: ``<article><text>`` with ``<toponym><phrase><start><end><gaztag
  geonameid><lat><lon><country geonameid>``; toponyms without a ``gaztag`` have no gold
  point and are skipped.
- GeoVirus style: ``<article><text>`` with ``<location><name><start><end><lat><lon>``.
  Its offsets are one off; every span is re-anchored on its phrase near the given offset.
  It has no gold country: the gold country is that of the gazetteer's populated place
  nearest to the gold point. Continents (``<continent/>``) have none and are left out of
  the country rate.
"""
from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..places import Gazetteer, haversine_km, most_populous, resolve

MISS_KM = 20_000.0
CORPORA = ("TR-News.xml", "GeoVirus.xml")


@dataclass
class Toponym:
    start: int
    end: int
    lat: float
    lon: float
    country: str | None  # ISO alpha-2 when the gold gives or implies one


@dataclass
class Article:
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


class GoldFormatError(ValueError):
    pass


def _locate(text: str, phrase: str, start: int) -> int | None:
    for delta in sorted(range(-12, 13), key=abs):
        s = start + delta
        if 0 <= s and text[s:s + len(phrase)] == phrase:
            return s
    found = [i for i in range(len(text)) if text.startswith(phrase, i)]
    return min(found, key=lambda i: abs(i - start)) if found else None


def read_corpus(path: Path, gaz: Gazetteer) -> list[Article]:
    """The articles of a gold file, toponyms anchored on their text."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldFormatError(f"{path}: not well-formed XML: {exc}") from exc
    country_by_gid = {c.geonameid: c.country for c in gaz.countries()}
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        article = Article(text)
        for tp in list(node.iter("toponym")) + list(node.iter("location")):
            phrase = tp.findtext("phrase") or tp.findtext("name") or ""
            gold = tp.find("gaztag") if tp.tag == "toponym" else tp
            if gold is None or gold.findtext("lat") is None or not phrase:
                continue
            start = _locate(text, phrase, int(tp.findtext("start")))
            if start is None:
                continue
            lat, lon = float(gold.findtext("lat")), float(gold.findtext("lon"))
            if tp.tag == "toponym":
                c = gold.find("country")
                country = country_by_gid.get(int(c.get("geonameid"))) if c is not None and c.get("geonameid") else None
            else:
                country = None if tp.find("continent") is not None else gaz.country_at(lat, lon)
            article.toponyms.append(Toponym(start, start + len(phrase), lat, lon, country))
        if article.toponyms:
            articles.append(article)
    if not articles:
        raise GoldFormatError(f"{path}: no article with gold toponyms")
    return articles


def metrics_of(errors: list[float], countries: list[bool]) -> dict[str, float]:
    return {
        "acc_161km": round(sum(e <= 161 for e in errors) / len(errors), 4),
        "median_km": round(statistics.median(errors), 1),
        "country_accuracy": round(sum(countries) / len(countries), 4) if countries else 0.0,
    }


def evaluate(path: Path, gaz: Gazetteer) -> dict:
    """Metrics of the resolver and of the most-populous baseline on one gold file.

    ``seconds`` is the whole run: reading the gold file, resolving, the baseline, scoring.
    """
    t0 = time.perf_counter()
    articles = read_corpus(path, gaz)
    ours_err, ours_cty, base_err, base_cty = [], [], [], []
    for article in articles:
        spans = [(t.start, t.end) for t in article.toponyms]
        readings = resolve(gaz, article.text, spans)
        for t, got in zip(article.toponyms, readings, strict=True):
            baseline = most_populous(gaz.lookup(article.text[t.start:t.end]))
            for c, err, cty in ((got, ours_err, ours_cty), (baseline, base_err, base_cty)):
                err.append(haversine_km(t.lat, t.lon, c.lat, c.lon) if c else MISS_KM)
                if t.country:
                    cty.append(c is not None and c.country == t.country)
    seconds = time.perf_counter() - t0
    return {
        "corpus": path.name,
        "metrics": metrics_of(ours_err, ours_cty),
        "baseline": metrics_of(base_err, base_cty),
        "toponyms": len(ours_err),
        "seconds": round(seconds, 2),
    }


def corpus_paths(data_dir: Path, path: str | None) -> list[Path]:
    if path:
        return [Path(path)]
    folder = Path(data_dir) / "geoparsing-en"
    return [folder / name for name in CORPORA]
