"""Who the text says a statement comes from: "selon X", "d'après X", "a indiqué X", "X a déclaré que".

``sentence_sources`` finds the sources a sentence gives, each with the tokens it covers:
a "selon"/"d'après" phrase covers the whole sentence; a reporting verb covers what it
governs and, in an incise (", a annoncé vendredi la ministre"), the clause before it. The
speaker of a reporting verb is its subject, the subject set after the verb in an incise, or,
with "on" ("a-t-on appris auprès des pompiers"), the "auprès de" / "de source" complement.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .roles import actor_span, case_of
from ..nlp import doc_text, sentence_of

REPORTING = {
    "annoncer", "indiquer", "déclarer", "affirmer", "assurer", "expliquer", "préciser", "confirmer",
    "rapporter", "dire", "estimer", "souligner", "ajouter", "révéler", "apprendre", "raconter", "écrire",
    "témoigner", "avancer", "relater", "signaler", "communiquer", "juger", "considérer", "marteler",
    "insister", "prévenir", "avertir", "admettre", "répondre", "noter", "observer",
    "conclure", "tweeter", "commenter", "insister", "rappeler", "assener", "confier", "résumer", "détailler",
    "réagir", "accuser", "dénoncer", "reconnaître", "constater", "relever", "raconter", "déplorer", "regretter", "s'exprimer",
}
PRONOUNS = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "lui", "eux"}
INCISE_FILLERS = {"a", "ont", "avait", "-t", "-il", "-elle", "-ils", "-elles", "-on", "t", "ne", "n'"}
NOT_SPEAKERS = {"on", "-on", "-t", "t", "qui", "que", "ce", "cela", "ça", "se"}


def _text(sent: Span, start: int, end: int) -> str:
    """Characters of the sentence (spaCy rebuilds ``Span.text`` at every access)."""
    return doc_text(sent.doc)[start:end]


@dataclass
class Source:
    start: int
    end: int
    text: str
    head: Token
    verb: Token | None  # the reporting verb, None for "selon X"
    covers: set[int]    # token indices whose events this source attributes


def _selon(sent: Span) -> list[Source]:
    out = []
    for tok in sent:
        lower = tok.lower_
        is_dapres = lower == "après" and tok.i > sent.start and tok.doc[tok.i - 1].lower_ in ("d'", "d’")
        if lower != "selon" and not is_dapres:
            continue
        head = tok.head if tok.head.i != tok.i else None
        if head is None or head.pos_ not in ("NOUN", "PROPN", "PRON"):
            head = next((t for t in tok.doc[tok.i + 1:sent.end] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if head is None:
            continue
        start, end = actor_span(head)
        covers = {t.i for t in sent} - {t.i for t in head.subtree} - {tok.i}
        out.append(Source(start, end, _text(sent, start, end), head, None, covers))
    return out


def reporting_speaker(verb: Token) -> Token | None:
    """The speaker of a reporting verb: subject, inverted subject, or "auprès de X" after "on"."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "expl:subj") and c.lower_ not in NOT_SPEAKERS), None)
    if subj is not None:
        return subj
    for tok in verb.doc[max(verb.i - 3, sentence_of(verb).start):verb.i]:  # "a-t-elle ajouté"
        if tok.lower_ in ("-il", "-elle", "-ils", "-elles"):
            return tok
    on = any(t.lower_ in ("on", "-on") for t in verb.doc[max(verb.i - 3, 0):verb.i]) or \
        any(c.lower_ in ("on", "-on") for c in verb.children)
    sent = sentence_of(verb)
    if on:
        for tok in verb.doc[verb.i + 1:sent.end]:
            if case_of(tok) in ("auprès", "de") and tok.pos_ in ("NOUN", "PROPN"):
                return tok
        return None
    # Inverted subject of an incise: the first nominal after the verb that is not a complement.
    for tok in verb.doc[verb.i + 1:sent.end]:
        if tok.is_punct and tok.text not in ("-",):
            break
        if tok.pos_ in ("NOUN", "PROPN", "X") and case_of(tok) is None and tok.dep_ not in ("obl:mod", "obl"):
            if tok.lemma_.lower() in {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "soir", "matin"}:
                continue
            head = tok
            while head.dep_ in ("flat:name", "amod", "compound") and head.head.i != head.i:
                head = head.head
            return head
    return None


def is_incise(verb: Token) -> bool:
    """", a annoncé vendredi la ministre" / ", a-t-il déclaré": the verb follows a comma or a quote."""
    doc = verb.doc
    i = verb.i - 1
    while i >= sentence_of(verb).start and (doc[i].dep_.startswith("aux") or doc[i].lower_ in INCISE_FILLERS):
        i -= 1
    return i >= sentence_of(verb).start and doc[i].text in (",", "»", '"', "”", "(")


def _reporting(sent: Span) -> list[Source]:
    out = []
    for verb in sent:
        if verb.lemma_.lower() not in REPORTING or verb.pos_ != "VERB":
            continue
        complements = [c for c in verb.children if c.dep_ in ("ccomp", "obj", "xcomp", "parataxis")]
        incise = is_incise(verb)
        if not complements and not incise:
            continue
        speaker = reporting_speaker(verb)
        if speaker is None:
            continue
        covers: set[int] = set()
        for c in complements:
            covers |= {t.i for t in c.subtree}
        if incise:
            covers |= {t.i for t in sent if t.i < verb.i}
            if verb.dep_ in ("parataxis", "conj") and verb.head.i < verb.i:
                covers |= {t.i for t in verb.head.subtree if t.i < verb.i}
        covers -= {t.i for t in speaker.subtree}
        start, end = actor_span(speaker)
        out.append(Source(start, end, _text(sent, start, end), speaker, verb, covers))
    return out


def _headline_source(sent: Span) -> list[Source]:
    """A headline ending with its source in brackets: "... la justice rejette la demande (ONG)"."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != ")":
        return []
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 5:
        return []
    opening = next((t for t in reversed(toks[:-1]) if t.text == "("), None)
    inside = [t for t in toks if opening is not None and opening.i < t.i < toks[-1].i]
    if not inside or len(inside) > 4 or any(t.pos_ in ("VERB", "NUM") for t in inside):
        return []
    start, end = inside[0].idx, inside[-1].idx + len(inside[-1].text)
    head = next((t for t in inside if t.pos_ in ("PROPN", "NOUN")), inside[0])
    return [Source(start, end, _text(sent, start, end), head, None, {t.i for t in sent if t.i < opening.i})]


def sentence_sources(sent: Span) -> list[Source]:
    """Attribution sources of a sentence, "selon" first (computed once per sentence)."""
    cache = sent.doc.user_data.setdefault("depeche_sources", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _selon(sent) + _reporting(sent) + _headline_source(sent)
    return cache[key]


def source_for(token: Token, sources: list[Source]) -> Source | None:
    for src in sources:
        if src.verb is not None and src.verb.i == token.i:
            continue
        if token.i in src.covers:
            return src
    return None
