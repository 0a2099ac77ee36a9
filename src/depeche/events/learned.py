"""The trained event components, applied after the lexicon (``docs/models.md`` is their card).

The lexicon proposes candidates; four linear models trained on the whole-article French PLOVER
gold (``depeche train events``) decide:
1. the **event classifier**: each candidate word (a lexicon trigger, or a verb or noun whose
   lemma the training data saw as a trigger) is a real, specific event of a PLOVER type, or not;
2. the **role model**: which nominal of the event's sentence is its source, its target, or neither;
3. the **factuality model**: asserted, reported, planned, hypothetical, feared or negated;
4. **event coreference**: a later mention of an event already told joins it (``Event.mentions``).

The weights ship in ``data/models/events.json.gz`` (feature -> weight per class, and the event
classifier's weights over the word vector), are loaded once per process, and are applied by plain
dot products: nothing downloads and scoring needs no library beyond spaCy's own (numpy).
"""
from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy
from spacy.tokens import Token

from .features import candidate_features, factuality_features, role_features
from .roles import NOT_ACTORS, RELATIVE, actor_like, actor_span
from ..models import Mention
from ..nlp import sentence_of

MODEL_PATH = "data/models/events.json.gz"
NOMINAL = {"NOUN", "PROPN", "PRON"}


@dataclass
class Linear:
    """A multinomial (or binary) linear model over feature strings."""

    classes: list[str]
    bias: list[float]
    weights: dict[str, list[float]]
    dense: "numpy.ndarray | None" = None  # (scores, dimensions): weights over the word's unit vector

    def __post_init__(self):
        # the weights as one matrix (a row per feature), so that a sum of rows scores a candidate
        self._index = {f: n for n, f in enumerate(self.weights)}
        self._matrix = numpy.array(list(self.weights.values()), dtype=numpy.float64).reshape(
            len(self.weights), len(self.bias))

    def scores(self, features: list[str], vector=None) -> list[float]:
        rows = [n for n in map(self._index.get, features) if n is not None]
        out = numpy.array(self.bias, dtype=numpy.float64)
        if rows:
            out += self._matrix[rows].sum(axis=0)
        if self.dense is not None and vector is not None:
            out += self.dense @ unit(vector)
        return out.tolist()

    def proba(self, features: list[str], vector=None) -> dict[str, float]:
        s = self.scores(features, vector)
        if len(self.classes) == 2 and len(s) == 1:  # binary: one score for the second class
            p = 1 / (1 + math.exp(-max(min(s[0], 30), -30)))
            return {self.classes[0]: 1 - p, self.classes[1]: p}
        top = max(s)
        exp = [math.exp(x - top) for x in s]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}

    @classmethod
    def from_dict(cls, d: dict) -> "Linear":
        dense = numpy.asarray(d["dense"], dtype=numpy.float32) if d.get("dense") else None
        return cls(d["classes"], d["bias"], d["weights"], dense)


def unit(vector) -> "numpy.ndarray":
    """The word vector scaled to length one (a zero vector, for a word the model has none for, stays zero)."""
    v = numpy.asarray(vector, dtype=numpy.float32)
    norm = float(numpy.linalg.norm(v))
    return v / norm if norm > 0 else v


@dataclass
class EventModels:
    candidate: Linear
    role: Linear
    factuality: Linear
    coref: Linear
    vocabulary: frozenset[str]
    modes: dict[str, str]
    thresholds: dict[str, float]
    info: dict


def parse_models(raw: dict) -> EventModels:
    return EventModels(
        Linear.from_dict(raw["candidate"]), Linear.from_dict(raw["role"]), Linear.from_dict(raw["factuality"]),
        Linear.from_dict(raw["coref"]), frozenset(raw["vocabulary"]), raw["modes"], raw["thresholds"], raw["info"])


@lru_cache(maxsize=1)
def load_models() -> EventModels | None:
    """The shipped models, read once per process; None when the package has none."""
    path = resources.files("depeche").joinpath(MODEL_PATH)
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return parse_models(json.loads(gzip.decompress(fh.read()).decode("utf-8")))


# ---------------------------------------------------------------- candidates and actors

@dataclass
class Candidate:
    token: Token
    start: int
    end: int
    lexicon_type: str | None
    lexicon_mode: str | None
    rule: object | None  # the lexicon's Event on this word, if any


