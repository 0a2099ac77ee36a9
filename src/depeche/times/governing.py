"""Which time expression dates an event: the one that governs its trigger.

An event takes a date only from a time expression of its own clause ("mardi, la police a arrêté
...", "l'attaque du 3 mars"), or, for an event a noun names, of the clause on that noun that
tells when it took place ("l'attentat survenu le 14 juillet", "les accords signés en septembre
1978"), or, for an event reported by the sentence's reporting verb ("la police a indiqué mardi
que ..."), from that verb's clause. Never from:
- a limit or a span: "jusqu'en 2047", "d'ici 2030", "depuis 2015", "à partir de lundi", "avant
  2020", "pendant l'été";
- a background date of another clause: "arrêté en 1997, il a été libéré mardi" dates only
  "arrêté";
- an archive photo caption, for an event of the story (``event_time`` keeps captions apart).

Clauses come from the dependency parse: a token's clause is the nearest verb above it (itself
included) that heads a clause (the root, a complement or adverbial clause, a relative, a
participle, a coordinated verb).
"""
from __future__ import annotations

import re

from ..models import Document, Time
from ..nlp import sentence_of

# Words before a time expression that make it a limit or a span, not the date of an event.
LIMIT_BEFORE = re.compile(
    r"(?:\bjusqu['’]\s*(?:en|à|au|aux|a)?|\bd['’]ici(?:\s+(?:à|au|la|le|fin))?|\bdepuis(?:\s+(?:le|la|l['’]))?"
    r"|\bà\s+partir\s+d[eu']?|\bdès(?:\s+(?:le|la|l['’]))?|\bavant(?:\s+(?:le|la|l['’]))?|\baprès(?:\s+(?:le|la|l['’]))?"
    r"|\bpendant|\bdurant|\bentre|\bjusque)\s*$",
    re.IGNORECASE)
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "acl", "acl:relcl", "parataxis", "conj", "xcomp", "csubj"}
# Verbs of a clause that tells when the event its noun names took place ("l'attentat survenu le 14
# juillet", "les accords signés en septembre 1978", "l'agression dont elle a été victime en janvier").
OCCURRENCE = {"survenir", "commettre", "perpétrer", "signer", "conclure", "lancer", "organiser", "mener", "intervenir",
              "victime", "déclencher", "tenir", "produire", "éclater", "conduire", "opérer", "effectuer", "réaliser",
              "prononcer", "adopter", "voter", "dérouler", "subir", "décider", "ouvrir", "prévoir", "programmer"}
REPORTING = {"annoncer", "indiquer", "déclarer", "affirmer", "dire", "préciser", "expliquer", "rapporter",
             "assurer", "confirmer", "révéler", "raconter", "ajouter", "souligner", "apprendre", "signaler",
             "rappeler", "estimer", "dénoncer", "faire savoir", "informer", "communiquer", "relater"}


def is_limit(doc: Document, t: Time) -> bool:
    """A bound or a span ("jusqu'en 2047", "depuis 2015"), which never dates an event."""
    return bool(LIMIT_BEFORE.search(doc.text[max(0, t.start - 24):t.start]))


def _span(doc: Document, start: int, end: int):
    span = doc.spacy.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _root(doc: Document, start: int, end: int):
    span = _span(doc, start, end)
    return span.root if span is not None else None


def clause_head(token):
    """The verb heading ``token``'s clause (itself for a verb that heads one)."""
    while True:
        if token.dep_ == "ROOT" or token.head.i == token.i:
            return token
        if token.dep_ in CLAUSE_DEPS and token.pos_ in ("VERB", "AUX"):
            return token
        if token.dep_ in ("acl", "acl:relcl", "advcl") and token.pos_ in ("ADJ", "NOUN"):
            return token  # a participle the tagger reads as an adjective ("arrêté en 1997, ...")
        token = token.head


# Nouns that are times themselves ("la nuit de mardi", "la journée du 3 mars"): transparent.
TIME_NOUNS = {"nuit", "journée", "jour", "soir", "soirée", "matin", "matinée", "après-midi", "semaine", "week-end",
              "mois", "année", "an", "date", "veille", "lendemain", "heure", "fin", "début", "mi"}


def noun_owner(span):
    """The noun a time expression qualifies ("l'attaque du 3 mars" -> "attaque"), or None when it
    hangs on its clause's verb. A time with no preposition before it qualifies its clause, whatever
    noun the parse hangs it on ("arrêté par les motards ce jeudi"). A noun right before "du", "de" or "d'" and the time owns it even
    where the parse says otherwise."""
    token, first = span.root, span[0]
    before = first.nbor(-1) if first.i else None
    if before is None or (before.pos_ != "ADP" and before.lower_ not in ("du", "de", "d'", "d’", "des")):
        return None  # no preposition before it: the clause's ("arrêté par les motards ce jeudi")
    if first.i >= 2 and first.nbor(-1).lower_ in ("du", "de", "d'", "d’") and first.nbor(-2).pos_ == "NOUN" \
            and first.nbor(-2).lemma_.lower() not in TIME_NOUNS:
        return first.nbor(-2)
    while True:
        head = token.head
        if token.dep_ == "ROOT" or head.i == token.i or (token.dep_ in CLAUSE_DEPS and token.pos_ in ("VERB", "AUX")):
            return None
        if head.pos_ in ("NOUN", "PROPN") and token.dep_.startswith("nmod") and head.lemma_.lower() not in TIME_NOUNS:
            return head
        if head.pos_ in ("VERB", "AUX"):
            return None
        token = head


