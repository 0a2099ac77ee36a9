"""In-document coreference: names, descriptors, 'ce dernier' (depeche.entities.coref, depeche.entities.coding). Sentences written for these tests."""
from __future__ import annotations

import pytest
from tests.support import find

pytestmark = pytest.mark.model



def test_surname_and_title_corefer(run):
    doc = run("Kim Jong Un a quitté Pyongyang dimanche. M. Kim a ensuite rencontré des ouvriers. Kim est reparti.")
    entity = find(doc, "Kim Jong Un")
    assert [m.text for m in entity.mentions] == ["Kim Jong Un", "Kim", "Kim"]
    assert entity.country == "PRK"


def test_shared_surname_goes_to_the_protagonist(run):
    doc = run("Le pianiste Paul Marchetti est mort. Paul Marchetti avait 91 ans. Sa fille Anna Marchetti "
              "a annoncé la nouvelle. Marchetti avait enregistré trente disques.")
    assert [m.text for m in find(doc, "Paul Marchetti").mentions][-1] == "Marchetti"


def test_descriptor_established_by_the_text(run):
    doc = run("Le dirigeant nord-coréen Kim Jong Un est arrivé lundi. Le numéro un nord-coréen a visité une base.")
    entity = find(doc, "Kim Jong Un")
    assert "numéro un nord-coréen" in [m.text for m in entity.mentions]
    assert entity.role == "leader"


@pytest.mark.parametrize("date, name", [("2023-09", "Vladimir Poutine"), ("2010-03-01", "Dmitri Medvedev")])
def test_descriptor_resolved_at_the_document_date(run, date, name):
    doc = run("Le président russe a signé le décret mercredi.", date)
    entity = find(doc, "président russe")
    assert (entity.name, entity.country, entity.sector) == (name, "RUS", "GOV")


def test_bare_descriptor_joins_the_person_the_text_gave_that_role(run):
    doc = run("Le président russe Vladimir Poutine a reçu son hôte. Le président a ensuite salué l'accord.")
    assert [m.kind for m in find(doc, "Vladimir Poutine").mentions] == ["name", "descriptor"]


def test_descriptor_after_du(run):
    doc = run("Kim Jong Un, le dirigeant nord-coréen, voyage. Le train du numéro un nord-coréen est arrivé.")
    assert "numéro un nord-coréen" in [m.text for m in find(doc, "Kim Jong Un").mentions]


def test_ce_dernier_joins_the_nearest_person(run):
    doc = run("Emmanuel Macron a reçu Olaf Scholz à Paris. Ce dernier a salué l'accord.")
    assert find(doc, "Ce dernier").name == "Olaf Scholz"


def test_gender_marked_once_holds_for_the_surname(run):
    doc = run("Mme Ferrand a rencontré M. Girard. Girard a parlé longuement. Cette dernière a conclu.")
    assert find(doc, "Cette dernière") is find(doc, "Ferrand")


def test_cette_derniere_joins_a_woman(run):
    doc = run("Mme Ferrand a rencontré M. Girard. Cette dernière a parlé la première.")
    assert find(doc, "Cette dernière") is find(doc, "Ferrand")


def test_outlet_descriptor_joins_the_outlet(run):
    doc = run("Selon le journal sud-coréen Chosun Ilbo, le tir a échoué. Le journal sud-coréen cite un officier.")
    assert [m.kind for m in find(doc, "Chosun Ilbo").mentions] == ["name", "descriptor"]


def test_officials_of_a_country_are_its_government(run):
    doc = run("Des responsables américains ont confirmé. Washington a démenti ensuite.")
    assert find(doc, "responsables américains") is find(doc, "Washington")


def test_government_noun_joins_the_country(run):
    doc = run("Le gouvernement russe a protesté. Moscou a convoqué l'ambassadeur.")
    assert find(doc, "gouvernement russe") is find(doc, "Moscou")


@pytest.mark.parametrize("text, name, pronoun", [
    ("Le ministre Paul Marchetti est arrivé à Rome, où il doit rencontrer son homologue Luca Bianchi.",
     "Paul Marchetti", "il"),
    ("Paul Marchetti a reçu Luca Bianchi mardi. Il a ensuite annoncé un accord.", "Paul Marchetti", "Il"),
    ("Mme Anna Rossi a salué Paul Marchetti. Elle a quitté la salle.", "Anna Rossi", "Elle"),
])
def test_subject_pronoun_joins_the_nearest_subject(run, text, name, pronoun):
    doc = run(text)
    assert pronoun in [m.text for m in find(doc, name).mentions]


@pytest.mark.parametrize("text", [
    "Paul Marchetti est arrivé. Il faut attendre la fin des discussions.",
    "Paul Marchetti est arrivé. Il y a eu des manifestations.",
    "Paul Marchetti est arrivé. Il est possible de le rencontrer.",
    "Paul Marchetti est arrivé hier. Le train était en retard. Il a salué la foule.",
])
def test_impersonal_or_distant_il_is_left_alone(run, text):
    doc = run(text)
    assert [m.text for m in find(doc, "Paul Marchetti").mentions] == ["Paul Marchetti"]


@pytest.mark.parametrize("text, expected", [
    ("Joe Biden et Vladimir Poutine se sont retrouvés à Genève. Les deux dirigeants ont parlé longuement.",
     {"Joe Biden", "Vladimir Poutine"}),
    # three people named: no telling which two
    ("Emmanuel Macron a reçu Olaf Scholz, puis Giorgia Meloni. Les deux dirigeants ont parlé longuement.", set()),
])
def test_les_deux_dirigeants_are_the_two_people_just_named(run, text, expected):
    doc = run(text, "2021-06-16")
    assert {e.name for e in doc.entities if any(m.text == "deux dirigeants" for m in e.mentions)} == expected



@pytest.mark.parametrize("text, pronoun, group", [
    ("Des milliers de manifestants ont bloqué le pont. Ils réclament la démission du maire.", "Ils",
     "manifestants"),
    ("Les forces de l'ordre sont arrivées vite. Elles ont dispersé la foule.", "Elles", "forces de l'ordre"),
])
def test_ils_elles_to_the_group_just_named(run, text, pronoun, group):
    doc = run(text)
    assert find(doc, pronoun).name == group


def test_elles_never_joins_a_masculine_group(run):
    doc = run("Des policiers sont venus. Elles ont été évacuées par les pompiers.")
    assert all(m.text != "Elles" for e in doc.entities for m in e.mentions)
