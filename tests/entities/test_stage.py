"""The entities stage and its cross-stage API (depeche.entities.stage). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

from depeche.entities.stage import entity_at, location_spans

pytestmark = pytest.mark.model



def test_capital_as_location_is_left_to_places(run):
    doc = run("Les deux dirigeants se sont retrouvés à Moscou mardi.")
    start = doc.text.index("Moscou")
    assert entity_at(doc, start, start + 6) is None
    assert (start, start + 6) in location_spans(doc)


def test_leader_in_office_gets_the_role(run):
    doc = run("Mme Park Geun-hye a reçu des étudiants.", "2015-03-02")
    entity = find(doc, "Park Geun-hye")
    assert (entity.role, entity.country, entity.sector) == ("president", "KOR", "GOV")


def test_entity_at_outside_any_mention(run):
    doc = run("Il pleuvait sur la ville ce matin-là.")
    assert entity_at(doc, 0, 2) is None
