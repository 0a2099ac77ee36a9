"""Checks stage: do a document's numbers agree with each other?

Four checks, each a ``Check`` with a verdict, a detail and the quantity ids it used:

- ``travel-time``: a distance, a speed and a duration stated in one paragraph
  (1.200 km at about 60 km/h against "at least 20 hours");
- ``parts-total``: parts listed after a total ("20 morts, dont 5 enfants et
  3 policiers") must not add up to more than it;
- ``percent-sum``: shares of one whole in one sentence ("52 % contre 48 %")
  must not add up to more than 100 %;
- ``repeated-count``: a count of people of one category (killed, wounded, ...)
  given in two sentences with values that cannot both hold (two tolls).

Qualifiers widen the value into an interval: ``approx`` ±25 %, ``min`` up to
infinity, ``max`` down to zero, a range to its bounds.
"""
from __future__ import annotations

import math
import re

from ..models import Check, Document, Quantity
from ..pipeline import Stage, register
from ..spans import record_index
from .stage import sentence_at

DISTANCE_KM = {"km": 1.0, "m": 0.001}
SPEED_KMH = {"km/h": 1.0, "m/s": 3.6, "knot": 1.852}
DURATION_H = {"min": 1 / 60, "h": 1.0, "day": 24.0, "week": 168.0}
TOP_SPEED_RE = re.compile(r"pointe|maximale|limitée?|limitation|bridée?|plafonnée?|0 à \d|\d+ à \d+ km/h", re.IGNORECASE)
APPROX = 0.25
TRAVEL_TOLERANCE = 0.2  # rounding in "about 60 km/h", "20 heures"
PERCENT_SLACK = 1.0  # rounded shares may sum to 101 %
RIVAL_RATIO = 1.6
# Counts of one category compared pairwise in a document (a toll is repeated a few times, not hundreds).
MAX_COMPARED = 50
# Shares of one whole are checked in votes and polls, where they are one whole by construction.
VOTE_RE = re.compile(r"\b(?:voix|suffrages|votes?|voté|élue?|scrutin|sondage|sondés|intentions de vote|exprimés|"
                     r"second tour|premier tour|référendum|parts? de marché)\b", re.IGNORECASE)
TRAVEL_RE = re.compile(r"parcour|trajet|voyag|rout|roul|distance|march|traversée|rejoindre|relier|reli|convoi|"
                       r"navig|vol\b|volé|pédal|couru|course|étape", re.IGNORECASE)
# Places a sentence names: after a preposition or an article ("au Bangladesh", "Les Etats-Unis", "l'Italie").
SCOPE_PLACE_RE = re.compile(
    r"\b(?i:en|au|aux|à|dans l['’]|de l['’]|du|dans le|dans la|sur le|sur la|le|la|les|l['’])\s*([A-ZÀ-Ý][\w-]+)")
LATER_RE = re.compile(r"^.{0,30}?(?:\b(?:en|au|depuis|avant|après)\s+(?:19|20)\d\d|depuis|auparavant|précédemment|"
                      r"l['’]an dernier|l['’]année dernière|plus tôt|au premier tour|lors d[ue]|il y a|avant)", re.IGNORECASE)
SCOPE_TIME_RE = re.compile(r"\b(?:(?:19|20)\d\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|veille|"
                           r"ces dernières années|l'an dernier|l'année dernière|depuis le début|janvier|février|mars|avril|mai|juin|"
                           r"juillet|août|septembre|octobre|novembre|décembre)\b", re.IGNORECASE)