def head_token(doc, start: int, end: int) -> Token | None:
    span = doc.spacy.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def candidates(doc, rule_events, regions, vocabulary) -> list[Candidate]:
    """The lexicon's events, then every other verb or noun whose lemma training saw as a trigger."""
    out: list[Candidate] = []
    covered: set[int] = set()
    for ev in rule_events:
        tok = head_token(doc, ev.start, ev.end)
        if tok is None:
            continue
        out.append(Candidate(tok, ev.start, ev.end, ev.type, ev.mode, ev))
        covered.update(range(ev.start, ev.end))
    for lo, hi, _ in regions if vocabulary else ():
        span = doc.spacy.char_span(lo, hi, alignment_mode="contract")
        for tok in span or []:
            if tok.pos_ in ("VERB", "NOUN") and tok.idx not in covered and tok.lemma_.lower() in vocabulary:
                out.append(Candidate(tok, tok.idx, tok.idx + len(tok), None, None, None))
    return sorted(out, key=lambda c: c.start)


def actor_candidates(trigger: Token, exclude: set[int]) -> list[Token]:
    """Nominals of the trigger's sentence that may name an actor (names, pronouns, actor nouns)."""
    out = []
    for tok in sentence_of(trigger):
        if tok.i in exclude or tok.pos_ not in NOMINAL or tok.dep_ in ("flat:name", "fixed"):
            continue
        if tok.lower_ in NOT_ACTORS or tok.lower_ in RELATIVE:
            continue
        if actor_like(tok) or tok.ent_type_ in ("PER", "ORG", "GPE", "LOC"):
            out.append(tok)
    return out


def rule_role(rule, tok: Token) -> str | None:
    """Whether the lexicon's rules gave ``tok``'s phrase as the source or target of this event."""
    if rule is None:
        return None
    s, e = actor_span(tok)
    for role, spans in (("source", rule.source_spans), ("target", rule.target_spans)):
        if any(m.start < e and s < m.end for m in spans):
            return role
    return None


def choose_roles(models: EventModels, trigger: Token, event_type: str, rule, exclude: set[int]):
    """(source tokens, target tokens): the best candidate for each role above its threshold, with
    the names coordinated to it ("la France et l'Allemagne")."""
    best: dict[str, tuple[float, Token]] = {}
    for cand in actor_candidates(trigger, exclude):
        p = models.role.proba(role_features(trigger, cand, event_type, rule_role(rule, cand)))
        for role in ("source", "target"):
            if p[role] >= models.thresholds[role] and (role not in best or p[role] > best[role][0]):
                best[role] = (p[role], cand)
    if "source" in best and "target" in best and best["source"][1].i == best["target"][1].i:
        weaker = min(("source", "target"), key=lambda r: best[r][0])
        del best[weaker]
    out = {}
    for role in ("source", "target"):
        if role not in best:
            out[role] = []
            continue
        tok = best[role][1]
        out[role] = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ in NOMINAL and actor_like(c)]
    return out["source"], out["target"]


def actor_phrase(tok: Token) -> tuple[int, int]:
    """The actor's span, with the name standing right after a descriptor in apposition ("le
    chancelier Olaf Scholz", "Le président ukrainien Volodymyr Zelensky"): the name is the actor."""
    start, end = actor_span(tok)
    doc, sent = tok.doc, sentence_of(tok)
    i = next((t.i for t in doc[tok.i:sent.end] if t.idx >= end), sent.end)
    j = i
    while j < sent.end and doc[j].pos_ == "PROPN" and doc[j].is_title:
        j += 1
    if j > i and tok.pos_ == "NOUN":
        end = doc[j - 1].idx + len(doc[j - 1].text)
    return start, end


def _with_name(doc, start: int, end: int) -> tuple[int, int]:
    """A descriptor the rules found, with the name in apposition right after it."""
    tok = head_token(doc, start, end)
    if tok is None or tok.pos_ != "NOUN":
        return start, end
    s, e = actor_phrase(tok)
    return (min(s, start), max(e, end)) if s < end and start < e else (start, end)


def in_title(doc, offset: int) -> bool:
    seg = doc.segment_at(offset)
    return seg is not None and seg.kind == "title"


