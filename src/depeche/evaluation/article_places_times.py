"""The whole-article French gold (``eval/gold/articles``, see its README): places, times and
event dates on OrangeSum articles, one split at a time.

The gold files hold offsets and hashes only; the texts come from ``orangesum/articles.jsonl``
in the shared data, assembled as depeche's JSONL reader does. A split's records are read only
when that split is asked for (the test split is for the final measurement alone).

- places (``toponyms.jsonl``): each gold toponym span is resolved as the English corpora's are
  (``metrics``) and as the places stage outputs it (``output``: a reading the stage leaves
  unresolved counts as none); accuracy within 161 km and country over the toponyms the gold
  places, and how many of those the gold leaves unresolved the stage leaves unresolved too;
  baseline: the most populous candidate.
- times (``timex.jsonl``): every TIMEX3 of the articles whose timex layer is done, scored as
  French TimeBank is (strict and relaxed F1, type and value accuracy), with the article's date
  as the DCT.
- event dates (``events.jsonl``): gold events matched to the system's by overlapping trigger
  (or further mention; one to one, same type first); on the matched ones, the share whose date is the gold ``date``
  (an event the system dates only by the document date counts as no date, as in the gold).
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from pathlib import Path

from ..config import Settings
from ..errors import DepecheError

GOLD_DIR = Path(__file__).resolve().parents[3] / "eval" / "gold" / "articles"
MISS_KM = 20_000.0


class ArticleGoldError(DepecheError):
    code = "bad-gold"


def articles_path(data_dir: Path) -> Path:
    return Path(data_dir) / "orangesum" / "articles.jsonl"


def read_layer(gold_dir: Path, layer: str, split: str) -> dict[str, list[dict]]:
    """The records of ``layer`` (events, timex, toponyms) in ``split``, by article; {} when none."""
    path = Path(gold_dir) / f"{layer}.jsonl"
    out: dict[str, list[dict]] = defaultdict(list)
    if not path.exists():
        return {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArticleGoldError(f"{path}:{number}: not JSON: {exc}") from None
        if record.get("split") == split:
            out[record["article"]].append(record)
    return dict(out)


def done_articles(gold_dir: Path, layer: str, split: str) -> set[str]:
    """Articles of ``split`` whose ``layer`` is annotated (an article with no record has none)."""
    return {r["article"] for rs in read_layer(gold_dir, "documents", split).values() for r in rs
            if layer in r.get("layers", ())}


def manifest(gold_dir: Path) -> dict[str, dict]:
    path = Path(gold_dir) / "manifest.jsonl"
    return {r["article"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r} \
        if path.exists() else {}


def _check(text: str, span, check: str, where: str) -> None:
    if hashlib.sha1(text[span[0]:span[1]].encode("utf-8")).hexdigest()[:8] != check:
        raise ArticleGoldError(f"{where}: gold offsets {span} no longer point at the annotated words")


def load(data_dir: Path, ids: set[str], settings: Settings) -> dict[str, object]:
    """The Documents of the articles ``ids``, read as depeche reads JSONL, by article id."""
    from .events import load_articles

    path = articles_path(data_dir)
    if not path.exists():
        raise ArticleGoldError(f"{path}: the OrangeSum articles are not here (clone the shared data)")
    docs = {d.source: d for d in load_articles(path, ids, settings)}
    missing = ids - set(docs)
    if missing:
        raise ArticleGoldError(f"{path}: gold articles not found: {sorted(missing)[:5]}")
    return docs


def skipped(layer: str, split: str) -> str:
    return f"French article gold: no {layer} annotations in the {split} split yet (eval/gold/articles/{layer}.jsonl)"


# --------------------------------------------------------------------------- places

def eval_places(data_dir: Path, settings: Settings, split: str, gold_dir: Path = GOLD_DIR) -> dict | None:
    """Place resolution on the gold toponyms of ``split``; None when the split has none.

    ``metrics`` reads each toponym as the English corpora are read (``resolve``: a name the
    gazetteer lacks reads as the document's main town or country), so that the gold's points for
    places no gazetteer entry fits (a monument, a street) are scored as the issue defines them;
    ``output`` reads it as the places stage outputs it (``kept_readings``: a place the stage leaves
    unresolved counts as a miss, 20,000 km and no country)."""
    from ..places import HOME_COUNTRY, gazetteer, haversine_km, kept_readings, most_populous, resolve
    from .geo import metrics_of

    gold = read_layer(gold_dir, "toponyms", split)
    if not gold:
        return None
    t0 = time.perf_counter()
    gaz = gazetteer(settings)
    docs = load(data_dir, set(gold), settings)
    scored: dict[str, tuple[list, list]] = {"metrics": ([], []), "output": ([], []), "baseline": ([], [])}
    unresolved = agreed = no_entry = 0
    for article, records in gold.items():
        text = docs[article].text
        for r in records:
            _check(text, r["span"], r["check"], article)
        spans = [tuple(r["span"]) for r in records]
        readings = resolve(gaz, text, spans, home=HOME_COUNTRY)
        kept = kept_readings(gaz, text, spans)
        for r, got, out in zip(records, readings, kept, strict=True):
            if not r.get("resolved") or r.get("lat") is None:
                unresolved += 1
                agreed += out is None
                continue
            no_entry += r.get("geonames") is None
            base = most_populous(gaz.lookup(text[r["span"][0]:r["span"][1]]))
            for key, c in (("metrics", got), ("output", out), ("baseline", base)):
                err, cty = scored[key]
                err.append(haversine_km(r["lat"], r["lon"], c.lat, c.lon) if c else MISS_KM)
                if r.get("country"):
                    cty.append(c is not None and c.country == r["country"])
    return {
        "corpus": f"orangesum-{split}",
        **{key: metrics_of(err, cty) if err else {} for key, (err, cty) in scored.items()},
        "toponyms": len(scored["metrics"][0]),
        "no_gazetteer_id": no_entry,
        "unresolved_gold": unresolved,
        "unresolved_agreement": round(agreed / unresolved, 4) if unresolved else None,
        "articles": len(gold),
        "seconds": round(time.perf_counter() - t0, 2),
    }


# --------------------------------------------------------------------------- times

def eval_times(data_dir: Path, settings: Settings, split: str, gold_dir: Path = GOLD_DIR,
               baseline: bool = True) -> dict | None:
    """TIMEX3 recognition and values on ``split``, French TimeBank's scorer; None when none."""
    from .timebank import GoldDoc, Timex, dateparser_tagger, depeche_tagger, score

    gold = read_layer(gold_dir, "timex", split)
    done = done_articles(gold_dir, "timex", split) | set(gold)
    if not done:
        return None
    dates = manifest(gold_dir)
    docs = load(data_dir, done, settings)
    golds = []
    for article in sorted(done):
        text = docs[article].text
        records = gold.get(article, [])
        for r in records:
            _check(text, r["span"], r["check"], article)
        golds.append(GoldDoc(article, text, dates[article]["date"],
                             [Timex(r["span"][0], r["span"][1], r["type"], r["value"]) for r in records]))
    ours = score(golds, depeche_tagger)
    result = {"corpus": f"orangesum-{split}", "metrics": ours.metrics(), "docs": len(golds),
              "seconds": round(ours.seconds, 3)}
    if baseline:
        base = score(golds, dateparser_tagger)
        result["baseline"] = {**base.metrics(), "name": "dateparser.search_dates", "seconds": round(base.seconds, 3)}
    result["errors"] = ours.errors
    return result


# --------------------------------------------------------------------------- event dates

def _system_date(doc, event) -> str | None:
    times = {t.id: t for t in doc.times}
    t = times.get(event.time) if event.time else None
    return None if t is None or t.dct else t.value


def score_dates(doc, gold: list[dict], counts: dict[str, int], errors: list[dict]) -> None:
    """Match ``doc``'s events to the gold ones (overlapping triggers, one to one, same type
    first) and count the matched events whose date is the gold date."""
    used: set[int] = set()
    for g in gold:
        _check(doc.text, g["trigger"], g["check"], g["article"])
        s, e = g["trigger"]
        cands = [i for i, ev in enumerate(doc.events) if i not in used
                 and any(a < e and s < b for a, b in [(ev.start, ev.end)] + [(m.start, m.end) for m in ev.mentions])]
        counts["gold"] += 1
        counts["gold_dated"] += g.get("date") is not None
        if not cands:
            continue
        cands.sort(key=lambda i: doc.events[i].type != g["type"])
        used.add(cands[0])
        got = _system_date(doc, doc.events[cands[0]])
        counts["matched"] += 1
        counts["date_ok"] += got == g.get("date")
        if g.get("date") is not None:
            counts["matched_dated"] += 1
            counts["dated_ok"] += got == g["date"]
        if got != g.get("date"):
            errors.append({"article": g["article"], "trigger": doc.text[s:e], "gold": g.get("date"), "got": got})


def eval_event_dates(data_dir: Path, settings: Settings, split: str, gold_dir: Path = GOLD_DIR) -> dict | None:
    """Event-date accuracy on the events gold of ``split``; None when the split has none."""
    from ..api import pipeline

    gold = read_layer(gold_dir, "events", split)
    if not gold:
        return None
    t0 = time.perf_counter()
    docs = load(data_dir, set(gold), settings)
    counts: dict[str, int] = defaultdict(int)
    errors: list[dict] = []
    for doc in pipeline(settings).run(docs.values()):
        if isinstance(doc, DepecheError):
            raise ArticleGoldError(str(doc))
        score_dates(doc, gold[doc.source], counts, errors)
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {
        "split": split, "articles": len(gold), "gold": counts["gold"], "matched": counts["matched"],
        "date_accuracy": ratio(counts["date_ok"], counts["matched"]),
        "dated_accuracy": ratio(counts["dated_ok"], counts["matched_dated"]),
        "gold_dated": counts["gold_dated"], "seconds": round(time.perf_counter() - t0, 1),
        "errors": errors,
    }
