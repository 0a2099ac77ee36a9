"""Exports, read back with the libraries their users use (csv, json, pyarrow, DuckDB), on every backend."""
import csv
import datetime as dt
import json

import pytest

from depeche.models import Document
from depeche.record.export import EVENT_COLUMNS, EXPORT_TABLES, FORMATS, ExportError, plover_records
from tests.handmade import bare, moscow, paris

DOCS = (moscow, paris, bare)


@pytest.fixture
def store(store):
    docs = [make() for make in DOCS]
    store.put_many(docs)
    return store


def test_jsonl_reads_back_as_the_documents(store, tmp_path):
    [path] = store.export("jsonl", tmp_path / "out.jsonl")
    docs = [Document.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert docs == list(store.documents()) and docs == [make() for make in DOCS]


def test_jsonl_to_stdout(store, capsys):
    assert store.export("jsonl", "-") == []
    lines = capsys.readouterr().out.splitlines()
    assert [Document.model_validate_json(x).id for x in lines] == [make().id for make in DOCS]


def test_csv_is_one_flat_row_per_event(store, tmp_path):
    [path] = store.export("csv", tmp_path / "events.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == store.count_events() == 3 and tuple(rows[0]) == EVENT_COLUMNS
    v1 = next(r for r in rows if r["doc_id"] == moscow().id and r["event_id"] == "V1")
    assert (v1["source_name"], v1["source_country"], v1["source_sector"]) == ("Vladimir Poutine", "RUS", "GOV")
    assert (v1["target_name"], v1["target_country"], v1["target_sector"]) == ("Kim Jong Un", "PRK", "GOV")
    assert (v1["place_name"], v1["lat"], v1["lon"], v1["geonameid"], v1["feature"]) == (
        "Vladivostok", "43.1056", "131.8735", "2013348", "PPLA")
    assert (v1["date"], v1["precision"], v1["type"], v1["mode"], v1["factuality"]) == (
        "2023-09-13", "day", "CONSULT", "visit", "asserted")
    assert v1["evidence"] == moscow().events[0].text and v1["document"] == "moscow.txt"
    v2 = next(r for r in rows if r["event_id"] == "V2")
    assert (v2["precision"], v2["date_first"], v2["date_last"], v2["target_name"]) == ("month", "2023-09-01", "2023-09-30", "")


def test_parquet_is_one_events_table_for_pandas_and_duckdb(store, tmp_path):
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    [path] = store.export("parquet", tmp_path / "events.parquet")
    table = pq.read_table(path)
    assert table.num_rows == 3 and tuple(table.column_names) == EVENT_COLUMNS
    assert table.schema.field("lat").type == pa.float64() and table.schema.field("date_first").type == pa.date32()
    assert table.schema.field("geonameid").type == pa.int64()
    by_country = duckdb.sql(f"SELECT source_country, count(*) AS n, min(date_first) AS first FROM '{path}' "
                            "GROUP BY source_country ORDER BY source_country").fetchall()
    assert by_country == [("FRA", 1, dt.date(2021, 6, 10)), ("PRK", 1, dt.date(2023, 9, 1)),
                          ("RUS", 1, dt.date(2023, 9, 13))]


def test_geojson_has_the_events_with_a_place(store, tmp_path):
    [path] = store.export("geojson", tmp_path / "events.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2  # V2 has no place
    paris_event = next(f for f in data["features"] if f["properties"]["place_name"] == "Paris")
    assert paris_event["geometry"] == {"type": "Point", "coordinates": [2.3488, 48.8534]}
    assert set(paris_event["properties"]) == set(EVENT_COLUMNS) and paris_event["properties"]["source_country"] == "FRA"


def test_an_empty_geojson_is_valid(new_store, tmp_path):
    [path] = new_store().export("geojson", tmp_path / "none.geojson")
    assert json.loads(path.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}


def test_exports_take_filters(store, tmp_path):
    from depeche.record import EventFilter

    [path] = store.export("csv", tmp_path / "consult.csv", EventFilter(type="CONSULT"))
    with open(path, encoding="utf-8", newline="") as fh:
        assert [r["type"] for r in csv.DictReader(fh)] == ["CONSULT", "CONSULT"]


@pytest.mark.parametrize("table", EXPORT_TABLES)
def test_tables_csv_one_file_per_table(store, tmp_path, table):
    store.export("tables-csv", tmp_path)
    with open(tmp_path / f"{table}.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = list(store.rows(table))
    assert len(rows) == len(expected) == store.count(table)
    assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in expected]


@pytest.mark.parametrize("table", EXPORT_TABLES)
def test_tables_parquet_one_file_per_table(store, tmp_path, table):
    import pyarrow.parquet as pq

    store.export("tables-parquet", tmp_path / "pq")
    assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").to_pylist() == list(store.rows(table))


def test_plover_is_one_record_per_event(store, tmp_path):
    [path] = store.export("plover", tmp_path / "plover.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == store.count_events() == len(list(plover_records(store)))
    for r in records:  # every record points back to its characters
        doc = store.document(r["document"])
        assert doc.text[r["offsets"]["start"]:r["offsets"]["end"]] == r["event_text"][0]
        assert doc.text[r["text_info"]["start"]:r["text_info"]["end"]] == r["text"]
        assert r["event_text"][0] in r["text"]


@pytest.mark.parametrize("fmt, out, message", [("xml", None, "unknown export format"),
                                               ("tables-csv", "-", "directory"), ("parquet", "-", "path")])
def test_bad_export_is_named(store, fmt, out, message):
    with pytest.raises(ExportError, match=message):
        store.export(fmt, out)


def test_the_cli_offers_every_format():
    from depeche.cli.record import EXPORT_FORMATS

    assert EXPORT_FORMATS == FORMATS
