import pytest

from depeche.events.attribution import sentence_sources


def sources(nlp, text):
    doc = nlp(text)
    return [(s.text, s.verb.lemma_ if s.verb is not None else None) for sent in doc.sents for s in sentence_sources(sent)]


@pytest.mark.parametrize("text,expected", [
    ("Selon Ria Novosti, le sommet aura lieu lundi.", ("Ria Novosti", None)),
    ("D'après le journal Le Monde, la police a interpellé deux hommes.", ("le journal Le Monde", None)),
    ("Le ministre a annoncé que la frontière rouvrirait.", ("Le ministre", "annoncer")),
    ("La frontière rouvrira lundi, a indiqué le porte-parole du gouvernement.", ("le porte-parole du gouvernement", "indiquer")),
    ("Deux hommes ont été blessés, a-t-on appris auprès des pompiers.", ("pompiers", "apprendre")),
    ("La justice rejette la demande de libération du journaliste (ONG)", ("ONG", None)),
])
def test_sources(nlp, text, expected):
    assert expected in sources(nlp, text)


def test_no_source_in_a_plain_sentence(nlp):
    assert sources(nlp, "La police a interpellé deux hommes samedi.") == []