# "treize autres personnes", "six blessés légers": another group or a subgroup, not the same count again.
SUBGROUP_RE = re.compile(r"\bautres\b|légers|légères|graves|grièvement|légèrement|parmi", re.IGNORECASE)
PARTS_RE = re.compile(r"(?:,\s*|\s+)(?:dont|parmi lesquels|parmi lesquelles|parmi eux|parmi elles)\s+", re.IGNORECASE)
CHANGE_BEFORE_RE = re.compile(
    r"(?:hausse|baisse|augmentation|diminution|recul|progression|croissance|chute|repli|plongé|bondi|grimpé|"
    r"augmenté|diminué|reculé|progressé|chuté|gagné|perdu|cédé|baissé|monté|passé|taux|de\s+\+?|[+\-−])\s*"
    r"(?:de\s+|d['’]\s*)?(?:environ\s+|près de\s+|plus de\s+|moins de\s+)?$", re.IGNORECASE)
OF_WHOLE_RE = re.compile(r"\s*(?:des|du|de la|de l['’]|de|d['’])\s*([\wà-ÿ'’-]+)", re.IGNORECASE)
REVISION_RE = re.compile(
    r"nouveau bilan|bilan (?:provisoire|définitif|actualisé|revu|s['’]est alourdi|s['’]alourdit|a été revu)|"
    r"s['’]est alourdi|s['’]alourdit|porté à|passé à|revu à la (?:hausse|baisse)|grimpé à|atteint désormais|"
    r"précédent bilan|dernier bilan|premier bilan|désormais|initialement|d['’]abord|auparavant|précédemment|plus tôt", re.IGNORECASE)


def interval(q: Quantity) -> tuple[float, float]:
    if q.high is not None:
        return q.value, q.high
    return {
        "exact": (q.value, q.value),
        "approx": (q.value * (1 - APPROX), q.value * (1 + APPROX)),
        "min": (q.value, math.inf),
        "max": (0.0, q.value),
    }[q.qualifier]


def _fmt(q: Quantity) -> str:
    sign = {"exact": "", "approx": "~", "min": "≥", "max": "≤"}[q.qualifier]
    rng = f"{q.value:g}-{q.high:g}" if q.high is not None else f"{sign}{q.value:g}"
    return f"{rng} {q.unit} ({q.id})"


def _near(doc: Document, q: Quantity, units: dict, window: tuple[int, int]) -> Quantity | None:
    cands = [c for c in _within(doc, window) if c.unit in units]
    return min(cands, key=lambda c: abs(c.start - q.start)) if cands else None


def _within(doc: Document, window: tuple[int, int]) -> list[Quantity]:
    """The quantities starting in ``window``, in document order."""
    return record_index(doc, "quantities", doc.quantities).starting(*window)


def _travel_ok(d: Quantity, v: Quantity, t: Quantity) -> bool:
    d_lo, d_hi = (x * DISTANCE_KM[d.unit] for x in interval(d))
    v_lo, v_hi = (x * SPEED_KMH[v.unit] for x in interval(v))
    t_lo, t_hi = (x * DURATION_H[t.unit] for x in interval(t))
    need_lo = d_lo / v_hi * (1 - TRAVEL_TOLERANCE)
    need_hi = (d_hi / v_lo if v_lo > 0 else math.inf) * (1 + TRAVEL_TOLERANCE)
    return t_lo <= need_hi and t_hi >= need_lo


def travel_time(doc: Document) -> list[Check]:
    """A speed against the distance and duration nearest it, within its sentence and the next one."""
    out = []
    for v in doc.quantities:
        if v.unit not in SPEED_KMH or v.value <= 0 or v.high is not None:
            continue  # "de 0 à 100 km/h": an acceleration, not a journey
        lo, hi = sentence_at(doc, v.start)
        if TOP_SPEED_RE.search(doc.text[lo:hi]) or not TRAVEL_RE.search(doc.text[lo:hi]):
            continue
        window = (sentence_at(doc, lo - 1)[0] if lo > 0 else lo, sentence_at(doc, hi)[1] if hi < len(doc.text) else hi)
        d = _near(doc, v, DISTANCE_KM, window)
        t = _near(doc, v, DURATION_H, window)
        if d is None or t is None:
            continue
        ok = _travel_ok(d, v, t)
        if not ok:  # another distance and duration of the window may be the journey's
            for d2 in (c for c in _within(doc, window) if c.unit in DISTANCE_KM):
                for t2 in (c for c in _within(doc, window) if c.unit in DURATION_H):
                    if _travel_ok(d2, v, t2):
                        d, t, ok = d2, t2, True
        expect = d.value * DISTANCE_KM[d.unit] / (v.value * SPEED_KMH[v.unit])
        out.append(Check(
            kind="travel-time", consistent=ok, refs=[d.id, v.id, t.id],
            detail=f"{_fmt(d)} at {_fmt(v)} takes about {expect:.3g} h; the text says {_fmt(t)}",
        ))
    return out


