"""Copy detection speed, and linking a stored record.

The copy step (normalised-text hash, MinHash of word 3-grams, LSH look-up and union-find) over
the 5,000 OrangeSum articles, in articles per CPU second (``time.process_time``: one core, other
processes on the machine do not count), beside the straightforward datasketch use measured in the
same run: ``MinHash.update_batch`` over the 3-gram strings with its default SHA-1 hash, then the
same LSH. Prints both rates and their ratio. With ``--db`` it also links that record from
scratch (``depeche link --rebuild``) and prints the time per document and per event mention.

    .venv/bin/python bench/linking.py [--limit 5000] [--db orangesum.db]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"


def straightforward(docs) -> float:
    """Articles per CPU second: datasketch's MinHash.update_batch over 3-gram strings (SHA-1), then LSH."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from depeche.linking.copies import words

    started = time.process_time()
    lsh = MinHashLSH(threshold=0.15, num_perm=64)
    for d in docs:
        w = words(d.text)
        m = MinHash(num_perm=64, seed=1)
        m.update_batch([b" ".join(w[i:i + 3]) for i in range(max(1, len(w) - 2))])
        lean = LeanMinHash(m)
        lsh.query(lean)
        lsh.insert(d.source, lean)
    return len(docs) / (time.process_time() - started)


def depeche_copies(docs) -> float:
    from depeche.linking import Fingerprint, Linking, lead

    started = time.process_time()
    index = Linking().copy_index()
    for d in docs:
        index.add(Fingerprint.of(d.source, d.text, d.metadata, d.dct.value if d.dct else None, title=lead(d.text)[0]))
    index.links()
    return len(docs) / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--db", default=None, help="A record to link from scratch (it is rewritten).")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"shared data not found at {DATA}: clone it beside the repo")
    from depeche.config import Settings
    from depeche.evaluation.linking import articles

    docs = articles(DATA, Settings())[: args.limit]
    ours, theirs = depeche_copies(docs), straightforward(docs)
    print(f"copy step, {len(docs)} articles: depeche {ours:.0f} articles/CPU s; "
          f"datasketch update_batch (SHA-1) {theirs:.0f} articles/CPU s; ratio {ours / theirs:.1f}x")
    if args.db:
        from depeche.linking import link
        from depeche.record import Store

        with Store(args.db) as store:
            started = time.perf_counter()
            report = link(store, rebuild=True)
            seconds = time.perf_counter() - started
        c = report.counts
        print(f"link --rebuild: {report.documents} documents, {report.reports} event mentions in {seconds:.1f} s "
              f"({1000 * seconds / max(1, report.documents):.1f} ms per document); "
              f"{c['linked_events']} linked events, {c['copy_sets']} copy groups, {c['stories']} stories")


if __name__ == "__main__":
    main()
