"""Event linking across articles: blocking, pair decisions, union-find, linked events.

Reports are blocked by type and compared only with reports whose periods can agree (a sorted
list of period starts per type, scanned over the longest period seen). A new report is compared
with every report already indexed, so linking article by article gives the same edges, and
hence the same linked events (connected components), as linking a corpus at once. A linked
event's id is a hash of its smallest member's key; its canonical report is the best-dated,
best-described one (dated by the text, most actors and a place, then the earliest document).
"""
from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable

from ..models import Corroboration, LinkedEvent, Report
from .rules import NAMED, LinkRules, Match, Prepared, decide, vague
from .unionfind import UnionFind

Key = tuple[str, str]
Edge = tuple[Key, Key, Match]
Rule = Callable[[Prepared, Prepared, LinkRules], Match]


class EventLinker:
    """Reports indexed by type and period; ``add`` returns the edges a new report makes.

    Precisely dated reports (a day, or an undated report's window) are kept sorted by period
    start per type; a new one is compared with those whose periods can meet it. A report dated
    only to a month or a year can link only through a person or organisation named in both
    (``rules.vague``), so it is compared with the reports of its type that share such a name.
    """

    def __init__(self, rules: LinkRules = LinkRules(), rule: Rule = decide):
        self.rules = rules
        self.rule = rule
        self.reports: dict[Key, Prepared] = {}
        self.starts: dict[str, list[tuple[int, Key]]] = {}
        self.by_name: dict[tuple[str, str], list[Key]] = {}

    def index(self, report: Report) -> None:
        """Index a report already linked (its edges are stored) without comparing it."""
        if report.key in self.reports:
            return
        p = Prepared.of(report, self.rules)
        if p.span is not None and not vague(p.span, self.rules):
            bisect.insort(self.starts.setdefault(report.type, []), (p.span[0], report.key))
        for name in _names(report):
            self.by_name.setdefault((report.type, name), []).append(report.key)
        self.reports[report.key] = p

    def add(self, report: Report) -> list[Edge]:
        if report.key in self.reports:
            return []
        edges = []
        p = Prepared.of(report, self.rules)
        for other in self.candidates(p):
            if other.report.doc_id != report.doc_id:
                match = self.rule(p, other, self.rules)
                if match.linked:
                    edges.append((report.key, other.report.key, match))
        self.index(report)
        return edges

    def add_all(self, reports: Iterable[Report]) -> list[Edge]:
        edges: list[Edge] = []
        for r in reports:
            edges.extend(self.add(r))
        return edges

    def candidates(self, p: Prepared) -> list[Prepared]:
        """Indexed reports whose period and names may let them link with ``p``."""
        report, span = p.report, p.span
        if span is None:
            return []
        keys: dict[Key, None] = {}
        for name in _names(report):
            keys.update(dict.fromkeys(self.by_name.get((report.type, name), ())))
        if not vague(span, self.rules):
            starts = self.starts.get(report.type, [])
            reach = self.rules.window + 1 + self.rules.slack
            lo = bisect.bisect_left(starts, (span[0] - reach,))
            hi = bisect.bisect_right(starts, (span[1] + self.rules.slack, ("\uffff", "")))
            keys.update(dict.fromkeys(k for _, k in starts[lo:hi]))
        return [self.reports[k] for k in keys]


def _names(report: Report) -> set[str]:
    return {a.key for a in report.actors if a.named and a.key and a.type in NAMED}


def clusters(keys: Iterable[Key], edges: Iterable[tuple[Key, Key]]) -> list[list[Key]]:
    """Connected components of the reports under the edges (every report in one, alone or not)."""
    uf = UnionFind(keys)
    for a, b in edges:
        uf.union(a, b)
    return uf.components()


def linked_id(members: list[Key]) -> str:
    doc, event = min(members)
    return "L" + hashlib.sha1(f"{doc}/{event}".encode()).hexdigest()[:15]


def canonical(reports: list[Report]) -> Report:
    """The report that stands for the event: dated by the text, most actors and a place, earliest."""
    def rank(r: Report):
        named = sum(1 for a in r.actors if a.key or a.country)
        return (not r.dated, r.factuality not in ("asserted", "reported"), -named, r.place is None,
                r.doc_date or "", r.doc_id, r.event_id)
    return min(reports, key=rank)


def corroboration(reports: list[Report], copy_group: dict[str, str]) -> Corroboration:
    """Counts over the reports of one event. A document reports it once (its strongest
    factuality counts); documents of one copy group are one independent report."""
    by_doc: dict[str, Report] = {}
    for r in reports:
        best = by_doc.get(r.doc_id)
        if best is None or STRENGTH[r.factuality] > STRENGTH[best.factuality]:
            by_doc[r.doc_id] = r
    outlets = {r.outlet for r in by_doc.values() if r.outlet}
    sources = {r.attribution.casefold() for r in reports if r.attribution}
    independent = {copy_group.get(d, d) for d in by_doc}
    said = Counter(r.factuality for r in by_doc.values())
    return Corroboration(reports=len(by_doc), mentions=len(reports), outlets=len(outlets), sources=len(sources),
                         independent=len(independent),
                         factuality={k: said[k] for k in FACTUALITY_ORDER if said[k]})


FACTUALITY_ORDER = ("reported", "asserted", "planned", "feared", "hypothetical", "negated")
# Which factuality a document keeps when it mentions an event several times.
STRENGTH = {"asserted": 5, "reported": 4, "negated": 3, "planned": 2, "feared": 1, "hypothetical": 0}


def linked_events(reports: dict[Key, Report], components: list[list[Key]],
                  copy_group: dict[str, str]) -> list[LinkedEvent]:
    """One ``LinkedEvent`` per component, in the components' order."""
    out = []
    for members in components:
        rs = [reports[k] for k in members]
        head = canonical(rs)
        # The text's own dates say when; document dates only when no report has one.
        dated = [r for r in rs if r.dated and r.first and r.last] or [r for r in rs if r.first and r.last]
        first = min((r.first for r in dated), default=None)
        last = max((r.last for r in dated), default=None)
        actors = []
        for a in head.actors:
            label = a.key or a.country or ""
            if label and label not in actors:
                actors.append(label)
        title = f"{head.type} «{head.text}»" + (f" {', '.join(actors)}" if actors else "")
        out.append(LinkedEvent(
            id=linked_id(members), type=head.type, first=first, last=last, canonical=head.key, title=title, place=head.place, actors=actors,
            corroboration=corroboration(rs, copy_group)))
    return out
