"""Events against gold data: French TimeBank (reporting, negation, modality) and the PLOVER gold set.

TimeBank (``fr-timebank/*.tml``): every gold EVENT is located on depeche's parse of the same
text and judged by depeche's factuality rules:
- reporting recall: gold ``class="REPORTING"`` events that depeche reads as a reporting verb
  giving an attribution (or "selon"); precision: depeche's attributing verbs that are gold
  REPORTING events;
- negation: gold ``polarity="NEG"`` events against depeche's ``negated`` (precision, recall);
- modality: events subordinated by an SLINK (MODAL, CONDITIONAL, EVIDENTIAL) or carrying a
  ``modality``: the share depeche does not call ``asserted`` (EVIDENTIAL: called ``reported``);
  and the share of plain events (none of these marks, positive) that depeche calls ``asserted``.

PLOVER gold (``eval/gold/plover_fr.jsonl``, see ``eval/gold/README.md``): annotations pointing
into ``orangesum/articles.jsonl`` by character offsets into the document text as depeche's
JSONL reader builds it; within each annotated window, a system event matches a gold event when
their spans overlap (one-to-one). Type precision/recall/F1, source/target/actor accuracy,
factuality and attribution accuracy on the matched events, overall and per split (dev: the
articles read while the lexicon was written; test: annotated afterwards, unseen).
``actor_coded``: of the gold actors whose phrase the system found, the share it also links to
an entity with a country or a sector (an actor an event dataset can code, not just a phrase).
"""
from __future__ import annotations

import hashlib
import json
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import DepecheError
from .metrics import prf

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold" / "plover_fr.jsonl"
MODAL_LINKS = {"MODAL", "CONDITIONAL", "EVIDENTIAL", "NEG_EVIDENTIAL"}


class GoldError(DepecheError):
    code = "bad-gold"


# ---------------------------------------------------------------- TimeBank

@dataclass
class TbEvent:
    start: int
    end: int
    cls: str
    eiid: str
    negative: bool
    modality: str | None


@dataclass
class TbDoc:
    name: str
    text: str
    events: list[TbEvent] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # subordinated eiid -> relType


def read_tml_events(path: Path) -> TbDoc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldError(f"{path}: not well-formed XML: {exc}") from exc
    body = root.find("TEXT")
    if body is None:
        raise GoldError(f"{path}: no <TEXT>")
    parts: list[str] = []
    events: list[TbEvent] = []
    size = 0

    def walk(el: ET.Element) -> None:
        nonlocal size
        start = size
        if el.text:
            parts.append(el.text)
            size += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                size += len(child.tail)
        if el.tag == "EVENT":
            events.append(TbEvent(start, size, el.get("class", ""), el.get("eiid") or el.get("eid", ""),
                                  el.get("polarity") == "NEG", el.get("modality")))

    walk(body)
    links = {}
    for link in root.iter("SLINK"):
        if link.get("relType") in MODAL_LINKS:
            links[link.get("subordinatedEventInstance", "")] = link.get("relType")
    for inst in root.iter("MAKEINSTANCE"):  # older TimeML: polarity on the instance
        ev = next((e for e in events if e.eiid == inst.get("eiid")), None)
        if ev is not None:
            ev.negative = ev.negative or inst.get("polarity") == "NEG"
            ev.modality = ev.modality or inst.get("modality")
    return TbDoc(path.stem, "".join(parts), events, links)


def eval_timebank(path: Path, settings: Settings) -> dict:
    from ..events import sentence_sources, token_factuality
    from ..nlp import load

    files = sorted(path.glob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"{path}: no .tml files")
    docs = [read_tml_events(f) for f in files]
    nlp = load(settings.spacy_model)
    c = dict.fromkeys(("rep_gold", "rep_found", "rep_pred", "rep_pred_ok", "neg_gold", "neg_found", "neg_pred",
                       "neg_pred_ok", "modal_gold", "modal_found", "evid_gold", "evid_found", "plain", "plain_ok"), 0)
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        reporting_tokens: set[int] = set()
        for sent in sdoc.sents:
            for src in sentence_sources(sent):
                reporting_tokens.add(src.verb.i if src.verb is not None else src.head.i)
        c["rep_pred"] += len(reporting_tokens)
        for ev in doc.events:
            span = sdoc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            tok = span.root
            label, _, _ = token_factuality(tok.sent, tok)
            link = doc.links.get(ev.eiid)
            if ev.cls == "REPORTING":
                c["rep_gold"] += 1
                c["rep_found"] += any(t.i in reporting_tokens for t in span)
            if any(t.i in reporting_tokens for t in span):
                c["rep_pred_ok"] += ev.cls == "REPORTING"
            c["neg_gold"] += ev.negative
            c["neg_found"] += ev.negative and label == "negated"
            c["neg_pred"] += label == "negated"
            c["neg_pred_ok"] += label == "negated" and ev.negative
            if link in ("EVIDENTIAL", "NEG_EVIDENTIAL"):
                c["evid_gold"] += 1
                c["evid_found"] += label in ("reported", "negated", "hypothetical", "feared")
            elif link in ("MODAL", "CONDITIONAL") or ev.modality:
                c["modal_gold"] += 1
                c["modal_found"] += label not in ("asserted", "reported")
            elif not ev.negative:
                c["plain"] += 1
                c["plain_ok"] += label == "asserted"
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {
        "reporting_recall": ratio(c["rep_found"], c["rep_gold"]),
        "reporting_precision": ratio(c["rep_pred_ok"], c["rep_pred"]),
        "negation_recall": ratio(c["neg_found"], c["neg_gold"]),
        "negation_precision": ratio(c["neg_pred_ok"], c["neg_pred"]),
        "modality_recall": ratio(c["modal_found"], c["modal_gold"]),
        "evidential_recall": ratio(c["evid_found"], c["evid_gold"]),
        "plain_asserted": ratio(c["plain_ok"], c["plain"]),
        "counts": c, "docs": len(docs),
    }


