"""Collective actors named by a common noun: "la police", "des milliers de manifestants",
"200 policiers", "une vingtaine de soldats israéliens".

The noun comes from ``data/actor_nouns.tsv`` (its sector and type). A group needs a
determiner, a number or a quantity word before it, so that a noun used as a modifier ("un
fourgon de police") is no actor. A noun marked ``alone`` there ("police", "manifestants",
"gouvernement") is an actor even when the text gives it no country; the others ("entreprise",
"journal") only with a country adjective or complement, which ``actor_coding`` codes.
Mentions of one noun with one country are one entity in a document ("des manifestants" ...
"les manifestants"); its country, when the text gives none, may come later from the
document's places (the ``actor_context`` stage).
"""
from __future__ import annotations

from .coding import DETERMINERS, actor_noun_at, complement, phrase_end
from .knowledge_base import knowledge, norm
from .mentions import Cand, token_norms
from ..nlp import sentence_of
from ..spans import SpanSet

# "des milliers de", "une vingtaine de", "un groupe de": the words of a quantity before "de".
QUANTITY_NOUNS = {
    "millier", "milliers", "centaine", "centaines", "dizaine", "dizaines", "vingtaine", "trentaine",
    "quarantaine", "cinquantaine", "soixantaine", "douzaine", "quinzaine", "millions", "poignee", "foule",
    "groupe", "groupes", "cortege", "cordon", "escouade", "unite", "unites", "bataillon", "contingent",
}
QUANTIFIERS = {"plusieurs", "quelques", "nombreux", "nombreuses", "certains", "certaines", "ces", "cette", "ce",
               "cet", "tous", "toutes", "autres", "memes"}
OF = {"de", "d'"}
MAX_COMPLEMENT = 8  # tokens after the noun that may say its country ("de la police de Hong Kong")


def group_start(sd, norms: list[str], i: int) -> int | None:
    """The first token of the group phrase whose noun starts at ``i``, or None when nothing
    before the noun makes it a group (a determiner, a number, a quantity word)."""
    p = i - 1
    while p >= 0 and sd[p].pos_ == "ADJ" and norms[p] not in QUANTIFIERS:  # "les jeunes manifestants"
        p -= 1
    if p < 0:
        return None
    if norms[p] in OF and p > 0 and norms[p - 1] in QUANTITY_NOUNS:
        return p - 1
    if sd[p].like_num or sd[p].pos_ == "NUM":
        return p
    if norms[p] in DETERMINERS or norms[p] in QUANTIFIERS:
        return p + 1
    return None


def group_mentions(doc, cands: list[Cand]) -> list[Cand]:
    """Mentions of collective actors that no other mention covers."""
    sd, kb = doc.spacy, knowledge()
    norms = token_norms(sd)
    taken = SpanSet((c.start, c.end) for c in cands if not c.dropped)
    out: list[Cand] = []
    i = 0
    while i < len(sd):
        noun = actor_noun_at(norms, i, kb) if sd[i].pos_ in ("NOUN", "PROPN", "ADJ") else None
        if noun is None or (sd[i].ent_type_ and sd[i].is_title):
            i += 1
            continue
        j, sector, typ = noun
        words = " ".join(norms[i:j])
        first = group_start(sd, norms, i)
        if first is None:
            i = j
            continue
        stop = min(sentence_of(sd[i]).end, j + MAX_COMPLEMENT)
        end, country, _ = complement(sd, norms, j, stop, cands, kb)
        if country is None and words not in kb.actors_alone and words.rstrip("s") not in kb.actors_alone:
            i = j
            continue
        span_end = phrase_end(sd, j, end, kb)
        start_c, end_c = sd[first].idx, sd[span_end - 1].idx + len(sd[span_end - 1])
        if taken.overlaps(start_c, end_c):
            i = j
            continue
        name = sd[i:j].text.lower()
        out.append(Cand(start_c, end_c, typ, kind="descriptor", tok=first, country=country, sector=sector,
                        link=name))
        taken.add(start_c, end_c)
        i = span_end
    return out