def zone(doc, offset: int) -> str:
    """Where the word stands: "title", "lead" (the first body paragraph), "caption" or "body"."""
    seg = doc.segment_at(offset)
    if seg is None:
        return "body"
    if seg.kind != "body":
        return "title" if seg.kind == "title" else "caption" if seg.kind == "caption" else "body"
    first = next((s for s in doc.segments if s.kind == "body"), None)
    return "lead" if first is not None and first.start == seg.start else "body"


# ---------------------------------------------------------------- applying the models

def classify(models: EventModels, doc, cand: Candidate) -> str | None:
    """The candidate's PLOVER type, or None when it is no event. A lexicon trigger is dropped only
    when the classifier is sure it is no event (below ``veto`` in the title and lead, ``veto_body``
    in the rest of the article: each chosen on the gold that covers it) and keeps the lexicon's type unless
    another is likelier than ``retype``; another word becomes an event above ``new_event``."""
    where = zone(doc, cand.start)
    p = models.candidate.proba(candidate_features(cand.token, cand.lexicon_type, cand.lexicon_mode, where),
                               cand.token.vector)
    event = 1 - p.get("NONE", 0.0)
    best = max((c for c in p if c != "NONE"), key=p.get)
    th = models.thresholds
    if cand.rule is None:
        return best if event >= th["new_event"] else None
    if event < th.get("veto_body" if where in ("body", "caption") else "veto", th["veto"]):
        return None
    return best if best != cand.lexicon_type and p[best] >= th["retype"] else cand.lexicon_type


def refine(doc, quotes, rule_events, models: EventModels) -> list:
    """The lexicon's events judged, retyped, given missing actors and factuality by the models, new
    events from the other candidates, and repeat mentions merged (``Event.mentions``)."""
    from .stage import event_regions

    events = []
    taken: set[int] = set()
    # other words are candidates only when the classifier may make them events (``new_event`` <= 1)
    vocabulary = models.vocabulary if models.thresholds["new_event"] <= 1 else frozenset()
    for cand in candidates(doc, rule_events, event_regions(doc), vocabulary):
        if cand.token.i in taken:
            continue
        label = classify(models, doc, cand)
        if label is None:
            continue
        ev, exclude = event_of(models, doc, cand, label, quotes)
        taken |= exclude
        ev.factuality = decide_factuality(models, doc, cand.token, ev)
        events.append((cand.token, ev))
    return merge_mentions(models, doc, events)


def event_of(models: EventModels, doc, cand: Candidate, label: str, quotes):
    """(the event the candidate becomes with this type, its trigger's token indices): the rules'
    actors stand and the role model fills a role they left empty; factuality still the rules'.
    Training builds its factuality and coreference examples with this too (the actors kept in use)."""
    from .stage import actor_ids, build_event

    exclude = {t.i for t in doc.spacy.char_span(cand.start, cand.end, alignment_mode="expand") or [cand.token]}
    if cand.rule is not None and cand.rule.source_spans and cand.rule.target_spans:
        source, target = [], []  # the rules' actors stand
    else:
        source, target = choose_roles(models, cand.token, label, cand.rule, exclude)
    spans = {"source": [actor_phrase(t) for t in source], "target": [actor_phrase(t) for t in target]}
    if cand.rule is not None:  # the rules' actors stand; the model fills a role they left empty
        for role in ("source", "target"):
            found = [_with_name(doc, m.start, m.end) for m in getattr(cand.rule, f"{role}_spans")]
            if found:
                spans[role] = found
        other = {"source": "target", "target": "source"}
        for role in ("source", "target"):
            spans[role] = [sp for sp in spans[role] if not any(sp[0] < e and s < sp[1] for s, e in spans[other[role]])] \
                if not getattr(cand.rule, f"{role}_spans") else spans[role]
    mode = cand.lexicon_mode if label == cand.lexicon_type else models.modes.get(f"{cand.token.lemma_.lower()}|{label}")
    if cand.rule is None:
        return build_event(doc, cand.token, cand.start, cand.end, label, mode, spans["source"], spans["target"],
                           quotes), exclude
    ev = cand.rule.model_copy(update={"type": label, "mode": mode, "mentions": []})  # place, time, cues kept
    for role in ("source", "target"):
        if spans[role] != [(m.start, m.end) for m in getattr(ev, f"{role}_spans")]:
            setattr(ev, f"{role}_spans", [Mention(start=s, end=e, text=doc.text[s:e]) for s, e in spans[role]])
            setattr(ev, role, actor_ids(doc, spans[role], quotes))
    return ev, exclude


