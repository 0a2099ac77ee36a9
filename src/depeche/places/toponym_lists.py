"""Places named next to each other: "Pandi, Bulacan" (a container after a comma, and the other
way round, "Atlanta, Georgia") and lists of three or more ("l'Ontario, le Manitoba et le
Nouveau-Brunswick"), whose names prefer readings of one kind. Used by ``depeche.places.toponyms``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .index import Candidate

WIDE = {"PCLI", "CONT", "RGN", "ADM1"}


class Container:
    """Places that a mention is said to be in ("Pandi, Bulacan": Bulacan's readings)."""

    def __init__(self, readings: Sequence[Candidate]):
        self.admins = {c.admin1 for c in readings if c.feature in ("ADM1", "ADM2") and c.admin1}
        self.countries = {c.country for c in readings if c.feature in ("PCLI", "ADM1", "ADM2") and c.country}

    def score(self, c: Candidate) -> float:
        if c.admin1 and c.admin1 in self.admins:
            return 3.0
        if c.country and c.country in self.countries:
            return 2.0
        return 0.0


class Contents:
    """The other side of "Pandi, Bulacan": Bulacan is read as a region or country that
    holds one of Pandi's readings ("Atlanta, Georgia" is the state)."""

    def __init__(self, readings: Sequence[Candidate]):
        local = [c for c in readings if c.feature not in WIDE]
        self.admins = {c.admin1 for c in local if c.admin1}
        self.countries = {c.country for c in local if c.country}

    def score(self, c: Candidate) -> float:
        if c.feature in ("ADM1", "ADM2") and c.admin1 in self.admins:
            return 3.0
        if c.feature == "PCLI" and c.country in self.countries:
            return 2.0
        return 0.0


# A run of three or more names joined by commas and "and"/"et" ("Arizona, Colorado,
# Washington and Wisconsin"; "l'Ontario, le Manitoba et le Nouveau-Brunswick") names places of
# one kind: each name prefers the reading of its neighbours' level (country, region, district
# or town)
# and, below the country level, their country.
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|et|or|ou|&)|/)\s*"
                       r"(?:(?:the|le|la|les|l['’]|du|de|des|d['’]|au|aux|en|à|a|in)\s*)?$", re.IGNORECASE)
SIBLING_BONUS = 3.0
MIN_LIST = 3


def _level(c: Candidate) -> str:
    if c.feature == "PCLI":
        return "country"
    if c.feature in ("ADM1", "RGN"):
        return "region"
    return "town" if c.is_city else c.feature


def sibling_score(c: Candidate, siblings: Sequence[Candidate | None]) -> float:
    if not siblings:
        return 0.0
    level = _level(c)
    alike = sum(1 for o in siblings if o is not None and _level(o) == level
                and (level == "country" or o.country == c.country))
    return SIBLING_BONUS * alike / len(siblings)


def list_siblings(text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]) -> dict[str, set[str]]:
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    runs: list[list[int]] = []
    for i in order:
        if runs and _LIST_GAP.match(text[spans[runs[-1][-1]][1]:spans[i][0]]):
            runs[-1].append(i)
        else:
            runs.append([i])
    siblings: dict[str, set[str]] = defaultdict(set)
    for run in runs:
        names = {keys[i] for i in run}
        if len(names) >= MIN_LIST:
            for name in names:
                siblings[name] |= names - {name}
    return siblings


# "X, dans la région de Y, en Z", "X (Y)", "X, dans l'Ohio", "X, en Floride", "X, au Mali":
# Y (and Z) say where X is. The words between two names that qualify the first by the second.
_QUALIFYING_GAP = re.compile(
    r"^\s*(?:\(|,|,\s*(?:(?:situ[ée]e?s?|localisée?s?)\s+)?(?:dans|en|au|aux|in)\s+(?:(?:l['’]|la|le|les|the)\s*)?"
    r"(?:(?:région|province|état|etat|département|departement|comté|district|canton|oblast|gouvernorat|préfecture"
    r"|state|county|province)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+)?)?)\s*$",
    re.IGNORECASE)
QUALIFIER_FEATURES = {"PCLI", "ADM1", "ADM2", "RGN"}


def qualifiers(text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]) -> dict[str, list[str]]:
    """For each name, the names that its sentence puts it in, nearest first: "gare de X, dans
    la région de Y, en Z" gives X -> [Y, Z] and Y -> [Z]."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    out: dict[str, list[str]] = defaultdict(list)
    for n, a in enumerate(order):
        prev = a
        for b in order[n + 1:]:
            gap = text[spans[prev][1]:spans[b][0]]
            if len(gap) > 40 or not _QUALIFYING_GAP.match(gap) or keys[b] == keys[a]:
                break
            if keys[b] not in out[keys[a]]:
                out[keys[a]].append(keys[b])
            prev = b
    return out


# Territories that GeoNames codes as countries of their own, and the state they belong to
# ("Saint-Denis, à La Réunion, en France").
SOVEREIGN = {
    **dict.fromkeys(("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "PF", "NC", "WF", "TF"), "FR"),
    **dict.fromkeys(("PR", "GU", "VI", "AS", "MP", "UM"), "US"),
    **dict.fromkeys(("GI", "BM", "KY", "VG", "FK", "MS", "TC", "AI", "SH", "PN", "IM", "JE", "GG", "IO"), "GB"),
    **dict.fromkeys(("AW", "CW", "SX", "BQ"), "NL"), **dict.fromkeys(("GL", "FO"), "DK"),
    **dict.fromkeys(("HK", "MO"), "CN"), **dict.fromkeys(("CX", "CC", "NF"), "AU"),
}


def inside(c: Candidate, container: Candidate) -> bool:
    """Whether place ``c`` lies in ``container`` (a country, or a region of its admin-1 code)."""
    if container.country and c.country != container.country and SOVEREIGN.get(c.country) != container.country:
        return False
    if container.feature == "ADM1" and container.admin1 and c.admin1 and c.feature != "PCLI":
        return c.admin1 == container.admin1
    return True


def comma_containers(text, spans, keys, cands) -> dict[str, list[Container | Contents]]:
    out: dict[str, list[Container | Contents]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    for a, b in zip(order, order[1:]):
        gap = text[spans[a][1]:spans[b][0]]
        if keys[a] != keys[b] and gap.strip() in (",", "(") and len(gap) <= 3 and (keys[a], keys[b]) not in seen:
            seen.add((keys[a], keys[b]))
            out[keys[a]].append(Container(cands[keys[b]]))
            out[keys[b]].append(Contents(cands[keys[a]]))
    return out
