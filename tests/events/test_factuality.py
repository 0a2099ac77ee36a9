import pytest

from depeche.events.factuality import decide


def event_on(analyze, text, trigger):
    doc = analyze(text)
    found = [e for e in doc.events if e.text.startswith(trigger) or trigger in e.text]
    assert found, [(e.type, e.text) for e in doc.events]
    return found[0]


@pytest.mark.parametrize("text,trigger,expected", [
    ("Le président a rencontré son homologue à Berlin.", "rencontré", "asserted"),
    ("Le président n'a pas rencontré son homologue.", "rencontré", "negated"),
    ("Pyongyang serait en quête d'aide alimentaire.", "quête", "hypothetical"),
    ("Le gouvernement pourrait interdire la manifestation.", "interdire", "hypothetical"),
    ("Si Moscou livrait des armes, Washington imposerait des sanctions.", "sanctions", "hypothetical"),
    ("Washington craint que Moscou s'approvisionne en armes auprès de la Corée du Nord.", "approvisionne", "feared"),
    ("Le sommet doit se tenir dans les prochains jours.", "sommet", "planned"),
    ("Le ministre rencontrera son homologue lundi.", "rencontrera", "planned"),
    ("La Corée du Nord va renforcer sa dissuasion nucléaire.", "renforcer", "planned"),
    ("Selon Ria Novosti, la police a arrêté trois manifestants.", "arrêté", "reported"),
    ("La police a arrêté trois manifestants, a indiqué le porte-parole.", "arrêté", "reported"),
    ("Les avocats réclament la libération du journaliste.", "libération", "hypothetical"),
])
def test_factuality(analyze, text, trigger, expected):
    event = event_on(analyze, text, trigger)
    assert event.factuality == expected, event.cues
    assert event.cues or expected == "asserted"


def test_most_informative_wins():
    assert decide([("reported", "attribution"), ("hypothetical", "serait")]) == "hypothetical"
    assert decide([("planned", "va"), ("negated", "pas")]) == "negated"
    assert decide([]) == "asserted"


@pytest.mark.parametrize("text,trigger,expected", [
    ("Il a dû démentir la rumeur.", "démentir", "asserted"),
    ("Les soignants vont défiler mardi pour réclamer des moyens.", "réclamer", "planned"),
    ("Les suspects ont été inculpés, a-t-on appris de source judiciaire.", "inculpés", "reported"),
])
def test_factuality_more(analyze, text, trigger, expected):
    assert event_on(analyze, text, trigger).factuality == expected
