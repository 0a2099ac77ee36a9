"""The trained event components on sentences of each error class of issue 13 (our own sentences)."""
import numpy
import pytest

from depeche.config import Settings
from depeche.events.learned import Linear, compatible, load_models, zone
from depeche.models import Document, Event, Mention, Segment


@pytest.fixture(scope="module")
def analyze():
    """The full pipeline with the trained event components on."""
    import depeche

    settings = Settings(event_models=True)
    return lambda text, date=None: depeche.analyze(text, date, settings=settings)


def events_of(doc, type_=None):
    return [e for e in doc.events if type_ is None or e.type == type_]


def actor_names(doc, ev, role):
    entities = {e.id: e for e in doc.entities}
    spans = [m.text for m in getattr(ev, f"{role}_spans")]
    return " ".join(spans + [entities[i].name for i in getattr(ev, role) if i in entities])


def test_linear_model_scores_binary_and_multiclass():
    binary = Linear(["0", "1"], [0.0], {"a": [2.0]})
    assert binary.proba(["a"])["1"] > 0.8 and binary.proba([])["1"] == 0.5
    multi = Linear(["x", "y", "z"], [0.0, 0.0, 0.0], {"f": [0.0, 3.0, 0.0]})
    p = multi.proba(["f", "unknown"])
    assert max(p, key=p.get) == "y" and abs(sum(p.values()) - 1) < 1e-9


def test_linear_model_adds_dense_weights_over_the_unit_vector():
    model = Linear(["0", "1"], [0.0], {}, numpy.array([[4.0, 0.0]]))
    assert model.proba([], [10.0, 0.0])["1"] == model.proba([], [0.5, 0.0])["1"] > 0.95
    assert model.proba([], [0.0, 0.0])["1"] == 0.5 and model.proba([])["1"] == 0.5


@pytest.mark.parametrize("offset, expected", [(0, "title"), (20, "lead"), (60, "body"), (75, "body")])
def test_zone_tells_title_lead_and_body_apart(offset, expected):
    text = "Grève à la SNCF\n\nLes cheminots ont cessé le travail.\n\nLe trafic est perturbé.\n\nSuite."
    cuts = [(0, 15, "title"), (17, 52, "body"), (54, 77, "body"), (79, 85, "body")]
    doc = Document(id="d", source="s", text=text, segments=[Segment(kind=k, start=a, end=b) for a, b, k in cuts])
    assert zone(doc, offset) == expected


def _event(factuality="asserted", target=(), words=()):
    spans = [Mention(start=0, end=len(w), text=w) for w in words]
    return Event(id="V1", type="COERCE", start=0, end=5, text="arrêté", factuality=factuality,
                 target=list(target), target_spans=spans)


@pytest.mark.parametrize("earlier, later, expected", [
    (_event(), _event(factuality="reported"), True),  # told, then reported: one event
    (_event(target=["E1"]), _event(target=["E1"]), True),
    (_event(words=["Un homme"]), _event(words=["un homme"]), True),  # the same unlinked words
    (_event(), _event(target=["E1"]), False),  # an actor the earlier lacks
    (_event(target=["E1"]), _event(target=["E2"]), False),
    (_event(words=["un homme"]), _event(words=["une femme"]), False),
])
def test_a_later_mention_joins_only_a_compatible_event(earlier, later, expected):
    assert compatible(earlier, later) is expected


def test_models_ship_in_the_package_and_load_once():
    models = load_models()
    assert models is not None and models is load_models()
    assert {"veto", "retype", "new_event", "factuality", "source", "target", "coref"} <= set(models.thresholds)


def test_apposition_gives_both_actors(analyze):
    doc = analyze("Le président ukrainien Volodymyr Zelensky a rencontré mardi à Kiev le chancelier Olaf Scholz.",
                  "2022-06-14")
    [meet] = events_of(doc, "CONSULT")
    assert "Zelensky" in actor_names(doc, meet, "source")
    assert "Scholz" in actor_names(doc, meet, "target") and "Scholz" not in actor_names(doc, meet, "source")


@pytest.mark.parametrize("text, word", [
    ("Vers minuit, la foule s'était dispersée sans incident.", "dispersée"),  # a movement, not an event
    ("Elle a dû se rendre aux urgences après sa chute.", "rendre"),
])
@pytest.mark.xfail(strict=True, reason="not reached yet by the trained components (docs/models.md, known limits)")
def test_a_word_that_names_no_event(analyze, text, word):
    doc = analyze(text, "2021-03-02")
    assert not [e for e in doc.events if word in e.text]


def test_a_penalty_in_the_law_is_no_event(analyze):
    doc = analyze("Les auteurs de ces dégradations risquent jusqu'à deux ans de prison et 30 000 euros d'amende.",
                  "2021-03-02")
    assert not [e for e in doc.events if e.factuality == "asserted"]


@pytest.mark.xfail(strict=True, reason="not reached yet by the trained components (docs/models.md, known limits)")
def test_en_cas_de_is_not_asserted(analyze):
    doc = analyze("En cas de nouvelles manifestations samedi, le préfet interdira tout rassemblement au centre-ville.",
                  "2021-03-02")
    assert doc.events and all(e.factuality != "asserted" for e in doc.events)


def test_selon_makes_a_fact_reported(analyze):
    doc = analyze("Selon la préfecture, quatre casseurs ont été interpellés dans la nuit.", "2021-03-02")
    [arrest] = events_of(doc, "COERCE")
    assert arrest.factuality == "reported" and arrest.attribution is not None


@pytest.mark.xfail(strict=True, reason="not reached yet by the trained components (docs/models.md, known limits)")
def test_what_a_ban_is_about_is_not_the_event(analyze):
    doc = analyze("La mairie a pris un arrêté d'interdiction de manifester dans le quartier de la gare.", "2021-03-02")
    assert events_of(doc, "COERCE") and not [e for e in events_of(doc, "PROTEST") if e.factuality == "asserted"]


@pytest.mark.xfail(strict=True, reason="not reached yet by the trained components (docs/models.md, known limits)")
def test_police_blocking_a_road_is_no_protest(analyze):
    doc = analyze("Les gendarmes ont bloqué la route départementale pendant toute l'opération.", "2021-03-02")
    assert not events_of(doc, "PROTEST")


def test_a_complaint_in_a_quote_is_the_speakers(analyze):
    doc = analyze("« J'ai porté plainte contre mon ancien patron », détaille Sophie Marchal.", "2021-03-02")
    [complaint] = events_of(doc, "ACCUSE")
    assert "Marchal" in actor_names(doc, complaint, "source") or "J'" in actor_names(doc, complaint, "source")
    assert "patron" not in actor_names(doc, complaint, "source")
