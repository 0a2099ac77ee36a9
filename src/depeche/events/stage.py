"""The events stage: PLOVER events with actors, place, time, attribution and factuality; quotes.

For every sentence of the body and the captions, triggers from the French lexicon
(``data/plover_triggers_fr.tsv``) are matched on the parse; each becomes an ``Event`` whose
span is the trigger's words, with source and target actors (their spans, and entity ids
from the entities stage), the place, time and sizes of the sentence from the places, times
and quantities stages, who the text says it comes from, and how sure the text is.
Direct quotations become ``Quote`` records with their speakers.
"""
from __future__ import annotations

import bisect
import importlib
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span

from .roles import actor_heads, actor_like, actor_span, undergoer
from .attribution import Source, is_incise, sentence_sources, source_for
from .factuality import decide, factuality_cues
from ..models import Attribution, Document, Event, Mention, Quote
from ..nlp import sentence_of, sentences
from ..pipeline import BUILTIN_MODULES, Stage, register
from ..spans import record_index
from .quotes import find_quotes
from .triggers import find_triggers, is_accident

# Stages whose cross-stage API the events use, once their module is in the pipeline.
OPTIONAL_STAGES = ("entities", "places", "times", "quantities")
APIS = {"entities": "entity_at", "places": "event_place", "times": "event_time", "quantities": "sizes_for"}


def _available(name: str) -> bool:
    """A stage is used once its module is wired into the pipeline (``BUILTIN_MODULES``)."""
    return f"depeche.{name}.stage" in BUILTIN_MODULES


# "X et Y se rencontrent": the first is the source, the others the targets.
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
# Nouns naming participants ("manifestants") are an event only as a headline's head, not as
# the subject or object of another verb ("trois manifestants ont été tués").
PARTICIPANT_NOUNS = {"manifestant", "gréviste", "émeutier"}

# Events done by saying something: realized even as the object of "refuser" or "rejeter".
SPEECH_ACTS = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE"}

REQUIRES = ("spacy",) + tuple(n for n in OPTIONAL_STAGES if _available(n))


@lru_cache(maxsize=None)
def api(stage: str) -> Callable | None:
    """The agreed function of another stage (``entity_at``...), or None when it is not installed."""
    if not _available(stage):
        return None
    return getattr(importlib.import_module(f"depeche.{stage}"), APIS[stage], None)


def mention(doc: Document, start: int, end: int) -> Mention:
    return Mention(start=start, end=end, text=doc.text[start:end])


def entity_id(doc: Document, start: int, end: int) -> str | None:
    fn = api("entities")
    if fn is None or not doc.entities:
        return None
    entity = fn(doc, start, end)
    return entity.id if entity is not None else None


