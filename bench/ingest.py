"""Ingest throughput, memory, database size and query latency, against bare spaCy.

On the same OrangeSum articles, in one command, each measurement in its own child process:
  1. bare spaCy ``nlp.pipe`` over the article texts (the baseline; model load not timed);
  2. ``depeche ingest`` into a fresh database with 1 worker, then with 2 workers
     (wall time from start to the last commit, worker start-up and model loads included);
  3. the ``depeche events`` filters on the 2-worker database (median of 5 runs each), and
     ``--actor NAME`` against the scan it replaced (every entity and mention read), same run.
Prints documents/s and the ratio to spaCy, peak RSS of the main process and of the
largest worker, the database size, and each filter's latency.
With ``--db postgresql://user@host/db``, each ingest runs again into a fresh database on that
server (made beside the one named, dropped after), and its rate is given as a ratio to the
SQLite ingest with as many workers, in the same run.

    .venv/bin/python bench/ingest.py [--n 5000] [--workers 1 2] [--model md] [--db postgresql://...]
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
FILTERS = {
    "all (limit 100)": {"limit": 100},
    "--type CONSULT": {"type": "CONSULT"},
    "--actor FRA": {"actor": "FRA"},
    '--actor "Macron"': {"actor": "Macron"},
    "--country USA": {"country": "USA"},
    "--place-country FRA": {"place_country": "FRA"},
    "--since 2019-01-01 --until 2019-12-31": {"since": "2019-01-01", "until": "2019-12-31"},
    "--factuality reported": {"factuality": "reported"},
    '--text "grève"': {"text": "grève"},
    "--type PROTEST --place-country FRA --since 2018": {"type": "PROTEST", "place_country": "FRA", "since": "2018"},
}


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def sample(n: int, folder: Path) -> Path:
    """The first ``n`` articles as a JSONL file (the input both sides read)."""
    path = folder / f"orangesum-{n}.jsonl"
    with DATA.open("rb") as src, path.open("wb") as dst:
        dst.writelines(itertools.islice((line for line in src if line.strip()), n))
    return path


def child_spacy(path: Path, model: str) -> dict:
    import spacy

    from depeche.config import Settings
    from depeche.inputs.readers import read_jsonl

    settings = Settings(model=model)
    with path.open("rb") as fh:
        texts = [d.text for d in read_jsonl(fh, str(path), settings)]
    nlp = spacy.load(settings.spacy_model)
    start = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size))
    seconds = time.perf_counter() - start
    return {"docs": count, "seconds": seconds, "docs_per_s": count / seconds, "rss_mb": rss_mb(resource.RUSAGE_SELF)}


def child_ingest(path: Path, model: str, workers: int, db: str) -> dict:
    from depeche.config import Settings
    from depeche.record import Store
    from depeche.record.ingestion import ingest

    settings = Settings(model=model)
    start = time.perf_counter()
    with Store(db) as store:
        report = ingest(store, [str(path)], workers=workers, settings=settings)
        counts = store.stats()["counts"]
    seconds = time.perf_counter() - start
    if "://" in db:
        from pg_database import size_mb

        size = size_mb(db) * 2**20
    else:
        size = sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*"))
    return {"docs": report.ok, "failed": dict(report.failed), "seconds": seconds, "docs_per_s": report.ok / seconds,
            "main_rss_mb": rss_mb(resource.RUSAGE_SELF),
            "worker_rss_mb": rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else rss_mb(resource.RUSAGE_SELF),
            "db_mb": size / 2**20, "counts": counts}


# The baseline for --actor NAME: how it was answered before the entity_words index, by reading
# every entity and mention of every event's actors (a LIKE on accent-folded text).
SCAN_SQL = """SELECT count(*) FROM events e WHERE EXISTS (SELECT 1 FROM event_actors a JOIN entities en
    ON en.doc_id = a.doc_id AND en.id = a.entity_id WHERE a.doc_id = e.doc_id AND a.event_id = e.id
    AND (fold(en.name) LIKE :name OR EXISTS (SELECT 1 FROM entity_mentions m
        WHERE m.doc_id = en.doc_id AND m.entity_id = en.id AND fold(m.text) LIKE :name)))"""
NAMES = ("Macron", "Donald Trump", "police")


def child_queries(db: Path) -> dict:
    from depeche.record.store import SQLiteStore
    from depeche.record.tables import fold

    out = {}
    with SQLiteStore(db, readonly=True) as store:
        store.conn.create_function("fold", 1, fold, deterministic=True)
        for name in NAMES:
            index, scan = [], []
            for _ in range(5):
                start = time.perf_counter()
                rows = len(store.events(actor=name))
                index.append(time.perf_counter() - start)
                start = time.perf_counter()
                store.conn.execute(SCAN_SQL, {"name": f"%{fold(name)}%"}).fetchone()
                scan.append(time.perf_counter() - start)
            out[f'--actor "{name}": index / scan baseline'] = {
                "rows": rows, "ms": statistics.median(index) * 1000,
                "ratio": statistics.median(index) / statistics.median(scan)}
        for name, flt in FILTERS.items():
            times, rows = [], 0
            for _ in range(5):
                start = time.perf_counter()
                rows = len(store.events(**flt))
                times.append(time.perf_counter() - start)
            out[name] = {"rows": rows, "ms": statistics.median(times) * 1000}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "depeche.cli.main", "events", "--db", str(db), "--type", "CONSULT",
                    "--format", "json"], check=True, capture_output=True)
    out["CLI: depeche events --type CONSULT --format json"] = {"rows": None,
                                                              "ms": (time.perf_counter() - start) * 1000}
    return out


def run(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--model", default="md", choices=["md", "sm"])
    parser.add_argument("--db", default=None, help="a postgresql:// URL: ingest into PostgreSQL too, same run")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "spacy":
            result = child_spacy(Path(rest[0]), args.model)
        elif kind == "ingest":
            result = child_ingest(Path(rest[0]), args.model, int(rest[1]), rest[2])
        else:
            result = child_queries(Path(rest[0]))
        print(json.dumps(result))
        return
    if not DATA.exists():
        print(f"skipped: {DATA} not found (the shared data must sit beside the repository)")
        return
    with tempfile.TemporaryDirectory(prefix="depeche-bench-") as tmp:
        folder = Path(tmp)
        path = sample(args.n, folder)
        base = run("--model", args.model, "--child", "spacy", str(path))
        print(f"{base['docs']} OrangeSum articles, model {args.model}")
        print(f"  bare spaCy nlp.pipe: {base['docs_per_s']:.1f} docs/s ({base['seconds']:.0f} s), "
              f"peak RSS {base['rss_mb']:.0f} MB")
        db = None
        sqlite_rates = {}
        for workers in args.workers:
            db = folder / f"w{workers}.db"
            r = run("--model", args.model, "--child", "ingest", str(path), str(workers), str(db))
            sqlite_rates[workers] = r["docs_per_s"]
            print(f"  depeche ingest, {workers} worker{'s' if workers > 1 else ''}: {r['docs_per_s']:.1f} docs/s "
                  f"({r['seconds']:.0f} s, {r['docs']} stored, failed {r['failed'] or 0}), "
                  f"ratio to spaCy {r['docs_per_s'] / base['docs_per_s']:.3f}; peak RSS main "
                  f"{r['main_rss_mb']:.0f} MB, largest worker {r['worker_rss_mb']:.0f} MB; "
                  f"database {r['db_mb']:.1f} MB")
        print(f"  records: {json.dumps(r['counts'])}")
        if args.db:
            from pg_database import fresh_database

            for workers in args.workers:
                with fresh_database(args.db) as url:
                    p = run("--model", args.model, "--child", "ingest", str(path), str(workers), url)
                print(f"  depeche ingest into PostgreSQL, {workers} worker{'s' if workers > 1 else ''}: "
                      f"{p['docs_per_s']:.1f} docs/s ({p['seconds']:.0f} s, {p['docs']} stored), ratio to the "
                      f"SQLite ingest with as many workers {p['docs_per_s'] / sqlite_rates[workers]:.3f}; "
                      f"database {p['db_mb']:.1f} MB; same records: {p['counts'] == r['counts']}")
        print(f"  depeche events on the {args.workers[-1]}-worker database (median of 5):")
        for name, q in run("--child", "queries", str(db)).items():
            rows = "" if q["rows"] is None else f", {q['rows']} events"
            ratio = f", {q['ratio']:.2f}x the scan" if "ratio" in q else ""
            print(f"    {name}: {q['ms']:.1f} ms{rows}{ratio}")


if __name__ == "__main__":
    main()
