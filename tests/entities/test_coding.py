"""Actor coding: roles, metonymy, collective actors, organisations (depeche.entities.coding). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

from depeche.entities.stage import entity_at

pytestmark = pytest.mark.model



@pytest.mark.parametrize("text, mention, sector, country", [
    ("Le ministère chinois de la Santé a publié un bilan.", "ministère chinois de la Santé", "GOV", "CHN"),
    ("L'Université de Pékin a fermé ses portes.", "Université de Pékin", "EDU", "CHN"),
])
def test_unknown_organisation_coded_from_its_name(run, text, mention, sector, country):
    entity = find(run(text), mention)
    assert (entity.type, entity.sector, entity.country) == ("ORG", sector, country)


def test_unknown_outlet_after_a_media_noun(run):
    entity = find(run("Le journal sud-coréen Hankook Sinmun a publié la lettre lundi."), "Hankook Sinmun")
    assert (entity.type, entity.sector, entity.country) == ("ORG", "MED", "KOR")


def test_apposition_before_the_name_gives_the_role(run):
    doc = run("Le porte-parole du Kremlin, Dmitri Peskov, a refusé de commenter.")
    entity = find(doc, "Dmitri Peskov")
    assert (entity.role, entity.of, entity.country) == ("spokesperson", "Kremlin", "RUS")


def test_role_phrase_with_a_noun_complement(run):
    doc = run("Selon le chef de la diplomatie russe, Sergueï Lavrov, rien n'est réglé.")
    entity = find(doc, "Sergueï Lavrov")
    assert (entity.role, entity.country, entity.sector) == ("foreign minister", "RUS", "GOV")


def test_apposition_after_the_name_gives_the_role(run):
    doc = run("Anna Petrova, la porte-parole de l'Otan, a démenti.")
    entity = find(doc, "Anna Petrova")
    assert (entity.role, entity.of) == ("spokesperson", "OTAN")


@pytest.mark.parametrize("text, mention, country", [
    ("Moscou n'a pas précisé la date de la visite.", "Moscou", "RUS"),
    ("Washington craint que les essais reprennent.", "Washington", "USA"),
    ("Pyongyang serait en quête de technologies.", "Pyongyang", "PRK"),
    ("Washington craint que Moscou s'approvisionne en armes.", "Moscou", "RUS"),
    ("La position de Paris reste ferme sur ce dossier.", "Paris", "FRA"),
    ("Selon le Kremlin, la rencontre aura lieu bientôt.", "Kremlin", "RUS"),
    ("La Maison Blanche a démenti l'information.", "Maison Blanche", "USA"),
])
def test_capitals_and_seats_as_actors(run, text, mention, country):
    doc = run(text)
    entity = find(doc, mention)
    assert (entity.type, entity.country, entity.sector, entity.metonymy) == ("GPE", country, "GOV", True)
    m = next(m for m in entity.mentions if m.text == mention)
    assert entity_at(doc, m.start, m.end) is entity


@pytest.mark.parametrize("text, mention, sector, country", [
    ("Le Pentagone a démenti toute frappe.", "Pentagone", "MIL", "USA"),
    ("La Knesset a voté la loi dans la nuit.", "Knesset", "LEG", "ISR"),
])
def test_parliaments_and_armies_are_organisations(run, text, mention, sector, country):
    entity = find(run(text), mention)
    assert (entity.type, entity.sector, entity.country) == ("ORG", sector, country)


@pytest.mark.parametrize("text, mention, sector, country", [
    ("Les médias russes ont salué la visite.", "médias russes", "MED", "RUS"),
    ("L'armée sud-coréenne a tiré des obus.", "armée sud-coréenne", "MIL", "KOR"),
    ("Les médias nord-coréens ont publié des photos.", "médias nord-coréens", "MED", "PRK"),
    ("La presse japonaise a cité des sources.", "presse japonaise", "MED", "JPN"),
])
def test_demonyms_code_collective_actors(run, text, mention, sector, country):
    entity = find(run(text), mention)
    assert (entity.sector, entity.country) == (sector, country)


def test_military_officials_are_coded_mil(run):
    doc = run("Des responsables militaires sud-coréens ont confirmé le tir.")
    entity = find(doc, "responsables militaires sud-coréens")
    assert (entity.sector, entity.country) == ("MIL", "KOR")


@pytest.mark.parametrize("text, name", [
    # the French institutional title, in French news
    ("Le président de la République a reçu les syndicats mardi.", "Emmanuel Macron"),
    ("Le président de la République tchèque a reçu les syndicats mardi.", None),
])
def test_le_president_de_la_republique(run, text, name):
    people = [e.name for e in run(text, "2020-06-10").entities if e.type == "PER"]
    assert people == ([name] if name else [])
