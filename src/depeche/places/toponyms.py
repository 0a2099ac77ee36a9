"""Toponym resolution: which gazetteer entry each place name of a document means.

A candidate's score adds up, in log-population units:
- its prior: population, feature (country, continent, capital, region, admin seat) and
  how its name matched (a main name beats an alternate name);
- the text's own cues around the mention: a region word before it ("région du",
  "province of", "state of"), a country adjective ("la région russe du Littoral", "the
  Russian city of"), a city word ("ville de", "city of"), French grammar ("à New York" is
  the town, "au Québec" the province);
- the document: countries that its other places resolve to, a region that contains
  another place of the document (or a place inside a region it names), a container
  right after a comma ("Pandi, Bulacan") and lists of names (``depeche.places.toponym_lists``),
  closeness to the other places.
Mentions with the same name in one document share one reading; the readings of all
names are chosen together (``_Problem``: coordinate ascent from several starts, a start kept
only when its new readings are near each other). Nothing here is
specific to French: the cue words are French and English.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from .index import Candidate, Gazetteer, normalize
from .toponym_lists import QUALIFIER_FEATURES, WIDE, comma_containers, inside, list_siblings, qualifiers, sibling_score

FEATURE_PRIOR = {"PCLI": 6.5, "CONT": 4.5, "RGN": 3.5, "PPLC": 4.0, "ADM1": 2.0, "PPLA": 1.0,
                 "PPLG": 1.0, "PPLA2": 0.5, "ADM2": 0.0}
# A curated name (data/places_fr.tsv) says what the name usually means in the news.
MATCH_PRIOR = {"curated": 1.5, "abbrev": 1.5, "name": 0.5, "demonym": 0.5, "short": 0.0, "alt": 0.0}
REGION_FEATURES = {"ADM1", "ADM2", "RGN"}
NEAR_KM = 200.0
STRAY_POPULATION = 10_000
STRAY_ALTERNATE_POPULATION = 100_000
HOME_BONUS = 1.0
# A region named like its seat ("Rio de Janeiro", "Tombouctou", "Odessa"): the bare name is
# the city; the region needs a region word ("l'État de Rio", "la région de Tombouctou").
SEAT_NAMESAKE_PENALTY = 3.0
# The French prepositions and articles before a name (see _A_TOWN, _AN_AREA).
TOWN_GRAMMAR = 2.0
AREA_GRAMMAR = 2.0
AREA_FEATURES = {"PCLI", "CONT", "RGN", "ADM1", "ADM2"}
# A curated place with no population (a sea, a desert, a mountain range) is a name the news
# uses: it weighs as a place of a million people, not as an empty one.
UNPEOPLED_CURATED_POPULATION = 1_000_000

_REGION_CUE = re.compile(
    r"(?:\b(?P<word>region|province|krai|kray|oblast|etat|state|departement|department|district|"
    r"gouvernorat|governorate|county|comte|canton|territory|territoire)\b(?:\s+\w+)?\s+(?:du|de la|de l|des|de|d|of the|of)?\s*$)"
)
_REGION_AFTER = re.compile(r"^\s+(?P<word>state|province|region|county|oblast|krai)\b")
# "région" names a first-level region or a wider area, never a county: "the Houston region" is
# the city's area, not Houston County, Alabama.
WORD_FEATURES = {"region": {"ADM1", "RGN"}}
_CITY_CUE = re.compile(r"\b(?:ville|city|town|village|capitale|capital|localite)\b(?:\s+\w+)?\s+(?:de|d|of)?\s*$")
# French grammar: a town takes "à" and no article ("à New York", "à Québec"); a country or
# region takes an article or "en" ("au Québec", "en Floride", "dans l'Ontario", "du Mexique").
# Read on the raw text, before the mention (an article that is part of the name, "Le Caire",
# is inside the mention).
_A_TOWN = re.compile(r"(?:^|[\s(«\"'’.-])(?:à|À|A)\s+$")
_AN_AREA = re.compile(r"(?:^|[\s(«\"'’.-])(?:en|au|aux|du|des|le|la|les|de\s+la|dans\s+l[ae]|l|de\s+l)(?:\s+|['’]\s*)$",
                      re.IGNORECASE)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def prior(c: Candidate) -> float:
    population = c.population
    if not population and c.match == "curated" and c.feature in ("RGN", "CONT"):
        population = UNPEOPLED_CURATED_POPULATION
    return math.log10(population + 10) + FEATURE_PRIOR.get(c.feature, 0.0) + MATCH_PRIOR.get(c.match, 0.0)


def most_populous(candidates: Sequence[Candidate]) -> Candidate | None:
    """The baseline reading: the most populous place of that name."""
    return max(candidates, key=lambda c: c.population, default=None)


class Cues:
    """What the words right around a mention say about the place it names."""

    def __init__(self, gaz: Gazetteer, text: str, start: int, end: int):
        left = normalize(text[max(0, start - 60):start])
        m = _REGION_CUE.search(left) or _REGION_AFTER.match(" " + normalize(text[end:end + 20]))
        self.region = m is not None
        self.region_features = WORD_FEATURES.get(m.group("word"), REGION_FEATURES) if m else REGION_FEATURES
        self.city = bool(_CITY_CUE.search(left))
        before = text[max(0, start - 12):start]
        self.town_grammar = bool(_A_TOWN.search(before))
        self.area_grammar = not self.town_grammar and bool(_AN_AREA.search(before))
        self.countries: set[str] = set()
        # "la région russe du Littoral", "the Russian city of": an adjective in the cue.
        if self.region or self.city:
            for word in left.split()[-4:]:
                for c in gaz.lookup(word):
                    if c.match == "demonym" and c.country:
                        self.countries.add(c.country)

    def score(self, c: Candidate) -> float:
        s = 0.0
        if self.region:
            s += 4.0 if c.feature in self.region_features else -1.0
        if self.city and c.is_city:
            s += 2.0
        if self.countries:
            s += 5.0 if c.country in self.countries else -3.0
        if self.town_grammar:
            s += TOWN_GRAMMAR if c.is_city else -AREA_GRAMMAR
        elif self.area_grammar and not self.city:
            s += AREA_GRAMMAR if c.feature in AREA_FEATURES else -AREA_GRAMMAR
        return s


def _group_keys(text: str, spans: Sequence[tuple[int, int]], cues: Sequence[Cues]) -> list[str]:
    """One key per name, so that its mentions share one reading; but when the text names both
    a region and a town of that name ("l'État de New York" ... "à New York"), the mentions
    with a region word are another group."""
    keys = [normalize(text[s:e]) for s, e in spans]
    towns = {k for k, q in zip(keys, cues, strict=True) if q.town_grammar or q.city}
    return [f"{k}#region" if k in towns and q.region else k for k, q in zip(keys, cues, strict=True)]


def resolve(gaz: Gazetteer, text: str, spans: Sequence[tuple[int, int]],
            rounds: int = 4, fallback: bool = True, home: str | None = None) -> list[Candidate | None]:
    """The reading of each toponym span of ``text``.

    ``home`` (ISO alpha-2) breaks near ties between homonyms in favour of the country the
    texts come from ("Bayonne" in a French dispatch).

    A name the gazetteer lacks reads, with ``fallback``, as where the document is (``match``
    "context"): its most mentioned town in its main country (the country most of its other
    readings are in), else that country; else None.
    """
    all_cues = [Cues(gaz, text, s, e) for s, e in spans]
    keys = _group_keys(text, spans, all_cues)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        groups[k].append(i)
    cands: dict[str, list[Candidate]] = {k: _candidates(gaz, text, *spans[idx[0]]) for k, idx in groups.items()}
    base: dict[str, list[float]] = {}
    for k, idx in groups.items():
        cues = [all_cues[i] for i in idx]
        cs = cands[k]
        seats = {c.admin1 for c in cs if c.feature in ("PPLA", "PPLC") and c.match != "alt"}
        region_cue = any(q.region or q.area_grammar for q in cues)
        base[k] = [prior(c) + max(q.score(c) for q in cues) + (HOME_BONUS if home and c.country == home else 0.0)
                   - (SEAT_NAMESAKE_PENALTY if c.feature == "ADM1" and c.admin1 in seats and not region_cue
                      and c.match != "curated" else 0.0)
                   for c in cs]
    containers = comma_containers(text, spans, keys, cands)
    problem = _Problem(cands, base, groups, containers, rounds, list_siblings(text, spans, keys))
    choice = problem.best_reading()
    confined = _confine(choice, problem, qualifiers(text, spans, keys))
    if fallback:
        ctx = _Context(choice, groups)
        kept = {k: (None if c is None or _stray(k, c, ctx) else c) for k, c in choice.items()}
        main = _main_country(gaz, kept, groups)  # stray readings have no say in where the document is
        if main is not None:
            # A name confined to a region or country it has no reading in stays there: the
            # document's main town is a guess only when it lies inside them.
            choice = {k: (_guess(main, confined.get(k)) if c is None else c) for k, c in kept.items()}
    return [choice[k] for k in keys]


def _confine(choice: dict, problem: _Problem, quals: dict[str, list[str]]) -> dict[str, Candidate]:
    """Each name that its sentence puts in a region or a country ("gare de X, dans la région de
    Y, en Z", "X (Y)", "X, dans l'Ohio") takes its best reading inside the nearest of them that
    has a reading, or none: it never jumps continents. Containers first (Z, then Y inside Z,
    then X inside Y). Not for a name read as a region or a country, nor in a list of names.
    Returns the container of each confined name."""
    confined: dict[str, Candidate] = {}
    for k in sorted(quals, key=lambda k: -problem.groups[k][0]):
        if k in problem.siblings or (choice.get(k) is not None and choice[k].feature in WIDE):
            continue
        outer = next((choice[q] for q in quals[k] if choice.get(q) is not None
                      and choice[q].feature in QUALIFIER_FEATURES and choice[q].match not in ("context", "part")), None)
        if outer is None:
            continue
        confined[k] = outer
        if choice.get(k) is not None and inside(choice[k], outer):
            continue
        fits = [j for j, c in enumerate(problem.cands[k]) if inside(c, outer)]
        if fits:
            scores = problem.scores(k, choice)
            choice[k] = problem.cands[k][max(fits, key=scores.__getitem__)]
        else:
            choice[k] = None
    return confined


def _guess(main: Candidate, outer: Candidate | None) -> Candidate | None:
    return main if outer is None or inside(main, outer) else None


# French names whose article is part of them ("Le Mans", "Les Lilas") lose it after a
# contracted article ("au Mans", "du Mans", "des Lilas"), or are written without it.
_CONTRACTED = re.compile(r"(?:^|[^\w'’])(?P<art>du|au|aux|des)\s+$", re.IGNORECASE)
_NAME_ARTICLE = {"du": "le", "au": "le", "aux": "les", "des": "les"}


def _candidates(gaz: Gazetteer, text: str, start: int, end: int) -> list[Candidate]:
    """The gazetteer's readings of a mention: by its name, and by the name with the article a
    contracted article stands for ("au Mans": Le Mans) or, when the bare name is nowhere, with
    an article ("Pont-de-Beauvoisin": Le Pont-de-Beauvoisin)."""
    found = gaz.lookup(_with_period(text, start, end))
    m = _CONTRACTED.search(text[max(0, start - 6):start])
    articles = [_NAME_ARTICLE[m.group("art").lower()]] if m else ([] if found else ["le", "la", "les"])
    for art in articles:
        named = gaz.lookup_exact(f"{art} {text[start:end]}")
        if named:
            return named + [c for c in found if c not in named]
    return found


def _with_period(text: str, start: int, end: int) -> str:
    """The name with the period right after it, if any: "Ark." is Arkansas, "Ark" is no abbreviation."""
    return text[start:end + 1] if text[end:end + 1] == "." else text[start:end]


class _Problem:
    """The readings of a document's names as one choice: each name's own score plus how well
    it fits the others' readings, found by coordinate ascent (one name at a time, against
    the others' current readings) from several starting points: every name at its best
    reading alone, then, for each country that two or more ambiguous names can be read in,
    every name read in that country where it can be. The best total wins, so a set of
    names that are all near each other in one country ("London", "St. Thomas",
    "Middlesex" in Ontario) can outweigh one famous homonym."""

    def __init__(self, cands, base, groups, containers, rounds, siblings=None):
        self.cands, self.base, self.groups, self.containers, self.rounds = cands, base, groups, containers, rounds
        self.siblings = siblings or {}
        self.order = sorted((k for k, cs in cands.items() if len(cs) > 1),
                            key=lambda k: (-len(groups[k]), groups[k][0]))

    def scores(self, k: str, choice) -> list[float]:
        ctx = _Context(choice, self.groups)
        around = self.containers.get(k, ())
        sibs = [choice[o] for o in self.siblings.get(k, ())]
        return [self.base[k][j] + ctx.score(k, c) + sum(a.score(c) for a in around) + sibling_score(c, sibs)
                for j, c in enumerate(self.cands[k])]

    def ascend(self, choice: dict) -> dict:
        choice = dict(choice)
        for _ in range(self.rounds):
            changed = False
            for k in self.order:
                cs = self.cands[k]
                scores = self.scores(k, choice)
                best = cs[max(range(len(cs)), key=scores.__getitem__)]
                if best != choice[k]:
                    choice[k], changed = best, True
            if not changed:
                break
        return choice

    def total(self, choice: dict) -> float:
        t = 0.0
        for k, c in choice.items():
            if c is not None:
                t += len(self.groups[k]) * self.scores(k, choice)[self.cands[k].index(c)]
        return t

    def best_reading(self) -> dict:
        own = {k: (cs[max(range(len(cs)), key=self.base[k].__getitem__)] if cs else None)
               for k, cs in self.cands.items()}
        best = self.ascend(own)
        if len(self.order) < 2:
            return best
        names_in: Counter[str] = Counter()
        for k in self.order:
            for cc in {c.country for c in self.cands[k] if c.country}:
                names_in[cc] += 1
        hypotheses = [cc for cc, n in names_in.items() if n >= 2]
        if not hypotheses:
            return best
        best_total = self.total(best)
        for cc in hypotheses:
            start = dict(own)
            for k in self.order:
                inside = [j for j, c in enumerate(self.cands[k]) if c.country == cc]
                if inside:
                    start[k] = self.cands[k][max(inside, key=self.base[k].__getitem__)]
            reading = self.ascend(start)
            total = self.total(reading)
            if total > best_total + 1e-9 and _compact(reading, best):
                best, best_total = reading, total
        return best


def _compact(reading: dict, before: dict) -> bool:
    """Whether each reading that differs from ``before`` has a neighbour among the others:
    a place within NEAR_KM, in the same admin-1 region, or (for a country) a place in it.
    Sharing only a country is too weak for two small towns of a big country ("Toronto"
    and "Lyon" are not both in the United States)."""
    for k, c in reading.items():
        if c is None or c == before.get(k):
            continue
        others = [o for j, o in reading.items() if j != k and o is not None]
        if c.feature == "PCLI":
            ok = any(o.country == c.country and o.feature != "PCLI" for o in others)
        else:
            ok = any((c.admin1 and o.feature != "PCLI" and o.admin1 == c.admin1)
                     or (c.feature not in WIDE and o.feature not in WIDE
                         and haversine_km(c.lat, c.lon, o.lat, o.lon) < NEAR_KM) for o in others)
        if not ok:
            return False
    return True


def _stray(key: str, c: Candidate, ctx: _Context) -> bool:
    """A hamlet or district abroad, a place bearing only part of the name ("West Midlands"
    read as Zimbabwe's Midlands), or a town of under 100,000 found by one of its alternate
    names (transliterations, old names: "Kalam" read as Kallam, India), in a country the
    document names nowhere else: likely a name the gazetteer lacks that happens to match it
    ("Heathrow" read as a village of Florida, "Pyrénées" as a shire of Australia)."""
    if not (c.feature == "ADM2" or (c.is_city and c.population < STRAY_POPULATION)
            or (c.match == "part" and c.country)
            or (c.match == "alt" and c.is_city and c.population < STRAY_ALTERNATE_POPULATION)):
        return False
    own = ctx.weight[key] if ctx.choice.get(key) is not None and ctx.choice[key].country == c.country else 0
    return ctx.countries[c.country] - own <= 0


def _main_country(gaz: Gazetteer, choice: dict[str, Candidate | None],
                  groups: dict[str, list[int]]) -> Candidate | None:
    """Where the document is, for a name the gazetteer lacks (a street, a hospital, an
    airport): its most mentioned town in its main country, else its main country."""
    votes: Counter[str] = Counter()
    for k, c in choice.items():
        if c is not None and c.country:
            votes[c.country] += len(groups[k])
    if not votes:
        return None
    cc = votes.most_common(1)[0][0]
    towns = Counter({k: len(groups[k]) for k, c in choice.items()
                     if c is not None and c.country == cc and c.is_city and c.match != "context"})
    if towns:
        return dataclasses.replace(choice[towns.most_common(1)[0][0]], match="context")
    country = gaz.country(cc)
    return dataclasses.replace(country, match="context") if country else None


class _Context:
    """The document's other places, as the current readings have them."""

    def __init__(self, choice: dict[str, Candidate | None], groups: dict[str, list[int]]):
        self.choice = choice
        self.countries: Counter[str] = Counter()
        self.admins: Counter[str] = Counter()
        self.weight = {k: len(groups[k]) for k in choice}
        for k, c in choice.items():
            if c is None:
                continue
            if c.country:
                self.countries[c.country] += self.weight[k]
            if c.admin1 and c.feature != "PCLI":
                self.admins[c.admin1] += self.weight[k]
        self.total = sum(self.weight[k] for k, c in choice.items() if c is not None and c.country)

    def score(self, key: str, c: Candidate) -> float:
        own = self.choice.get(key)
        w = self.weight[key] if own is not None else 0
        total = self.total - (w if own is not None and own.country else 0)
        s = 0.0
        if c.country and total > 0:
            n = self.countries[c.country] - (w if own is not None and own.country == c.country else 0)
            s += 4.0 * n / total + (1.0 if n > 0 else 0.0)
        if c.admin1 and c.feature != "PCLI":
            n = self.admins[c.admin1] - (w if own is not None and own.admin1 == c.admin1 and own.feature != "PCLI" else 0)
            if n > 0:
                s += 1.5
        if c.feature not in WIDE and any(
            k != key and o is not None and o.feature not in WIDE
            and haversine_km(c.lat, c.lon, o.lat, o.lon) < NEAR_KM for k, o in self.choice.items()
        ):
            s += 1.5
        return s
