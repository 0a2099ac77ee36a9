"""Direct quotations in « », “ ” and " ", full or partial, and who says them.

A quote's speaker comes, in order, from a reporting verb of its sentence outside the quote
("..., a-t-il déclaré", "X a affirmé que le témoin s'était "rétracté""), a "selon X" of the
sentence, a colon introduction ("X a déclaré : « ... »"), or the previous sentence's speaker
when the quote opens a sentence of its own. A pronoun speaker ("a-t-il déclaré") is the
previous quote's speaker, else the last person named before it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc as SpacyDoc, Span, Token

from .roles import actor_like, actor_span
from ..nlp import sentence_of
from .attribution import PRONOUNS, REPORTING, reporting_speaker, sentence_sources

PAIRS = {"«": "»", "“": "”"}
STRAIGHT = '"'
FULL_MIN_WORDS = 6


@dataclass
class RawQuote:
    start: int  # the quoted words, marks excluded
    end: int
    partial: bool
    speaker: tuple[int, int] | None = None


def quote_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of quoted text between ``lo`` and ``hi``, marks excluded, outermost only."""
    out: list[tuple[int, int]] = []
    # Where each closing mark stands, found once: searching the rest of the text for every opening
    # mark that never closes would take time growing with the square of the text.
    closing = {mark: [m.start() for m in re.finditer(re.escape(mark), text[lo:hi])]
               for mark in (*PAIRS.values(), STRAIGHT)}
    i = lo
    while i < hi:
        ch = text[i]
        mark = PAIRS.get(ch) or (STRAIGHT if ch == STRAIGHT else None)
        if mark is not None:
            at = closing[mark]
            k = bisect.bisect_left(at, i + 1 - lo)
            if k < len(at):
                close = at[k] + lo
                out.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    return [_trim(text, s, e) for s, e in out if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _sentence_at(sdoc: SpacyDoc, offset: int) -> Span | None:
    span = sdoc.char_span(offset, offset + 1, alignment_mode="expand")
    return sentence_of(span[0]) if span is not None and len(span) else None


def _outside(tok: Token, start: int, end: int) -> bool:
    return not (start - 1 <= tok.idx < end + 1)


def _speaker_in(sent: Span, start: int, end: int) -> Token | None:
    """A speaker given in the sentence, outside the quote."""
    for src in sentence_sources(sent):
        if src.verb is None and _outside(src.head, start, end):
            return src.head
    for tok in sent:
        if tok.pos_ == "VERB" and _outside(tok, start, end) and tok.lemma_.lower() in REPORTING:
            who = reporting_speaker(tok)
            if who is not None and _outside(who, start, end):
                return who
    # "X : « ... »" - a nominal right before a colon that introduces the quote.
    before = sent.text[:max(start - sent.start_char, 0)].rstrip(" «“\"")
    if before.endswith(":"):
        cands = [t for t in sent if t.idx < start and t.pos_ in ("PROPN", "NOUN") and t.dep_ in ("nsubj", "ROOT")]
        if cands:
            return cands[-1]
    return None


def find_quotes(text: str, sdoc: SpacyDoc, regions: list[tuple[int, int]]) -> list[RawQuote]:
    """Quotes in ``regions`` (body and caption segments), speakers resolved."""
    out: list[RawQuote] = []
    last_speaker: tuple[int, int] | None = None
    last_sent_speaker: tuple[int, tuple[int, int]] | None = None  # (sentence end, speaker span)
    for lo, hi in regions:
        for start, end in quote_spans(text, lo, hi):
            sent = _sentence_at(sdoc, start)
            words = len(re.findall(r"\w+", text[start:end]))
            before = text[sent.start_char:start].strip(" \u00a0«“\"") if sent is not None else ""
            partial = words < FULL_MIN_WORDS or not (before == "" or before.endswith(":"))
            speaker = None
            if sent is not None:
                who = _speaker_in(sent, start, end)
                if who is not None and not actor_like(who):
                    who = None
                if who is not None:
                    if who.lower_ in PRONOUNS and last_speaker is not None:
                        speaker = last_speaker
                    elif who.lower_ in PRONOUNS:
                        speaker = _last_person(sdoc, who.idx) or actor_span(who)
                    else:
                        speaker = actor_span(who)
                elif before == "":
                    speaker = _previous_speaker(sdoc, sent)
                    if speaker is None and last_sent_speaker is not None and last_sent_speaker[0] >= sent.start_char - 3:
                        speaker = last_sent_speaker[1]
                if speaker is not None:
                    last_sent_speaker = (sent.end_char, speaker)
            if speaker is not None:
                last_speaker = speaker
            out.append(RawQuote(start, end, partial, speaker))
    return out


def _last_person(sdoc: SpacyDoc, before: int) -> tuple[int, int] | None:
    """The last person spaCy names that ends at or before ``before``."""
    persons = sdoc.user_data.get("depeche_persons")
    if persons is None or persons[1] != len(sdoc):  # (entities are in text order: so are their ends)
        persons = sdoc.user_data["depeche_persons"] = (
            [(e.end_char, e.start_char) for e in sdoc.ents if e.label_ == "PER"], len(sdoc))
    k = bisect.bisect_right(persons[0], (before, float("inf")))
    return (persons[0][k - 1][1], persons[0][k - 1][0]) if k else None


def _previous_speaker(sdoc: SpacyDoc, sent: Span) -> tuple[int, int] | None:
    """The speaker of a reporting verb in the sentence just before ``sent``."""
    if sent.start == 0:
        return None
    prev = sentence_of(sdoc[sent.start - 1])
    for src in sentence_sources(prev):
        if src.verb is not None and src.head.lower_ not in PRONOUNS:
            return src.start, src.end
    return None
