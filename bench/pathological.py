"""Time per KB of the whole pipeline on pathological documents, from 10 KB to 1 MB, in one run.

Every pattern of ``tests/pathological.py`` (dates repeated in one sentence, a page without
punctuation, ``« dit-il »`` over and over, glued elisions, quotation marks that never close, an
endless number, a very long ordinary article) is analyzed at each size, one document at a time,
with the per-document time budget off. A stage whose work grows with the square of a sentence or
of the document shows as a time per KB that grows with the size; the last column is the largest
time per KB of a pattern over its smallest (flat: at most 2). The time is this process's CPU
time (``time.process_time``: what other work on a shared machine does not change); ``--wall``
measures wall-clock time instead.

    .venv/bin/python bench/pathological.py [--sizes 10,30,100,300,1000] [--patterns dates,dit-il]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pathological import PATTERNS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30,100,300,1000", help="sizes in KB (default 10,30,100,300,1000)")
    parser.add_argument("--patterns", default=",".join(PATTERNS), help="patterns (default: all)")
    parser.add_argument("--model", default="md", choices=("md", "sm"))
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args()

    from depeche.api import make_document
    from depeche.config import Settings
    from depeche.errors import InputError
    from depeche.pipeline import Pipeline

    sizes = [int(s) for s in args.sizes.split(",")]
    settings = Settings(model=args.model, time_budget=0, max_chars=max(sizes) * 1000)
    pipe = Pipeline(settings)
    pipe.run_batch([make_document(PATTERNS["sentences"](2000))])  # load everything outside the timing
    clock = time.perf_counter if args.wall else time.process_time
    print(f"{'pattern':14} " + " ".join(f"{s:>7} KB" for s in sizes)
          + f"   (ms per KB, {'wall' if args.wall else 'CPU'})  max/min")
    for name in args.patterns.split(","):
        per_kb = []
        for size in sizes:
            text = PATTERNS[name](size * 1000)
            t0 = clock()
            result = pipe.run_batch([make_document(text)])[0]
            seconds = clock() - t0
            if isinstance(result, InputError):
                sys.exit(f"{name} at {size} KB failed: {result.code}: {result.reason}")
            per_kb.append(seconds * 1000 / (len(text.encode("utf-8")) / 1000))
        ratio = max(per_kb) / min(per_kb)
        print(f"{name:14} " + " ".join(f"{v:10.1f}" for v in per_kb) + f"   {ratio:14.2f}"
              + ("" if ratio <= 2 else "  NOT FLAT"), flush=True)


if __name__ == "__main__":
    main()
