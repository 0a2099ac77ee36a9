"""Local worker processes against Ray actors, on the same OrangeSum articles, in one run.

Each configuration runs in its own child process (a fresh Ray for each Ray run):
  local, 1 worker; local, 2 workers; Ray, 1 actor; Ray, 2 actors.
For each: end-to-end wall time (model loads and Ray's start included), steady-state
documents/s (from the first batch written to the last, so start-up is left out) and per core,
scaling efficiency T1 / (p * Tp) against the same engine with one worker, and Ray's overhead
(its steady-state rate per core against local processes'). On a machine shared with other work,
wall time per core says more about the others than about the engine: the run's processes (the
driver, workers or actors, and Ray's own) are sampled in /proc twice a second, and the steady
state is also given in documents per CPU second of all of them (what a core would do alone).

    .venv/bin/python bench/scale.py [--n 5000] [--batch-size 32]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
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
print(json.dumps({"docs": report.ok, "seconds": total, "steady": (d2 - d1) / (t2 - t1) if t2 > t1 else 0.0,
                  "marks": [t1, d1, t2, d2]}))
"""
TICK = os.sysconf("SC_CLK_TCK")


def process_table() -> dict[int, tuple[int, float, str]]:
    """pid: (parent pid, CPU seconds so far, start time) of every process in /proc."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        table[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, fields[19])
    return table


def tree_cpu(root: int, seen: dict[tuple[int, str], float]) -> float:
    """The CPU seconds of ``root`` and its descendants, each process at its last sample (``seen``
    keeps those of processes that have ended)."""
    table = process_table()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in table:
            seen[(pid, table[pid][2])] = table[pid][1]
            stack.extend(kids.get(pid, []))
    return sum(seen.values())


def cpu_at(samples: list[tuple[float, float]], when: float) -> float:
    """The sampled CPU seconds at ``when``, linearly between the samples around it."""
    before = max((s for s in samples if s[0] <= when), default=samples[0])
    after = min((s for s in samples if s[0] >= when), default=samples[-1])
    if after[0] == before[0]:
        return before[1]
    return before[1] + (after[1] - before[1]) * (when - before[0]) / (after[0] - before[0])


def run(engine: str, p: int, src: Path, batch: int) -> dict:
    seen: dict[tuple[int, str], float] = {}
    samples: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryFile("w+") as stdout, \
            tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, engine, str(p), str(src), out, str(batch)],
                                stdout=stdout, stderr=stderr, text=True)
        while proc.poll() is None:
            samples.append((time.perf_counter(), tree_cpu(proc.pid, seen)))
            time.sleep(0.5)
        stdout.seek(0)
        stderr.seek(0)
        if proc.returncode:
            sys.exit(f"{engine} x{p} failed:\n{stderr.read()[-2000:]}")
        result = json.loads(stdout.read().strip().splitlines()[-1])
    t1, d1, t2, d2 = result["marks"]
    steady_cpu = cpu_at(samples, t2) - cpu_at(samples, t1)
    result["per_cpu"] = (d2 - d1) / steady_cpu if steady_cpu > 0 else 0.0
    result["cpu"] = sum(seen.values())
    return result


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
        results = {}
        for engine, p in CONFIGS:  # each result as it comes: a long run on a busy machine is not lost
            results[(engine, p)] = run(engine, p, src, args.batch_size)
            print(f"{engine} x{p}: " + json.dumps(results[(engine, p)]), file=sys.stderr, flush=True)
    print(f"{args.n} OrangeSum articles, batch size {args.batch_size}, one run\n")
    print(f"{'engine':<10}{'p':>3}{'docs':>7}{'end-to-end s':>14}{'steady docs/s':>15}{'per core':>10}"
          f"{'efficiency':>12}{'docs/CPU s':>12}{'CPU s':>8}")
    for (engine, p), r in results.items():
        t1 = results[(engine, 1)]["seconds"]
        print(f"{engine:<10}{p:>3}{r['docs']:>7}{r['seconds']:>14.1f}{r['steady']:>15.2f}{r['steady'] / p:>10.2f}"
              f"{t1 / (p * r['seconds']):>12.2f}{r['per_cpu']:>12.2f}{r['cpu']:>8.0f}")
    for p in (1, 2):
        local, ray = results[("local", p)], results[("ray", p)]
        print(f"\nRay x{p}: steady state {ray['steady'] / local['steady']:.2f} x local processes' per core "
              f"(wall), {ray['per_cpu'] / local['per_cpu']:.2f} x per CPU second; "
              f"end-to-end overhead {ray['seconds'] - local['seconds']:+.1f} s")


if __name__ == "__main__":
    main()
