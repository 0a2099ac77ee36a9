"""Ingest through the real pipeline on a few short texts written for these tests."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from depeche.config import Settings
from depeche.record.ingestion import IngestReport, fingerprint, ingest
from depeche.models import Entity
from depeche.record.store import TABLES, Store

pytestmark = pytest.mark.model

TEXTS = {
    "a.txt": "date 2023-09-14 Le ministre russe des Affaires étrangères a rencontré mercredi à Moscou son "
             "homologue chinois. Les deux hommes ont discuté du commerce entre leurs pays.",
    "b.txt": "date 2024-03 Des centaines d'agriculteurs ont manifesté lundi devant la préfecture de Rennes "
             "pour réclamer une baisse des taxes sur le gazole.",
    "c.txt": "date 2022-05-02 Le gouvernement japonais a annoncé vendredi une aide de 5 millions d'euros "
             "aux victimes des inondations dans le sud du pays.",
}
CITIES = ("Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Rennes", "Bordeaux", "Nice", "Dijon", "Brest")
TOPICS = ("l'énergie", "la santé", "l'école", "les transports", "le logement", "l'agriculture")


def corpus(n: int) -> list[dict]:
    """``n`` distinct short dispatches as JSON Lines records."""
    out = []
    for i in range(n):
        city, topic = CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
        out.append({"id": f"r{i}", "date": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "title": f"Réunion numéro {i} à {city}",
                    "text": f"Le maire de {city} a reçu jeudi {i + 2} élus de la région pour parler de {topic}. "
                            f"Selon la préfecture, une décision pourrait être prise avant la fin du mois."})
    return out


def counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def test_ingest_reports_and_stores(inputs, tmp_path, settings):
    errors = []
    with Store(tmp_path / "i.db") as store:
        report = ingest(store, [str(inputs)], workers=1, settings=settings, on_error=errors.append)
        assert (report.new, report.ok, dict(report.failed)) == (3, 3, {"binary": 1, "empty": 1})
        assert sorted(e.source for e in errors) == [str(inputs / "binary.txt"), str(inputs / "empty.txt")]
        assert store.count() == 3
        assert {f["code"] for f in store.failures()} == {"binary", "empty"}
        for doc in store.documents():
            assert doc.text == TEXTS[os.path.basename(doc.source)]
        assert "3 ok (3 new" in report.summary() and "2 failed (" in report.summary()


def test_reingest_is_idempotent(inputs, tmp_path, settings):
    with Store(tmp_path / "i.db") as store:
        ingest(store, [str(inputs)], workers=1, settings=settings)
        before = counts(store)
        again = ingest(store, [str(inputs)], workers=1, settings=settings)
        assert (again.ok, dict(again.skipped), sum(again.failed.values())) == (0, {"unchanged": 3}, 2)
        assert counts(store) == before
        forced = ingest(store, [str(inputs)], workers=1, settings=settings, force=True)
        assert forced.replaced == 3 and counts(store) == before


def test_changed_article_replaces_the_old(inputs, tmp_path, settings):
    with Store(tmp_path / "i.db") as store:
        ingest(store, [str(inputs)], workers=1, settings=settings)
        old_id = store.resolve("b.txt")
        (inputs / "b.txt").write_text(TEXTS["b.txt"].replace("centaines", "milliers"), encoding="utf-8")
        report = ingest(store, [str(inputs)], workers=1, settings=settings)
        assert (report.changed, report.skipped["unchanged"]) == (1, 2)
        assert store.count() == 3 and store.stored(old_id) is None
        assert "milliers" in store.document("b.txt").text


def test_a_failed_input_never_removes_what_is_stored(inputs, tmp_path, settings):
    with Store(tmp_path / "i.db") as store:
        ingest(store, [str(inputs)], workers=1, settings=settings)
        before = counts(store)
        (inputs / "a.txt").write_bytes(b"")  # the article is now empty: reported, the stored one kept
        report = ingest(store, [str(inputs)], workers=1, settings=settings)
        assert report.failed["empty"] == 2 and counts(store) == before


def test_duplicates_in_one_run(inputs, tmp_path, settings):
    with Store(tmp_path / "i.db") as store:
        report = ingest(store, [str(inputs), str(inputs / "a.txt")], workers=1, settings=settings)
        assert report.new == 3 and report.skipped == {"duplicate in this run": 1}


def test_a_file_is_one_source_however_it_is_named(inputs, tmp_path, settings, monkeypatch):
    monkeypatch.chdir(inputs.parent)
    with Store(tmp_path / "i.db") as store:
        ingest(store, ["in/a.txt"], workers=1, settings=settings)
        (inputs / "a.txt").write_text(TEXTS["a.txt"].replace("commerce", "climat"), encoding="utf-8")
        report = ingest(store, [str(inputs / "a.txt")], workers=1, settings=settings)
        assert report.changed == 1 and store.count() == 1  # the changed text replaced the old, by its source
        assert [d.source for d in store.documents()] == [str(inputs / "a.txt")]


def test_progress_is_reported(inputs, tmp_path, settings):
    seen: list[int] = []
    with Store(tmp_path / "i.db") as store:
        ingest(store, [str(inputs)], workers=1, settings=settings, progress=lambda r: seen.append(r.done))
    assert seen[-1] == 5 and seen == sorted(seen)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_field_the_stages_fill_reads_back(tmp_path, analyze, name):
    doc = analyze(TEXTS[name])
    with Store(tmp_path / "r.db") as store:
        store.put(doc)
        assert store.document(doc.id).to_dict() == doc.to_dict()  # (== would compare the spaCy Doc too)


class StubPipeline:
    """Stands for the pipeline: fails batches holding "boom", gives "twins" two entities E1."""

    def run_batch(self, batch):
        if any("boom" in d.text for d in batch):
            raise RuntimeError("boom")
        out = []
        for d in batch:
            if "twins" in d.text:
                d.entities = [Entity(id="E1", name="A", type="PER"), Entity(id="E1", name="B", type="PER")]
            out.append(d)
        return out


def test_a_failing_document_fails_alone(tmp_path, monkeypatch):
    import depeche.api

    monkeypatch.setattr(depeche.api, "pipeline", lambda settings: StubPipeline())
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"1.txt": "Un texte.", "2.txt": "Un boom.", "3.txt": "Des twins.", "4.txt": "Un autre."}.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [str(folder)], workers=1, settings=Settings(batch_size=4))
        assert (report.new, dict(report.failed)) == (2, {"stage-failed": 1, "store-failed": 1})
        assert sorted(os.path.basename(d.source) for d in store.documents()) == ["1.txt", "4.txt"]
        assert {os.path.basename(f["source"]): f["code"] for f in store.failures()} == {
            "2.txt": "stage-failed", "3.txt": "store-failed"}


def test_lines_that_move_in_a_jsonl_file_are_never_lost(tmp_path, monkeypatch):
    """Records without ids are named by their line: inserting a line shifts every name."""
    import depeche.api

    monkeypatch.setattr(depeche.api, "pipeline", lambda settings: StubPipeline())
    path = tmp_path / "c.jsonl"
    texts = ["Premier texte.", "Deuxième texte.", "Troisième texte."]
    with Store(tmp_path / "s.db") as store:
        path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:2]), encoding="utf-8")
        assert ingest(store, [str(path)], workers=1, settings=Settings()).new == 2
        path.write_text("".join(json.dumps({"text": t}) + "\n" for t in [texts[2]] + texts[:2]), encoding="utf-8")
        report = ingest(store, [str(path)], workers=1, settings=Settings())
        assert (report.changed, report.skipped["same text as another source"]) == (0, 2)
        assert sorted(d.text for d in store.documents()) == sorted(texts)
        assert sorted(d.source for d in store.documents()) == [f"{path}:{i}" for i in (1, 2, 3)]


def test_report_rate():
    r = IngestReport(new=10, seconds=4.0)
    assert r.rate == 2.5 and r.done == 10


def _documents(path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_during_ingest_leaves_whole_documents(tmp_path, settings):
    """A real SIGKILL of the ingest (main process and workers) while it writes."""
    n = 120
    records = corpus(n)
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    with Store(tmp_path / "reference.db") as ref:  # what a clean run stores
        assert ingest(ref, [str(source)], workers=1, settings=settings).new == n
        reference = {d.id: d for d in ref.documents()}
        reference_counts = counts(ref)

    db = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "depeche.cli.main", "ingest", str(source), "--db", str(db), "--workers", "2",
         "--batch-size", "4", "--model", settings.model],
        cwd=tmp_path, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = _documents(db)
        if stored >= 8:
            break
        time.sleep(0.01)
    running = proc.poll() is None
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert running, f"ingest ended before the kill: {proc.stderr.read().decode()[-2000:]}"
    assert proc.returncode == -signal.SIGKILL
    with pytest.raises(ProcessLookupError):  # the workers went with it
        for _ in range(100):
            os.killpg(proc.pid, 0)
            time.sleep(0.05)

    with Store(db) as store:  # the database opens ...
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        kept = list(store.documents())
        assert 8 <= len(kept) < n
        for doc in kept:  # ... and holds whole documents only
            assert doc == reference[doc.id]
        # The re-run completes the rest, without duplicates. (The stored documents are skipped;
        # if depeche's code changed meanwhile, as it may in a shared working tree, re-analyzed.)
        same_code = fingerprint(settings) == store.conn.execute("SELECT DISTINCT pipeline FROM documents").fetchone()[0]
        report = ingest(store, [str(source)], workers=1, settings=settings)
        assert report.new == n - len(kept)
        assert (report.skipped["unchanged"] if same_code else report.replaced) == len(kept)
        assert counts(store) == reference_counts
        assert {d.id: d for d in store.documents()} == reference


# A parent that starts a worker the way ingest does (die_with_parent), prints its pid and waits.
PARENT = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import os, sys, time; "
    "from depeche.record.ingestion import die_with_parent; die_with_parent(int(sys.argv[1])); "
    "print(os.getpid(), flush=True); time.sleep(60)", str(__import__("os").getpid())], stdout=subprocess.PIPE)
print(child.stdout.readline().decode().strip(), flush=True)
time.sleep(60)
"""


def test_a_worker_dies_with_its_parent_even_by_kill_9():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, start_new_session=True)
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)  # the parent alone, not its group
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.05)
    alive = _alive(worker)
    if alive:
        os.kill(worker, signal.SIGKILL)
    assert not alive, "the worker outlived its parent"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # (a zombie is gone but for its exit code)
    except FileNotFoundError:
        return False
