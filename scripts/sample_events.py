"""Draw events from article bodies for a hand check, and print them to be judged.

120 OrangeSum articles outside the PLOVER gold set (the first ones, in file order, after
``--skip``) go through the pipeline; ``--n`` events of their bodies (not titles or leads) are
drawn at random (``--seed``). Each is printed with its sentence, type, mode and actors, and a
TSV skeleton (n, article, start, end, type, correct, note) is written to ``--out`` for the
verdicts; no article text goes into it.

    .venv/bin/python scripts/sample_events.py --out /tmp/handcheck.tsv [--n 60] [--seed 2025]
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
GOLD = ROOT / "eval" / "gold" / "plover_fr.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="TSV skeleton to write the verdicts into.")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--skip", type=int, default=0, help="Articles to pass over first.")
    args = parser.parse_args()
    if not ARTICLES.exists():
        sys.exit(f"shared data not found at {ARTICLES}: clone it beside the repo")

    from depeche.api import analyze_many
    from depeche.inputs.readers import read_jsonl
    from depeche.config import Settings

    settings = Settings()
    gold = {json.loads(line)["article"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    with ARTICLES.open("rb") as fh:
        records = [r for r in read_jsonl(itertools.islice(fh, args.skip, None), str(ARTICLES), settings)
                   if getattr(r, "source", None) not in gold]
    docs = [d for d in analyze_many(records[:args.articles], settings=settings) if hasattr(d, "events")]
    pool = [(d, e) for d in docs for e in d.events
            if any(s.kind == "body" and s.start <= e.start < s.end for s in d.segments)]
    picked = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("n\tarticle\tstart\tend\ttype\tcorrect\tnote\n")
        for n, (doc, event) in enumerate(picked, 1):
            names = {x.id: x.name for x in doc.entities}
            lo = doc.text.rfind(".", 0, event.start) + 1
            hi = doc.text.find(".", event.end)
            sentence = doc.text[lo:hi + 1 if hi >= 0 else len(doc.text)].strip()
            who = [names.get(i, i) for i in event.source] or [m.text for m in event.source_spans]
            whom = [names.get(i, i) for i in event.target] or [m.text for m in event.target_spans]
            print(f"{n}. {event.type}/{event.mode or '-'} «{event.text}» {who} -> {whom} [{event.factuality}]\n"
                  f"   {sentence}\n")
            out.write(f"{n}\t{doc.source}\t{event.start}\t{event.end}\t{event.type}\t\t\n")


if __name__ == "__main__":
    main()
