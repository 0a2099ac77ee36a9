"""Sample and show the linking gold (eval/linking/, issue 18); see eval/linking/GUIDELINES.md.

    .venv/bin/python scripts/linking_gold.py copies-sample [--articles PATH] [--out eval/linking/copies.tsv]
    .venv/bin/python scripts/linking_gold.py events-sample --db orangesum.db [--out eval/linking/events.tsv]
    .venv/bin/python scripts/linking_gold.py show copies|events [--from N] [--to N]   # for the annotator's eyes
    .venv/bin/python scripts/linking_gold.py label FILE PAIR=LABEL[:note] ...          # write labels

The files keep ids, offsets and hashes only; `show` prints the texts to the terminal.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "linking"
ARTICLES = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
COPY_COLUMNS = ["pair", "split", "stratum", "a", "a_doc", "b", "b_doc", "label", "note"]
EVENT_COLUMNS = ["group", "pair", "split", "stratum", "a_doc", "a_source", "a_start", "a_end", "a_type",
                 "b_doc", "b_source", "b_start", "b_end", "b_type", "label", "note"]
STRATA = [("identical", 1.0, 1.01), ("j70", 0.7, 1.0), ("j50", 0.5, 0.7), ("j30", 0.3, 0.5),
          ("j15", 0.15, 0.3), ("j05", 0.05, 0.15)]


def split_of(key: str) -> str:
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


def documents(path: Path):
    from depeche.config import Settings
    from depeche.inputs import read_jsonl

    with open(path, "rb") as f:
        return [d for d in read_jsonl(f, str(path), Settings()) if hasattr(d, "text")]


def copies_sample(args) -> None:
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from depeche.linking import Fingerprint

    docs = documents(Path(args.articles))
    fps = {d.source: Fingerprint.of(d.source, d.text, d.metadata) for d in docs}
    by_source = {d.source: d for d in docs}
    lsh = MinHashLSH(threshold=0.05, num_perm=64)
    for s, f in fps.items():
        lsh.insert(s, LeanMinHash(seed=1, hashvalues=f.values(), scheme="affine32"))
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen = set()
    for s, f in fps.items():
        for o in lsh.query(LeanMinHash(seed=1, hashvalues=f.values(), scheme="affine32")):
            a, b = sorted((s, o))
            if a == b or (a, b) in seen or by_source[a].id == by_source[b].id:
                continue  # the same text under two ids is one stored document: nothing to label
            seen.add((a, b))
            if fps[a].text_hash == fps[b].text_hash:
                pairs["identical"].append((a, b))
                continue
            j = float(np.count_nonzero(fps[a].values() == fps[b].values())) / 64
            for name, lo, hi in STRATA[1:]:
                if lo <= j < hi:
                    pairs[name].append((a, b))
    # Same day, a title word in common, little text in common: hard negatives (and rewrites).
    by_day = defaultdict(list)
    for d in docs:
        by_day[d.dct.value if d.dct else ""].append(d)
    rng = random.Random(args.seed)
    for day, ds in sorted(by_day.items()):
        for i, a in enumerate(ds):
            ta = {w for w in a.text.split("\n")[0].lower().split() if len(w) > 5}
            for b in ds[i + 1:]:
                tb = {w for w in b.text.split("\n")[0].lower().split() if len(w) > 5}
                key = tuple(sorted((a.source, b.source)))
                if len(ta & tb) >= 2 and key not in seen and a.id != b.id:
                    pairs["same_day"].append(key)
    rows = []
    for name in [s[0] for s in STRATA] + ["same_day"]:
        chosen = sorted(pairs[name])
        rng.shuffle(chosen)
        for a, b in chosen[: args.per_stratum]:
            pid = hashlib.sha1(f"{a}/{b}".encode()).hexdigest()[:10]
            rows.append({"pair": pid, "split": split_of(pid), "stratum": name, "a": a, "a_doc": by_source[a].id,
                         "b": b, "b_doc": by_source[b].id, "label": "", "note": ""})
        print(f"{name}: {len(pairs[name])} candidates, {min(len(pairs[name]), args.per_stratum)} sampled",
              file=sys.stderr)
    write(Path(args.out), COPY_COLUMNS, rows)


def events_sample(args) -> None:
    from depeche.linking import EventLinker, LinkRules, baseline
    from depeche.record import Store

    rules = LinkRules()
    rng = random.Random(args.seed)
    with Store(args.db) as store:
        reports = store.reports()
        sources = {r[0]: r[1] for r in store.conn.execute("SELECT id, source FROM documents")}
    base = EventLinker(rules, rule=lambda a, b, r: baseline(a.report, b.report, r))
    linker = EventLinker(rules)
    by_type = defaultdict(list)
    for r in reports:
        base.index(r)
        linker.index(r)
        by_type[r.type].append(r)
    groups = []
    used = set()
    out = Path(args.out)
    existing = read(out) if args.append and out.exists() else []
    for r in existing:
        used.update({(r["a_doc"], int(r["a_start"])), (r["b_doc"], int(r["b_start"]))})
    types = sorted(by_type)
    per_type = max(1, args.groups // len(types))
    for t in types:
        seeds = list(by_type[t])
        rng.shuffle(seeds)
        made = 0
        for seed in seeds:
            if made >= per_type + (1 if t in ("ACCUSE", "PROTEST", "COERCE", "ASSAULT", "CONSULT", "REQUEST") else 0):
                break
            if (seed.doc_id, seed.start) in used:
                continue
            p = linker.reports[seed.key]
            block = [c for c in base.candidates(p) if c.report.doc_id != seed.doc_id
                     and base.rule(p, c, rules).linked and (c.report.doc_id, c.report.start) not in used]
            names = {a.key for a in seed.actors if a.key and a.named} | ({seed.place} if seed.place else set())
            if args.names:  # second round: blocks where a candidate shares a proper name or place
                block = [c for c in block if names & ({a.key for a in c.report.actors if a.key and a.named}
                                                      | ({c.report.place} if c.report.place else set()))]
            if len(block) < 2 or (args.names and not names):
                continue
            linked = [] if args.names else [c for c in block if linker.rule(p, c, rules).linked]
            sharing = [c for c in block if c not in linked and (
                {a.key for a in c.report.actors if a.key} | ({c.report.place} if c.report.place else set())) & names]
            chosen = []
            for pool in (linked, sharing, block, block):
                pool = [c for c in pool if c not in chosen and c.report.doc_id not in
                        {x.report.doc_id for x in chosen}]
                if pool:
                    chosen.append(rng.choice(pool))
            members = [seed] + [c.report for c in chosen[:3]]
            used.update((m.doc_id, m.start) for m in members)
            gid = hashlib.sha1("/".join(f"{m.doc_id}:{m.start}" for m in members).encode()).hexdigest()[:10]
            groups.append((gid, ("name:" if args.names else "") + t, members))
            made += 1
    rows = []
    for gid, t, members in groups:
        split = split_of(gid)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                rows.append({"group": gid, "pair": f"{gid}-{members.index(a)}{members.index(b)}", "split": split,
                             "stratum": t, "a_doc": a.doc_id, "a_source": sources[a.doc_id], "a_start": a.start,
                             "a_end": a.end, "a_type": a.type, "b_doc": b.doc_id, "b_source": sources[b.doc_id],
                             "b_start": b.start, "b_end": b.end, "b_type": b.type, "label": "", "note": ""})
    print(f"{len(groups)} groups, {len(rows)} pairs", file=sys.stderr)
    write(out, EVENT_COLUMNS, existing + rows)


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def show(args) -> None:
    articles = {json.loads(line)["id"]: json.loads(line) for line in open(args.articles, encoding="utf-8")}
    if args.which == "copies":
        rows = read(GOLD / "copies.tsv")[args.start:args.stop]
        for r in rows:
            a, b = articles[r["a"]], articles[r["b"]]
            print(f"=== {r['pair']} [{r['stratum']}] {r['a']} {a['date']} | {r['b']} {b['date']}")
            print(f"A: {a['title'][:150]} || {a['text'][:args.chars]}")
            print(f"B: {b['title'][:150]} || {b['text'][:args.chars]}")
            sa, sb = set(_sentences(a["text"])), set(_sentences(b["text"]))
            print(f"   sentences A {len(sa)}, B {len(sb)}, shared {len(sa & sb)}")
        return
    rows = read(GOLD / "events.tsv")
    groups = defaultdict(list)
    for r in rows:
        groups[r["group"]].append(r)
    docs = {d.source: d for d in documents(Path(args.articles))} if rows else {}
    for gid in list(groups)[args.start:args.stop]:
        members = {}
        for r in groups[gid]:
            for side, i in (("a", r["pair"][-2]), ("b", r["pair"][-1])):
                members[i] = (r[f"{side}_source"], int(r[f"{side}_start"]), int(r[f"{side}_end"]), r[f"{side}_type"])
        print(f"##### group {gid} ({groups[gid][0]['stratum']})")
        for i, (src, s, e, t) in sorted(members.items()):
            d = docs[src]
            text = d.text
            lo = max(text.rfind(".", 0, s - 1), text.rfind("\n", 0, s), s - 260) + 1
            hi = min([x for x in (text.find(".", e), text.find("\n", e)) if x >= 0] + [e + 220])
            print(f"[{i}] {src} {d.dct.value if d.dct else ''} TITLE: {text.split(chr(10))[0][:110]}")
            print(f"    {text[lo:s].strip()} [[{text[s:e]}]] {text[e:hi + 1].strip()}")


def _sentences(text: str) -> list[str]:
    import re

    return [s.strip() for s in re.split(r"(?<=[.!?])\s*", text) if len(s.strip()) > 30]


def label(args) -> None:
    path = Path(args.file)
    rows = read(path)
    columns = list(rows[0].keys())
    by_pair = {r["pair"]: r for r in rows}
    for item in args.labels:
        pair, _, value = item.partition("=")
        value, _, note = value.partition(":")
        if pair not in by_pair or value not in ("0", "1", ""):
            sys.exit(f"bad label {item!r}")
        by_pair[pair]["label"] = value
        if note:
            by_pair[pair]["note"] = note
    write(path, columns, rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("copies-sample")
    c.add_argument("--articles", default=str(ARTICLES))
    c.add_argument("--out", default=str(GOLD / "copies.tsv"))
    c.add_argument("--per-stratum", type=int, default=35)
    c.add_argument("--seed", type=int, default=18)
    e = sub.add_parser("events-sample")
    e.add_argument("--db", required=True)
    e.add_argument("--out", default=str(GOLD / "events.tsv"))
    e.add_argument("--groups", type=int, default=96)
    e.add_argument("--seed", type=int, default=18)
    e.add_argument("--names", action="store_true",
                   help="second round: blocks whose candidates share a proper name or place with the seed")
    e.add_argument("--append", action="store_true", help="add groups to the file instead of replacing it")
    s = sub.add_parser("show")
    s.add_argument("which", choices=["copies", "events"])
    s.add_argument("--articles", default=str(ARTICLES))
    s.add_argument("--from", dest="start", type=int, default=0)
    s.add_argument("--to", dest="stop", type=int, default=None)
    s.add_argument("--chars", type=int, default=260)
    lab = sub.add_parser("label")
    lab.add_argument("file")
    lab.add_argument("labels", nargs="+")
    args = p.parse_args()
    {"copies-sample": copies_sample, "events-sample": events_sample, "show": show, "label": label}[args.cmd](args)


if __name__ == "__main__":
    main()
