"""Speed of the quantities and checks stages against Duckling, on the same OrangeSum articles.

Duckling (``pyduckling-native-phihos``) parses French numbers, distances, durations, money
and temperatures; it was weighed as the engine for the quantities stage. Both get the same
segmented articles (segmentation not timed); prints documents/s for each, the ratio, and
how many items each found.

    .venv/bin/python bench/quantities.py [--n 1000]
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
DIMENSIONS = ["number", "distance", "duration", "amount-of-money", "temperature", "quantity", "volume"]


def documents(n: int):
    from depeche.config import Settings
    from depeche.inputs.readers import read_jsonl
    from depeche.inputs.segments import SegmentStage

    settings = Settings()
    segment = SegmentStage(settings)
    with DATA.open("rb") as fh:
        return [segment(d) for d in itertools.islice(read_jsonl(fh, str(DATA), settings), n)]


def run_depeche(docs) -> tuple[float, int, int]:
    from depeche.quantities.checks import CheckStage
    from depeche.config import Settings
    from depeche.quantities.stage import QuantityStage

    quantities, checks = QuantityStage(Settings()), CheckStage(Settings())
    t0 = time.perf_counter()
    n_q = n_c = 0
    for doc in docs:
        doc = checks(quantities(doc))
        n_q += len(doc.quantities)
        n_c += len(doc.checks)
    return time.perf_counter() - t0, n_q, n_c


def run_duckling(docs) -> tuple[float, int]:
    import duckling

    duckling.init()
    tz = duckling.load_time_zones("/usr/share/zoneinfo")
    ref = duckling.parse_ref_time(tz, "Europe/Paris", 1_600_000_000)
    lang = duckling.parse_lang("FR")
    context = duckling.Context(ref, duckling.parse_locale("FR", duckling.default_locale_lang(lang)))
    dims = duckling.parse_dimensions(DIMENSIONS)
    t0 = time.perf_counter()
    n = sum(len(duckling.parse(doc.text, context, dims, False)) for doc in docs)
    return time.perf_counter() - t0, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="Articles to read.")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA}: not found (clone the shared data beside the repository)", file=sys.stderr)
        return 2
    docs = documents(args.n)
    ours, n_q, n_c = run_depeche(docs)
    theirs, n_d = run_duckling(docs)
    print(f"{len(docs)} articles")
    print(f"depeche quantities+checks: {len(docs) / ours:8.1f} docs/s  ({n_q} quantities, {n_c} checks)")
    print(f"duckling parse:            {len(docs) / theirs:8.1f} docs/s  ({n_d} items, bare numbers included)")
    print(f"ratio: depeche is {theirs / ours:.1f}x the speed of Duckling")
    return 0


if __name__ == "__main__":
    sys.exit(main())
