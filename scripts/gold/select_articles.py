"""Draw the whole-article gold sample and write eval/gold/articles/manifest.jsonl (run once; seed 13).

Eligible: OrangeSum articles not in eval/gold/plover_fr.jsonl, whose assembled text occurs only
once in the corpus (every member of an exact-duplicate group is left out) and is at most 6,000
characters. random.Random(13).sample(eligible in corpus order, 240); the first 140 drawn are
train, the next 50 dev, the last 50 test. Double annotation: the first 10 drawn dev and the first
10 drawn test. Batches: the drawn list ordered train, dev, test is dealt round-robin to B1..B6
(40 each, every batch mixing splits); the double articles also go to B7-second.
"""
from __future__ import annotations

import collections
import random

from common import GOLD, MANIFEST, ROOT, corpus, assemble, read_jsonl, sha1, write_jsonl

SEED, N, N_TRAIN, N_DEV, N_TEST, MAX_CHARS, N_BATCHES = 13, 240, 140, 50, 50, 6000, 6


def main() -> None:
    articles = corpus()
    old = {r["article"] for r in read_jsonl(ROOT / "eval" / "gold" / "plover_fr.jsonl")}
    texts = {aid: assemble(r) for aid, r in articles.items()}
    counts = collections.Counter(texts.values())
    eligible = [aid for aid in articles
                if aid not in old and counts[texts[aid]] == 1 and len(texts[aid]) <= MAX_CHARS]
    drawn = random.Random(SEED).sample(eligible, N)
    splits = ["train"] * N_TRAIN + ["dev"] * N_DEV + ["test"] * N_TEST
    double = set(drawn[N_TRAIN:N_TRAIN + 10]) | set(drawn[N_TRAIN + N_DEV:N_TRAIN + N_DEV + 10])
    records = []
    for i, (aid, split) in enumerate(zip(drawn, splits)):
        layers = ["events", "toponyms"] + (["timex"] if split in ("dev", "test") else [])
        records.append({"article": aid, "split": split, "date": articles[aid].get("date"),
                        "chars": len(texts[aid]), "sha1": sha1(texts[aid]), "layers": layers,
                        "batch": f"B{i % N_BATCHES + 1}", "double": aid in double})
    write_jsonl(MANIFEST, records)
    print(f"{len(eligible)} eligible of {len(articles)}; wrote {len(records)} to {MANIFEST.relative_to(ROOT)}")
    table = collections.Counter((r["batch"], r["split"]) for r in records)
    for b in sorted({r["batch"] for r in records}):
        print(b, {s: table[(b, s)] for s in ("train", "dev", "test")},
              "double:", sum(r["double"] for r in records if r["batch"] == b))


if __name__ == "__main__":
    GOLD.mkdir(parents=True, exist_ok=True)
    main()
