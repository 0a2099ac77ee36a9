"""depeche on Ray: a local Ray (2 CPUs) gives the record a local ingest gives, row for row,
even when an actor is killed in the middle of the run."""
from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from depeche.config import Settings
from depeche.record import Store
from depeche.scale import RayOptions, load_parquet, ray_ingest
from tests.support import shared

ray = pytest.importorskip("ray")
ARTICLES = 24
# Columns that say when a row was written, not what it holds.
WHEN = {"ingested_at", "at"}


def record(path) -> dict[str, list[str]]:
    """Every row of every table of a SQLite record (but the full-text index), sorted; a
    document's ingest order (``documents.n``, ``doc_n`` elsewhere: a surrogate key) is left out
    or replaced by the document's id."""
    con = sqlite3.connect(path)
    doc_of = dict(con.execute("SELECT DISTINCT doc_n, doc_id FROM event_keys"))
    out = {}
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    for table in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                if r[1] not in WHEN and (table, r[1]) != ("documents", "n")]
        rows = [dict(zip(cols, r)) for r in con.execute(f"SELECT {', '.join(cols)} FROM {table}")]
        for row in rows:
            if "doc_n" in row:
                row["doc_n"] = doc_of.get(row["doc_n"], row["doc_n"])
        out[table] = sorted(repr(sorted(r.items())) for r in rows)
    con.close()
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Two dozen shared articles as JSONL, a text dispatch of our own and an input that fails."""
    folder = tmp_path_factory.mktemp("inputs")
    with shared("orangesum", "articles.jsonl").open(encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, ARTICLES))
    again = json.dumps({"id": json.loads(lines[0])["id"], "date": "2024-03-15",
                        "text": "Les pompiers ont maîtrisé jeudi un incendie dans un entrepôt de Lille."}, ensure_ascii=False)
    # The repeated id lands in another part than its first line (batch_size 4): both are kept, the
    # second as ID#2, as a local ingest keeps them.
    (folder / "articles.jsonl").write_text("".join(lines) + "{pas du json\n" + again + "\n", encoding="utf-8")
    (folder / "depeche.txt").write_text(
        "date 2024-03-14 La police a interpellé mardi à Lyon deux hommes soupçonnés d'avoir "
        "incendié une voiture. Le préfet a annoncé l'ouverture d'une enquête.", encoding="utf-8")
    (folder / "vide.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def settings():
    return Settings(batch_size=4, workers=1)


@pytest.fixture(scope="module")
def local(inputs, settings, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "local.db"
    with Store(db) as store:
        report = store.ingest([str(inputs)], workers=1, settings=settings)
    assert report.ok == ARTICLES + 2 and sum(report.failed.values()) == 2
    return record(db)


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=256 * 2**20,
             runtime_env={"env_vars": {"PYTHONPATH": os.environ.get("PYTHONPATH", "")}})
    yield
    ray.shutdown()


def analyzer_pids() -> list[int]:
    """Processes of this test's Ray actors analyzing (Ray titles them
    ``ray::MapWorker(MapBatches(_Analyzer))``). Only descendants of this process: the local Ray
    runs under it, and another Ray on the machine (a benchmark, a second test run) is left alone."""
    parents, analyzers = {}, []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if b"MapBatches(_Analyzer)" in (proc / "cmdline").read_bytes():
                analyzers.append(int(proc.name))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    me = os.getpid()

    def ours(pid: int) -> bool:
        while pid > 1:
            if pid == me:
                return True
            pid = parents.get(pid, 0)
        return False

    return [pid for pid in analyzers if ours(pid)]


def kill_one_actor_once():
    """A progress callback that SIGKILLs one analyzing actor after the first batch is written."""
    done = []

    def progress(report):
        if not done and (pids := analyzer_pids()):
            os.kill(pids[0], signal.SIGKILL)
            done.append(pids[0])

    return progress, done


def test_a_killed_actor_is_retried_and_the_parquet_record_loads_as_a_local_ingest(
        cluster, inputs, settings, local, tmp_path):
    progress, killed = kill_one_actor_once()
    out = tmp_path / "parquet"
    report = ray_ingest([str(inputs)], settings=settings, options=RayOptions(actors=2), out=out, progress=progress)
    assert killed, "no actor was alive to kill"
    # a batch whose actor died may come twice: its second copy is skipped as a duplicate
    assert report.new == ARTICLES + 2 and sum(report.failed.values()) == 2
    db = tmp_path / "loaded.db"
    with Store(db) as store:
        assert load_parquet(out, store) == (ARTICLES + 2, 2)
        assert load_parquet(out, store) == (ARTICLES + 2, 2)  # again: nothing changes
    assert record(db) == local


def test_ray_writes_straight_into_a_store(cluster, inputs, settings, local, tmp_path):
    db = tmp_path / "direct.db"
    with Store(db) as store:
        report = ray_ingest([str(inputs)], settings=settings, options=RayOptions(actors=2), store=store)
    assert (report.new, report.failed["bad-record"], report.failed["empty"]) == (ARTICLES + 2, 1, 1)
    assert record(db) == local


def test_parquet_tables_read_with_pyarrow(cluster, inputs, settings, tmp_path):
    import pyarrow.dataset as pads

    out = tmp_path / "tables"
    ray_ingest([str(inputs / "depeche.txt")], settings=settings, options=RayOptions(actors=1), out=out)
    events = pads.dataset(out / "events").to_table().to_pylist()
    docs = pads.dataset(out / "documents").to_table().to_pylist()
    assert len(docs) == 1 and events and all(e["doc_id"] == docs[0]["id"] for e in events)
    assert {e["type"] for e in events} >= {"COERCE"}
    assert json.loads(docs[0]["document"])["id"] == docs[0]["id"]
