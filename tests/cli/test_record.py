import csv
import io
import json

import pytest
from click.testing import CliRunner

from depeche.cli.main import main
from depeche.models import DocumentDate
from depeche.record.store import Store
from tests.handmade import bare, moscow, paris


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "c.db"
    with Store(path) as s:
        s.put_many([moscow(), paris(), bare()])
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_events_json(db):
    result = run("events", "--db", db, "--type", "CONSULT", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["source_document"], r["id"]) for r in rows] == [("paris.txt", "V1"), ("moscow.txt", "V1")]
    assert rows[1]["source"][0]["name"] == "Vladimir Poutine"


def test_events_csv(db):
    result = run("events", "--db", db, "--country", "PRK", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["event_id"] for r in rows] == ["V2", "V1"]
    assert (rows[1]["target_name"], rows[1]["target_country"], rows[1]["target_sector"]) == ("Kim Jong Un", "PRK", "GOV")
    assert rows[0]["factuality"] == "reported" and rows[1]["lat"] == "43.1056"


def test_events_table(db):
    result = CliRunner().invoke(main, ["events", "--db", db, "--actor", "Poutine"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "1 events" in result.output and "CONSULT/visit" in result.output and "Vladivostok (RUS)" in result.output


def test_events_in_a_narrow_terminal_are_blocks(db):
    result = CliRunner().invoke(main, ["events", "--db", db, "--actor", "Poutine"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    assert lines[0] == "1 events" and lines[1].startswith("2023-09-13  CONSULT/visit  Vladimir Poutine")
    assert "@ Vladivostok (RUS)" in " ".join(lines) and "│" not in result.output  # no table cells


def test_events_none_match(db):
    result = run("events", "--db", db, "--since", "2030")
    assert result.exit_code == 0 and "no events match" in result.output


@pytest.mark.parametrize("args, message", [
    (["--type", "MEET"], "--type: Value error, unknown event type"),
    (["--since", "2023-13"], "--since"),
    (["--place-country", "France"], "--place-country"),
])
def test_events_bad_filter_is_a_usage_error(db, args, message):
    result = run("events", "--db", db, *args)
    assert result.exit_code == 2 and message in result.output


def test_missing_database_is_a_usage_error(tmp_path):
    result = run("events", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no such database" in result.output
    assert not (tmp_path / "none.db").exists()


def test_show(db):
    result = CliRunner().invoke(main, ["show", "moscow", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for expected in ("moscow.txt", "CONSULT/visit", "Vladimir Poutine → Kim Jong Un", "at Vladivostok",
                     "according to « Selon Washington »", "1200 km", "caption-date"):
        assert expected in result.output


def test_show_unknown_document(db):
    result = run("show", "zzz", "--db", db)
    assert result.exit_code == 2 and "no document 'zzz'" in result.output


def test_stats(db):
    result = CliRunner().invoke(main, ["stats", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "3 documents" in result.output and "CONSULT" in result.output
    figures = json.loads(run("stats", "--db", db, "--json").output)
    assert figures["counts"]["events"] == 3


def test_stats_shows_every_month_or_says_what_it_folded(tmp_path):
    docs = []
    for year in range(2015, 2020):
        for month in range(1, 13):
            text = f"date {year}-{month:02d}-10 Emmanuel Macron a reçu le chancelier Olaf Scholz à Paris. " \
                   "Les deux dirigeants ont discuté."
            doc = paris(text, source=f"p{year}{month}.txt")
            doc.dct = DocumentDate(value=f"{year}-{month:02d}-10", precision="day")
            docs.append(doc)
    path = tmp_path / "many.db"
    with Store(path) as s:
        s.put_many(docs[:30])
    result = CliRunner().invoke(main, ["stats", "--db", str(path)], env={"COLUMNS": "200"})
    assert "2015-01" in result.output and "2017-06" in result.output and "folded" not in result.output
    with Store(path) as s:
        s.put_many(docs[30:])
    result = CliRunner().invoke(main, ["stats", "--db", str(path)], env={"COLUMNS": "200"})
    assert "60 months folded into 5 years" in result.output and "2019" in result.output
    assert "2019-12" not in result.output


@pytest.mark.parametrize("fmt, out, produced", [
    ("jsonl", "d.jsonl", "d.jsonl"), ("plover", "p.jsonl", "p.jsonl"),
    ("csv", "e.csv", "e.csv"), ("parquet", "e.parquet", "e.parquet"), ("geojson", "e.geojson", "e.geojson"),
    ("tables-csv", "csv", "csv/events.csv"), ("tables-parquet", "pq", "pq/events.parquet"),
])
def test_export(db, tmp_path, fmt, out, produced):
    result = run("export", "--db", db, "--format", fmt, "--out", str(tmp_path / out))
    assert result.exit_code == 0 and (tmp_path / produced).is_file()


def test_db_setting_from_config_file(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "depeche.toml").write_text(f'[depeche]\ndb = "{db}"\n')
    figures = json.loads(run("stats", "--json").output)
    assert figures["counts"]["documents"] == 3


def named(result, code: int, message: str) -> bool:
    """Exit ``code``, ``message`` on the output, no traceback."""
    return result.exit_code == code and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["events", "--limit", "99999999999999999999"], "--limit"),
    (["events", "--since", "0000"], "--since"),
    (["events", "--until", "0000-01-01"], "--until"),
    (["show", "x" * 100_000], "no document"),
])
def test_hostile_values_are_usage_errors(db, args, message):
    assert named(CliRunner().invoke(main, [*args, "--db", db]), 2, message)


@pytest.mark.parametrize("fmt, make, message", [
    ("jsonl", lambda p: p.mkdir(), "is a folder"),
    ("tables-csv", lambda p: p.write_text("déjà là"), "a file is in the way"),
])
def test_export_where_it_cannot_write_is_named(db, tmp_path, fmt, make, message):
    out = tmp_path / "out"
    make(out)
    assert named(CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "--out", str(out)]), 2, message)


def test_export_to_a_full_disk_is_named(db):
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl", "--out", "/dev/full"])
    assert named(result, 2, "No space left")


@pytest.mark.parametrize("command", [["stats"], ["events"], ["show", "moscow"], ["export", "--format", "jsonl",
                                                                                  "--out", "-"]])
def test_a_damaged_database_is_named_by_every_command(db, tmp_path, command):
    from tests.record.test_doctor import damage

    path = tmp_path / "damaged.db"
    path.write_bytes(open(db, "rb").read())
    damage(path)
    result = CliRunner().invoke(main, [*command, "--db", str(path)])
    assert result.exit_code == 3 and "doctor" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["stats"], ["events"], ["ingest", "-"]])
def test_a_foreign_database_is_refused_untouched(tmp_path, command):
    import sqlite3

    path = tmp_path / "notes.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE notes(x)").connection.commit()
    before = path.read_bytes()
    result = CliRunner().invoke(main, [*command, "--db", str(path)], input="Un texte.")
    assert named(result, 3, "not a depeche database") and path.read_bytes() == before


def test_two_texts_on_stdin_are_both_stored(tmp_path):
    db = str(tmp_path / "stdin.db")
    for text in ("date 2023-09 Le ministre a rencontré mardi son homologue à Paris.",
                 "date 2023-09 Le ministre a rencontré jeudi son homologue à Rome."):
        result = CliRunner().invoke(main, ["ingest", "-", "--db", db, "--workers", "1"], input=text)
        assert result.exit_code == 0, result.output
    with Store(db) as s:
        assert s.count() == 2


def test_repeated_ids_in_one_input_are_all_stored_and_counted(tmp_path):
    lines = [{"id": "7", "date": "2023-09-12", "text": "Le ministre a rencontré mardi son homologue à Paris."},
             {"id": "7", "date": "2023-09-12", "text": "Le ministre a rencontré jeudi son homologue à Rome."},
             {"id": "8", "date": "2023-09-12", "text": "La police a arrêté trois suspects à Lyon."}]
    corpus = tmp_path / "dup.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "dup.db")
    first = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db, "--workers", "1"])
    assert first.exit_code == 0 and "3 ok (3 new" in first.output
    again = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db, "--workers", "1"])
    assert "0 ok" in again.output and "3 skipped" in again.output
    with Store(db) as s:
        assert s.count() == 3 and {s.document(k).source for k in ("7", "7#2", "8")} == {"7", "7#2", "8"}


def test_events_filters_of_issue_17(tmp_path):
    """--mode, --sector, --attribution and --bbox, as the API takes them."""
    db = str(tmp_path / "f.db")
    with Store(db) as store:
        store.put_many([moscow(), paris()])
    for options, expected in ((["--mode", "visit"], {"moscow.txt:V1"}), (["--attribution", "Washington"], {"moscow.txt:V2"}),
                              (["--sector", "GOV", "--bbox", "2,48,3,49"], {"paris.txt:V1"})):
        result = CliRunner().invoke(main, ["events", "--db", db, "--format", "csv", *options])
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {f"{r['document']}:{r['event_id']}" for r in rows} == expected
    result = CliRunner().invoke(main, ["events", "--db", db, "--bbox", "0,60,10,50"])
    assert result.exit_code == 2 and "--bbox" in result.stderr and "south is above north" in result.stderr
