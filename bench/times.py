"""Speed of the times stage against dateparser's ``search_dates``, on the same OrangeSum articles.

Both get each article with its date (segments computed beforehand and not timed); prints
documents/s for each, the ratio, and how many expressions each found.

    .venv/bin/python bench/times.py [--n 500]
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"


def documents(n: int):
    from depeche.config import Settings
    from depeche.inputs.readers import read_jsonl
    from depeche.inputs.segments import SegmentStage

    settings = Settings()
    segment = SegmentStage(settings)
    with DATA.open("rb") as fh:
        return [segment(d) for d in itertools.islice(read_jsonl(fh, str(DATA), settings), n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles (default 500)")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"skipped: {DATA} not found (clone the shared data beside the repo)")
    from dateparser.search import search_dates

    from depeche.times.stage import tag

    docs = documents(args.n)
    t0 = time.perf_counter()
    ours = sum(len(tag(d)) - 1 for d in docs)
    depeche_s = time.perf_counter() - t0
    search_dates("le 3 mars 2020", languages=["fr"])  # load dateparser's data outside the timing
    t0 = time.perf_counter()
    theirs = 0
    for d in docs:
        base = dt.datetime.fromisoformat(d.dct.value) if d.dct and d.dct.precision == "day" else None
        theirs += len(search_dates(d.text, languages=["fr"], settings={"RELATIVE_BASE": base} if base else {}) or [])
    dateparser_s = time.perf_counter() - t0
    n = len(docs)
    print(f"{n} OrangeSum articles")
    print(f"depeche times stage      {n / depeche_s:8.1f} docs/s  {ours} expressions")
    print(f"dateparser.search_dates  {n / dateparser_s:8.1f} docs/s  {theirs} expressions")
    print(f"speed ratio depeche / dateparser: {dateparser_s / depeche_s:.1f}x")


if __name__ == "__main__":
    main()