def event_regions(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, segment kind) of the text that carries events: title, body, captions."""
    regions = [(s.start, s.credit_start or s.end, s.kind) for s in doc.segments if s.kind in ("title", "body", "caption")]
    if not regions:
        regions = [(0, len(doc.text), "body")]
    return regions


def _segment_kind(doc: Document, offset: int) -> str:
    seg = doc.segment_at(offset)
    return "caption" if seg is not None and seg.kind == "caption" else "body"


def _attribution(doc: Document, src: Source | None, quote: Quote | None) -> Attribution | None:
    if src is not None:
        return Attribution(text=src.text, entity=entity_id(doc, src.start, src.end), start=src.start, end=src.end)
    if quote is not None and quote.speaker_span is not None:
        sp = quote.speaker_span
        return Attribution(text=sp.text, entity=quote.speaker, start=sp.start, end=sp.end)
    return None


def token_factuality(sent: Span, token, sources: list[Source] | None = None) -> tuple[str, list[tuple[str, str]], Source | None]:
    """Factuality of the event on ``token`` (any event, PLOVER or not): label, cues, attribution source."""
    sources = sentence_sources(sent) if sources is None else sources
    src = source_for(token, sources)
    cues = factuality_cues(token, src is not None)
    return decide(cues), cues, src


def sentence_events(doc: Document, sent: Span, quotes: list[Quote]) -> list[Event]:
    sources = sentence_sources(sent)
    segment = _segment_kind(doc, sent.start_char)
    out: list[Event] = []
    for match in find_triggers(sent):
        head = match.head
        trig = match.trigger
        speaker = _incise_speaker(head, sources)
        if is_accident(match) or (speaker is not None and trig.type not in SPEECH_ACTS):
            continue
        roles = {}
        for role, specs in (("source", trig.source), ("target", trig.target)):
            things = role == "target" and trig.type in ("ASSAULT", "COERCE")
            heads = []
            # The head first, then the pattern's other words ("prend la défense de X").
            for word in [head] + [t for t in match.tokens if t.i != head.i]:
                heads = actor_heads(word, specs, {t.i for t in match.tokens}, things) if specs else []
                if heads:
                    break
            roles[role] = [actor_span(h) for h in heads]
        if not roles["target"] and head.pos_ == "NOUN" and (who := undergoer(head)) is not None and actor_like(who):
            roles["target"] = [actor_span(who)]  # "X fait l'objet d'une enquête"
        roles["target"] = [r for r in roles["target"] if r not in roles["source"]]
        if speaker is not None:  # ", a dénoncé mardi l'eurodéputé X": the speaker did it
            roles["source"] = [(speaker.start, speaker.end)]
            roles["target"] = [r for r in roles["target"] if r != (speaker.start, speaker.end)]
        if not roles["target"] and len(roles["source"]) > 1 and trig.type in RECIPROCAL:
            roles["source"], roles["target"] = roles["source"][:1], roles["source"][1:]  # "X et Y se reparlent"
        if head.lemma_.lower() in PARTICIPANT_NOUNS and head.dep_ != "ROOT":
            continue
        if any(not roles["source" if r in trig.source or r + "!" in trig.source else "target"] for r in trig.required):
            continue
        src = source_for(head, sources)
        quote = next((q for q in _quotes_at(doc, quotes, match.start) if q.start <= match.start < q.end), None)
        attribution = _attribution(doc, src, quote)
        cues = factuality_cues(head, attribution is not None, trig.type in SPEECH_ACTS)
        evidence = (sent.start_char, sent.end_char)
        out.append(Event(
            id="", type=trig.type, mode=trig.mode,
            source=actor_ids(doc, roles["source"], quotes), target=actor_ids(doc, roles["target"], quotes),
            source_spans=[mention(doc, s, e) for s, e in roles["source"]],
            target_spans=[mention(doc, s, e) for s, e in roles["target"]],
            place=_call("places", doc, *evidence), time=_call("times", doc, *evidence, segment, (match.start, match.end)),
            sizes=_call("quantities", doc, *evidence) or {} if trig.type in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE") else {},
            factuality=decide(cues), cues=[f"{label}:{word}" for label, word in cues],
            attribution=attribution, segment=segment,
            start=match.start, end=match.end, text=doc.text[match.start:match.end],
        ))
    return merge_governed(out, sent)


def build_event(doc: Document, head, start: int, end: int, type_: str, mode: str | None,
                source: list[tuple[int, int]], target: list[tuple[int, int]], quotes: list[Quote]) -> Event:
    """An event on ``head`` (trigger ``start:end``) with these actor spans: entity ids, attribution,
    the rules' factuality and cues, place, time and sizes of its sentence."""
    sent = sentence_of(head)
    sources = sentence_sources(sent)
    src = source_for(head, sources)
    quote = next((q for q in quotes if q.start <= start < q.end), None)
    attribution = _attribution(doc, src, quote)
    cues = factuality_cues(head, attribution is not None, type_ in SPEECH_ACTS)
    evidence = (sent.start_char, sent.end_char)
    segment = _segment_kind(doc, sent.start_char)
    return Event(
        id="", type=type_, mode=mode, source=actor_ids(doc, source, quotes), target=actor_ids(doc, target, quotes),
        source_spans=[mention(doc, s, e) for s, e in source], target_spans=[mention(doc, s, e) for s, e in target],
        place=_call("places", doc, *evidence), time=_call("times", doc, *evidence, segment, (start, end)),
        sizes=_call("quantities", doc, *evidence) or {} if type_ in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE") else {},
        factuality=decide(cues), cues=[f"{label}:{word}" for label, word in cues],
        attribution=attribution, segment=segment, start=start, end=end, text=doc.text[start:end],
    )


def _incise_speaker(token, sources: list[Source]) -> Source | None:
    """The speaker when ``token`` is the verb of an incise (", reconnaît Mme Allouche", ", a dénoncé X").
    Such a verb is an event only when saying is the act (ACCUSE, REQUEST...), done by the speaker."""
    return next((src for src in sources if src.verb is not None and src.verb.i == token.i
                 and src.head.i > token.i and is_incise(token)), None)