def governing_time(doc: Document, trigger: tuple[int, int], times: list[Time]) -> Time | None:
    """The time of ``times`` (dates and times of the trigger's sentence, limits left out) that
    governs the trigger: one of its clause, nearest first; else, when that clause is what a
    reporting verb reports, one of the reporting verb's clause. None when none does."""
    trig = _root(doc, *trigger)
    if trig is None:
        return None
    own = clause_head(trig)
    sentence = sentence_of(trig).start
    heads = []
    for t in times:
        root = _root(doc, t.start, t.end)
        if root is not None and sentence_of(root).start == sentence:
            heads.append((t, clause_head(root)))
    # A time that qualifies a noun dates that noun's event only ("la manifestation du 3 mars a
    # été interdite": the protest, not the ban).
    mine = [t for t, h in heads if h == own and noun_owner(_span(doc, t.start, t.end)) in (None, trig)]
    if mine:
        return min(mine, key=lambda t: abs(t.start - trigger[0]))
    if trig.pos_ in ("NOUN", "PROPN"):  # "l'attentat survenu le 14 juillet", "l'agression dont elle a été victime en janvier"
        for child in trig.children:
            if child.dep_ in ("acl", "acl:relcl") and child.lemma_.lower() in OCCURRENCE \
                    and "Inf" not in child.morph.get("VerbForm"):
                theirs = [t for t, h in heads if h == child]
                if theirs:
                    return min(theirs, key=lambda t: abs(t.start - trigger[0]))
    reporters = [own.head] if own.dep_ in ("ccomp", "parataxis") and own.head.i != own.i else []
    reporters += [c for c in own.children if c.dep_ == "parataxis"]  # "..., a indiqué mardi le parquet"
    for reporter in reporters:
        if reporter.lemma_.lower() in REPORTING:
            said = clause_head(reporter) if reporter.dep_ != "parataxis" else reporter
            theirs = [t for t, h in heads if h == said]
            if theirs:
                return min(theirs, key=lambda t: abs(t.start - trigger[0]))
    return None


def share_dates(doc: Document, events: list) -> None:
    """Mentions of one event share its date: an undated event (dated by nothing, or only by the
    document date) takes the date that governs one of its further mentions (``Event.mentions``),
    else, in the title, the date of the first dated event of its type in the body (the title tells
    the story's event: "le parquet requiert un procès" ... "le parquet a requis vendredi un
    procès"), else the date of the other events of its type and mode in the document when they
    all have that one date and it shares an actor with one of them."""
    times = {t.id: t for t in doc.times}

    def own_date(ev) -> Time | None:
        t = times.get(ev.time) if ev.time else None
        return None if t is None or t.dct else t

    title = next(((s.start, s.end) for s in doc.segments if s.kind == "title"), None)
    from .stage import event_time  # (the stage module imports this one)

    for ev in events:  # an event's further mentions ("l'arrestation" ... "arrêté mardi") date it
        if own_date(ev) is None and ev.segment != "caption":
            for m in ev.mentions:
                found = times.get(event_time(doc, m.start, m.end, None, (m.start, m.end)) or "")
                if found is not None and not found.dct:
                    ev.time = found.id
                    break
    # The dated events so far, by (type, mode) and, outside captions, by type: where the first one
    # stands, their dates and their actors (kept as events take dates, so that each undated event
    # looks them up instead of walking every event of the document).
    first: dict = {}
    values: dict = {}
    actors_of: dict = {}
    first_kin: dict = {}

    def dated(n: int, ev) -> None:
        key = (ev.type, ev.mode)
        first[key] = min(first.get(key, n), n)
        values.setdefault(key, set()).add(own_date(ev).value)
        actors_of.setdefault(key, set()).update(ev.source, ev.target)
        if ev.segment != "caption":
            first_kin[ev.type] = min(first_kin.get(ev.type, n), n)

    for n, ev in enumerate(events):
        if own_date(ev) is not None:
            dated(n, ev)
    for n, ev in enumerate(events):
        if own_date(ev) is not None or ev.segment == "caption":
            continue
        key = (ev.type, ev.mode)
        in_title = title is not None and title[0] <= ev.start < title[1]
        if in_title and ev.type in first_kin:  # the title tells the story's event: the body's first dated mention of its type
            ev.time = events[first_kin[ev.type]].time
            dated(n, ev)
            continue
        if key not in first or len(values[key]) != 1:
            continue
        if (set(ev.source) | set(ev.target)) & actors_of[key]:
            ev.time = events[first[key]].time
            dated(n, ev)
