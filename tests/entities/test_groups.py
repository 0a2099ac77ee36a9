"""Collective actors named by a common noun (depeche.entities.groups). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

pytestmark = pytest.mark.model



@pytest.mark.parametrize("text, mention, name, sector, country", [
    ("Des milliers de manifestants ont défilé samedi dans la capitale.", "milliers de manifestants",
     "manifestants", "CVL", None),
    ("La police a dispersé la foule mardi soir.", "police", "police", "COP", None),
    ("Une vingtaine de soldats israéliens ont été déployés.", "vingtaine de soldats israéliens",
     "soldats", "MIL", "ISR"),
    ("Les forces de l'ordre ont bouclé le quartier.", "forces de l'ordre", "forces de l'ordre", "COP", None),
    ("Plusieurs centaines de grévistes ont bloqué le dépôt.", "centaines de grévistes", "grévistes", "LAB", None),
    ("200 policiers ont été mobilisés pour le match.", "200 policiers", "policiers", "COP", None),
])
def test_groups_are_actors(run, text, mention, name, sector, country):
    entity = find(run(text), mention)
    assert (entity.name, entity.type, entity.sector, entity.country) == (name, "ORG", sector, country)


@pytest.mark.parametrize("text", [
    "Un fourgon de police a été incendié dans la nuit.",  # a modifier, no determiner: no actor
    "L'entreprise a annoncé des licenciements.",  # a company needs its name or a country
    "Le journal a publié une enquête.",
])
def test_no_group_without_a_determiner_or_a_name(run, text):
    assert run(text).entities == []


def test_mentions_of_one_group_are_one_entity(run):
    doc = run("Des manifestants ont bloqué le pont. La police a chargé les manifestants en fin de journée.")
    protesters = find(doc, "manifestants")
    assert [m.text for m in protesters.mentions] == ["manifestants", "manifestants"]
    assert len({e.id for e in doc.entities}) == 2
