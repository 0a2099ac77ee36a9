"""Place names the other readers missed: towns read as people, datelines in capitals, place nouns."""
from __future__ import annotations

import pytest

from depeche.config import Settings
from depeche.models import Document, Entity, Mention
from depeche.places.index import gazetteer
from depeche.places.misread import dateline_places, head_before, misread_people, name_before_region, split_head


@pytest.fixture(scope="module")
def gaz():
    return gazetteer(Settings())


def _doc(text: str, *people: str) -> Document:
    entities = [Entity(id=f"E{n}", name=name, type="PER",
                       mentions=[Mention(start=text.index(name), end=text.index(name) + len(name), text=name,
                                         kind="name")])
                for n, name in enumerate(people, 1)]
    return Document(id="d", source="test", text=text, entities=entities)


@pytest.mark.parametrize("text, person, place", [
    ("Le cortège est arrivé à Zuoz dans la soirée.", "Zuoz", True),         # after "à": a town
    ("Une femme habitant Bex a été blessée.", "Bex", True),                 # "habitant X"
    ("Rorschach, 15 septembre. Un vieillard a été arrêté.", "Rorschach", True),  # a dateline
    ("Cressier. — Dimanche seront présentés les plans.", "Cressier", True),
    ("Zuoz a répondu aux questions des élus.", "Zuoz", False),              # no place context
    ("Le prix a été remis à M. Bex hier.", "Bex", False),                   # a title before it
    ("Le cortège est arrivé à Trifouillis-les-Oies.", "Trifouillis-les-Oies", False),  # no such place
])
def test_a_person_is_a_place_only_where_the_text_puts_a_place(gaz, text, person, place):
    doc = _doc(text, person)
    assert (misread_people(doc, gaz) == doc.entities) is place


def test_a_person_the_knowledge_base_knows_stays_a_person(gaz):
    doc = _doc("Le cortège est arrivé à Zuoz.", "Zuoz")
    doc.entities[0].country = "CHE"
    assert misread_people(doc, gaz) == []


@pytest.mark.parametrize("text, found", [
    ("GENÈVE. — Jeudi matin, un jeune homme a été blessé.", ["GENÈVE"]),
    ("La grève continue.\nSCHAFFHOUSE, 3 juin. Le tribunal a jugé.", ["SCHAFFHOUSE"]),
    ("Le juge a lu le rapport de la CGT. — Rien de neuf.", []),            # capitals, no dateline
    ("AVIS. — Les abonnés sont priés de payer.", []),                       # no such place
])
def test_datelines_in_capitals(gaz, text, found):
    assert [text[s:e] for s, e in dateline_places(_doc(text), gaz)] == found


@pytest.mark.parametrize("text, kind, name", [
    ("lac de Neuchâtel", "feature", "Neuchâtel"),
    ("aéroport d'Orly", "feature", "Orly"),
    ("rue de la Paix", "street", "Paix"),
    ("canton de Vaud", "admin", "Vaud"),
    ("Lac Léman", None, "Lac Léman"),   # a capitalised name is a name as written
    ("député de Vaud", None, "député de Vaud"),
])
def test_place_nouns_opening_a_span(text, kind, name):
    got, inner = split_head(text, 0, len(text))
    assert got == kind and text[inner:] == name


@pytest.mark.parametrize("text, kind, mention", [
    ("Ils ont nagé dans le lac de Genève.", "feature", "lac de Genève"),
    ("Il habite avenue Kléber.", "street", "avenue Kléber"),
    ("Il vit dans le canton de Vaud.", "admin", "Vaud"),
    ("Le député de Vaud a parlé.", None, "Vaud"),
])
def test_place_nouns_before_a_name(text, kind, mention):
    name = mention.split()[-1]
    got, start = head_before(text, text.index(name))
    assert got == kind and text[start:text.index(name) + len(name)] == mention


@pytest.mark.parametrize("text, mention, name, resolved", [
    ("Le corps a été retrouvé dans le lac de Côme.", "lac de Côme", "Côme", True),
    ("Il vit rue de Trévise à Paris.", "rue de Trévise", "rue de Trévise", False),  # a street, not Treviso
    ("Le gouvernement du canton de Vaud a réagi.", "Vaud", None, True),
])
def test_stage_outputs_place_nouns_with_their_names(analyze, text, mention, name, resolved):
    doc = analyze(text, "2020-05-04")
    place = next(p for p in doc.places if any(m.text == mention for m in p.mentions))
    assert place.resolved is resolved and (name is None or place.name == name)


@pytest.mark.parametrize("text, mention, name", [
    ("Les journaux de Suisse romande ont publié la nouvelle.", "Suisse romande", "Suisse"),  # its country
    ("En Asie centrale, les élections approchent.", "Asie centrale", "Asie centrale"),  # the region itself
])
def test_a_region_adjective_is_part_of_the_name(analyze, text, mention, name):
    doc = analyze(text, "2020-05-04")
    assert [(p.name, [m.text for m in p.mentions]) for p in doc.places] == [(name, [mention])]


def test_stage_reads_a_dateline_in_capitals(analyze):
    doc = analyze("GENÈVE. — Jeudi matin, un jeune homme a été blessé par un automobiliste.", "2020-05-04")
    assert [(p.name, p.country) for p in doc.places] == [("Genève", "CHE")]


@pytest.mark.parametrize("text, name", [
    ("Suisse romande", "Suisse"), ("Asie centrale", "Asie"), ("Suisse", "Suisse"), ("Banque centrale", "Banque"),
])
def test_name_before_a_region_adjective(text, name):
    assert text[:name_before_region(text, 0, len(text))] == name
