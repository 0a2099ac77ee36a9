"""Throughput and memory of `depeche analyze` against bare spaCy `nlp.pipe`.

Both run on the same OrangeSum articles, each in its own child process (so each
peak RSS is its own), launched by this one command. Prints documents/s, words/s,
peak RSS and the ratios depeche / spaCy.

    .venv/bin/python bench/throughput.py [--n 1000] [--model md] [--event-models]
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"


def texts(n: int):
    """The article texts exactly as depeche's JSONL reader assembles them."""
    from depeche.config import Settings
    from depeche.inputs.readers import read_jsonl

    with DATA.open("rb") as fh:
        for doc in itertools.islice(read_jsonl(fh, str(DATA), Settings()), n):
            yield doc.text


def run_child(kind: str, n: int, model: str, event_models: bool = False) -> dict:
    from depeche.config import Settings

    settings = Settings(model=model, event_models=event_models)
    docs = list(texts(n))
    words = sum(len(t.split()) for t in docs)
    if kind == "spacy":
        import spacy

        nlp = spacy.load(settings.spacy_model)
        start = time.perf_counter()
        count = sum(1 for _ in nlp.pipe(docs, batch_size=settings.batch_size))
    else:
        import depeche
        from depeche.inputs.readers import read_jsonl

        depeche.api.pipeline(settings)  # load the model before timing, as spaCy's side does
        start = time.perf_counter()
        with DATA.open("rb") as fh:
            items = itertools.islice(read_jsonl(fh, str(DATA), settings), n)
            count = sum(1 for r in depeche.analyze_many(items, settings=settings)
                        if isinstance(r, depeche.Document))
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kind": kind, "docs": count, "words": words, "seconds": seconds,
            "docs_per_s": count / seconds, "words_per_s": words / seconds, "peak_rss_mb": rss_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--model", default="md", choices=["md", "sm"])
    parser.add_argument("--event-models", action="store_true", help="with the trained event components on")
    parser.add_argument("--child", choices=["spacy", "depeche"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (the shared data must sit beside the repository)")
        return
    if args.child:
        print(json.dumps(run_child(args.child, args.n, args.model, args.event_models)))
        return
    results = {}
    for kind in ("spacy", "depeche"):
        extra = ["--event-models"] if args.event_models else []
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--n", str(args.n), "--model", args.model, *extra],
                             check=True, capture_output=True, text=True)
        results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    s, d = results["spacy"], results["depeche"]
    print(f"{args.n} OrangeSum articles, model {args.model}")
    print(f"{'':10}{'docs/s':>10}{'words/s':>12}{'peak RSS MB':>14}")
    for r in (s, d):
        print(f"{r['kind']:10}{r['docs_per_s']:10.1f}{r['words_per_s']:12.0f}{r['peak_rss_mb']:14.0f}")
    print(f"{'ratio':10}{d['docs_per_s'] / s['docs_per_s']:10.2f}{d['words_per_s'] / s['words_per_s']:12.2f}"
          f"{d['peak_rss_mb'] / s['peak_rss_mb']:14.2f}   (depeche / spaCy)")


if __name__ == "__main__":
    main()