def merge_governed(events: list[Event], sent: Span) -> list[Event]:
    """Drop an event that only restates the one governing it: "un accord signé", "des manifestations
    ont éclaté pour protester", "rassemblés pour dénoncer" (a protest's purpose is not an ACCUSE)."""
    by_token = {}
    for ev in events:
        span = sent.doc.char_span(ev.start, ev.end, alignment_mode="expand")
        by_token[span.root.i if span is not None else -1] = ev
    keep = []
    for i, ev in by_token.items():
        tok = sent.doc[i]
        govs = []
        if tok.head.i != tok.i and tok.dep_ in ("acl", "acl:relcl", "advcl", "xcomp", "obj"):
            govs.append(by_token.get(tok.head.i))
            if tok.dep_ == "advcl":  # "des manifestations ont éclaté pour protester"
                govs += [by_token.get(c.i) for c in tok.head.children if c.dep_ == "nsubj"]
        if not any(g is not None and (g.type == ev.type or (g.type == "PROTEST" and ev.type == "ACCUSE"))
                   for g in govs):
            keep.append(ev)
    return keep


# "je", "nous" inside a quote are its speaker: "« Nous avons arrêté trois suspects », a dit le procureur".
FIRST_PERSON = {"je", "j'", "j’", "nous", "me", "m'", "m’", "moi"}


def actor_ids(doc: Document, spans: list[tuple[int, int]], quotes: list[Quote] = ()) -> list[str]:
    """The entities of the actor spans; a plural mention ("les deux dirigeants") gives several, and
    a first-person pronoun inside a quote its speaker."""
    from ..entities import entities_at

    out: list[str] = []
    for s, e in spans:
        ids = [x.id for x in entities_at(doc, s, e)] if api("entities") is not None else []
        if not ids and doc.text[s:e].lower() in FIRST_PERSON:
            ids = [q.speaker for q in _quotes_at(doc, quotes, s) if q.speaker and q.start <= s < q.end][:1]
        out += [i for i in ids if i not in out]
    return out


def _quotes_at(doc: Document, quotes: list[Quote], offset: int) -> list[Quote]:
    """The quotes that may hold ``offset`` (a superset), in their order."""
    return record_index(doc, "quotes", quotes).touching(offset, offset)


def _call(stage: str, doc: Document, *args):
    fn = api(stage)
    return fn(doc, *args) if fn is not None else None


def find_quotes_of(doc: Document) -> list[Quote]:
    """Direct quotations of the body and captions, with their speakers."""
    regions = event_regions(doc)
    raw = find_quotes(doc.text, doc.spacy, [(lo, hi) for lo, hi, kind in regions if kind != "title"])
    quotes = []
    for n, q in enumerate(raw, 1):
        speaker = mention(doc, *q.speaker) if q.speaker else None
        quotes.append(Quote(
            id=f"U{n}", text=doc.text[q.start:q.end], start=q.start, end=q.end, partial=q.partial,
            speaker=entity_id(doc, *q.speaker) if q.speaker else None, speaker_span=speaker,
        ))
    return quotes


def rule_events(doc: Document, quotes: list[Quote] | None = None) -> list[Event]:
    """The lexicon's events alone (the rule-only pipeline), numbered in text order."""
    quotes = doc.quotes if quotes is None else quotes
    events: list[Event] = []
    seen: set[int] = set()
    bounds = sentences(doc.spacy)
    ends = [end for _, end in bounds]
    for lo, hi, _kind in event_regions(doc):
        span = doc.spacy.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            continue
        # The sentences overlapping the region (found by bisection: they are in order, one after
        # the other; a walk of every sentence for each region would grow with the square).
        for start, end in bounds[bisect.bisect_right(ends, span.start):]:
            if start >= span.end:
                break
            if start in seen:
                continue
            seen.add(start)
            events.extend(sentence_events(doc, doc.spacy[max(start, span.start):min(end, span.end)], quotes))
    events.sort(key=lambda e: e.start)
    for n, ev in enumerate(events, 1):
        ev.id = f"V{n}"
    if _available("times"):  # mentions of one event share its date
        importlib.import_module("depeche.times").share_dates(doc, events)
    return events


def extract(doc: Document, trained: bool = True) -> Document:
    """Fill ``doc.quotes`` and ``doc.events`` from ``doc.spacy``: the lexicon's events, then the
    trained components' decisions when ``trained`` and the package ships them."""
    from .learned import load_models, refine

    doc.quotes = find_quotes_of(doc)
    events = rule_events(doc, doc.quotes)
    models = load_models() if trained else None
    if models is not None:
        events = refine(doc, doc.quotes, events, models)
        events.sort(key=lambda e: e.start)
        for n, ev in enumerate(events, 1):
            ev.id = f"V{n}"
        if _available("times"):  # the models' merged mentions and new events share dates too
            importlib.import_module("depeche.times").share_dates(doc, events)
    doc.events = events
    return doc


@register("events", requires=REQUIRES, provides=("events", "quotes"))
class EventStage(Stage):
    """PLOVER events (type, mode, actors, place, time, attribution, factuality) and quotes."""

    def __call__(self, doc: Document) -> Document:
        return extract(doc, self.settings.event_models)
