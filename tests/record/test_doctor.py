"""depeche doctor: SQLite's integrity check on a record, read-only, and what to do."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from depeche.cli.main import main
from depeche.record import check_sqlite
from depeche.record.store import Store
from tests.handmade import bare, moscow, paris


def damage(path) -> None:
    """Garbage over every page but the first (the schema stays readable, the rows do not)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for at in range(page, len(data), 97):
        data[at] = 0x5A
    path.write_bytes(bytes(data))


@pytest.fixture
def record(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as s:
        s.put_many([moscow(), paris(), bare()])
    return path


def test_a_sound_record_is_ok(record):
    found = check_sqlite(str(record))
    assert found.ok and "integrity check passed" in found.findings[0] and "3 documents" in found.findings[0]


def test_a_damaged_record_is_named_with_what_to_do(record):
    damage(record)
    before = record.read_bytes()
    found = check_sqlite(str(record))
    assert not found.ok and found.findings and ".recover" in found.advice[0]
    assert record.read_bytes() == before  # read-only


@pytest.mark.parametrize("make, finding", [
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE notes(x)").connection.commit(), "not a depeche database"),
    (lambda p: None, "no such file"),
])
def test_other_files_are_named(tmp_path, make, finding):
    path = tmp_path / "other.db"
    make(path)
    found = check_sqlite(str(path))
    assert not found.ok and finding in found.findings[0]


def test_the_command_exits_1_on_a_damaged_record(record):
    damage(record)
    result = CliRunner().invoke(main, ["doctor", "--db", str(record)])
    assert result.exit_code == 1 and "what to do:" in result.output and "Traceback" not in result.output
    assert CliRunner().invoke(main, ["doctor", "--db", str(record.parent / "absent.db")]).exit_code == 1
