"""Local worker processes against Ray actors, on the same OrangeSum articles, in one run.

Each configuration runs in its own child process (a fresh Ray for each Ray run):
  local, 1 worker; local, 2 workers; Ray, 1 actor; Ray, 2 actors.
For each: end-to-end wall time (model loads and Ray's start included), steady-state
documents/s (from the first batch written to the last, so start-up is left out) and per core,
scaling efficiency T1 / (p * Tp) against the same engine with one worker, and Ray's overhead
(its steady-state rate per core against local processes').

    .venv/bin/python bench/scale.py [--n 5000] [--batch-size 32]
"""
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
CONFIGS = [("local", 1), ("local", 2), ("ray", 1), ("ray", 2)]

CHILD = r"""
import json, sys, time
from depeche.config import Settings
from depeche.record import Store
from depeche.scale import RayOptions, ray_ingest
engine, p, src, out, batch = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
settings = Settings(batch_size=batch)
marks = []
def progress(report):
    marks.append((time.perf_counter(), report.ok))
t0 = time.perf_counter()
if engine == "local":
    with Store(out + "/local.db") as store:
        report = store.ingest([src], workers=p, settings=settings, progress=progress)
else:
    report = ray_ingest([src], settings=settings, options=RayOptions(actors=p), out=out + "/parquet",
                        progress=progress)
total = time.perf_counter() - t0
marks = [m for m in marks if m[1] > 0]
(t1, d1), (t2, d2) = marks[0], marks[-1]
print(json.dumps({"docs": report.ok, "seconds": total, "steady": (d2 - d1) / (t2 - t1) if t2 > t1 else 0.0}))
"""


def run(engine: str, p: int, src: Path, batch: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-c", CHILD, engine, str(p), str(src), out, str(batch)],
                              capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"{engine} x{p} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}; nothing to measure")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with DATA.open(encoding="utf-8") as fh:
            src.write_text("".join(itertools.islice(fh, args.n)), encoding="utf-8")
        results = {(e, p): run(e, p, src, args.batch_size) for e, p in CONFIGS}
    print(f"{args.n} OrangeSum articles, batch size {args.batch_size}, one run\n")
    print(f"{'engine':<10}{'p':>3}{'docs':>7}{'end-to-end s':>14}{'steady docs/s':>15}{'per core':>10}{'efficiency':>12}")
    for (engine, p), r in results.items():
        t1 = results[(engine, 1)]["seconds"]
        print(f"{engine:<10}{p:>3}{r['docs']:>7}{r['seconds']:>14.1f}{r['steady']:>15.2f}{r['steady'] / p:>10.2f}"
              f"{t1 / (p * r['seconds']):>12.2f}")
    for p in (1, 2):
        local, ray = results[("local", p)], results[("ray", p)]
        print(f"\nRay x{p}: steady state {ray['steady'] / local['steady']:.2f} x local processes' per core; "
              f"end-to-end overhead {ray['seconds'] - local['seconds']:+.1f} s")


if __name__ == "__main__":
    main()
