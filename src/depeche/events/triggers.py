"""The French PLOVER trigger lexicon (``data/plover_triggers_fr.tsv``) and its matcher.

A row is a pattern of lemmas (or word forms), the head's part of speech, a PLOVER type and
mode, and where the source and target actors are. The matcher reads a spaCy sentence: a
word matches a pattern word by lemma, by form, or by a regular French inflection of the
lemma (the parser's lemma is sometimes wrong: "approvisionne" read as a noun).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from .roles import actor_like
from ..nlp import sentence_of

REFLEXIVE = {"se", "s'", "s’", "me", "m'", "te", "t'", "nous", "vous"}
SHORT_GAP, LONG_GAP = 2, 6
# An ASSAULT verb whose clause names one of these is an accident or a disaster, not an attack.
NOT_ASSAULT_CAUSES = {
    "accident", "glissement", "incendie", "tempête", "séisme", "collision", "crash", "inondation",
    "avalanche", "éboulement", "naufrage", "ouragan", "cyclone", "typhon", "tornade", "épidémie",
    "virus", "coronavirus", "covid-19", "maladie", "chute", "sida", "cancer", "grippe", "paludisme", "choléra",
    "ebola", "pandémie", "canicule", "sécheresse", "crue",
}


@dataclass(frozen=True)
class Word:
    options: tuple[str, ...]
    reflexive: bool = False
    far: bool = False  # may stand up to LONG_GAP words after the previous one
    next_to: bool = False  # must stand right after the previous one ("arrêter +de")


@dataclass(frozen=True)
class Trigger:
    words: tuple[Word, ...]
    head: int
    pos: str
    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(r[:-1] for r in self.source + self.target if r.endswith("!"))


@dataclass
class Match:
    trigger: Trigger
    tokens: list[Token]

    @property
    def head(self) -> Token:
        return self.tokens[self.trigger.head]

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def parse_pattern(pattern: str) -> tuple[tuple[Word, ...], int]:
    words, head, reflexive = [], 0, False
    for raw in pattern.split():
        if raw in ("se", "s'"):
            reflexive = True
            continue
        far = raw.startswith("...")
        raw = raw.removeprefix("...")
        next_to = raw.startswith("+")
        raw = raw.removeprefix("+")
        if raw.startswith("*"):
            head, raw = len(words), raw[1:]
        if raw.startswith(("s'", "s’")):
            reflexive, raw = True, raw[2:]
        words.append(Word(tuple(raw.split("|")), reflexive, far, next_to))
        reflexive = False
    return tuple(words), head


def parse_lexicon(text: str) -> list[Trigger]:
    """Rows of the TSV lexicon; bad rows raise ValueError naming the line."""
    out: list[Trigger] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen and cols[0] == "pattern":
            header_seen = True
            continue
        if len(cols) != 6:
            raise ValueError(f"trigger lexicon line {number}: expected 6 tab-separated columns, got {len(cols)}")
        pattern, pos, typ, mode, source, target = (c.strip() for c in cols)
        words, head = parse_pattern(pattern)
        if not words or pos not in ("VERB", "NOUN", "any"):
            raise ValueError(f"trigger lexicon line {number}: bad pattern or part of speech")
        roles = lambda s: () if s == "-" else tuple(r.strip() for r in s.split(","))  # noqa: E731
        out.append(Trigger(words, head, pos, typ, None if mode == "-" else mode, roles(source), roles(target)))
    return out


@lru_cache(maxsize=1)
def lexicon() -> tuple[Trigger, ...]:
    text = resources.files("depeche").joinpath("data/plover_triggers_fr.tsv").read_text(encoding="utf-8")
    triggers = parse_lexicon(text)
    from ..models import Event

    allowed = set(Event.model_fields["type"].annotation.__args__)
    bad = [t.type for t in triggers if t.type not in allowed]
    if bad:
        raise ValueError(f"trigger lexicon: unknown PLOVER types {sorted(set(bad))}")
    # Longest patterns first, so they win on a shared head word.
    return tuple(sorted(triggers, key=_specificity))


def _specificity(trig: Trigger) -> tuple[int, int]:
    """Longer patterns first; a reflexive one before the plain verb ("se rendre" before "rendre")."""
    return (-len(trig.words), -sum(w.reflexive for w in trig.words))


@lru_cache(maxsize=4096)
def inflections(lemma: str) -> frozenset[str]:
    """Regular forms of a French -er verb or a noun, for when the parser's lemma is wrong."""
    forms = {lemma, lemma + "s", lemma + "x"}
    if lemma.endswith("er") and len(lemma) > 3:
        stem = lemma[:-2]
        forms |= {stem + s for s in ("e", "es", "ent", "ons", "ez", "é", "ée", "és", "ées", "ait",
                                     "aient", "a", "ant", "era", "eront", "erait", "eraient", "èrent")}
    return frozenset(forms)


