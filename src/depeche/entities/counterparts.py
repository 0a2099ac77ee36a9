"""A leader's counterpart: "le président français reçoit son homologue allemand".

"son homologue" + a country adjective, after a leader the text names (or a descriptor resolved
to one) in the same sentence, is the leader of that country holding the same kind of office on
the document's date: the top leader for a top leader (French news calls the German chancellor
the French president's "homologue"), else the same office (head of government for a prime
minister). The mention links to that person by name, so it joins them if the text names them.
"""
from __future__ import annotations

import bisect

from .coref import person_name
from .knowledge_base import knowledge, norm, office_of
from .mentions import Cand
from ..nlp import sentence_of

POSSESSIVES = {"son", "sa", "leur"}
COUNTERPART = {"homologue", "homologues"}


def counterpart_mentions(doc, cands: list[Cand]) -> list[Cand]:
    """Mentions of the leaders that "son homologue <adjectif>" stands for."""
    if doc.dct is None:
        return []
    sd, kb, date = doc.spacy, knowledge(), doc.dct.value
    people = sorted((c for c in cands if c.label == "PER" and c.kind != "pronoun"), key=lambda c: c.start)
    starts = [c.start for c in people]
    out: list[Cand] = []
    for t in sd[:-2]:
        if t.lower_ not in POSSESSIVES or sd[t.i + 1].lower_ not in COUNTERPART:
            continue
        country = kb.demonym(sd[t.i + 2].text)
        if country is None:
            continue
        sent_start = sentence_of(t).start_char
        # The people named in the sentence before it (by bisection: not a walk of every person).
        within = people[bisect.bisect_left(starts, sent_start):bisect.bisect_right(starts, t.idx)]
        offices = [(c, office_of(kb, name, date)) for c in within
                   if c.end <= t.idx and (name := person_name(c) or c.text)]
        offices = [(c, o) for c, o in offices if o is not None and o.country != country]
        if not offices:
            continue
        _, office = offices[-1]
        other = kb.leader_at(country, "top" if office.top else office.office, date)
        if other is None or norm(other.name) == norm(office.name):
            continue
        end = sd[t.i + 2]
        out.append(Cand(sd[t.i + 1].idx, end.idx + len(end.text), "PER", kind="descriptor", tok=t.i + 1,
                        country=other.country, sector="GOV", link=other.name))
    return out
