"""Speed of the events stage against the spaCy parse it reads, on the same OrangeSum articles.

Runs the default pipeline stage by stage over the same batches and times each stage; prints
documents/s for the events stage, its time as a share of the spaCy stage's (the baseline in
the same run), and how many events and quotes it found.

    .venv/bin/python bench/events.py [--n 300] [--event-models]
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="articles to run (default 300)")
    parser.add_argument("--event-models", action="store_true", help="with the trained event components on")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (clone the shared data beside the repository)")
        return 0
    from depeche.config import Settings
    from depeche.models import Document
    from depeche.pipeline import Pipeline
    from depeche.inputs.readers import read_jsonl

    settings = Settings(event_models=args.event_models)
    pipeline = Pipeline(settings)
    with DATA.open("rb") as fh:
        docs = [d for d in itertools.islice(read_jsonl(fh, str(DATA), settings), args.n) if isinstance(d, Document)]
    seconds: dict[str, float] = defaultdict(float)
    done = []
    for start in range(0, len(docs), settings.batch_size):
        batch = docs[start:start + settings.batch_size]
        for stage in pipeline.stages:
            live = [d for d in batch if isinstance(d, Document)]
            t0 = time.perf_counter()
            out = stage.pipe(live)
            seconds[stage.name] += time.perf_counter() - t0
            batch = out
        done += [d for d in batch if isinstance(d, Document)]
    events = sum(len(d.events) for d in done)
    quotes = sum(len(d.quotes) for d in done)
    ev, nlp = seconds["events"], seconds["nlp"]
    print(f"{len(done)} articles: {events} events, {quotes} quotes")
    for name in pipeline.names:
        print(f"  {name:12} {seconds[name]:7.2f} s  {len(done) / max(seconds[name], 1e-9):9.1f} docs/s")
    print(f"events stage: {len(done) / ev:.1f} docs/s, {ev / nlp:.2f} x the spaCy stage's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
