import pytest

from depeche.events.triggers import inflections, lexicon, parse_lexicon, parse_pattern


def test_lexicon_loads_with_known_types():
    types = {t.type for t in lexicon()}
    assert len(lexicon()) > 150
    assert {"CONSULT", "ASSAULT", "COERCE", "PROTEST", "REQUEST", "ACCUSE"} <= types


@pytest.mark.parametrize("pattern,words,head,reflexive", [
    ("rencontrer", [("rencontrer",)], 0, False),
    ("s'entretenir", [("entretenir",)], 0, True),
    ("se rendre", [("rendre",)], 0, True),
    ("mortellement *blesser", [("mortellement",), ("blesser",)], 1, False),
    ("saisir justice|tribunal", [("saisir",), ("justice", "tribunal")], 0, False),
])
def test_parse_pattern(pattern, words, head, reflexive):
    parsed, h = parse_pattern(pattern)
    assert [w.options for w in parsed] == words
    assert h == head
    assert parsed[h].reflexive == reflexive


def test_far_word():
    parsed, _ = parse_pattern("appeler ...à")
    assert parsed[1].far and not parsed[0].far


@pytest.mark.parametrize("line", [
    "rencontrer\tVERB\tCONSULT",  # too few columns
    "rencontrer\tADV\tCONSULT\tmeet\tsubj\tobj",  # bad part of speech
])
def test_bad_rows_name_the_line(line):
    with pytest.raises(ValueError, match="line 1"):
        parse_lexicon(line)


def test_inflections_of_er_verbs():
    assert {"approvisionne", "approvisionnent", "approvisionnerait"} <= inflections("approvisionner")
    assert "sanctions" in inflections("sanction")


@pytest.mark.parametrize("text,absent", [
    ("Le constructeur a fait appel à un photographe américain.", "appel"),
    ("La société a réussi grâce à ses clients fidèles.", "grâce"),
])
def test_stop_phrases_are_no_triggers(analyze, text, absent):
    assert absent not in [e.text for e in analyze(text).events]


@pytest.mark.model
@pytest.mark.parametrize("text, types", [
    ("Il a arrêté de fumer l'an dernier.", []),  # to stop doing: the stop phrase "arrêter +de"
    ("La police a arrêté une vingtaine de manifestants mardi.", ["COERCE"]),  # "de" not right after
    ("La police a arrêté des manifestants mardi.", ["COERCE"]),  # "des" is no form of "de"
    ("Le maire se félicite de cette décision.", []),  # to be pleased, not to praise anyone
    ("En accord avec nos règles, le compte a été fermé.", ["COERCE"]),  # "en accord avec": no AGREE
    ("Dans un entretien au Monde, le député a répondu.", []),  # an interview is no meeting
    ("Les pompiers ont dû se rendre sur place.", []),
    ("Le ministre a dénoncé une intrusion violente.", ["ACCUSE"]),  # the adjective is no assault
    ("Trois policiers blessés ont été évacués.", ["ASSAULT"]),  # a participle is
    ("L'association interpelle les entreprises technologiques.", ["REQUEST"]),  # not an arrest
    ("Le président a exprimé sa condamnation de l'attaque.", ["ACCUSE"]),  # not a sentence
    ("Nous sommes fiers de ce travail.", []),  # "sommes" is être, not "sommer"
    ("Le ministre a sommé la direction de répondre.", ["REQUEST"]),
    ("Il a été transporté dans un état d'urgence absolue.", []),  # a medical emergency
    ("Elle a créé une application de rencontres.", []),
    ("Nous ne sommes qu'au début.", []),  # "sommes" as a main verb is still être
    ("Le film montre une romance face à la menace du sida.", []),  # a disease threatens no one
    ("La loi limite le droit d'asile.", []),
    ("Les départs du groupe La République en marche se multiplient.", []),
    ("Le clan détient le pouvoir depuis dix ans.", []),
    ("La date du scrutin, arrêtée au 6 septembre, a changé.", []),
    ("Il a plaidé coupable jeudi.", []),
    ("Il est mort au terme d'une course-poursuite.", []),
    ("La police détient trois suspects.", ["COERCE"]),
    ("Seize essais ont été autorisés pour ce traitement.", []),  # clinical trials are no weapons tests
    ("La Corée du Nord a procédé à un essai nucléaire.", ["MOBILIZE"]),
    ("Le président a fait marche arrière.", []),
    ("Une voiture construite à grand renfort de carbone.", []),
    ("Invité de la radio, le député a répondu.", []),
    ("Les vidéos incriminées ont disparu.", []),  # a participle qualifying a thing
    ("Les avoirs gelés seront restitués.", ["SANCTION"]),  # a freeze may qualify a thing
    ("Deux hommes inculpés ont été libérés.", ["ACCUSE", "RETREAT"]),  # and a charge, people
])
def test_lexicon_cases(analyze, text, types):
    assert [e.type for e in analyze(text).events] == types
