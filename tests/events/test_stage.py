import pytest

from depeche.events.stage import EventStage
from depeche.models import Document, iter_spans
from depeche.pipeline import registered


def events(doc):
    return [(e.type, e.text, [m.text for m in e.source_spans], [m.text for m in e.target_spans]) for e in doc.events]


@pytest.mark.parametrize("text,expected", [
    ("Le président russe Vladimir Poutine a reçu mercredi Kim Jong Un.",
     ("CONSULT", "reçu", ["Le président russe Vladimir Poutine"], ["Kim Jong Un"])),
    ("Vladimir Poutine s'est entretenu avec Emmanuel Macron.",
     ("CONSULT", "entretenu", ["Vladimir Poutine"], ["Emmanuel Macron"])),
    ("Washington craint que Moscou s'approvisionne en armes auprès de la Corée du Nord.",
     ("COOPERATE", "approvisionne", ["Moscou"], ["la Corée du Nord"])),
    ("Trois manifestants ont été arrêtés par la police à Lyon.",
     ("COERCE", "arrêtés", ["la police"], ["Trois manifestants"])),
    ("Le gouvernement américain a imposé de nouvelles sanctions contre l'Iran.",
     ("SANCTION", "sanctions", ["Le gouvernement américain"], ["l'Iran"])),
    ("L'armée a bombardé plusieurs villages du nord.",
     ("ASSAULT", "bombardé", ["L'armée"], ["plusieurs villages du nord"])),
    ("Les syndicats exigent une hausse des salaires.",
     ("REQUEST", "exigent", ["Les syndicats"], [])),
    ("L'opposition accuse le Premier ministre de corruption.",
     ("ACCUSE", "accuse", ["L'opposition"], ["le Premier ministre de corruption"])),  # "de X" kept: a complement
    # "à l'Ukraine" is whom the aid goes to (the entities stage reads it as an actor), not where
    ("La France a annoncé une aide à l'Ukraine.", ("AID", "aide", ["La France"], ["l'Ukraine"])),
    # who condemns an attack did not carry it out; who launches one did
    ("Le Canada a condamné l'attaque.", ("ASSAULT", "attaque", [], [])),
    ("La France a lancé une attaque contre les rebelles.", ("ASSAULT", "attaque", ["La France"], ["les rebelles"])),
    # a purpose infinitive or a gerund has the main verb's subject
    ("Des milliers de manifestants ont défilé à Séoul pour exiger la démission du ministre.",
     ("REQUEST", "exiger", ["manifestants"], [])),
    ("Les syndicats ont manifesté en exigeant des hausses de salaire.", ("REQUEST", "exigeant", ["Les syndicats"], [])),
    # the parser cuts "Washington et Bagdad | se reparlent": one sentence all the same
    ("Washington et Bagdad se reparlent, sans grandes espérances",
     ("CONSULT", "reparlent", ["Washington"], ["Bagdad"])),
    # "faire l'objet de": the subject undergoes the event
    ("Le maire fait l'objet d'une enquête pour corruption.", ("ACCUSE", "enquête", [], ["Le maire"])),
    ("Chaque faute doit faire l'objet d'une sanction.", ("SANCTION", "sanction", [], [])),
    # a role word names a person; a name in apposition stands for an unknown noun
    ("Le juge a condamné le braqueur à trois ans de prison.",
     ("SANCTION", "condamné le braqueur à", ["Le juge"], ["le braqueur"])),
    ("L'oligarque Ali Haddad a été condamné mercredi à sept ans de prison.",
     ("SANCTION", "condamné mercredi à", [], ["Ali Haddad"])),
])
def test_event_type_and_actors(analyze, text, expected):
    assert expected in events(analyze(text))


def test_a_thing_is_no_guest(analyze):
    # "un soutien" names no one: receiving it is no visit
    assert "CONSULT" not in [e.type for e in analyze("Elle a reçu un soutien marqué d'Apple.").events]


@pytest.mark.parametrize("text", [
    "Plus de cent mineurs ont été tués dans un glissement de terrain.",
    "Il fait beau sur la côte ce week-end.",
    "Un père a tué accidentellement sa fille.",
])
def test_no_event(analyze, text):
    assert analyze(text).events == []


