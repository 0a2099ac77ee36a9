import sqlite3

import pytest

from depeche.models import DocumentDate, Event, Time
from depeche.record.store import Store
from depeche.record.tables import Columns, event_period

DCT = DocumentDate(value="2023-09", precision="month")


def event(time=None):
    return Event(id="V1", type="CONSULT", time=time, start=0, end=1, text="x")


@pytest.mark.parametrize("time, expected", [
    (None, ("2023-09", "2023-09-01", "2023-09-30")),  # no time: the document's month
    (Time(id="T1", text="x", start=0, end=1, type="DATE", value="2023-09-13"), ("2023-09-13",) * 2 + ("2023-09-13",)),
    (Time(id="T1", text="x", start=0, end=1, type="TIME", value="2023-09-13T10:00"),
     ("2023-09-13", "2023-09-13", "2023-09-13")),
    (Time(id="T1", text="x", start=0, end=1, type="DATE", value="2024"), ("2024", "2024-01-01", "2024-12-31")),
    (Time(id="T1", text="x", start=0, end=1, type="DATE", value="2023-W37"), ("2023-09", "2023-09-01", "2023-09-30")),
    (Time(id="T1", text="x", start=0, end=1, type="DATE", value="PRESENT_REF"), ("2023-09", "2023-09-01", "2023-09-30")),
    (Time(id="T1", text="x", start=0, end=1, type="DURATION", value="P3D"), ("2023-09", "2023-09-01", "2023-09-30")),
    (Time(id="T1", text="x", start=0, end=1, type="DATE", value="2023-02-30"), ("2023-09", "2023-09-01", "2023-09-30")),
])
def test_event_period(time, expected):
    times = {"T1": time} if time else {}
    assert event_period(event("T1" if time else None), times, DCT) == expected


def test_event_without_any_date():
    assert event_period(event(), {}, None) == (None, None, None)


@pytest.fixture
def conn(tmp_path):
    store = Store(tmp_path / "t.db")
    yield store.conn
    store.close()


@pytest.mark.parametrize("table, record", [
    ("quotes", {"id": "U1", "text": "« Oui »", "start": 0, "end": 7, "speaker": None,
                "speaker_span": {"start": 10, "end": 13, "text": "Kim"}, "partial": True, "tone": "firm"}),
    ("places", {"id": "P1", "name": "Lyon", "lat": 45.75, "lon": 4.85, "country": "FRA", "geonameid": None,
                "feature": "PPLA", "resolved": True, "population": 513275, "alt": {"names": ["Lugdunum"]}}),
])
def test_fields_without_a_column_are_kept_in_extra(conn, table, record):
    cols = Columns.of(conn, table)
    conn.execute("INSERT INTO documents (id, source, text, contract, ingested_at) VALUES ('d', 's', 't', '1', 'now')")
    conn.execute(cols.insert_sql(), cols.row(record, {"doc_id": "d", "n": 0}))
    row = conn.execute(f"SELECT * FROM {table}").fetchone()
    got = cols.record(row)
    assert {k: (bool(v) if k == "partial" else v) for k, v in got.items()} == record


def test_json_columns_are_declared(conn):
    assert Columns.of(conn, "checks").json == {"refs", "extra"}
    assert "metadata" in Columns.of(conn, "documents").json
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELECT nothing FROM events")