def event_factuality_features(doc, tok: Token, ev) -> list[str]:
    quoted = any(q.start <= ev.start < q.end for q in doc.quotes)
    return factuality_features(tok, ev.factuality, ev.cues, ev.attribution is not None, ev.type,
                               in_title(doc, ev.start), quoted)


def decide_factuality(models: EventModels, doc, tok: Token, ev) -> str:
    """The model's label when it is surer than the ``factuality`` threshold, else the rules'."""
    p = models.factuality.proba(event_factuality_features(doc, tok, ev))
    best = max(p, key=p.get)
    return best if p[best] >= models.thresholds.get("factuality", 0.0) else ev.factuality


def pair_features(a: Token, b: Token, ea, eb, sent_a: int, sent_b: int, doc) -> list[str]:
    """Is the later mention ``b`` the same event as the earlier ``a``?"""
    dist = sent_b - sent_a
    bucket = "0" if dist == 0 else "1" if dist == 1 else "3" if dist <= 3 else "8" if dist <= 8 else "far"
    det = next((c.lemma_.lower() for c in b.children if c.dep_ == "det"), "-")
    shared = set(ea.source + ea.target) & set(eb.source + eb.target)
    f = [f"dist={bucket}", f"same_lemma={a.lemma_.lower() == b.lemma_.lower()}", f"pos={a.pos_}|{b.pos_}",
         f"det={det}", f"bdet_pos={det}|{b.pos_}", f"title_a={in_title(doc, ea.start)}", f"type={ea.type}",
         f"shared_actor={bool(shared)}", f"same_fact={ea.factuality == eb.factuality}",
         f"same_time={ea.time is not None and ea.time == eb.time}", f"same_place={ea.place is not None and ea.place == eb.place}",
         f"b_actor={bool(eb.source or eb.target)}", f"same_mode={ea.mode == eb.mode}",
         f"lemmas={a.lemma_.lower()}|{b.lemma_.lower()}", f"dist_same={bucket}|{a.lemma_.lower() == b.lemma_.lower()}",
         f"other_time={ea.time is not None and eb.time is not None and ea.time != eb.time}",
         f"other_place={ea.place is not None and eb.place is not None and ea.place != eb.place}"]
    return f


def compatible(ea, eb) -> bool:
    """A later mention may join an earlier event only when it names no actor the earlier one lacks:
    each of its actors is one of the earlier's (the same entity, or the same words when not linked),
    else it is another event, or merging would lose what it says. Factuality may differ (an arrest
    told in the title, then reported in the body)."""
    for role in ("source", "target"):
        ids_b, ids_a = set(getattr(eb, role)), set(getattr(ea, role))
        words_b = {m.text.lower() for m in getattr(eb, f"{role}_spans")}
        words_a = {m.text.lower() for m in getattr(ea, f"{role}_spans")}
        if not ids_b and not words_b:
            continue
        if (ids_b and ids_b <= ids_a) or (words_b and words_b <= words_a):
            continue
        return False
    return True


def merge_mentions(models: EventModels, doc, events: list) -> list:
    """Attach each event to its most likely earlier compatible mention of the same type above the threshold."""
    starts = [s for s, _ in doc_sentences(doc)]
    import bisect

    sent_no = lambda tok: bisect.bisect_right(starts, tok.i) - 1  # noqa: E731
    primary: dict[int, int] = {}
    for j, (tb, eb) in enumerate(events):
        best, best_p = None, models.thresholds["coref"]
        for i in range(j):
            ta, ea = events[i]
            if ea.type != eb.type or not compatible(ea, eb):
                continue
            p = models.coref.proba(pair_features(ta, tb, ea, eb, sent_no(ta), sent_no(tb), doc))["1"]
            if p >= best_p:
                best, best_p = i, p
        if best is not None:
            root = primary.get(best, best)
            primary[j] = root
            ev = events[root][1]
            ev.mentions.append(Mention(start=eb.start, end=eb.end, text=eb.text))
    return [ev for j, (_, ev) in enumerate(events) if j not in primary]


def doc_sentences(doc):
    from ..nlp import sentences

    return sentences(doc.spacy)
