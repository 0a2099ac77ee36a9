"""Quantities and checks on the shared OrangeSum articles, and a fixed-seed sample to check by hand.

Runs only the ``segments``, ``quantities`` and ``checks`` stages (no spaCy), prints the
totals, then ``--sample`` quantities drawn with ``--seed``, each with its document id,
offsets and context, for a hand check. Verdicts are recorded (ids, offsets, verdict;
never the article text) in ``bench/quantities_handcheck.tsv``::

    .venv/bin/python scripts/sample_quantities.py --limit 5000 --sample 100 --seed 7
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from depeche.checks import CheckStage
from depeche.config import Settings
from depeche.errors import InputError
from depeche.quantities import QuantityStage
from depeche.readers import read_jsonl
from depeche.segments import SegmentStage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/orangesum/articles.jsonl")
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--failed-checks", action="store_true", help="Print every failed check with context.")
    args = ap.parse_args(argv)
    path = Path(args.data)
    if not path.exists():
        print(f"{path}: not found (the shared data lives beside the repository)", file=sys.stderr)
        return 2
    settings = Settings()
    stages = [SegmentStage(settings), QuantityStage(settings), CheckStage(settings)]  # no spaCy needed
    units, cats, kinds, failed_kinds = Counter(), Counter(), Counter(), Counter()
    pool: list[tuple[str, int, int, str]] = []  # (doc id, start, end, context)
    failed: list[str] = []
    n_docs = n_q = 0
    t0 = time.perf_counter()
    with path.open("rb") as fh:
        lines = (line for _, line in zip(range(args.limit), fh))
        for doc in read_jsonl(lines, str(path), settings):
            for stage in stages:
                if not isinstance(doc, InputError):
                    doc = stage.guarded(stage, doc)
            if isinstance(doc, InputError):
                print(f"failed {doc.source}: {doc.reason}", file=sys.stderr)
                continue
            n_docs += 1
            rid = doc.metadata.get("id", doc.source)
            for q in doc.quantities:
                n_q += 1
                units[q.unit] += 1
                if q.category:
                    cats[q.category] += 1
                ctx = doc.text[max(0, q.start - 60):q.start] + "[[" + q.text + "]]" + doc.text[q.end:q.end + 40]
                label = f"{q.value:g} {q.unit} {q.qualifier}" + (f"-{q.high:g}" if q.high else "") + (
                    f" {q.category}" if q.category else "")
                pool.append((rid, q.start, q.end, f"{label} | {ctx!r}"))
            for c in doc.checks:
                kinds[c.kind] += 1
                if not c.consistent:
                    failed_kinds[c.kind] += 1
                    if args.failed_checks:
                        failed.append(f"{rid} {c.kind}: {c.detail}")
    elapsed = time.perf_counter() - t0
    print(f"{n_docs} documents, {n_q} quantities, {sum(kinds.values())} checks "
          f"({sum(failed_kinds.values())} failed) in {elapsed:.1f} s")
    print("units:", dict(units.most_common()))
    print("categories:", dict(cats.most_common()))
    print("checks:", dict(kinds), "failed:", dict(failed_kinds))
    for line in failed:
        print(line)
    rng = random.Random(args.seed)
    for rid, start, end, shown in sorted(rng.sample(pool, min(args.sample, len(pool)))):
        print(f"{rid}\t{start}\t{end}\t{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