# ---------------------------------------------------------------- PLOVER gold set

@dataclass
class GoldEvent:
    article: str
    window: tuple[int, int]
    trigger: tuple[int, int]
    type: str
    mode: str | None
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    factuality: str
    attribution: tuple[int, int] | None
    split: str
    check: str


def read_gold(path: Path) -> list[GoldEvent]:
    out = []
    span = lambda v: tuple(v) if v else None  # noqa: E731
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            out.append(GoldEvent(r["article"], tuple(r["window"]), tuple(r["trigger"]), r["type"], r.get("mode"),
                                 span(r.get("source")), span(r.get("target")), r["factuality"],
                                 span(r.get("attribution")), r.get("split", "dev"), r["check"]))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{number}: bad gold record: {exc}") from None
    return out


def load_articles(path: Path, ids: set[str], settings: Settings):
    """The Documents of ``ids`` from the OrangeSum JSONL file, read as depeche reads JSONL."""
    from ..inputs import read_jsonl

    wanted = []
    with path.open("rb") as fh:
        for line in fh:
            head = line[:80].decode("utf-8", "ignore")
            if any(f'"id": "{i}"' in head for i in ids):
                wanted.append(line)
    return [d for d in read_jsonl(wanted, str(path), settings) if not isinstance(d, DepecheError)]


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


@dataclass
class PloverScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_ok: int = 0
    source_ok: int = 0
    target_ok: int = 0
    factuality_ok: int = 0
    attribution_ok: int = 0
    actors_found: int = 0  # gold actors whose phrase the system found
    actors_coded: int = 0  # ... and gave an entity with a country or a sector
    errors: list[dict] = field(default_factory=list)

    def metrics(self) -> dict:
        ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
        p, r, f1 = prf(self.type_ok, self.predicted, self.gold)
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "type_precision": round(p, 3) if self.predicted else None,
            "type_recall": round(r, 3) if self.gold else None,
            "type_f1": round(f1, 3),
            "span_recall": ratio(self.matched, self.gold),
            "source_accuracy": ratio(self.source_ok, self.matched),
            "target_accuracy": ratio(self.target_ok, self.matched),
            "actor_accuracy": ratio(self.source_ok + self.target_ok, 2 * self.matched),
            "factuality_accuracy": ratio(self.factuality_ok, self.matched),
            "attribution_accuracy": ratio(self.attribution_ok, self.matched),
            "actor_coded": ratio(self.actors_coded, self.actors_found),
        }


def _role_ok(gold_span, spans, ids=(), doc=None) -> bool:
    """Right when a system actor phrase overlaps the gold one, or is an entity (a pronoun, "ce
    dernier") with a mention overlapping it; with no gold actor, right when there is none."""
    if gold_span is None:
        return not spans
    if any(_overlap(gold_span, (m.start, m.end)) for m in spans):
        return True
    entities = {e.id: e for e in doc.entities} if doc is not None else {}
    return any(_overlap(gold_span, (m.start, m.end)) for i in ids if i in entities for m in entities[i].mentions)


