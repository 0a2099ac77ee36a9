"""Write a batch's articles for annotation: ARTICLE.txt (header + assembled text) and an empty
ARTICLE.json template per article, plus batch.json and FORMAT.md.

    python3 scripts/gold/export_batch.py B3 --out /work/annot/B3/
    python3 scripts/gold/export_batch.py B7-second --out /work/annot/B7-second/
Existing .json working files are never overwritten.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, MANIFEST, SECOND_BATCH, assemble, corpus, read_jsonl, sha1  # noqa: E402

HEADER_END = "=== TEXT (everything below this line is the document) ===\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("batch")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    args = ap.parse_args(argv)
    manifest = read_jsonl(args.manifest)
    members = [r for r in manifest if (r["double"] if args.batch == SECOND_BATCH else r["batch"] == args.batch)]
    if not members:
        raise SystemExit(f"no article in batch {args.batch!r}")
    articles = corpus(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "batch.json").write_text(json.dumps({"batch": args.batch}) + "\n", encoding="utf-8")
    shutil.copy(Path(__file__).with_name("FORMAT.md"), args.out / "FORMAT.md")
    for r in members:
        text = assemble(articles[r["article"]])
        if sha1(text) != r["sha1"]:
            raise SystemExit(f"{r['article']}: corpus text differs from the manifest's sha1")
        header = (f"article: {r['article']}\ndate: {r['date']}\nsplit: {r['split']}\n"
                  f"layers: {', '.join(r['layers'])}\n")
        (args.out / f"{r['article']}.txt").write_text(header + HEADER_END + text + "\n", encoding="utf-8")
        work = args.out / f"{r['article']}.json"
        if not work.exists():
            template = {"article": r["article"], "date": r["date"], "annotator": "", "status": "todo",
                        "events": [], "toponyms": []}
            if "timex" in r["layers"]:
                template["timex"] = []
            work.write_text(json.dumps(template, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    splits = {s: sum(r["split"] == s for r in members) for s in ("train", "dev", "test")}
    print(f"{args.batch}: {len(members)} articles {splits} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
