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
