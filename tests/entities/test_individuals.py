"""People the text does not name, as actors (depeche.entities.individuals). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

pytestmark = pytest.mark.model



@pytest.mark.parametrize("text, mention, name, type_, sector, country", [
    ("Un homme a été interpellé mardi soir.", "homme", "homme", "PER", "CVL", None),
    ("Une policière a été blessée lors du contrôle.", "policière", "policière", "PER", "COP", None),
    ("Un juge américain a rejeté la demande.", "juge américain", "juge", "PER", "JUD", "USA"),
    ("Un Palestinien a été arrêté au point de passage.", "Palestinien", "Palestinien", "PER", "CVL", "PSE"),
    ("Trois suspects ont été placés en garde à vue.", "Trois suspects", "suspects", "ORG", "CRM", None),
    ("Des Israéliens ont manifesté devant la Knesset.", "Israéliens", "Israéliens", "ORG", "CVL", "ISR"),
])
def test_unnamed_people_are_actors(run, text, mention, name, type_, sector, country):
    entity = find(run(text), mention)
    assert (entity.name, entity.type, entity.sector, entity.country) == (name, type_, sector, country)


def test_a_definite_mention_refers_back_and_an_indefinite_one_is_someone_new(run):
    doc = run("Un homme a été arrêté à la gare. L'homme était recherché. Un autre homme a fui.")
    people = [e for e in doc.entities if e.name == "homme"]
    assert [[m.start for m in e.mentions] for e in people] == [
        [doc.text.index("homme"), doc.text.index("homme", doc.text.index("L'homme"))],
        [doc.text.index("autre homme")],
    ]


@pytest.mark.parametrize("text, name", [
    ("Le juge Jean Martin a rejeté la demande.", "Jean Martin"),  # the noun is the named person's role
    ("Un policier, Marc Durand, a témoigné.", "Marc Durand"),
])
def test_a_noun_before_a_name_is_no_one_else(run, text, name):
    doc = run(text)
    assert [e.name for e in doc.entities if e.type == "PER"] == [name]


def test_a_possessive_is_no_actor_of_its_own(run):
    assert run("Sa femme a porté plainte lundi.").entities == []
