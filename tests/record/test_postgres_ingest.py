"""Ingests into one PostgreSQL record through the real pipeline: a kill -9 mid-run, two ingests
of overlapping inputs at once, and a server restart mid-run. Each ends with the record that one
clean ingest makes (a SQLite reference of the same inputs: the backends store the same rows)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from depeche.record import Store
from depeche.record.ingestion import ingest
from tests.record.conftest import drop_database, pg_database
from tests.record.test_ingestion import corpus, counts

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def reference(tmp_path: Path, records: list[dict], settings) -> tuple[dict, dict, dict]:
    """What one clean ingest of ``records`` stores: documents by id, rows per table, stats."""
    source = write_jsonl(tmp_path / "reference.jsonl", records)
    with Store(tmp_path / "reference.db") as ref:
        assert ingest(ref, [str(source)], workers=1, settings=settings).new == len(records)
        return {d.id: d for d in ref.documents()}, counts(ref), ref.stats()


def start_ingest(paths: list[Path], url: str, settings, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "depeche.cli.main", "ingest", *map(str, paths), "--db", url, "--workers", "2",
         "--batch-size", "4", "--model", settings.model],
        cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def documents_in(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except psycopg.Error:
        return 0


def wait_for(proc: subprocess.Popen, url: str, stored: int, seconds: float = 300) -> bool:
    """Wait until the record holds ``stored`` documents; True if the ingest is still running then."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if documents_in(url) >= stored:
            break
        time.sleep(0.05)
    return proc.poll() is None


def same_record(store: Store, expected: tuple[dict, dict, dict]) -> None:
    docs, rows, stats = expected
    assert counts(store) == rows  # no duplicate, no row lost
    assert {d.id: d for d in store.documents()} == docs
    assert {k: v for k, v in store.stats().items() if k != "failures_by_code"} == \
        {k: v for k, v in stats.items() if k != "failures_by_code"}


@pytest.fixture
def record():
    url = pg_database(f"depeche_test_ingest_{os.getpid()}")
    Store(url).close()  # migrated before the ingests start
    yield url
    drop_database(url)


def test_kill_9_of_an_ingest_loses_nothing_committed(tmp_path, settings, record):
    records = corpus(60)
    expected = reference(tmp_path, records, settings)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)
    proc = start_ingest([source], record, settings, tmp_path)
    running = wait_for(proc, record, 8)
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert running, f"ingest ended before the kill: {proc.stderr.read().decode()[-2000:]}"
    with Store(record) as store:
        kept = list(store.documents())
        assert 8 <= len(kept) < len(records)
        assert all(doc == expected[0][doc.id] for doc in kept)  # whole documents only
        report = ingest(store, [str(source)], workers=1, settings=settings)
        assert report.new == len(records) - len(kept) and report.ok + sum(report.skipped.values()) == len(records)
        same_record(store, expected)


def test_two_ingests_of_overlapping_inputs_at_once_make_the_record_of_one(tmp_path, settings, record):
    records = corpus(36)
    expected = reference(tmp_path, records, settings)
    first = write_jsonl(tmp_path / "first.jsonl", records[:24])
    second = write_jsonl(tmp_path / "second.jsonl", records[12:])  # 12 records in both
    procs = [start_ingest([first], record, settings, tmp_path), start_ingest([second], record, settings, tmp_path)]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()[-2000:]
    with Store(record) as store:
        same_record(store, expected)


def test_a_server_down_mid_ingest_is_a_named_error_and_a_rerun_completes(tmp_path, settings, record):
    # This test stops the server: only one named as its own by DEPECHE_PG_DIR (.ci/run does), never a
    # server that other test runs on this machine may be using.
    cluster = Path(os.environ.get("DEPECHE_PG_DIR") or "/nonexistent")
    if not (cluster / "data" / "PG_VERSION").is_file():
        message = ("no test cluster this test may stop: set DEPECHE_PG_DIR to the folder of one that "
                   "`bash .ci/postgres start DIR` made (.ci/run does)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    records = corpus(40)
    expected = reference(tmp_path, records, settings)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)
    proc = start_ingest([source], record, settings, tmp_path)
    assert wait_for(proc, record, 4), f"ingest ended too soon: {proc.stderr.read().decode()[-2000:]}"
    server = ["bash", str(ROOT / ".ci" / "postgres")]
    subprocess.run([*server, "stop", str(cluster)], check=True)  # down until the ingest gives up
    try:
        code = proc.wait(timeout=600)
    finally:
        subprocess.run([*server, "start", str(cluster)], check=True, stdout=subprocess.DEVNULL)
    err = proc.stderr.read().decode()
    assert code == 2 and "lost the connection to PostgreSQL" in err and "run the same command again" in err, err
    assert "Traceback" not in err, err[-2000:]
    stored = documents_in(record)
    assert 4 <= stored < len(records)
    with Store(record) as store:
        report = ingest(store, [str(source)], workers=1, settings=settings)
        assert report.new == len(records) - stored
        same_record(store, expected)
