"""Name mentions: spaCy corrected with the knowledge base (depeche.entities.mentions). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

pytestmark = pytest.mark.model



@pytest.mark.parametrize("text, mention, sector, country", [
    ("Selon Ria Novosti, les négociations ont repris mardi.", "Ria Novosti", "MED", "RUS"),
    ("Le quotidien Chosun Ilbo affirme que les essais continuent.", "Chosun Ilbo", "MED", "KOR"),
    ("L'agence Yonhap cite un responsable anonyme.", "Yonhap", "MED", "KOR"),
    ("Un porte-parole de l'Otan a confirmé la réunion.", "Otan", "IGO", None),
    ("Le bilan est lourd, a rapporté l'AP jeudi soir.", "AP", "MED", "USA"),
])
def test_known_outlets_and_organisations(run, text, mention, sector, country):
    entity = find(run(text), mention)
    assert (entity.type, entity.sector, entity.country) == ("ORG", sector, country)


def test_credit_with_two_agencies(run):
    doc = run("Le sommet a eu lieu mardi.\n\nLes dirigeants au sommet. @Photo AFP/Getty Images.")
    assert [(e.name, e.type, e.sector) for e in doc.entities] == [("AFP", "ORG", "MED"), ("Getty Images", "ORG", "MED")]


def test_credit_gives_agency_and_photographer(run):
    doc = run("Les deux dirigeants se sont serré la main.\n\nLes deux dirigeants à la gare. @Photo AP/Ahn Young-joon.")
    agency, person = find(doc, "AP"), find(doc, "Ahn Young-joon")
    assert (agency.type, agency.sector, agency.country) == ("ORG", "MED", "USA")
    assert (person.type, person.role, person.sector) == ("PER", "photographer", "MED")


@pytest.mark.parametrize("text, name", [
    ("Le photographe Lee Seung-hoon a quitté la ville jeudi soir.", "Lee Seung-hoon"),
    ("Kim Jong Un a inspecté une usine de missiles.", "Kim Jong Un"),
    ("Hier, Jean-Marc Ayrault a répondu aux députés.", "Jean-Marc Ayrault"),
])
def test_names_stay_whole(run, text, name):
    assert find(run(text), name).type == "PER"


@pytest.mark.parametrize("date, name, country", [
    ("2023-09-13", "Vladimir Poutine", "RUS"),
    ("2019-06-01", "Volodymyr Zelensky", "UKR"),
])
def test_leader_surname_alone_at_the_document_date(run, date, name, country):
    doc = run("Selon Poutine et Zelensky, rien n'est décidé.", date)
    entity = next(e for e in doc.entities if e.name == name)
    assert (entity.type, entity.country, entity.sector) == ("PER", country, "GOV")


def test_surname_with_particle_stays_whole(run):
    doc = run("Marine Le Pen a parlé. Le Pen a ensuite quitté la salle.")
    assert [m.text for m in find(doc, "Marine Le Pen").mentions] == ["Marine Le Pen", "Le Pen"]


def test_hyphenated_pair_of_people_is_split(run):
    doc = run("Le duo Trump-Poutine inquiète. Donald Trump a parlé à Vladimir Poutine.")
    assert find(doc, "Trump") is find(doc, "Donald Trump")
    assert find(doc, "Poutine") is find(doc, "Vladimir Poutine")


def test_name_ends_before_a_glued_heading(run):
    doc = run("Selon l'Association internationale du transport aérien.- La France a fermé ses frontières.")
    assert find(doc, "Association internationale du transport aérien").type == "ORG"


@pytest.mark.parametrize("text, mention", [
    ("Hier soir, M. Dupontel a démissionné de son poste.", "Dupontel"),
    ("Mme Lagarde a présenté son rapport au conseil.", "Lagarde"),
])
def test_titles_are_not_part_of_the_name(run, text, mention):
    doc = run(text)
    entity = find(doc, mention)
    assert all(not m.text.startswith(("M.", "Mme")) for m in entity.mentions)


def test_demonym_noun_before_a_name_codes_the_person(run):
    doc = run("L'Argentine Andrea Viez attend son enfant.")
    assert find(doc, "Andrea Viez").country == "ARG"
    assert all(e.type != "GPE" for e in doc.entities)


def test_role_phrase_is_not_an_organisation(run):
    doc = run("Le ministre de la Justice a démissionné hier soir.")
    assert all("ministre" not in m.text for e in doc.entities for m in e.mentions)


@pytest.mark.parametrize("text, name", [
    # spaCy runs the portfolio into the name: "[Économie Bruno Le Maire]"
    ("Le ministre de l'Économie Bruno Le Maire a critiqué la banque.", "Bruno Le Maire"),
    ("La ministre des Armées Florence Parly est arrivée lundi.", "Florence Parly"),
])
def test_a_ministers_name_after_the_portfolio(run, text, name):
    entity = find(run(text, "2020-09-01"), name)
    assert (entity.type, entity.role) == ("PER", "minister")
