"""People the text does not name, as actors: "un homme", "un suspect", "une policière", "un
juge américain", "un Palestinien", "deux Palestiniens", and the definite mentions that refer
back to them ("l'homme", "le suspect", "la policière").

The nouns and their sectors are in ``data/person_nouns.tsv`` (a civilian, a criminal suspect,
a police officer...); a demonym used as a noun ("un Français", "des Israéliens") is a civilian of
its country. An indefinite singular ("un homme") is a new person; a definite or demonstrative
one ("l'homme", "ce suspect") joins the latest earlier person of that noun, or is a new person
when there is none. A plural ("trois suspects", "des Palestiniens") is a group, one entity per
noun and country, as in ``depeche.entities.groups``. A noun right before a name ("le juge Jean Martin",
"un policier, Marc Durand,") is that person's role, not someone else.
"""
from __future__ import annotations

from functools import lru_cache

from .coding import DEFINITE, complement, name_follows, phrase_end
from .groups import MAX_COMPLEMENT, group_start
from .knowledge_base import knowledge, norm
from .mentions import Cand, token_norms
from ..nlp import sentence_of
from ..spans import SpanSet

INDEFINITE = {"un", "une"}
DEMONSTRATIVE = {"ce", "cet", "cette"}


def _plural(phrase: str) -> str:
    return " ".join(w if w.endswith(("s", "x")) else (w + "x" if w.endswith("eau") else w + "s") for w in phrase.split())


@lru_cache(maxsize=1)
def person_nouns() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(singular forms, plural forms): normalised form -> (noun as written, sector)."""
    from .knowledge_base import _rows

    singular: dict[str, tuple[str, str]] = {}
    plural: dict[str, tuple[str, str]] = {}
    for forms, sector in (r[:2] for r in _rows("person_nouns.tsv")):
        for form in forms.split(","):
            form = form.strip()
            singular[norm(form)] = (form, sector)
            plural[norm(_plural(form))] = (_plural(form), sector)
    return singular, plural


def _noun_at(sd, norms: list[str], i: int):
    """(end token, noun, sector, plural, country) of a person noun at token ``i``, or None."""
    singular, plural = person_nouns()
    for n in (3, 2, 1):
        key = " ".join(norms[i:i + n])
        if len(norms[i:i + n]) == n:
            if key in singular:
                return (i + n, *singular[key], False, None)
            if key in plural:
                return (i + n, *plural[key], True, None)
    tok = sd[i]
    # A capitalised demonym is a noun in French ("un Palestinien"; the adjective is "palestinien"),
    # whatever the tagger says.
    if tok.text[:1].isupper() and (code := knowledge().demonym(tok.text)):
        return i + 1, tok.text, "CVL", tok.text.endswith(("s", "x")), code
    return None


def individual_mentions(doc, cands: list[Cand]) -> list[Cand]:
    """Mentions of unnamed people and of groups of them that no other mention covers."""
    sd, kb = doc.spacy, knowledge()
    norms = token_norms(sd)
    taken = SpanSet((c.start, c.end) for c in cands if not c.dropped)
    out: list[Cand] = []
    latest: dict[str, Cand] = {}  # noun -> its latest individual
    i = 0
    while i < len(sd):
        hit = _noun_at(sd, norms, i) if sd[i].pos_ in ("NOUN", "PROPN", "ADJ") else None
        if hit is None:
            i += 1
            continue
        j, noun, sector, plural, country = hit
        det = i - 1
        while det >= 0 and sd[det].pos_ == "ADJ":
            det -= 1
        article = norms[det] if det >= 0 else ""
        first = group_start(sd, norms, i) if plural else (
            det + 1 if article in INDEFINITE | DEFINITE | DEMONSTRATIVE and article != "les" else None)
        if first is None:
            i = j
            continue
        stop = min(sentence_of(sd[i]).end, j + MAX_COMPLEMENT)
        end, said, _ = complement(sd, norms, j, stop, cands, kb)
        country = country or said
        span_end = phrase_end(sd, j, end, kb)
        start_c, end_c = sd[first].idx, sd[span_end - 1].idx + len(sd[span_end - 1])
        if taken.overlaps(start_c, end_c) or name_follows(sd, span_end, cands):
            i = j
            continue
        key = norm(noun)
        if plural:
            c = Cand(start_c, end_c, "ORG", kind="descriptor", tok=first, country=country, sector=sector, link=noun)
        elif article in INDEFINITE or key not in latest:
            c = Cand(start_c, end_c, "PER", kind="descriptor", tok=first, country=country, sector=sector,
                     link=noun, individual=True)
            latest[key] = c
        else:
            antecedent = latest[key]
            c = Cand(start_c, end_c, "PER", kind="descriptor", tok=first, country=country or antecedent.country,
                     sector=sector, link=antecedent)
        out.append(c)
        taken.add(start_c, end_c)
        i = span_end
    return out
