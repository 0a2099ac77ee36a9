"""Query speed at a million events: first pages, counts and a full export stream.

Builds (once, cached in ``--dir``) a record of at least ``--events`` events from real OrangeSum
articles: ``--n`` articles are ingested through the pipeline, then their rows are repeated at SQL
level under new document ids (every table, so the triggers fill the query tables and the
full-text index as an ingest would). Then, on that record, in one run:

  1. the first page (100 rows) of each filter and combination through ``Store.page``, timed
     ``--runs`` times (p50, p95), against the query depeche ran before the query tables (one SQL
     statement over events joined to documents, actors, places and times, ordered by date, LIMIT
     100: the baseline, timed ``--baseline-runs`` times on the same record);
  2. counts by month, type and country (``Store.timeline``, ``Store.facets``), unfiltered and filtered;
  3. a full export stream (csv, parquet) in a child process: time and peak RSS, and the same for
     a tenth of the events, so that constant memory shows as the same peak.

    .venv/bin/python bench/query.py [--n 300] [--events 1000000] [--runs 20] [--dir ~/.cache/depeche/bench]

With ``--db postgresql://user@host/db`` the same record is built in PostgreSQL (the base record
copied with ``depeche.record.copy_record``, then its rows repeated at SQL level, as above, in a
database ``depeche_bench_<events>`` made beside the one named and kept for the next run) and the
same measurements run on it; there is no single-statement baseline there (it is SQLite's).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
# Tables in the order their rows may be written (parents first, so that triggers find them).
COPY_ORDER = ("documents", "segments", "entities", "entity_mentions", "places", "place_mentions", "times",
              "quantities", "quotes", "events", "event_actors", "checks", "entity_words")
FILTERS = {
    "none": {},
    "type=PROTEST": {"type": "PROTEST"},
    "country=RUS": {"country": "RUS"},
    'actor="Emmanuel Macron"': {"actor": "Emmanuel Macron"},
    "actor=RUSGOV": {"actor": "RUSGOV"},
    'text="manifestants"': {"text": "manifestants"},
    "since/until one week": {"since": "{week}", "until": "{week_end}"},
    "factuality=reported": {"factuality": "reported"},
    "place_country=FRA": {"place_country": "FRA"},
    "type=CONSULT country=RUS": {"type": "CONSULT", "country": "RUS"},
    "type=PROTEST place_country=FRA since=2018": {"type": "PROTEST", "place_country": "FRA", "since": "2018"},
    'actor="Macron" type=CONSULT': {"actor": "Macron", "type": "CONSULT"},
    'text="manifestation" country=FRA': {"text": "manifestation", "country": "FRA"},
    "factuality=reported type=ASSAULT": {"factuality": "reported", "type": "ASSAULT"},
    "country=USA place_country=FRA until=2019": {"country": "USA", "place_country": "FRA", "until": "2019"},
    "type=COERCE country=FRA factuality=asserted since/until one week": {
        "type": "COERCE", "country": "FRA", "factuality": "asserted", "since": "{week}", "until": "{week_end}"},
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def base_record(n: int, folder: Path) -> Path:
    """``n`` OrangeSum articles ingested through the pipeline (cached)."""
    import itertools

    db = folder / f"base-{n}.db"
    if db.is_file():
        return db
    sample = folder / f"orangesum-{n}.jsonl"
    with DATA.open("rb") as src, sample.open("wb") as dst:
        dst.writelines(itertools.islice((line for line in src if line.strip()), n))
    tmp = db.with_suffix(".tmp")
    subprocess.run([sys.executable, "-m", "depeche.cli.main", "ingest", str(sample), "--db", str(tmp), "--workers", "2"],
                   check=True)
    tmp.rename(db)
    return db


def scaled_record(base: Path, events: int, folder: Path) -> Path:
    """The base record's rows repeated under new document ids until it holds ``events`` events."""
    from depeche.record.store import SQLiteStore

    db = folder / f"{base.stem}-x{events}.db"
    if db.is_file():
        return db
    tmp = db.with_suffix(".tmp")
    shutil.copy(base, tmp)
    with SQLiteStore(tmp) as store:
        conn = store.conn
        top = conn.execute("SELECT max(n) FROM documents").fetchone()[0]
        per_copy = store.count_events()
        copies = -(-events // per_copy) - 1
        columns = {t: [c for c, _ in store.columns(t)] for t in COPY_ORDER}
        start = time.perf_counter()
        for r in range(1, copies + 1):
            conn.execute("BEGIN")
            suffix = f"-{r}"
            for table in COPY_ORDER:
                cols = [c for c in columns[table] if not (table == "documents" and c == "n")]
                key = "id" if table == "documents" else "doc_id"
                values = [f"{c} || :s" if c in (key, "source") and table == "documents" or c == key else f'"{c}"'
                          for c in cols]
                conn.execute(f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) "
                             f"SELECT {', '.join(values)} FROM {table} WHERE {key} IN "
                             f"(SELECT id FROM documents WHERE n <= :top)", {"s": suffix, "top": top})
            conn.execute("COMMIT")
            if r % 50 == 0:
                print(f"  copy {r}/{copies}: {store.count_events()} events, {time.perf_counter() - start:.0f} s",
                      file=sys.stderr, flush=True)
        conn.execute("ANALYZE")
    tmp.rename(db)
    return db