@pytest.mark.parametrize("text,attribution", [
    ("Pyongyang serait en quête d'aide alimentaire, selon Ria Novosti.", "Ria Novosti"),
    ("Le chef rebelle a été tué par l'armée, a annoncé vendredi la ministre des Armées.", "la ministre des Armées"),
    ("D'après le journal Le Monde, la police a interpellé deux suspects.", "le journal Le Monde"),
    ("Six personnes ont été blessées par balles, a-t-on appris auprès des pompiers.", "pompiers"),
])
def test_attribution(analyze, text, attribution):
    doc = analyze(text)
    assert doc.events, text
    att = doc.events[0].attribution
    assert att is not None and attribution in att.text
    assert doc.text[att.start:att.end] == att.text
    assert doc.events[0].factuality in ("reported", "hypothetical")


def test_caption_events_carry_segment(analyze):
    doc = analyze("La police a interpellé deux hommes samedi à Lyon.\n\n"
                  "Des manifestants bloquent une route près de Nantes. @Photo AP/Jean Dupont.")
    kinds = {e.text: e.segment for e in doc.events}
    assert kinds["interpellé"] == "body"
    assert kinds["bloquent"] == "caption"


def test_ids_spans_and_entities(analyze):
    doc = analyze("Emmanuel Macron a rencontré Angela Merkel à Berlin. Les deux dirigeants ont signé un accord.")
    assert [e.id for e in doc.events] == [f"V{i}" for i in range(1, len(doc.events) + 1)]
    for start, end, text in iter_spans(doc):
        assert doc.text[start:end] == text
    meet = next(e for e in doc.events if e.type == "CONSULT")
    if doc.entities:  # the entities stage links the actors
        assert meet.source and meet.target
        ids = {e.id for e in doc.entities}
        assert set(meet.source + meet.target) <= ids


def test_registered_after_the_stages_it_uses():
    spec = registered()["events"]
    assert "spacy" in spec.requires
    assert set(spec.provides) == {"events", "quotes"}


def test_stage_on_hand_built_document_without_parse_fails_clearly(settings):
    doc = Document(id="x", source="x", text="Rien.")
    result = EventStage(settings).pipe([doc])[0]
    assert getattr(result, "code", None) == "stage-failed"


@pytest.mark.parametrize("text", [
    "Ils se rendent compte du danger.",
    "Il faut arrêter de se plaindre.",
    "Il ne s'agit pas de remettre en cause la liberté de la presse.",
    "« Nous avons eu tort », reconnaît la directrice Marie Dubois.",
])
def test_idioms_and_quote_verbs_are_no_events(analyze, text):
    assert analyze(text).events == []


def test_speech_act_in_an_incise_is_an_event_of_its_speaker(analyze):
    doc = analyze("Cette réforme est scandaleuse, a dénoncé mardi le député Paul Martin.")
    ev = next(e for e in doc.events if e.type == "ACCUSE")
    assert [m.text for m in ev.source_spans] == ["le député Paul Martin"]


def test_time_place_sizes_and_quote_attribution(analyze):
    doc = analyze("Trois manifestants ont été arrêtés jeudi à Moscou par la police. "
                  "« Nous avons interpellé les meneurs », a déclaré le porte-parole Ivan Petrov.", date="2023-09-15")
    arrest = next(e for e in doc.events if e.text == "arrêtés")
    assert arrest.time is not None and any(t.id == arrest.time for t in doc.times)
    if doc.places:  # the places stage resolved Moscou
        assert arrest.place in {p.id for p in doc.places}
    assert set(arrest.sizes.values()) <= {q.id for q in doc.quantities}
    quoted = next(e for e in doc.events if e.text == "interpellé")
    assert quoted.attribution is not None and "Ivan Petrov" in quoted.attribution.text
    assert quoted.factuality == "reported"


def test_a_plural_actor_gives_every_person_it_counts(analyze):
    doc = analyze("Joe Biden et Vladimir Poutine se sont retrouvés à Genève. Les deux dirigeants ont signé un accord.",
                  "2021-06-16")
    agree = next(e for e in doc.events if e.type == "AGREE")
    names = {x.id: x.name for x in doc.entities}
    assert {names[i] for i in agree.source} == {"Joe Biden", "Vladimir Poutine"}


def test_we_in_a_quote_is_its_speaker(analyze):
    doc = analyze("« Nous avons arrêté trois suspects », a indiqué Rémy Heitz.")
    arrest = next(e for e in doc.events if e.type == "COERCE")
    names = {x.id: x.name for x in doc.entities}
    assert [names[i] for i in arrest.source] == ["Rémy Heitz"]

