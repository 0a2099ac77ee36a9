"""Linking reports: incremental equals batch, linked events, canonical report, corroboration."""
from __future__ import annotations

import random

from depeche.linking import EventLinker, clusters, corroboration, linked_events
from depeche.models import Corroboration
from tests.linking.conftest import report

MACRON = ("source", "Emmanuel Macron", "PER", "FRA", "GOV")
CONTEXT = "Le président a reçu mercredi à Paris le chancelier pour discuter de la défense européenne commune"
PARIS = dict(place="paris", lat=48.85, lon=2.35, country="FRA")


def _reports():
    same = [report(f"d{n}", actors=(MACRON,), context=CONTEXT, **PARIS) for n in range(4)]
    other = [report(f"e{n}", type="PROTEST", context="des manifestants ont défilé à Lyon", place="lyon",
                    day="2024-03-20") for n in range(2)]
    return same + other + [report("f0", type="AID", day="2023-01-02")]


def _components(reports):
    linker = EventLinker()
    edges = linker.add_all(reports)
    return {tuple(c) for c in clusters([r.key for r in reports], [(a, b) for a, b, _ in edges])}


def test_linking_in_any_order_gives_the_same_linked_events():
    reports = _reports()
    expected = _components(reports)
    for seed in range(3):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert _components(shuffled) == expected
    assert len(expected) == 3  # four reports of one meeting, two of one protest, one alone


def test_a_report_is_not_linked_within_its_own_document():
    a, b = report("d1", event="V1", context=CONTEXT, **PARIS), report("d1", event="V2", context=CONTEXT, **PARIS)
    assert EventLinker().add_all([a, b]) == []


def test_linked_events_keep_every_report_and_mark_one_canonical():
    reports = _reports()
    reports[2] = reports[2].model_copy(update={"factuality": "negated"})
    reports[3] = reports[3].model_copy(update={"factuality": "reported", "attribution": "l'AFP"})
    linker = EventLinker()
    edges = linker.add_all(reports)
    comps = clusters([r.key for r in reports], [(a, b) for a, b, _ in edges])
    events = linked_events({r.key: r for r in reports}, comps, {"d0": "c1", "d1": "c1"})
    meeting = next(e for e in events if e.corroboration.reports == 4)
    assert meeting.canonical == ("d0", "V1")  # best described, earliest document
    assert meeting.corroboration.independent == 3  # d0 and d1 are copies
    assert meeting.corroboration.factuality == {"reported": 1, "asserted": 2, "negated": 1}
    assert meeting.corroboration.sources == 1
    assert sum(e.corroboration.mentions for e in events) == len(reports)
    assert len({e.id for e in events}) == len(events)


def test_corroboration_counts_a_document_once_with_its_strongest_factuality():
    reports = [report("d1", event="V1", factuality="hypothetical"), report("d1", event="V2"),
               report("d2", factuality="reported", outlet="Le Monde"), report("d3", outlet="Le Monde")]
    c = corroboration(reports, {})
    assert (c.reports, c.mentions, c.outlets, c.independent) == (3, 4, 1, 3)
    assert c.factuality == {"reported": 1, "asserted": 2}


def test_summary_reads_as_the_issue_asks():
    c = Corroboration(reports=5, mentions=6, outlets=0, sources=2, independent=3,
                      factuality={"reported": 3, "asserted": 1, "negated": 1})
    assert c.summary() == "5 reports, 3 independent; reported by 3, asserted by 1, denied by 1"