def word_matches(token: Token, word: Word) -> bool:
    lemma, lower = token.lemma_.lower(), token.lower_
    # No inflections of a short function word: "des" is no form of "de".
    return any(lemma == o or lower == o or (len(o) > 2 and lower in inflections(o)) for o in word.options)


def has_reflexive(token: Token) -> bool:
    if any(c.lower_ in REFLEXIVE for c in token.children):
        return True
    doc = token.doc
    return any(doc[i].lower_ in REFLEXIVE for i in range(max(token.i - 3, 0), token.i))


def pos_ok(token: Token, pos: str, via_form: bool) -> bool:
    if pos == "any":
        return True
    if pos == "VERB":
        if via_form and (token.pos_ == "AUX" or (
                token.pos_ == "VERB" and token.lemma_.lower().endswith(("er", "ir", "re", "oir")))):
            # The parser gave this verb another infinitive: a form that only looks like the
            # trigger ("nous sommes" is être, not "sommer").
            return False
        if token.pos_ in ("VERB", "AUX"):
            return True
        # A verb the tagger took for a noun or adjective ("Moscou s'approvisionne"), but not a
        # real noun phrase ("la presse", "deux blessés").
        # An adjective that qualifies a noun is one ("l'intrusion violente"), unless it is a past
        # participle ("trois policiers blessés", "deux hommes inculpés").
        adjective = token.dep_ == "amod" and "Part" not in token.morph.get("VerbForm") \
            and not token.lower_.endswith(("é", "és", "ée", "ées"))
        return via_form and token.pos_ in ("NOUN", "ADJ") and not _noun_phrase(token) and not adjective
    return token.pos_ in ("NOUN", "PROPN") or (via_form and token.pos_ == "ADJ")


def _noun_phrase(token: Token) -> bool:
    if any(c.dep_ in ("det", "nummod", "amod", "case") for c in token.children):
        return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return prev is not None and prev.pos_ in ("DET", "ADP", "NUM")


def not_a_trigger(token: Token) -> bool:
    """Part of a name ("Rassemblement national", "le Raid") or of a compound ("aides-soignants")."""
    if token.ent_type_ and token.is_title and token.i > sentence_of(token).start:
        return True
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[token.i - 1] if token.i > 0 else None
    if prev is not None and prev.text.endswith("-") and not prev.whitespace_:
        return True  # "course-poursuite"
    return nxt is not None and nxt.text.startswith("-") and not token.whitespace_ and nxt.text not in ("-t", "-il", "-elle")


def match_at(sent: Span, i: int, trig: Trigger) -> Match | None:
    """The trigger matched with its first word on sentence token ``i``, or None."""
    tokens: list[Token] = []
    pos = i
    for n, word in enumerate(trig.words):
        gap = 0 if n == 0 or word.next_to else (LONG_GAP if word.far else SHORT_GAP)
        found = None
        for j in range(pos, min(pos + gap + 1, sent.end)):
            tok = sent.doc[j]
            if word_matches(tok, word) and (not word.reflexive or has_reflexive(tok)):
                found = tok
                break
        if found is None:
            return None
        tokens.append(found)
        pos = found.i + 1
    head = tokens[trig.head]
    via_form = head.lemma_.lower() not in trig.words[trig.head].options
    if not pos_ok(head, trig.pos, via_form):
        return None
    if _qualifies_a_thing(head, trig.type):
        return None  # a participle qualifying a thing: "les vidéos incriminées", "les avions alliés"
    return Match(trig, tokens)