def score_article(doc, gold: list[GoldEvent], scores: PloverScores) -> None:
    lo, hi = gold[0].window
    # this gold annotates every mention: an event's further mentions (coreference) count as its own
    mentions = [e.model_copy(update={"start": m.start, "end": m.end, "text": m.text, "mentions": []})
                for e in doc.events for m in e.mentions]
    pred = [e for e in doc.events + mentions if lo <= e.start < hi]
    scores.gold += len(gold)
    scores.predicted += len(pred)
    used: set[int] = set()
    for g in gold:
        text = doc.text[g.trigger[0]:g.trigger[1]]
        if hashlib.sha1(text.encode()).hexdigest()[:8] != g.check:
            raise GoldError(f"{g.article}: gold offsets {g.trigger} no longer point at the annotated words "
                            "(the article text or the JSONL reader changed)")
        cands = [i for i, e in enumerate(pred) if i not in used and _overlap(g.trigger, (e.start, e.end))]
        cands.sort(key=lambda i: pred[i].type != g.type)
        if not cands:
            scores.errors.append({"article": g.article, "gold": f"{g.type} {text!r}", "predicted": "missed"})
            continue
        e = pred[cands[0]]
        used.add(cands[0])
        scores.matched += 1
        scores.type_ok += e.type == g.type
        scores.source_ok += _role_ok(g.source, e.source_spans, e.source, doc)
        scores.target_ok += _role_ok(g.target, e.target_spans, e.target, doc)
        entities = {x.id: x for x in doc.entities}
        for gold_span, spans, ids in ((g.source, e.source_spans, e.source), (g.target, e.target_spans, e.target)):
            if gold_span is not None and _role_ok(gold_span, spans, ids, doc):
                scores.actors_found += 1
                scores.actors_coded += any(i in entities and (entities[i].country or entities[i].sector) for i in ids)
        scores.factuality_ok += e.factuality == g.factuality
        att = (e.attribution.start, e.attribution.end) if e.attribution and e.attribution.start is not None else None
        scores.attribution_ok += (g.attribution is None and att is None) or _overlap(g.attribution, att)
        if e.type != g.type or e.factuality != g.factuality:
            scores.errors.append({"article": g.article, "gold": f"{g.type} {text!r} {g.factuality}",
                                  "predicted": f"{e.type} {e.text!r} {e.factuality}"})
    for i, e in enumerate(pred):
        if i not in used:
            scores.errors.append({"article": doc.source, "gold": "none", "predicted": f"{e.type} {e.text!r}"})


def eval_plover(gold_path: Path, articles: Path, settings: Settings) -> dict:
    from ..api import pipeline

    gold = read_gold(gold_path)
    by_article: dict[str, list[GoldEvent]] = {}
    for g in gold:
        by_article.setdefault(g.article, []).append(g)
    docs = load_articles(articles, set(by_article), settings)
    missing = set(by_article) - {d.source for d in docs}
    if missing:
        raise GoldError(f"{articles}: gold articles not found: {sorted(missing)[:5]}")
    splits = {"all": PloverScores()} | {name: PloverScores() for name in sorted({g.split for g in gold})}
    base = PloverScores()
    for doc in pipeline(settings).run(docs):
        if isinstance(doc, DepecheError):
            raise GoldError(f"{doc}")
        events = by_article[doc.source]
        score_article(doc, events, splits["all"])
        score_article(doc, events, splits[events[0].split])
        score_article(doc.model_copy(update={"events": baseline_events(doc)}), events, base)
    out = {name: s.metrics() for name, s in splits.items()}
    out["baseline"] = base.metrics()
    out["errors"] = splits["all"].errors
    out["articles"] = len(by_article)
    return out


def baseline_events(doc) -> list:
    """The same lexicon without the parse: one-word triggers by lemma, the nearest name before
    as source and after as target (same sentence), always asserted, never attributed."""
    from ..events import event_regions
    from ..models import Event, Mention
    from ..events import lexicon

    words = {}
    for trig in lexicon():
        if len(trig.words) == 1 and not trig.words[0].reflexive:
            for option in trig.words[0].options:
                words.setdefault(option, trig)
    out = []
    for lo, hi, _ in event_regions(doc):
        for tok in doc.spacy.char_span(lo, hi, alignment_mode="contract") or []:
            trig = words.get(tok.lemma_.lower())
            if trig is None or (trig.pos == "VERB") != (tok.pos_ in ("VERB", "AUX")):
                continue
            names = [t for t in tok.sent if t.pos_ == "PROPN"]
            left = [t for t in names if t.i < tok.i][-1:]
            right = [t for t in names if t.i > tok.i][:1]
            spans = lambda ts: [Mention(start=t.idx, end=t.idx + len(t), text=t.text) for t in ts]  # noqa: E731
            out.append(Event(id=f"B{len(out) + 1}", type=trig.type, start=tok.idx, end=tok.idx + len(tok),
                             text=tok.text, source_spans=spans(left), target_spans=spans(right)))
    return out


def evaluate(data_dir: Path, settings: Settings, timebank: Path | None = None, gold: Path | None = None) -> dict:
    """Both parts; ``{"metrics": {...}, "docs": n, "seconds": s}``."""
    started = time.perf_counter()
    tb_path = timebank or data_dir / "fr-timebank"
    articles = data_dir / "orangesum" / "articles.jsonl"
    for p in (tb_path, articles):
        if not p.exists():
            raise GoldError(f"{p}: gold data not found (clone the shared data beside the repository)")
    tb = eval_timebank(tb_path, settings)
    plover = eval_plover(gold or GOLD, articles, settings)
    errors = plover.pop("errors")
    metrics = {"timebank": {k: v for k, v in tb.items() if k != "docs"}, "plover": plover}
    return {"metrics": metrics, "docs": tb["docs"] + plover["articles"],
            "seconds": round(time.perf_counter() - started, 1), "errors": errors}
