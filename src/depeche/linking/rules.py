"""When two reports are one real-world event: the pair rule, and the baseline it is measured against.

Two reports can be one event only if they have the same type and their periods agree: the
period of a report dated by the text is its time's period, that of a report dated only by its
document runs from ``window`` days before the document date to that date; two periods agree
when they overlap or are less than ``slack`` days apart. Then evidence adds up:

- actors: the same named person or organisation on the same side (``2``), else the same coded
  country and sector (``1``), else the same country (``0.5``); for symmetric types (meetings,
  agreements, cooperation, fighting) either side counts;
- place: the same place, or two within ``radius_km`` (``1.5``); the same country (``0.5``);
- the same trigger word (``0.5``), the same mode (``0.5``), both dated by the text to the same day
  (``0.5``).

Vetoes: places in different countries, or both reports naming people on a side and none in
common while their codes differ. A pair links when nothing vetoes it and the evidence reaches
``threshold``; when a report is dated only to a month or a year (a period longer than an
undated report's window) the two must name a person or organisation in common and reach
``vague_extra`` more. A group's common noun ("la police", "des manifestants") is compared by
its code, never as a name.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..fold import fold, name_key
from ..models import Report
from ..places import haversine_km

# Points per unit of shared content words around the two triggers (over the smaller set), and for
# the same trigger words.
CONTEXT_WEIGHT = 4.0
WORDS_POINTS = 0.5
# From this much shared context, places in two countries do not veto (one of them is misplaced).
CONTEXT_OVERRIDES = 0.3
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "COERCE", "THREATEN", "ACCUSE"}
NAMED = {"PER", "ORG"}


@dataclass(frozen=True)
class LinkRules:
    """The pair rule's settings (``link_*`` in the configuration)."""

    window: int = 3  # days before the document date that an undated report may describe
    slack: int = 1  # days by which two periods may miss each other
    radius_km: float = 50.0
    threshold: float = 3.0
    vague_extra: float = 1.0

    def fingerprint(self) -> str:
        return (f"w{self.window}s{self.slack}r{self.radius_km:g}t{self.threshold:g}"
                f"v{self.vague_extra:g}")


@dataclass(frozen=True)
class Match:
    linked: bool
    score: float
    reasons: str


def period(r: Report, rules: LinkRules) -> tuple[int, int] | None:
    """The report's period as day ordinals, or None when it has no date at all."""
    first, last = r.first, r.last
    if first is None or last is None:
        return None
    a, b = _ordinal(first), _ordinal(last)
    if not r.dated:
        a -= rules.window
    return a, b


@lru_cache(maxsize=65536)
def _ordinal(day: str) -> int:
    return dt.date.fromisoformat(day[:10]).toordinal()


def date_gap(pa: tuple[int, int], pb: tuple[int, int]) -> int:
    return max(0, max(pa[0], pb[0]) - min(pa[1], pb[1]))


def vague(span: tuple[int, int], rules: LinkRules) -> bool:
    """A period longer than an undated report's window (a month, a year): it needs a name in common."""
    return span[1] - span[0] > rules.window + 1


Actor = tuple[str, bool, str | None, str | None, str | None]  # key, named, type, country, sector


@dataclass(frozen=True, slots=True)
class Prepared:
    """A report's features, computed once: what ``decide`` compares."""

    report: Report
    span: tuple[int, int] | None
    words: str
    day: int | None  # the day, when the text dates the report to one day
    sides: dict[str, tuple[Actor, ...]]
    context: frozenset[str]  # content words around the trigger

    @classmethod
    def of(cls, r: Report, rules: LinkRules) -> Prepared:
        span = period(r, rules)
        sides: dict[str, list[Actor]] = {"source": [], "target": []}
        for x in r.actors:
            sides[x.role].append((x.key, x.named, x.type, x.country, x.sector))
        day = span[0] if span and r.dated and span[0] == span[1] else None
        return cls(r, span, name_key(r.text), day, {k: tuple(v) for k, v in sides.items()}, content_words(r.context))


_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset("""avec dans pour mais plus sont elle elles leur leurs cette ceux celle dont nous vous avait avaient
    aussi encore depuis selon apres avant entre sans sous tout tous toute toutes comme ainsi etre avoir fait faire
    etait sera seront deja lors alors quand donc contre vers chez tres peut bien meme autres autre""".split())


