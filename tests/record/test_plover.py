"""PLOVER records against the codebook's data model (DRAFT Version 2.0)."""
import re
from pathlib import Path

import pytest

from depeche.record import EventFilter
from depeche.record.export import plover_records
from depeche.record.plover import CODEBOOK, QUAD, SECTORS, entity
from depeche.record.query import Actor
from tests.handmade import moscow, paris

MANUAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "plover" / "PLOVER_MANUAL.tex"
# The record fields this export writes that the codebook names (table "PLOVER JSON" and the objects).
PLOVER_FIELDS = {"id", "date", "enddate", "actor", "recipient", "event", "event_loc", "event_text", "quad_code",
                 "mode", "context", "text", "text_info", "cite_info", "coder", "coded_date"}
DEPECHE_FIELDS = {"date_precision", "factuality", "attribution", "offsets", "document", "size"}


@pytest.fixture
def records(store):
    doc = moscow()
    doc.events[0].sizes = {"size": "Q1"}
    doc.metadata = {"sitename": "Le Courrier", "url": "https://example.org/a"}
    store.put_many([doc, paris()])
    return {r["id"]: r for r in plover_records(store)}


def test_fields_and_codes(records):
    v1 = records[f"{moscow().id}-V1"]
    assert set(v1) <= PLOVER_FIELDS | DEPECHE_FIELDS
    assert v1["event"] == ["CONSULT"] and v1["mode"] == ["visit"] and v1["quad_code"] == 1
    assert v1["date"] == "2023-09-13" and "enddate" not in v1 and v1["date_precision"] == "day"
    assert v1["actor"] == [{"entity_text": "Vladimir Poutine", "code": "RUS", "sector": "GOV"}]
    assert v1["recipient"] == [{"entity_text": "Kim Jong Un", "code": "PRK", "sector": "GOV"}]
    assert v1["event_loc"] == {"extracted_place": "Vladivostok", "resolved_place": "Vladivostok", "geonameid": 2013348,
                               "lat": 43.1056, "lon": 131.8735, "country_code": "RUS", "feature_class": "P",
                               "feature_code": "PPLA"}
    assert v1["text"] == ("Le président russe Vladimir Poutine a reçu mercredi à Vladivostok le dirigeant "
                          "nord-coréen Kim Jong Un.")  # spaCy's sentence, stored with the document
    assert v1["size"] == 1200.0
    assert v1["cite_info"]["publication"] == "Le Courrier" and v1["cite_info"]["citation"] == "moscow.txt"
    assert v1["cite_info"]["codebook"] == CODEBOOK and v1["cite_info"]["language"] == "fr"
    assert v1["context"] == [] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v1["coded_date"])


def test_a_date_known_to_the_month_is_its_first_day_with_an_end(records):
    v2 = records[f"{moscow().id}-V2"]
    assert (v2["date"], v2["enddate"], v2["date_precision"]) == ("2023-09-01", "2023-09-30", "month")
    assert v2["attribution"] == {"text": "Selon Washington", "actor": {"entity_text": "Washington", "code": "USA",
                                                                       "sector": "GOV"}}
    assert v2["recipient"] == [] and "event_loc" not in v2 and v2["context"] == []


def test_publication_is_never_a_path(records):
    paris_record = records[f"{paris().id}-V1"]
    assert "publication" not in paris_record["cite_info"] and paris_record["cite_info"]["citation"] == "paris.txt"


@pytest.mark.parametrize("actor, expected", [
    (Actor(entity="E1", name="AFP", country="FRA", sector="MED"), {"entity_text": "AFP", "code": "FRA", "sector": "JRN"}),
    (Actor(entity="E1", name="l'hôpital", country="FRA", sector="HLH"),
     {"entity_text": "l'hôpital", "code": "FRA", "sector": "MED"}),
    (Actor(entity="E1", name="OTAN", sector="IGO"), {"entity_text": "OTAN", "code": "IGO"}),
    (Actor(entity="E1", name="ONU", sector="IGO"), {"entity_text": "ONU", "code": "UNO"}),
    (Actor(entity="E1", name="Union européenne", sector="IGO"), {"entity_text": "Union européenne", "code": "EUR"}),
    (Actor(entity="E1", name="Greenpeace", sector="NGO"), {"entity_text": "Greenpeace", "code": "NGO"}),
    (Actor(entity="E1", name="Etat islamique", sector="REB"),
     {"entity_text": "Etat islamique", "code": "IMG", "sector": "REB"}),
    (Actor(entity="E1", name="Kaboul", country="AFG", sector="GIN"), {"entity_text": "Kaboul", "code": "AFG"}),
])
def test_entity_codes(actor, expected):
    assert entity(actor) == expected


@pytest.mark.parametrize("factuality, sector, context", [
    ("planned", "GOV", ["future"]), ("negated", "GOV", ["negation"]), ("hypothetical", "MIL", ["hypothetical", "military"]),
    ("asserted", "JUD", ["legal"]), ("asserted", "GOV", []),
])
def test_context(store, factuality, sector, context):
    doc = paris()
    doc.events[0].factuality = factuality
    doc.entities[0].sector = sector
    store.put(doc)
    [record] = plover_records(store, EventFilter())
    assert record["context"] == context


def test_an_event_years_before_its_story_is_historical(store):
    from depeche.models import Time

    doc = paris()
    doc.times = [Time(id="T1", text="x", start=0, end=4, type="DATE", value="2015")]
    doc.events[0].time = "T1"
    store.put(doc)
    [record] = plover_records(store)
    assert record["context"] == ["historical"] and (record["date"], record["enddate"]) == ("2015-01-01", "2015-12-31")


@pytest.mark.skipif(not MANUAL.is_file(), reason="../shared/data/plover is absent")
def test_codes_and_fields_are_the_codebooks():
    tex = MANUAL.read_text(encoding="utf-8")
    assert "DRAFT Version: 2.0" in tex
    table = tex[tex.index(r"\caption{Sector Codes}"):tex.index(r"\subsection{Sector code notes}")]
    assert set(re.findall(r"^\s*([A-Z]{3}) &", table, re.M)) == SECTORS
    fields = tex[tex.index(r"\caption{PLOVER JSON }"):tex.index(r"\label{tab:json}")]
    names = {n.replace("\\_", "_") for n in re.findall(r"^([a-z\\_]+) &", fields, re.M)}
    assert PLOVER_FIELDS <= names
    quads = dict(re.findall(r"\\section\{([A-Z]+)\}.*?Quad category: ([A-Z ]+)\}", tex, re.S))
    order = ["VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT"]
    assert {t: order.index(q) + 1 for t, q in quads.items()} == QUAD
