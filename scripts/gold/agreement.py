"""Inter-annotator agreement on the double articles: primary (events.jsonl) against B7-second
(second/events.jsonl). Events match one-to-one by overlapping triggers (largest overlap first).

    python3 scripts/gold/agreement.py [--gold eval/gold/articles]
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import GOLD, read_jsonl  # noqa: E402


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    pairs = sorted(((_overlap(a["trigger"], b["trigger"]), i, j) for i, a in enumerate(first)
                    for j, b in enumerate(second) if _overlap(a["trigger"], b["trigger"]) > 0), reverse=True)
    used_a, used_b, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            out.append((first[i], second[j]))
    return out


def actors_agree(a, b) -> bool:
    """Both null, or some actor of each side overlaps (role spans or their refs)."""
    if not a or not b:
        return not a and not b
    def keys(actors):
        return [x["span"] for x in actors] + [x["ref"] for x in actors if x["ref"]]
    return any(_overlap(p, q) > 0 for p in keys(a) for q in keys(b))


def table(first: list[dict], second: list[dict]) -> list[tuple[str, str]]:
    by = collections.defaultdict(lambda: ([], []))
    for r in first:
        by[r["article"]][0].append(r)
    for r in second:
        by[r["article"]][1].append(r)
    pairs = [p for a, b in by.values() for p in match(a, b)]
    n1, n2, m = len(first), len(second), len(pairs)
    p = m / n2 if n2 else 0.0
    r = m / n1 if n1 else 0.0
    rows = [("articles", str(len(by))), ("events first / second", f"{n1} / {n2}"),
            ("matched (overlapping trigger)", str(m)),
            ("event F1 (second vs first)", f"{2 * p * r / (p + r):.3f}" if p + r else "0.000")]
    for name, same in (("type", lambda a, b: a["type"] == b["type"]),
                       ("type and mode", lambda a, b: (a["type"], a["mode"]) == (b["type"], b["mode"])),
                       ("source", lambda a, b: actors_agree(a["source"], b["source"])),
                       ("target", lambda a, b: actors_agree(a["target"], b["target"])),
                       ("source and target", lambda a, b: actors_agree(a["source"], b["source"])
                        and actors_agree(a["target"], b["target"])),
                       ("factuality", lambda a, b: a["factuality"] == b["factuality"]),
                       ("date", lambda a, b: a["date"] == b["date"])):
        k = sum(1 for a, b in pairs if same(a, b))
        rows.append((f"{name} agreement (of matched)", f"{k / m:.3f} ({k}/{m})" if m else "-"))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    second = read_jsonl(args.gold / "second" / "events.jsonl")
    done = {d["article"] for d in read_jsonl(args.gold / "second" / "documents.jsonl")}
    done &= {d["article"] for d in read_jsonl(args.gold / "documents.jsonl")}
    if not done:
        print("no double article annotated by both annotators yet")
        return 0
    first = [r for r in read_jsonl(args.gold / "events.jsonl") if r["article"] in done]
    second = [r for r in second if r["article"] in done]
    rows = table(first, second)
    rows[0] = ("articles", str(len(done)))
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
