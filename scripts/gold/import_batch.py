"""Convert a batch's working files (/work/annot/BATCH/ARTICLE.json) into the stored gold.

    python3 scripts/gold/import_batch.py /work/annot/B3/ [--gold eval/gold/articles] [--corpus PATH]

Reads every ARTICLE.json whose "status" is "done" (others are listed and skipped), resolves each
quoted phrase to 0-based end-exclusive offsets into the assembled text (scripts/gold/spans.py),
validates types, modes, factuality, dates and TIMEX values, and rewrites events.jsonl,
timex.jsonl, toponyms.jsonl and documents.jsonl: the batch's earlier records are replaced, other
batches are kept (idempotent). B7-second goes to second/. Any error: every problem is printed
(article and phrase) and nothing is written.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (CORPUS, DATE_VALUE, DURATION_VALUE, FACTUALITY, GOLD, MODES, REF_VALUE,  # noqa: E402
                    SECOND_BATCH, TIMEX_TYPES, assemble, check, corpus, read_jsonl, sha1, write_jsonl)
from spans import SpanError, locate, occurrences, parse, sentence_of  # noqa: E402

FILES = ("events", "timex", "toponyms", "documents")


class Problems(list):
    def add(self, article, what):
        self.append(f"{article}: {what}")


def _date_ok(value) -> bool:
    return value is None or (isinstance(value, str) and bool(DATE_VALUE.match(value) or REF_VALUE.match(value)))


def _timex_ok(kind: str, value) -> bool:
    if not isinstance(value, str):
        return False
    if kind in ("DATE", "TIME"):
        return bool(DATE_VALUE.match(value) or REF_VALUE.match(value))
    if kind == "DURATION":
        return bool(DURATION_VALUE.match(value)) and value != "P"
    return bool(DURATION_VALUE.match(value) or DATE_VALUE.match(value))  # SET


def _actors(text, aid, where, value, sent, problems):
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        problems.add(aid, f"{where}: must be null or a non-empty list of {{span, ref}}")
        return None
    out = []
    for actor in value:
        if not isinstance(actor, dict) or "span" not in actor or "ref" not in actor:
            problems.add(aid, f"{where}: each actor needs 'span' and 'ref' (null, \"=\" or a name): {actor!r}")
            continue
        try:
            s, e = locate(text, actor["span"], within=sent)
        except SpanError as err:
            problems.add(aid, f"{where} span: {err}")
            continue
        ref = actor["ref"]
        if ref is None:
            r = None
        elif ref == "=":
            r = (s, e)
        else:
            try:
                inside = [o for o in occurrences(text, ref) if s <= o[0] and o[1] <= e]
                r = inside[0] if len(inside) == 1 and parse(ref)[3] is None else locate(text, ref, near=s)
            except SpanError as err:
                problems.add(aid, f"{where} ref: {err}")
                continue
        out.append({"span": [s, e], "check": check(text[s:e]),
                    "ref": list(r) if r else None, "ref_check": check(text[r[0]:r[1]]) if r else None})
    return out


def convert(text: str, work: dict, meta: dict, batch: str, problems: Problems):
    """(events, timex, toponyms, document) records of one article's working file."""
    aid = meta["article"]
    annotator = work.get("annotator")
    if not annotator or not isinstance(annotator, str):
        problems.add(aid, "'annotator' is empty")
    base = {"article": aid, "split": meta["split"], "batch": batch, "annotator": annotator}
    events, timexes, toponyms = [], [], []
    for n, ev in enumerate(work.get("events") or [], 1):
        label = f"event {n} ({ev.get('trigger')!r})"
        unknown = set(ev) - {"trigger", "type", "mode", "source", "target", "factuality",
                             "attribution", "date", "event", "note"}
        if unknown:
            problems.add(aid, f"{label}: unknown fields {sorted(unknown)}")
        try:
            ts, te = locate(text, ev.get("trigger"))
        except SpanError as err:
            problems.add(aid, f"{label} trigger: {err}")
            continue
        sent = sentence_of(text, ts)
        kind, mode = ev.get("type"), ev.get("mode")
        if kind not in MODES:
            problems.add(aid, f"{label}: type {kind!r} is not a PLOVER type")
        elif mode is not None and mode not in MODES[kind]:
            problems.add(aid, f"{label}: mode {mode!r} is not a {kind} mode {list(MODES[kind]) or '(none)'}")
        if ev.get("factuality") not in FACTUALITY:
            problems.add(aid, f"{label}: factuality {ev.get('factuality')!r} not in {FACTUALITY}")
        if not _date_ok(ev.get("date")):
            problems.add(aid, f"{label}: date {ev.get('date')!r} is not a TIMEX3 date value or null")
        if not isinstance(ev.get("event"), str) or not ev.get("event"):
            problems.add(aid, f"{label}: 'event' (coreference id such as \"E1\") is missing")
        attribution = None
        if ev.get("attribution") is not None:
            try:
                attribution = list(locate(text, ev["attribution"], within=sent))
            except SpanError as err:
                problems.add(aid, f"{label} attribution: {err}")
        elif ev.get("factuality") == "reported":
            print(f"  note: {aid} {label}: reported with no attribution", file=sys.stderr)
        events.append({**base, "id": f"{aid}:e{n}", "trigger": [ts, te], "check": check(text[ts:te]),
                       "type": kind, "mode": mode,
                       "source": _actors(text, aid, f"{label} source", ev.get("source"), sent, problems),
                       "target": _actors(text, aid, f"{label} target", ev.get("target"), sent, problems),
                       "factuality": ev.get("factuality"), "attribution": attribution,
                       "attribution_check": check(text[attribution[0]:attribution[1]]) if attribution else None,
                       "date": ev.get("date"), "event": f"{aid}:{ev.get('event')}"})
    triggers = [tuple(e["trigger"]) for e in events]
    for t in {t for t in triggers if triggers.count(t) > 1}:
        problems.add(aid, f"two events on the same trigger {text[t[0]:t[1]]!r}")

    def spans_of(item, label):
        q = item.get("span")
        try:
            if item.get("all"):
                if parse(q)[3] is not None or "[" in q:
                    raise SpanError(f"'all' takes a plain phrase, not {q!r}")
                found = occurrences(text, q)
                if not found:
                    raise SpanError(f"not found in the text: {q!r}")
                return found
            return [locate(text, q)]
        except (SpanError, TypeError) as err:
            problems.add(aid, f"{label}: {err}")
            return []

    if work.get("timex") and "timex" not in meta["layers"]:
        problems.add(aid, "timex given but TIMEX3 is not a layer of this article (train)")
    for n, tx in enumerate(work.get("timex") or [], 1):
        label = f"timex {n} ({tx.get('span')!r})"
        if tx.get("type") not in TIMEX_TYPES:
            problems.add(aid, f"{label}: type {tx.get('type')!r} not in {TIMEX_TYPES}")
        elif not _timex_ok(tx["type"], tx.get("value")):
            problems.add(aid, f"{label}: value {tx.get('value')!r} is not a {tx['type']} value")
        for s, e in spans_of(tx, label):
            timexes.append({**base, "span": [s, e], "check": check(text[s:e]),
                            "type": tx.get("type"), "value": tx.get("value")})
    for n, tp in enumerate(work.get("toponyms") or [], 1):
        label = f"toponym {n} ({tp.get('span')!r})"
        resolved = tp.get("resolved")
        if resolved not in (True, False):
            problems.add(aid, f"{label}: 'resolved' must be true or false")
        if resolved and not all(isinstance(tp.get(k), (int, float)) for k in ("lat", "lon")):
            problems.add(aid, f"{label}: resolved needs numeric lat and lon")
        if resolved and not (-90 <= (tp.get("lat") or 0) <= 90 and -180 <= (tp.get("lon") or 0) <= 180):
            problems.add(aid, f"{label}: lat/lon out of range")
        if resolved is False and any(tp.get(k) is not None for k in ("geonames", "lat", "lon")):
            problems.add(aid, f"{label}: unresolved places take null geonames, lat and lon")
        if tp.get("geonames") is not None and not isinstance(tp.get("geonames"), int):
            problems.add(aid, f"{label}: geonames must be an integer id or null")
        for s, e in spans_of(tp, label):
            toponyms.append({**base, "span": [s, e], "check": check(text[s:e]),
                             "geonames": tp.get("geonames"), "lat": tp.get("lat"), "lon": tp.get("lon"),
                             "feature": tp.get("feature"), "country": tp.get("country"),
                             "resolved": resolved, "metonymy": bool(tp.get("metonymy"))})
    # a mention inside a longer toponym mention ("Paris" within "Porte de Paris") is dropped;
    # the same span twice is an error
    keep, seen = [], set()
    for t in toponyms:
        s, e = t["span"]
        if (s, e) in seen:
            problems.add(aid, f"toponym {text[s:e]!r} at {s} is listed twice")
            continue
        seen.add((s, e))
        if not any(o["span"][0] <= s and e <= o["span"][1] and o["span"] != [s, e] for o in toponyms):
            keep.append(t)
    document = {**base, "sha1": sha1(text), "layers": [k for k in ("events", "timex", "toponyms")
                                                      if k != "timex" or "timex" in meta["layers"]],
                "events": len(events), "timex": len(timexes), "toponyms": len(keep)}
    return events, timexes, sorted(keep, key=lambda t: t["span"]), document


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("batch_dir", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    info = json.loads((args.batch_dir / "batch.json").read_text(encoding="utf-8"))
    batch = info["batch"]
    manifest = {r["article"]: r for r in read_jsonl(args.gold / "manifest.jsonl")}
    members = [a for a, r in manifest.items() if (r["double"] if batch == SECOND_BATCH else r["batch"] == batch)]
    articles = corpus(args.corpus)
    problems, skipped = Problems(), []
    out = {k: [] for k in FILES}
    for aid in members:
        path = args.batch_dir / f"{aid}.json"
        if not path.exists():
            skipped.append(aid)
            continue
        try:
            work = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            problems.add(aid, f"{path.name} is not valid JSON: {err}")
            continue
        if work.get("status") != "done":
            skipped.append(aid)
            continue
        if work.get("article") != aid:
            problems.add(aid, f"{path.name} says article {work.get('article')!r}")
        text = assemble(articles[aid])
        if sha1(text) != manifest[aid]["sha1"]:
            problems.add(aid, "the corpus text changed since the manifest was written (sha1 differs)")
            continue
        ev, tx, tp, doc = convert(text, work, manifest[aid], batch, problems)
        out["events"] += ev
        out["timex"] += tx
        out["toponyms"] += tp
        out["documents"].append(doc)
    if problems:
        print(f"{len(problems)} problem(s); nothing written:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    target = args.gold / "second" if batch == SECOND_BATCH else args.gold
    order = {a: i for i, a in enumerate(manifest)}
    for kind in FILES:
        path = target / f"{kind}.jsonl"
        kept = [r for r in read_jsonl(path) if r.get("batch") != batch]
        records = kept + out[kind]
        records.sort(key=lambda r: (order.get(r["article"], 1e9), r.get("trigger") or r.get("span") or [0]))
        write_jsonl(path, records)
    print(f"{batch}: imported {len(out['documents'])} article(s): {len(out['events'])} events, "
          f"{len(out['timex'])} timex, {len(out['toponyms'])} toponyms -> {target}; "
          f"{len(skipped)} not done: {' '.join(skipped) if len(skipped) <= 12 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