def scaled_pg_record(base: Path, events: int, url: str) -> str:
    """The base record copied into PostgreSQL, its rows repeated until it holds ``events`` events."""
    import psycopg

    from depeche.record import Store, StoreError, copy_record
    from pg_database import database_url

    name = f"depeche_bench_{events}"
    target = database_url(url, name)
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            try:
                with Store(target, readonly=True) as store:
                    if store.count_events() >= events:
                        return target
            except StoreError:  # left unfinished by an interrupted run
                pass
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    upgraded = base.with_name(base.stem + "-current.db")  # the cached base at this depeche's schema
    shutil.copy(base, upgraded)
    with Store(upgraded) as src, Store(target) as dst:
        copy_record(src, dst)
        per_copy = dst.count_events()
        columns = {t: [c for c, _ in dst.columns(t)] for t in COPY_ORDER}
    copies = -(-events // per_copy) - 1
    # Row triggers would fill the query tables row by row (an hour for a million events on this
    # machine): here they are off, and the query rows the triggers made for the base record are
    # copied with the rows, under the copy's document numbers; the counts are the base's times
    # the copies. (Ingest always goes through the triggers.)
    start = time.perf_counter()
    with psycopg.connect(target, autocommit=True) as conn:
        keyed = {t: [r[0] for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
            "ORDER BY attnum", (t,))] for t in ("event_keys", "event_countries", "event_sectors", "event_actor_words")}
        top = conn.execute("SELECT max(n) FROM documents").fetchone()[0]
        for table in TRIGGERED:
            conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for r in range(1, copies + 1):
            params = {"s": f"-{r}", "top": top, "shift": r * top}
            with conn.transaction():
                for table in COPY_ORDER:
                    cols = columns[table]
                    key = "id" if table == "documents" else "doc_id"
                    values = [f'"{c}" || %(s)s' if c in (key, "source") and table == "documents" or c == key
                              else "n + %(shift)s" if table == "documents" and c == "n" else f'"{c}"' for c in cols]
                    conn.execute(f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) "
                                 f"SELECT {', '.join(values)} FROM {table} WHERE {key} IN "
                                 f"(SELECT id FROM documents WHERE n <= %(top)s)", params)
                for table, cols in keyed.items():
                    values = ["doc_n + %(shift)s" if c == "doc_n" else "doc_id || %(s)s" if c == "doc_id"
                              else f'"{c}"' for c in cols]
                    conn.execute(f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) "
                                 f"SELECT {', '.join(values)} FROM {table} WHERE doc_n <= %(top)s", params)
            if r % 50 == 0:
                print(f"  copy {r}/{copies}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
        conn.execute("UPDATE event_counts SET n = n * %s", (copies + 1,))
        conn.execute("UPDATE event_cube SET n = n * %s", (copies + 1,))
        conn.execute("SELECT setval(pg_get_serial_sequence('documents', 'n'), (SELECT max(n) FROM documents))")
        for table in TRIGGERED:
            conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        conn.execute("VACUUM ANALYZE")
    return target


# Tables whose row triggers fill the query tables (off while the PostgreSQL record is scaled).
TRIGGERED = ("events", "event_actors", "event_keys", "event_countries", "event_sectors", "entity_words")


# The query of the record before the query tables: one statement, joined and ordered, LIMIT 100.
BASELINE = """SELECT e.doc_id, e.id, d.source, e.type, e.mode, e.date, e.factuality, e.attribution_text,
    p.name, p.country, t.value, e.segment, e.start, e."end", e.text
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time"""
ACTOR_EXISTS = """EXISTS (SELECT 1 FROM event_actors a JOIN entities en ON en.doc_id = a.doc_id AND en.id = a.entity_id
    WHERE a.doc_id = e.doc_id AND a.event_id = e.id AND ({}))"""


def baseline_sql(f: dict, conn) -> tuple[str, dict]:
    """The filters as the record answered them before (its where clause, as it was)."""
    from depeche.inputs import first_day, last_day, parse_date
    from depeche.record.tables import name_words

    clauses, params = [], {}
    for name in ("type", "factuality"):
        if f.get(name):
            clauses.append(f"e.{name} = :{name}")
            params[name] = f[name]
    if f.get("actor"):
        actor = f["actor"]
        if actor.isupper() and len(actor) in (3, 6):
            params["ac"], params["as"] = actor[:3], actor[3:] or None
            clauses.append(ACTOR_EXISTS.format("en.country = :ac AND (:as IS NULL OR en.sector = :as)"))
        else:
            words = name_words(actor)
            parts = []
            for i, w in enumerate(words):
                params[f"w{i}"], params[f"w{i}e"] = w, w + "\U0010ffff"
                parts.append(f"SELECT doc_id, entity_id FROM entity_words WHERE word >= :w{i} AND word < :w{i}e")
            clauses.append(f"""(e.doc_id, e.id) IN (SELECT a.doc_id, a.event_id FROM event_actors a
                JOIN ({' INTERSECT '.join(parts)}) m ON m.doc_id = a.doc_id AND m.entity_id = a.entity_id)""")
    if f.get("country"):
        clauses.append(ACTOR_EXISTS.format("en.country = :country"))
        params["country"] = f["country"]
    if f.get("place_country"):
        clauses.append("p.country = :pc")
        params["pc"] = f["place_country"]
    if f.get("since"):
        clauses.append("e.date_last >= :since")
        params["since"] = first_day(parse_date(f["since"])).isoformat()
    if f.get("until"):
        clauses.append("e.date_first <= :until")
        params["until"] = last_day(parse_date(f["until"])).isoformat()
    if f.get("text"):
        clauses.append("d.n IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :text)")
        params["text"] = f'"{f["text"]}"'
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return BASELINE + where + " ORDER BY e.date_first, d.n, e.n LIMIT 100", params


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000


def busiest_week(store) -> tuple[str, str]:
    import datetime as dt

    days = store.timeline(by="day").counts
    weeks: dict[str, int] = {}
    for day, n in days.items():
        d = dt.date.fromisoformat(day)
        monday = d - dt.timedelta(days=d.weekday())
        weeks[monday.isoformat()] = weeks.get(monday.isoformat(), 0) + n
    monday = sorted(weeks, key=lambda w: -weeks[w])[len(weeks) // 4]  # a week of ordinary traffic
    return monday, (dt.date.fromisoformat(monday) + dt.timedelta(days=6)).isoformat()


def measure_pages(db: Path | str, runs: int, baseline_runs: int) -> list[dict]:
    from depeche.record import EventFilter, Store

    out = []
    with Store(db, readonly=True) as store:
        week, week_end = busiest_week(store)
        for name, raw in FILTERS.items():
            f = {k: v.format(week=week, week_end=week_end) for k, v in raw.items()}
            flt = EventFilter(**f)
            times, cpu, rows = [], [], 0
            for i in range(runs + 1):
                start, start_cpu = time.perf_counter(), time.process_time()
                page = store.page(flt)
                if i:
                    times.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - start_cpu)
                rows = len(page.rows)
            base, base_rows = [], None
            if isinstance(db, Path):  # the baseline is SQLite's
                sql, params = baseline_sql(f, store.conn)
                for _ in range(baseline_runs):
                    start = time.perf_counter()
                    base_rows = len(store.conn.execute(sql, params).fetchall())
                    base.append(time.perf_counter() - start)
            p50, p95 = percentiles(times)
            cpu50, cpu95 = percentiles(cpu)
            b50 = statistics.median(base) * 1000 if base else float("nan")
            out.append({"filter": name.replace("one week", f"{week}..{week_end}") if "week" in name else name,
                        "matches": store.count_events(flt), "rows": rows, "baseline_rows": base_rows,
                        "baseline_p50_ms": b50, "p50_ms": p50, "p95_ms": p95, "ratio": p50 / b50,
                        "cpu_p50_ms": cpu50, "cpu_p95_ms": cpu95})
    return out


def measure_counts(db: Path | str, runs: int) -> list[dict]:
    from depeche.record import EventFilter, Store

    calls = {
        "by month (timeline)": lambda s: s.timeline(by="month"),
        "by week (timeline)": lambda s: s.timeline(by="week"),
        "by type, factuality, country, place country (facets)": lambda s: s.facets(),
        "stats (every count above, and rows per table)": lambda s: s.stats(),
        "type=PROTEST by month": lambda s: s.timeline(EventFilter(type="PROTEST"), by="month"),
        "country=RUS facets": lambda s: s.facets(EventFilter(country="RUS")),
        "since 2019 until 2019 by month": lambda s: s.timeline(EventFilter(since="2019", until="2019"), by="month"),
        'text="manifestants" facets': lambda s: s.facets(EventFilter(text="manifestants")),
    }
    out = []
    with Store(db, readonly=True) as store:
        for name, call in calls.items():
            times, cpu = [], []
            for i in range(runs + 1):
                start, start_cpu = time.perf_counter(), time.process_time()
                call(store)
                if i:
                    times.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - start_cpu)
            p50, p95 = percentiles(times)
            cpu50, cpu95 = percentiles(cpu)
            out.append({"counts": name, "p50_ms": p50, "p95_ms": p95, "cpu_p50_ms": cpu50, "cpu_p95_ms": cpu95})
    return out


