"""Gazetteer build time and toponym resolution speed.

Builds the index into a temporary directory (timed), then resolves every gold toponym
of the geoparsing corpora (TR-News, GeoVirus in ../shared/data/geoparsing-en) document by
document, and in the same process the most-populous baseline (one look-up and a max per
toponym). Prints the build time, the index open time, the mean time per toponym of both
and their ratio.

    .venv/bin/python bench/places.py [--no-build]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "geoparsing-en"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-build", action="store_true", help="Time the cached index only.")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}: clone it beside the repo")

    from depeche.config import Settings
    from depeche.evaluation.geo import CORPORA, read_corpus
    from depeche.places.index import Gazetteer, build_index, index_path
    from depeche.places.toponyms import most_populous, resolve

    with tempfile.TemporaryDirectory() as tmp:
        if args.no_build:
            path = index_path(Settings().cache_path)
        else:
            t0 = time.perf_counter()
            path = build_index(Path(tmp) / "gazetteer.sqlite")
            print(f"index build: {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        gaz = Gazetteer(path)
        print(f"index open: {(time.perf_counter() - t0) * 1000:.1f} ms")
        articles = [a for name in CORPORA for a in read_corpus(DATA / name, gaz)]
        n = sum(len(a.toponyms) for a in articles)

        def run_baseline(g):
            for a in articles:
                for t in a.toponyms:
                    most_populous(g.lookup(a.text[t.start:t.end]))

        def run_resolver(g):
            for a in articles:
                resolve(g, a.text, [(t.start, t.end) for t in a.toponyms])

        timings = {}
        cold_resolver, cold_baseline = Gazetteer(path), Gazetteer(path)  # empty look-up caches
        for label, fn, g in (("resolver, cold cache", run_resolver, cold_resolver),
                             ("baseline, cold cache", run_baseline, cold_baseline),
                             ("resolver, warm cache", run_resolver, cold_resolver),
                             ("baseline, warm cache", run_baseline, cold_baseline)):
            t0 = time.perf_counter()
            fn(g)
            timings[label] = (time.perf_counter() - t0) / n * 1000
        print(f"toponyms: {n} in {len(articles)} documents")
        for label, ms in timings.items():
            print(f"{label}: {ms:.3f} ms per toponym")
        for state in ("cold", "warm"):
            ratio = timings[f"resolver, {state} cache"] / timings[f"baseline, {state} cache"]
            print(f"resolver / baseline ({state}): {ratio:.1f}x")


if __name__ == "__main__":
    main()