# Event types whose participle may qualify a thing ("des villages bombardés", "les avoirs gelés",
# "les armes saisies"); the others qualify people ("deux hommes inculpés").
THING_TYPES = {"", "ASSAULT", "SANCTION", "COERCE", "AID", "RETREAT", "MOBILIZE"}


def _qualifies_a_thing(head: Token, type_: str) -> bool:
    if type_ in THING_TYPES and not (type_ and head.pos_ == "ADJ" and head.dep_ == "amod" and type_ != "ASSAULT"):
        return False
    if head.head.pos_ != "NOUN" or actor_like(head.head):
        return False
    if head.pos_ == "ADJ" and head.dep_ == "amod":
        return True
    # a bare past participle after its noun ("les avions alliés"), not one with its own complements
    # ("un homme accusé de meurtre") nor a present participle ("en critiquant")
    return head.dep_ == "acl" and "Past" in head.morph.get("Tense") and not any(head.children)


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[Trigger, ...]:
    """Phrases whose words are no triggers (``data/plover_not_triggers_fr.tsv``)."""
    text = resources.files("depeche").joinpath("data/plover_not_triggers_fr.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words, _ = parse_pattern(line.strip())
            out.append(Trigger(words, 0, "any", "", None, (), ()))
    return tuple(out)


@lru_cache(maxsize=1)
def stop_index() -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for phrase in stop_phrases():
        for option in phrase.words[0].options:
            for form in inflections(option):
                index.setdefault(form, []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def stopped_tokens(sent: Span) -> set[int]:
    """Indices of the sentence's words that belong to a stop phrase."""
    index = stop_index()
    out: set[int] = set()
    for tok in sent:
        for phrase in {p: None for k in (tok.lemma_.lower(), tok.lower_) for p in index.get(k, ())}:
            m = match_at(sent, tok.i, phrase)
            if m is not None:
                out.update(t.i for t in m.tokens)
    return out


@lru_cache(maxsize=1)
def first_word_index() -> dict[str, tuple[Trigger, ...]]:
    """Every form (lemma, inflection) of a pattern's first word -> the triggers it starts."""
    index: dict[str, list[Trigger]] = {}
    for trig in lexicon():
        for option in trig.words[0].options:
            for form in inflections(option):
                if trig not in index.setdefault(form, []):
                    index[form].append(trig)
    return {k: tuple(sorted(v, key=_specificity)) for k, v in index.items()}


def find_triggers(sent: Span) -> list[Match]:
    """Trigger matches in a sentence, at most one per head word, longest pattern first."""
    index = first_word_index()
    used: set[int] = stopped_tokens(sent)
    out: list[Match] = []
    for tok in sent:
        if tok.is_punct or tok.is_space or tok.i in used or not_a_trigger(tok):
            continue
        candidates = {t: None for k in (tok.lemma_.lower(), tok.lower_) for t in index.get(k, ())}
        for trig in sorted(candidates, key=_specificity):
            m = match_at(sent, tok.i, trig)
            if m is None or m.head.i in used:
                continue
            used.update(t.i for t in m.tokens)
            out.append(m)
            break
    return out


def is_accident(match: Match) -> bool:
    """An ASSAULT or THREATEN trigger whose clause names an accident or a natural cause ("la
    menace du sida")."""
    if match.trigger.type not in ("ASSAULT", "THREATEN"):
        return False
    head = match.head
    return any(t.lemma_.lower() in NOT_ASSAULT_CAUSES for t in head.subtree if t.i != head.i) or (
        "accidentellement" in (t.lower_ for t in head.children))
