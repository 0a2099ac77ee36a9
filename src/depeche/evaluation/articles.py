"""Events on the whole-article French PLOVER gold (``eval/gold/articles/``), per split.

Each gold line is one event *mention* (trigger span, type, mode, source, target, factuality,
attribution) with an ``event`` id: mentions sharing it are one event (a coreference cluster).
Articles listed in ``documents.jsonl`` are imported; one with no event line has no event.

Scoring, per article (all offsets into the text depeche's JSONL reader assembles):
- a system event **matches** a gold mention when one of its spans (its trigger, or a further
  mention kept as evidence) overlaps the gold trigger and the types are equal;
- **precision**: matched system events / system events; **recall**: gold events (clusters) with
  at least one matched mention / gold events; a system event matching a cluster that an earlier
  system event already matched is a **duplicate** (``duplicate_rate`` = duplicates / system events;
  duplicates count as matched for precision, not again for recall);
- on the matched, non-duplicate events: **source/target right** when the gold role is null and
  the system gives none, or when the system gives at least one actor and every system actor
  overlaps a gold actor's span or its ``ref`` (directly, or through a mention of the entity the
  system linked); **both actors right**; **actors coded**: of the gold actors found, the share
  linked to an entity with a country or a sector; **factuality** and **attribution** accuracy
  (attribution: both null, or overlapping spans);
- **fully right**: a system event that matches (real event, right type) with both actors and
  factuality right, over all system events (and over matched events).
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import DepecheError
from .events import GoldError, load_articles
from .metrics import prf

ARTICLES = Path(__file__).resolve().parents[3] / "eval" / "gold" / "articles"
SPLITS = ("train", "dev", "test")


@dataclass
class GoldActor:
    span: tuple[int, int]
    ref: tuple[int, int] | None


@dataclass
class GoldMention:
    article: str
    split: str
    id: str
    trigger: tuple[int, int]
    check: str
    type: str
    mode: str | None
    source: list[GoldActor] | None
    target: list[GoldActor] | None
    factuality: str
    attribution: tuple[int, int] | None
    event: str


@dataclass
class GoldArticle:
    article: str
    split: str
    sha1: str
    mentions: list[GoldMention] = field(default_factory=list)


def _actors(value) -> list[GoldActor] | None:
    if not value:
        return None
    return [GoldActor(tuple(a["span"]), tuple(a["ref"]) if a.get("ref") else None) for a in value]


def read_article_gold(folder: Path = ARTICLES) -> dict[str, GoldArticle]:
    """The imported articles (``documents.jsonl``) with their event mentions, by article id."""
    def lines(name: str):
        path = folder / name
        if not path.exists():
            raise GoldError(f"{path}: whole-article gold file not found")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{number}: not JSON: {exc}") from None

    manifest = {r["article"]: r for r in lines("manifest.jsonl")}
    out: dict[str, GoldArticle] = {}
    for r in lines("documents.jsonl"):
        if "events" in r.get("layers", ["events"]):
            out[r["article"]] = GoldArticle(r["article"], manifest[r["article"]]["split"], manifest[r["article"]]["sha1"])
    for number, r in enumerate(lines("events.jsonl"), 1):
        try:
            art = out[r["article"]]
            art.mentions.append(GoldMention(
                r["article"], r["split"], r["id"], tuple(r["trigger"]), r["check"], r["type"], r.get("mode"),
                _actors(r.get("source")), _actors(r.get("target")), r["factuality"],
                tuple(r["attribution"]) if r.get("attribution") else None, r["event"]))
        except (KeyError, TypeError) as exc:
            raise GoldError(f"{folder / 'events.jsonl'}:{number}: bad event record: {exc!r}") from None
    return out


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def event_spans(ev) -> list[tuple[int, int]]:
    """The trigger first, then the further mentions a merged event keeps as evidence."""
    return [(ev.start, ev.end)] + [(m.start, m.end) for m in getattr(ev, "mentions", [])]


@dataclass
class Scores:
    predicted: int = 0
    matched: int = 0  # system events matching a gold mention of the same type (duplicates included)
    trigger_matched: int = 0  # ... of any type
    duplicates: int = 0
    gold_events: int = 0
    found_events: int = 0
    gold_mentions: int = 0
    scored: int = 0  # matched non-duplicate events: the attributes below are over these
    source_ok: int = 0
    target_ok: int = 0
    both_ok: int = 0
    factuality_ok: int = 0
    attribution_ok: int = 0
    fully_ok: int = 0
    actors_found: int = 0
    actors_coded: int = 0
    errors: list[dict] = field(default_factory=list)

    def metrics(self) -> dict:
        ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
        p, r, f1 = prf(self.matched, self.predicted, self.gold_events)
        r = self.found_events / self.gold_events if self.gold_events else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "gold_events": self.gold_events, "gold_mentions": self.gold_mentions, "predicted": self.predicted,
            "precision": round(p, 3) if self.predicted else None, "recall": round(r, 3) if self.gold_events else None,
            "f1": round(f1, 3), "trigger_precision": ratio(self.trigger_matched, self.predicted),
            "duplicate_rate": ratio(self.duplicates, self.predicted),
            "source_right": ratio(self.source_ok, self.scored), "target_right": ratio(self.target_ok, self.scored),
            "both_actors_right": ratio(self.both_ok, self.scored),
            "actors_coded": ratio(self.actors_coded, self.actors_found),
            "factuality_accuracy": ratio(self.factuality_ok, self.scored),
            "attribution_accuracy": ratio(self.attribution_ok, self.scored),
            "fully_right": ratio(self.fully_ok, self.predicted),
            "fully_right_of_matched": ratio(self.fully_ok, self.scored),
        }


def role_right(gold: list[GoldActor] | None, spans, ids, entities: dict) -> bool:
    """Null gold: no system actor. Else at least one system actor, each overlapping a gold actor's
    span or ref, directly or through a mention of an entity the system linked to the role."""
    if not gold:
        return not spans and not ids
    if not spans and not ids:
        return False
    targets = [a.span for a in gold] + [a.ref for a in gold if a.ref]
    linked = [m for i in ids if i in entities for m in entities[i].mentions]
    hits_gold = lambda sp: any(_overlap(sp, t) for t in targets)  # noqa: E731
    entity_hit = any(hits_gold((m.start, m.end)) for m in linked)

    def covered(span) -> bool:
        if hits_gold(span):
            return True
        return entity_hit and any(_overlap(span, (m.start, m.end)) for m in linked)

    if spans:
        return all(covered((m.start, m.end)) for m in spans)
    return entity_hit


def _attribution_right(gold, att, entities) -> bool:
    if att is None or att.start is None:
        return gold is None
    if gold is None:
        return False
    if _overlap(gold, (att.start, att.end)):
        return True
    ent = entities.get(att.entity) if att.entity else None
    return ent is not None and any(_overlap(gold, (m.start, m.end)) for m in ent.mentions)


def score_document(doc, events, art: GoldArticle, scores: Scores, keep_errors: bool) -> None:
    """Add one article's figures to ``scores``; errors are kept only when ``keep_errors``."""
    for g in art.mentions:
        text = doc.text[g.trigger[0]:g.trigger[1]]
        if hashlib.sha1(text.encode()).hexdigest()[:8] != g.check:
            raise GoldError(f"{g.id}: gold offsets {g.trigger} no longer point at the annotated words")
    entities = {e.id: e for e in doc.entities}
    clusters = {g.event for g in art.mentions}
    scores.gold_events += len(clusters)
    scores.gold_mentions += len(art.mentions)
    scores.predicted += len(events)
    found: set[str] = set()
    used: set[str] = set()
    for ev in sorted(events, key=lambda e: e.start):
        spans = event_spans(ev)
        same_type = [g for g in art.mentions if g.type == ev.type and any(_overlap(s, g.trigger) for s in spans)]
        scores.trigger_matched += any(_overlap(s, g.trigger) for s in spans for g in art.mentions)
        if not same_type:
            if keep_errors:
                other = next((g for g in art.mentions if _overlap((ev.start, ev.end), g.trigger)), None)
                scores.errors.append({"article": art.article, "kind": "spurious" if other is None else "type",
                                      "predicted": f"{ev.type} {ev.text!r} @{ev.start}",
                                      "gold": f"{other.type} {other.factuality}" if other else "none"})
            continue
        # the trigger's own match first, an unused mention, a cluster not yet found
        same_type.sort(key=lambda g: (not _overlap((ev.start, ev.end), g.trigger), g.id in used, g.event in found))
        g = same_type[0]
        scores.matched += 1
        if g.event in found:
            scores.duplicates += 1
            if keep_errors:
                scores.errors.append({"article": art.article, "kind": "duplicate",
                                      "predicted": f"{ev.type} {ev.text!r} @{ev.start}", "gold": g.event})
            continue
        found.add(g.event)
        used.add(g.id)
        scores.scored += 1
        src = role_right(g.source, ev.source_spans, ev.source, entities)
        tgt = role_right(g.target, ev.target_spans, ev.target, entities)
        fact = ev.factuality == g.factuality
        scores.source_ok += src
        scores.target_ok += tgt
        scores.both_ok += src and tgt
        scores.factuality_ok += fact
        scores.attribution_ok += _attribution_right(g.attribution, ev.attribution, entities)
        scores.fully_ok += src and tgt and fact
        for gold_role, ok, ids in ((g.source, src, ev.source), (g.target, tgt, ev.target)):
            if gold_role and ok:
                scores.actors_found += 1
                scores.actors_coded += any(i in entities and (entities[i].country or entities[i].sector) for i in ids)
        if keep_errors and not (src and tgt and fact):
            scores.errors.append({
                "article": art.article, "kind": "attributes", "predicted": f"{ev.type} {ev.text!r} @{ev.start}",
                "gold": f"{g.id} {g.factuality}", "factuality": None if fact else f"{ev.factuality} vs {g.factuality}",
                "source": None if src else f"{[m.text for m in ev.source_spans]} vs {_show(doc, g.source)}",
                "target": None if tgt else f"{[m.text for m in ev.target_spans]} vs {_show(doc, g.target)}"})
    scores.found_events += len(found)
    if keep_errors:
        for cluster in sorted(clusters - found):
            g = next(m for m in art.mentions if m.event == cluster)
            scores.errors.append({"article": art.article, "kind": "missed",
                                  "gold": f"{g.type} {doc.text[g.trigger[0]:g.trigger[1]]!r} @{g.trigger[0]} {g.factuality}",
                                  "predicted": "none"})


