import csv
import json

import pytest

from depeche.record.export import EXPORT_TABLES, ExportError, plover_records
from depeche.models import Document
from depeche.record.store import Store
from tests.handmade import bare, moscow, paris

DOCS = (moscow, paris, bare)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("x") / "x.db") as s:
        docs = [make() for make in DOCS]
        docs[0].events[0].sizes = {"size": "Q1"}  # not a real size: checks the field is exported
        s.put_many(docs)
        s.conn.execute("INSERT INTO failures VALUES ('broken.txt', 'empty', 'no text', '2024-01-01')")
        yield s


def test_jsonl_reads_back_as_the_documents(store, tmp_path):
    [path] = store.export("jsonl", tmp_path / "out.jsonl")
    docs = [Document.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert docs == list(store.documents()) and [d.id for d in docs] == [make().id for make in DOCS]
    assert docs[1:] == [paris(), bare()]


def test_jsonl_to_stdout(store, capsys):
    assert store.export("jsonl", "-") == []
    lines = capsys.readouterr().out.splitlines()
    assert [Document.model_validate_json(x).id for x in lines] == [make().id for make in DOCS]


@pytest.mark.parametrize("table", EXPORT_TABLES)
def test_csv_one_file_per_table(store, tmp_path, table):
    store.export("csv", tmp_path)
    with open(tmp_path / f"{table}.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = list(store.rows(table))
    assert len(rows) == len(expected) == store.count(table)
    assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in expected]


@pytest.mark.parametrize("table", EXPORT_TABLES)
def test_parquet_one_file_per_table(store, tmp_path, table):
    import pyarrow.parquet as pq

    store.export("parquet", tmp_path / "pq")
    got = pq.read_table(tmp_path / "pq" / f"{table}.parquet").to_pylist()
    assert got == list(store.rows(table))


def test_parquet_types(store, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    store.export("parquet", tmp_path)
    schema = pq.read_schema(tmp_path / "places.parquet")
    assert schema.field("lat").type == pa.float64() and schema.field("n").type == pa.int64()
    assert schema.field("name").type == pa.string()


def test_plover_records(store, tmp_path):
    [path] = store.export("plover", tmp_path / "plover.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == store.count("events") == 3
    by_id = {r["id"]: r for r in records}
    v1 = by_id[f"{moscow().id}-V1"]
    assert v1["event"] == "CONSULT" and v1["mode"] == "visit" and v1["date"] == "2023-09-13"
    assert v1["source"] == [{"actorText": "Vladimir Poutine", "code": "RUS", "sector": "GOV", "entity": "E1"}]
    assert v1["target"][0]["code"] == "PRK"
    assert v1["eventLoc"]["name"] == "Vladivostok" and v1["eventLoc"]["country code"] == "RU"
    # PLOVER's text is the sentence of the event: not the header, not the next sentence.
    assert v1["text"] == "Le président russe Vladimir Poutine a reçu mercredi à Vladivostok le dirigeant nord-coréen Kim Jong Un."
    assert v1["size"] == "1200" and "size" not in by_id[f"{moscow().id}-V2"]
    assert v1["publication"] == "moscow.txt" and v1["language"] == "fr" and v1["factuality"] == "asserted"
    v2 = by_id[f"{moscow().id}-V2"]
    assert v2["event"] == "REQUEST" and v2["factuality"] == "reported" and v2["date"] == "2023-09"
    assert v2["attribution"]["text"] == "Selon Washington" and v2["attribution"]["actor"]["code"] == "USA"
    assert v2["target"] == [] and "eventLoc" not in v2
    for r in records:  # every record points back to its characters
        doc = store.document(r["document"])
        assert doc.text[r["offsets"]["start"]:r["offsets"]["end"]] == r["eventText"]
        assert r["eventText"] in r["text"]
        # the keys of the PLOVER gold-standard records
        assert {"id", "date", "source", "target", "event", "mode", "eventText", "text", "language"} <= set(r)


@pytest.mark.parametrize("start_of, sentence", [
    ("quotes", "« Nous coopérerons », a déclaré M. Poutine."),  # "M." does not end a sentence
    ("caption", "Vladimir Poutine à Vladivostok, en 2019."),  # a caption ends before its credit
])
def test_plover_sentence(start_of, sentence):
    from depeche.record.export import _sentence

    doc = moscow()
    start = doc.quotes[0].start if start_of == "quotes" else doc.segments_of("caption")[0].start
    assert _sentence(doc, start, start + 5) == sentence


def test_plover_is_one_record_per_event(store):
    assert len(list(plover_records(store))) == store.count("events")


@pytest.mark.parametrize("fmt, out, message", [("xml", None, "unknown export format"),
                                               ("csv", "-", "directory"), ("parquet", "-", "directory")])
def test_bad_export_is_named(store, fmt, out, message):
    with pytest.raises(ExportError, match=message):
        store.export(fmt, out)


def test_plover_actor_phrases_and_context_codes():
    from depeche.record.export import plover_record
    from depeche.models import Entity, Event, Mention

    text = "La police a arrêté des manifestants."
    police = Entity(id="E1", name="police", type="ORG", sector="COP", country="BLR", country_from_context=True,
                    mentions=[Mention(start=3, end=9, text="police", kind="descriptor")])
    event = Event(id="V1", type="COERCE", mode="arrest", start=12, end=18, text="arrêté", source=["E1"],
                  source_spans=[Mention(start=0, end=9, text="La police")],
                  target_spans=[Mention(start=19, end=35, text="des manifestants")])
    doc = Document(id="d", source="d", text=text, entities=[police], events=[event])
    record = plover_record(doc, event, "2024-01-01", "2024-01-02")
    assert record["source"] == [{"actorText": "police", "code": "BLR", "sector": "COP", "codeFromContext": True,
                                 "entity": "E1"}]
    assert record["target"] == [{"actorText": "des manifestants", "code": ""}]  # words, uncoded
