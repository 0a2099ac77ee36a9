"""Cost of the entities stage on top of spaCy, on the same OrangeSum articles, in one run.

The segments and language stages run first (not timed); then, batch by batch, the nlp
stage (spaCy) and the entities stage are timed separately on the same documents. Prints
both times, the entities stage as a percentage of spaCy's time (the target is at most 15 %),
and how many entities and mentions it found.

    .venv/bin/python bench/entities.py [--n 300] [--model md]
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--model", choices=["md", "sm"], default="md")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"skipped: {DATA} not found (clone the shared data beside the repo)")
    from depeche.config import Settings
    from depeche.entities.stage import EntityStage
    from depeche.entities.knowledge_base import knowledge
    from depeche.inputs.language import LanguageStage
    from depeche.nlp import NlpStage
    from depeche.inputs.readers import read_jsonl
    from depeche.inputs.segments import SegmentStage

    settings = Settings(model=args.model)
    with DATA.open("rb") as fh:
        docs = list(itertools.islice(read_jsonl(fh, str(DATA), settings), args.n))
    docs = LanguageStage(settings).pipe(SegmentStage(settings).pipe(docs))
    docs = [d for d in docs if not isinstance(d, Exception)]
    nlp, entities = NlpStage(settings), EntityStage(settings)
    knowledge()  # load the knowledge base outside the timing, as the model is
    nlp_s = ent_s = 0.0
    found = mentions = 0
    for i in range(0, len(docs), settings.batch_size):
        batch = docs[i:i + settings.batch_size]
        t0 = time.perf_counter()
        batch = nlp.pipe(batch)
        t1 = time.perf_counter()
        batch = entities.pipe(batch)
        t2 = time.perf_counter()
        nlp_s += t1 - t0
        ent_s += t2 - t1
        for d in batch:
            found += len(d.entities)
            mentions += sum(len(e.mentions) for e in d.entities)
    print(f"{len(docs)} OrangeSum articles, spaCy {settings.spacy_model}")
    print(f"nlp stage (spaCy)  {nlp_s:8.2f} s")
    print(f"entities stage     {ent_s:8.2f} s  {found} entities, {mentions} mentions")
    print(f"entities / spaCy: {100 * ent_s / nlp_s:.1f} % (target: at most 15 %)")


if __name__ == "__main__":
    main()