def _show(doc, actors) -> list[str] | None:
    return [doc.text[a.span[0]:a.span[1]] for a in actors] if actors else None


def check_texts(docs, gold: dict[str, GoldArticle]) -> None:
    for doc in docs:
        if hashlib.sha1(doc.text.encode()).hexdigest() != gold[doc.source].sha1:
            raise GoldError(f"{doc.source}: the assembled article text differs from the one annotated (sha1)")


def eval_articles(articles: Path, settings: Settings, folder: Path = ARTICLES, errors_for: tuple[str, ...] = ()) -> dict:
    """System and rule-only baseline per split; errors listed only for the splits in ``errors_for``
    (never pass "test": its errors must not be read to write rules or features)."""
    from ..api import pipeline
    from ..events import rule_events

    gold = read_article_gold(folder)
    docs = load_articles(articles, set(gold), settings)
    missing = set(gold) - {d.source for d in docs}
    if missing:
        raise GoldError(f"{articles}: gold articles not found: {sorted(missing)[:5]}")
    check_texts(docs, gold)
    system = {s: Scores() for s in SPLITS}
    base = {s: Scores() for s in SPLITS}
    # depeche with its trained event components, whatever the setting; the rules from the same parse;
    # no time budget (accuracy is measured here, not speed: a loaded machine must not fail an article)
    for doc in pipeline(settings.model_copy(update={"event_models": True, "time_budget": 0.0})).run(docs):
        if isinstance(doc, DepecheError):
            raise GoldError(f"{doc}")
        art = gold[doc.source]
        keep = art.split in errors_for and art.split != "test"
        score_document(doc, doc.events, art, system[art.split], keep)
        score_document(doc, rule_events(doc), art, base[art.split], False)
    counts = {s: sum(a.split == s for a in gold.values()) for s in SPLITS}
    return {
        "metrics": {s: system[s].metrics() for s in SPLITS},
        "baseline": {s: base[s].metrics() for s in SPLITS},
        "articles": counts,
        "errors": [e for s in SPLITS for e in system[s].errors],
    }


def evaluate(data_dir: Path, settings: Settings, errors_for: tuple[str, ...] = ()) -> dict:
    started = time.perf_counter()
    articles = data_dir / "orangesum" / "articles.jsonl"
    if not articles.exists():
        raise GoldError(f"{articles}: gold data not found (clone the shared data beside the repository)")
    out = eval_articles(articles, settings, errors_for=errors_for)
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out