def content_words(text: str) -> frozenset[str]:
    """The folded words of four letters or more of a text, stop words left out."""
    return frozenset(w for w in _WORD.findall(fold(text)) if w not in _STOP)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the smaller set's size (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _actor_points(a: Prepared, b: Prepared, symmetric: bool) -> tuple[float, bool, bool, list[str]]:
    """(points, conflict, a proper name in common, reasons) of the two reports' actors."""
    sides = [("source", "source"), ("target", "target")]
    if symmetric:
        sides += [("source", "target"), ("target", "source")]
    best: dict[str, float] = {}
    conflict = named = False
    for sa, sb in sides:
        xs, ys = a.sides[sa], b.sides[sb]
        if not xs or not ys:
            continue
        side = sa if sa == sb else "cross"
        got = 0.0
        for xk, xn, xt, xc, xs_ in xs:
            for yk, yn, yt, yc, ys_ in ys:
                if xn and yn and xk and xk == yk:
                    got = max(got, 2.0 if xt in NAMED else 1.0)
                    named = named or xt in NAMED
                elif xc and xc == yc:
                    got = max(got, 1.0 if (xs_ and xs_ == ys_) or xk == yk else 0.5)
        best[side] = max(best.get(side, 0.0), got)
        if sa == sb and got < 1.0:
            people_x = {x[0] for x in xs if x[2] == "PER" and x[1]}
            people_y = {y[0] for y in ys if y[2] == "PER" and y[1]}
            if people_x and people_y and not people_x & people_y and not (
                    {(x[3], x[4]) for x in xs if x[3]} & {(y[3], y[4]) for y in ys if y[3]}):
                conflict = True
    cross = best.pop("cross", 0.0)
    points = sum(best.values())
    reasons = [f"{side}:{got:g}" for side, got in best.items() if got]
    if cross > points:  # symmetric types: the sides may be swapped
        points, reasons = cross, [f"cross:{cross:g}"]
    return points, conflict, named, reasons


def _place_points(a: Report, b: Report, rules: LinkRules) -> tuple[float, bool, str | None]:
    if not (a.place and b.place):
        return 0.0, False, None
    if a.place == b.place:
        return 1.5, False, "place"
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        if haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.radius_km:
            return 1.5, False, "near"
    if a.place_country and b.place_country:
        if a.place_country == b.place_country:
            return 0.5, False, "country"
        return 0.0, True, None
    return 0.0, False, None


def _actor_country_at_place(a: Report, b: Report) -> bool:
    """One report names the country (as an actor) where the other one's place is."""
    for x, y in ((a, b), (b, a)):
        if y.place_country and any(actor.country == y.place_country and actor.type in ("GPE", None)
                                   and actor.named for actor in x.actors):
            return True
    return False


def decide(pa: Prepared, pb: Prepared, rules: LinkRules) -> Match:
    """The pair rule over prepared reports (see the module's docstring)."""
    a, b = pa.report, pb.report
    if a.type != b.type:
        return Match(False, 0.0, "type")
    if pa.span is None or pb.span is None or date_gap(pa.span, pb.span) > rules.slack:
        return Match(False, 0.0, "date")
    score, conflict, named, reasons = _actor_points(pa, pb, a.type in SYMMETRIC)
    if conflict:
        return Match(False, score, "actors differ")
    shared = overlap(pa.context, pb.context)
    place, place_conflict, why = _place_points(a, b, rules)
    if place_conflict and shared < CONTEXT_OVERRIDES:
        return Match(False, score, "places differ")
    if why:
        score += place
        reasons.append(why)
    elif not (a.place and b.place) and _actor_country_at_place(a, b):
        score += 0.5
        reasons.append("actor-place")
    if pa.words == pb.words:
        score += WORDS_POINTS
        reasons.append("words")
    if a.mode and a.mode == b.mode:
        score += 0.5
        reasons.append("mode")
    if pa.day is not None and pa.day == pb.day:
        score += 0.5
        reasons.append("day")
    if shared:
        score += CONTEXT_WEIGHT * shared
        reasons.append(f"context:{shared:.2f}")
    need = rules.threshold
    if vague(pa.span, rules) or vague(pb.span, rules):
        if not named:
            return Match(False, score, "vague date, no name in common")
        need += rules.vague_extra
    return Match(score >= need, score, " ".join(reasons))


def decide_baseline(pa: Prepared, pb: Prepared, rules: LinkRules) -> Match:
    """The baseline: the same type and agreeing periods, nothing else."""
    if pa.report.type != pb.report.type:
        return Match(False, 0.0, "type")
    ok = pa.span is not None and pb.span is not None and date_gap(pa.span, pb.span) <= rules.slack
    return Match(ok, 1.0 if ok else 0.0, "type+date" if ok else "date")


def compare(a: Report, b: Report, rules: LinkRules = LinkRules()) -> Match:
    """Whether two reports (of two documents) are one real-world event, with the evidence."""
    return decide(Prepared.of(a, rules), Prepared.of(b, rules), rules)


def baseline(a: Report, b: Report, rules: LinkRules = LinkRules()) -> Match:
    """The baseline: the same type and agreeing periods, nothing else."""
    return decide_baseline(Prepared.of(a, rules), Prepared.of(b, rules), rules)
