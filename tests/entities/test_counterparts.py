"""A leader's counterpart (depeche.entities.counterparts). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

pytestmark = pytest.mark.model



@pytest.mark.parametrize("text, date, name", [
    # a top leader's counterpart is the other country's top leader (the chancellor, in Germany)
    ("Emmanuel Macron a reçu mercredi son homologue allemand.", "2020-06-10", "Angela Merkel"),
    ("Emmanuel Macron a reçu mercredi son homologue allemand.", "2023-03-10", "Olaf Scholz"),
    ("Le président russe a appelé son homologue américain.", "2023-09-13", "Joe Biden"),
])
def test_son_homologue(run, text, date, name):
    assert find(run(text, date), "homologue " + text.split("homologue ")[1].split()[0].rstrip(".")).name == name


def test_no_counterpart_without_a_leader_before(run):
    doc = run("Le maire a reçu son homologue allemand mercredi.", "2020-06-10")
    assert all("homologue" not in m.text for e in doc.entities for m in e.mentions)