def child_export(db: str, fmt: str, out: str, since: str | None) -> None:
    from depeche.record import EventFilter, Store

    before = rss_mb()
    start = time.perf_counter()
    with Store(db, readonly=True) as store:
        flt = EventFilter(since=since) if since else EventFilter()
        store.export(fmt, out, flt)
        events = store.count_events(flt)
    seconds = time.perf_counter() - start
    print(json.dumps({"events": events, "seconds": seconds, "events_per_s": events / seconds,
                      "rss_before_mb": before, "peak_rss_mb": rss_mb(), "bytes": Path(out).stat().st_size}))


def measure_export(db: Path | str, folder: Path, formats: list[str], since: str) -> list[dict]:
    out = []
    for fmt in formats:
        for part in (since, None):
            target = folder / f"export.{fmt}"
            result = subprocess.run([sys.executable, __file__, "--child-export", str(db), fmt, str(target), part or ""],
                                    check=True, capture_output=True, text=True)
            row = json.loads(result.stdout.strip().splitlines()[-1])
            target.unlink()
            out.append({"export": fmt, "part": f"since {since}" if part else "all", **row})
    return out


def table(rows: list[dict], keys: list[str]) -> str:
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        lines.append("| " + " | ".join(f"{r[k]:.1f}" if isinstance(r[k], float) else str(r[k]) for k in keys) + " |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-export":
        _, _, db, fmt, out, since = sys.argv
        child_export(db, fmt, out, since or None)
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="OrangeSum articles ingested (then repeated)")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--baseline-runs", type=int, default=3)
    ap.add_argument("--formats", nargs="*", default=["csv", "parquet"])
    ap.add_argument("--dir", type=Path, default=Path.home() / ".cache" / "depeche" / "bench")
    ap.add_argument("--db", default=None, help="a postgresql:// URL: build and measure the record in PostgreSQL")
    ap.add_argument("--record", type=Path, default=None,
                    help="measure this SQLite record (a copy of the built one, say) instead of building it")
    args = ap.parse_args()
    if not DATA.is_file():
        sys.exit(f"no {DATA}: this benchmark needs ../shared/data")
    args.dir.mkdir(parents=True, exist_ok=True)
    from depeche.record import Store

    if args.db:
        db = scaled_pg_record(base_record(args.n, args.dir), args.events, args.db)
        from pg_database import size_mb

        size = size_mb(db) / 1024
    elif args.record:
        db = args.record
        size = db.stat().st_size / 1e9
    else:
        db = scaled_record(base_record(args.n, args.dir), args.events, args.dir)
        size = db.stat().st_size / 1e9
    with Store(db, readonly=True) as store:
        counts = store.table_counts()
        where = store.location
    print(f"record: {where} ({size:.2f} GB): {counts['events']} events, {counts['documents']} documents "
          f"from {args.n} ingested OrangeSum articles; load average {os.getloadavg()[0]:.1f} "
          "(CPU columns: this process's CPU time, less sensitive to other work than the wall clock)")
    pages = measure_pages(db, args.runs, args.baseline_runs)
    print(f"\nfirst page (100 rows), ms over {args.runs} runs; baseline: the single-statement query before the "
          f"query tables, median of {args.baseline_runs}, same record, same run")
    print(table(pages, ["filter", "matches", "baseline_p50_ms", "p50_ms", "p95_ms", "ratio", "cpu_p50_ms", "cpu_p95_ms"]))
    print(f"(load average {os.getloadavg()[0]:.1f})")
    counts_rows = measure_counts(db, args.runs)
    print(f"\ncounts, ms over {args.runs} runs")
    print(table(counts_rows, ["counts", "p50_ms", "p95_ms", "cpu_p50_ms", "cpu_p95_ms"]))
    print(f"(load average {os.getloadavg()[0]:.1f})")
    exports = measure_export(db, args.dir, args.formats, "2019-07-01")
    print("\nexport streams (child process each)")
    print(table(exports, ["export", "part", "events", "seconds", "events_per_s", "rss_before_mb", "peak_rss_mb"]))


if __name__ == "__main__":
    main()
