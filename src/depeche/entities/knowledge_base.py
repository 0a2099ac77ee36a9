"""The actor knowledge base shipped in ``depeche/data``: facts, loaded once, lazily.

Hand-curated files (edited directly): ``country_facts.tsv`` (capital, demonyms, other
names), ``seats.tsv`` (seats of power and state bodies), ``organizations.tsv`` (news
outlets, intergovernmental organisations, NGOs, armed groups, companies),
``leaders.tsv`` (heads of state and government with term dates), ``roles.tsv`` and
``actor_nouns.tsv`` (French role words and collective actors with their sector code).
Derived files, rebuilt by ``scripts/build_knowledge.py``: ``countries.json`` (French
country names from Babel/CLDR) and ``phoenix_people.tsv`` (PETRARCH/Phoenix people and
their actor codes, frozen in 2014).

Names are looked up in a normal form (``norm``): lower case, no accents, hyphens and
apostrophes unified, so "Etats-Unis" finds "États-Unis" and "Kim Jong Un" finds
"Kim Jong-un".
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..fold import token_key

# Kinds of known names, in the order that wins when two share a normal form.
KINDS = ("org", "seat", "country", "capital", "person")
# Country names that are also common first names or other places: never matched alone.
AMBIGUOUS = {"maurice", "dominique", "grenade", "salvador", "sainte lucie", "saint martin",
             "jersey", "guernesey", "georgie", "chine nouvelle", "amerique", "hollande", "panama"}
# Where the family name comes first ("Xi Jinping"), and surnames too common to stand alone.
FAMILY_NAME_FIRST = {"CHN", "KOR", "PRK", "VNM", "SAU"}
COMMON_SURNAMES = {"silva", "fernandez", "borne", "singh", "khan", "martin", "castro", "kirchner", "kabila",
                   "johnson", "brown", "may", "assad", "saleh", "aoun", "abbas", "bush", "gul", "kan", "mori",
                   "obrador", "nieto", "ahmed", "hussein", "cruz", "rachid", "traore"}
# Articles that may open a known name ("Le Monde", "La Havane") without deciding its case.
ARTICLES = {"le", "la", "les", "l'"}


def norm(text: str) -> str:
    """The knowledge base's key of a word or name: the one fold of names, aligned on spaCy's
    tokens (``depeche.fold.token_key``: "l'Élysée" -> "l' elysee")."""
    return token_key(text)


@dataclass(frozen=True)
class Known:
    """A name the knowledge base knows, and what it stands for."""

    kind: str  # org | seat | country | capital | person
    name: str  # canonical name
    type: str  # PER | ORG | GPE
    country: str | None = None
    sector: str | None = None
    exact_case: bool = False  # short acronyms ("AP", "UA") match only as written


@dataclass(frozen=True)
class Leader:
    country: str
    office: str  # state | government
    title: str  # the French title: président, premier ministre, chancelier, ...
    top: bool  # the country's top leader ("le dirigeant nord-coréen")
    name: str
    start: str
    end: str  # "" while in office
    short: tuple[str, ...] = ()  # one-word forms: the surname, "Lula", "MBS"


@dataclass(frozen=True)
class Role:
    word: str
    label: str
    sector: str | None
    leader_class: str | None  # which leaders.tsv title this word can stand for


@dataclass
class Knowledge:
    names: dict[str, Known] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)  # every word prefix of a known name
    country_names: dict[str, str] = field(default_factory=dict)  # alpha3 -> French name
    demonyms: dict[str, str] = field(default_factory=dict)  # norm(form) -> alpha3
    leaders: list[Leader] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)  # norm(word) -> Role
    role_max_words: int = 1
    actor_nouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # norm -> (sector, type)
    actors_alone: set[str] = field(default_factory=set)  # actor nouns that need no name or country
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # norm(name) -> (country, sector)

    def lookup(self, text: str) -> Known | None:
        known = self.names.get(norm(text))
        if known is None or (known.exact_case and not text.isupper()):
            return None
        return known

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(norm(word))

    def leader_at(self, country: str, leader_class: str, date: str | None) -> Leader | None:
        """The holder of that office in ``country`` on ``date`` (YYYY[-MM[-DD]])."""
        if not date:
            return None
        day = reference_day(date)
        for leader in self.leaders:
            if leader.country != country:
                continue
            if leader_class == "top":
                if not leader.top:
                    continue
            elif leader_class in ("state", "government"):
                if leader.office != leader_class:
                    continue
            elif leader.title != leader_class:
                continue
            if leader.start <= day and (not leader.end or day < leader.end):
                return leader
        if leader_class == "président":  # "le président nord-coréen": the country's top leader
            return self.leader_at(country, "top", date)
        return None


def reference_day(date: str) -> str:
    """The day a document date stands for: itself, the middle of its month or of its year."""
    if len(date) == 4:
        return f"{date}-07-01"
    if len(date) == 7:
        return f"{date}-15"
    return date


def office_of(kb: Knowledge, name: str, date: str | None) -> Leader | None:
    """The office ``name`` (a full name, or a surname alone) held on ``date`` according to leaders.tsv."""
    if not date:
        return None
    day = reference_day(date)
    key = norm(name)
    alone = len(key.split()) == 1  # a surname alone: "Macron"
    for leader in kb.leaders:
        names = norm(leader.name)
        if (names == key or (alone and names.split()[-1] == key)) \
                and leader.start <= day and (not leader.end or day < leader.end):
            return leader
    return None


@lru_cache(maxsize=64)
def leaders_by_surname(date: str) -> dict[str, Leader]:
    """norm(surname) -> the leader in office on ``date`` ("Poutine", "Macron", "Lula")."""
    kb, day, out = knowledge(), reference_day(date), {}
    for leader in kb.leaders:
        if leader.start <= day and (not leader.end or day < leader.end):
            for form in leader.short:
                out.setdefault(norm(form), leader)
    return out


def _rows(filename: str):
    with resources.files("depeche").joinpath("data", filename).open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#") and row[0].strip():
                yield [c.strip() for c in row]


def _plural(form: str) -> str:
    return form if form.endswith(("s", "x")) else form + "s"


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The knowledge base, loaded on first use."""
    kb = Knowledge()
    candidates: dict[str, Known] = {}

    def add(text: str, known: Known) -> None:
        key = norm(text)
        if not key or key in AMBIGUOUS:
            return
        old = candidates.get(key)
        if old is None or KINDS.index(known.kind) < KINDS.index(old.kind):
            candidates[key] = known
        elif old.exact_case and not known.exact_case and (old.kind, old.name) == (known.kind, known.name):
            candidates[key] = known  # "Otan" as well as "OTAN"

    countries = json.loads(resources.files("depeche").joinpath("data", "countries.json").read_text(encoding="utf-8"))
    for alpha3, info in countries.items():
        kb.country_names[alpha3] = info["name"]
        add(info["name"], Known("country", info["name"], "GPE", alpha3, "GOV"))
    for row in _rows("country_facts.tsv"):
        alpha3, capital, masc, fem = row[:4]
        name = kb.country_names.get(alpha3, alpha3)
        if capital:
            add(capital, Known("capital", name, "GPE", alpha3, "GOV"))
        for form in (masc, fem, _plural(masc), _plural(fem)):
            if form:
                kb.demonyms.setdefault(norm(form), alpha3)
        for other in filter(None, (row[4] if len(row) > 4 else "").split("|")):
            add(other, Known("country", name, "GPE", alpha3, "GOV"))
    for name, others, alpha3, sector in (r[:4] for r in _rows("seats.tsv")):
        for form in [name, *filter(None, others.split("|"))]:
            add(form, Known("seat", name, "GPE", alpha3 or None, sector or None))
    for row in _rows("organizations.tsv"):
        name, others, sector = row[:3]
        alpha3 = row[3] if len(row) > 3 and row[3] else None
        for form in [name, *filter(None, others.split("|"))]:
            short = form.isupper() and len(form) <= 4
            add(form, Known("org", name, "ORG", alpha3, sector or None, exact_case=short))
    for row in _rows("leaders.tsv"):
        alpha3, office, title, top, name, others, start = row[:7]
        end = row[7] if len(row) > 7 else ""
        forms = [name, *filter(None, others.split("|"))]
        short = [f for f in forms if len(f.split()) == 1]
        surname = name.split()[-1]
        if alpha3 not in FAMILY_NAME_FIRST and len(surname) >= 4 and norm(surname) not in COMMON_SURNAMES:
            short.append(surname)
        short = tuple(dict.fromkeys(short))
        kb.leaders.append(Leader(alpha3, office, title, top == "1", name, start, end, short))
        for form in [name, *filter(None, others.split("|"))]:
            if len(form.split()) >= 2 and norm(form) not in candidates:
                add(form, Known("person", name, "PER", alpha3, "GOV"))
    for row in _rows("roles.tsv"):
        word, label, sector = row[:3]
        cls = row[3] if len(row) > 3 and row[3] else None
        kb.roles[norm(word)] = Role(word, label, sector or None, cls)
    kb.role_max_words = max(len(k.split()) for k in kb.roles)
    for row in _rows("actor_nouns.tsv"):
        word, sector, typ = row[:3]
        kb.actor_nouns[norm(word)] = (sector, typ)
        if len(row) > 3 and row[3] == "yes":
            kb.actors_alone.add(norm(word))
    for row in _rows("phoenix_people.tsv"):
        kb.people.setdefault(norm(row[0]), (row[1], row[2]))
    kb.names = candidates
    for key in candidates:
        words = key.split()
        kb.prefixes.update(" ".join(words[:i]) for i in range(1, len(words) + 1))
    return kb