def parts_total(doc: Document) -> list[Check]:
    """Parts after "dont" / "parmi lesquels" must not exceed the total they divide."""
    out = []
    qs = doc.quantities
    for i, total in enumerate(qs):
        if total.unit not in ("person", "count", "EUR", "USD", "t", "km"):
            continue
        m = PARTS_RE.match(doc.text, total.end)
        if not m:
            continue
        lo, hi = sentence_at(doc, total.start)
        parts = []
        pos = m.end()
        for q in (qs[j] for j in range(i + 1, len(qs))):  # (no copy of the rest)
            gap = doc.text[pos:q.start]
            if q.start >= hi or not re.fullmatch(r"\s*(?:,|et|ainsi que|plus)?\s*(?:[\wà-ÿ'’-]+\s*){0,6}?", gap):
                break
            if q.unit != total.unit or (q.category and total.category and q.category != total.category):
                break
            if q.unit == "count" and q.noun != total.noun:
                break
            parts.append(q)
            pos = q.end
            if PARTS_RE.match(doc.text, q.end):
                break  # a part divided in its turn
        if not parts:
            continue
        low_sum = sum(interval(p)[0] for p in parts)
        ok = low_sum <= interval(total)[1] * (1 + 1e-9)
        out.append(Check(
            kind="parts-total", consistent=ok, refs=[total.id] + [p.id for p in parts],
            detail=f"parts {' + '.join(_fmt(p) for p in parts)} = {low_sum:g} against a total of {_fmt(total)}",
        ))
    return out


def percent_sum(doc: Document) -> list[Check]:
    """Shares of one whole listed together must not exceed 100 %.

    Shares are percentages (not changes, none above 100) chained in one sentence
    by "contre" ("52 % contre 48 %") or listed each with its holder ("40 % à X,
    35 % à Y et 30 % à Z"); "60 % des hommes et 70 % des femmes" has two wholes.
    """
    out = []
    shares = [q for q in doc.quantities if q.unit == "%" and q.high is None and 0 < q.value <= 100
              and not CHANGE_BEFORE_RE.search(doc.text[max(0, q.start - 30):q.start])]
    chain: list[Quantity] = []
    for q in shares + [None]:
        if q is not None and chain and _same_whole(doc, chain[-1], q):
            chain.append(q)
            continue
        if len(chain) >= 2:
            total = sum(interval(c)[0] for c in chain)
            out.append(Check(
                kind="percent-sum", consistent=total <= 100 + PERCENT_SLACK, refs=[c.id for c in chain],
                detail=f"shares {' + '.join(_fmt(c) for c in chain)} of one whole sum to {total:g} %",
            ))
        chain = [q] if q is not None else []
    return out


def _same_whole(doc: Document, a: Quantity, b: Quantity) -> bool:
    sent = sentence_at(doc, a.start)
    if sent != sentence_at(doc, b.start) or not VOTE_RE.search(doc.text[slice(*sent)]):
        return False
    wa, wb = (OF_WHOLE_RE.match(doc.text, q.end) for q in (a, b))
    if wa and wb and wa.group(1).lower() != wb.group(1).lower():
        return False  # "60 % des hommes et 70 % des femmes"
    gap = doc.text[a.end:b.start]
    if len(gap) > 80:
        return False
    if doc.text[a.start - 1:a.start] == "(":
        return False  # "(45 % contre 36 %)": a comparison in passing
    if re.search(r"\bcontre\b|\bface à\b", gap):
        return not LATER_RE.match(doc.text[b.end:b.end + 40])  # "44 % contre 63 % en 2014": two times
    holder = re.compile(r"\s*(?:des\s+\w+\s+)?(?:pour|à|au|aux)\s+(?:[A-ZÀ-Ý]|la liste|le candidat|la candidate|"
                        r"l['’]ancien|l['’]actuel|la maire|le maire)")
    return bool(holder.match(doc.text, a.end) and holder.match(doc.text, b.end) and re.search(r",|\bet\b", gap))


