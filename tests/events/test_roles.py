import pytest

from depeche.events.roles import actor_heads, actor_like, actor_span


def role(nlp, text, word, specs):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return [doc.text[slice(*actor_span(h))] for h in actor_heads(tok, specs, {tok.i})]


@pytest.mark.parametrize("text,word,specs,expected", [
    ("Trois manifestants ont été arrêtés par la police.", "arrêtés", ("subj",), ["la police"]),
    ("Trois manifestants ont été arrêtés par la police.", "arrêtés", ("obj",), ["Trois manifestants"]),
    ("Un intermédiaire libéré lundi a quitté Rome.", "libéré", ("obj",), ["Un intermédiaire"]),
    ("Le député a dénoncé le défaut d'anticipation de l'État.", "dénoncé", ("obj",), ["l'État"]),
    ("Un homme qui avait tué dix personnes a été jugé.", "tué", ("subj",), ["Un homme"]),
    ("Le ministre s'est entretenu avec son homologue chinois.", "entretenu", ("prep:avec",), ["son homologue chinois"]),
])
def test_roles(nlp, text, word, specs, expected):
    assert role(nlp, text, word, specs) == expected


@pytest.mark.parametrize("text,word,expected", [
    ("Les policiers sont arrivés.", "policiers", True),
    ("Les Américains manifestent.", "Américains", True),
    ("La haine progresse.", "haine", False),
    ("Le racisme recule.", "racisme", False),
])
def test_actor_like(nlp, text, word, expected):
    assert actor_like(next(t for t in nlp(text) if t.text == word)) is expected
