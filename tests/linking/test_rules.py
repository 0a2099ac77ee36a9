"""The pair rule and its baseline, on hand-built reports."""
from __future__ import annotations

import pytest

from depeche.linking import LinkRules, baseline, compare
from tests.linking.conftest import report

MACRON = ("source", "Emmanuel Macron", "PER", "FRA", "GOV")
SCHOLZ = ("source", "Olaf Scholz", "PER", "DEU", "GOV")
POLICE = ("source", "police", "ORG", "FRA", "COP")
PARIS = dict(place="paris", lat=48.85, lon=2.35, country="FRA")
LYON = dict(place="lyon", lat=45.76, lon=4.84, country="FRA")
BERLIN = dict(place="berlin", lat=52.52, lon=13.40, country="DEU")
CONTEXT = "Le président a reçu mercredi à Paris le chancelier pour discuter de la défense européenne commune"


@pytest.mark.parametrize("a, b, linked", [
    # the same person, the same place and day, the same words around the trigger
    (report("d1", actors=(MACRON,), context=CONTEXT, **PARIS), report("d2", actors=(MACRON,), context=CONTEXT, **PARIS), True),
    # the same words around the trigger and the same day, no actor extracted
    (report("d1", context=CONTEXT, **PARIS), report("d2", context=CONTEXT, **PARIS), True),
    # two different people on the source side, different countries: vetoed
    (report("d1", actors=(MACRON,), context=CONTEXT), report("d2", actors=(SCHOLZ,), context=CONTEXT), False),
    # places in two countries, little shared text: vetoed
    (report("d1", actors=(MACRON,), **PARIS), report("d2", actors=(MACRON,), **BERLIN), False),
    # the same group noun and place, nothing else: not enough
    (report("d1", actors=(POLICE,), dated=False, **LYON),
     report("d2", actors=(POLICE,), dated=False, text="agression", **LYON), False),
    # another type
    (report("d1", type="PROTEST", context=CONTEXT), report("d2", context=CONTEXT), False),
    # dates a week apart
    (report("d1", context=CONTEXT), report("d2", day="2024-03-21", context=CONTEXT), False),
    # an undated report (document date) may tell of the day before
    (report("d1", actors=(MACRON,), context=CONTEXT, **PARIS),
     report("d2", day="2024-03-15", dated=False, actors=(MACRON,), context=CONTEXT, **PARIS), True),
    # a report dated only to the year needs a name in common
    (report("d1", context=CONTEXT, **PARIS), report("d2", first="2024-01-01", last="2024-12-31", context=CONTEXT, **PARIS), False),
])
def test_pair_rule(a, b, linked):
    assert compare(a, b).linked is linked


def test_baseline_links_type_and_date_only():
    a = report("d1", actors=(MACRON,), **PARIS)
    b = report("d2", actors=(SCHOLZ,), **BERLIN)
    assert baseline(a, b).linked and not compare(a, b).linked
    assert not baseline(a, report("d2", day="2024-04-14")).linked


def test_rules_fingerprint_changes_with_a_setting():
    assert LinkRules().fingerprint() != LinkRules(threshold=2.5).fingerprint()