def _scope(doc: Document, q: Quantity) -> frozenset[str]:
    """Places and time frames a count's sentence names: two tolls for different scopes are not rivals."""
    lo, hi = sentence_at(doc, q.start)
    sent = doc.text[lo:hi]
    words = set(SCOPE_PLACE_RE.findall(sent)) | {w.lower() for w in SCOPE_TIME_RE.findall(sent)}
    if re.search(r"dans le monde|mondial|planète", sent, re.IGNORECASE):
        words.add("monde")
    if re.search(r"par jour|en 24 ?h|en une journée|sur une journée|quotidien|en une semaine|par semaine|"
                 r"la veille|dernières 24", sent, re.IGNORECASE):
        words.add("rate")
    return frozenset(words)


def repeated_count(doc: Document) -> list[Check]:
    """A count of one category given in two sentences, same scope, must agree unless revised.

    Counts of one scope rarely differ by more than a factor ``RIVAL_RATIO``
    between sources; wider gaps are counts of different groups, not rival tolls. Every pair is
    compared, so only the first ``MAX_COMPARED`` sentences giving a count of a category are.
    """
    out = []
    parts = {pid for c in parts_total(doc) for pid in c.refs[1:]}
    by_cat: dict[str, dict[tuple[int, int], Quantity]] = {}
    for q in doc.quantities:
        subgroup = SUBGROUP_RE.search(doc.text[q.start:q.end + 25])
        if q.unit == "person" and q.category and q.id not in parts and not subgroup:
            by_cat.setdefault(q.category, {}).setdefault(sentence_at(doc, q.start), q)  # one per sentence
    for cat, firsts in by_cat.items():
        qs = list(firsts.values())[:MAX_COMPARED]
        scopes = {q.id: _scope(doc, q) for q in qs}
        compared, clash = set(), None
        for i, a in enumerate(qs):
            for b in qs[i + 1:]:
                sa, sb = scopes[a.id], scopes[b.id]
                if sa != sb:
                    continue
                big, small = max(a.value, b.value), min(a.value, b.value)
                if small <= 0 or big / small > RIVAL_RATIO:
                    continue
                compared |= {a.id, b.id}
                (alo, ahi), (blo, bhi) = interval(a), interval(b)
                if clash is None and (alo > bhi or blo > ahi):
                    clash = (a, b)
        if not compared:
            continue
        refs = [q.id for q in qs if q.id in compared]
        if clash is None:
            out.append(Check(kind="repeated-count", consistent=True, refs=refs,
                             detail=f"{cat}: " + ", ".join(_fmt(q) for q in qs if q.id in compared) + " agree"))
            continue
        a, b = clash
        revised = any(REVISION_RE.search(doc.text[slice(*sentence_at(doc, q.start))]) for q in (a, b))
        out.append(Check(
            kind="repeated-count", consistent=revised, refs=refs,
            detail=f"{cat}: {_fmt(a)} and {_fmt(b)} " + ("(a revised toll)" if revised else "cannot both hold"),
        ))
    return out


@register("checks", requires=("quantities",), provides=("checks",))
class CheckStage(Stage):
    """Consistency checks between the numbers of one document."""

    def __call__(self, doc: Document) -> Document:
        doc.checks = travel_time(doc) + parts_total(doc) + percent_sum(doc) + repeated_count(doc)
        return doc
