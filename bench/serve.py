"""Load on `depeche serve` at a million events: N clients, M requests each, on loopback; stops by itself.

The record is bench/query.py's (OrangeSum articles ingested, then repeated at SQL level under new
document ids until it holds ``--events`` events; built once and cached in ``--dir``), or the one
given with ``--record``. The server is the real command (`depeche serve`, uvicorn, one process)
on 127.0.0.1 at a free port; every request goes there and nowhere else. Each client (a thread
with its own keep-alive connection) sends ``--requests`` requests drawn from the workload below,
in its own seeded order, and stops early at ``--seconds``. Then the server is stopped.

Workload: filtered event pages (every filter of `depeche events` and issue 17's, alone and
combined; the first page of 100 events, and for one in two the page after it through its `next`
link), timelines (by day, week, month, and by month with the share of documents; unfiltered and
filtered) and facets (the map's, by place country, and every dimension; unfiltered and filtered). Printed: p50, p95, p99 and max per group (pages, timeline, facets) and per request,
the count of server errors (5xx or no answer) and of refused requests (4xx), and whether the
issue's targets hold (p95 <= 100 ms for pages, <= 300 ms for timeline and facets, no server error).
Then each request once, alone: its wall time and the server's CPU time (from /proc), which does
not depend on the other work of a shared machine (the load average is printed with the figures).

    .venv/bin/python bench/serve.py [--clients 8] [--requests 200] [--seconds 600] [--record PATH]
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"pages": 100.0, "timeline": 300.0, "facets": 300.0}
PAGE = 100


def record_builder():
    """bench/query.py's record builder (``base_record``, ``scaled_record``, ``busiest_week``)."""
    spec = importlib.util.spec_from_file_location("bench_query", ROOT / "bench" / "query.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workload(week: tuple[str, str]) -> list[tuple[str, str, str, dict]]:
    """(group, name, path, params) of every request the clients draw from."""
    since, until = week
    pages = {
        "none": {}, "type": {"type": "PROTEST"}, "country": {"country": "RUS"},
        "actor name": {"actor": "Emmanuel Macron"}, "actor code": {"actor": "RUSGOV"},
        "text": {"text": "manifestants"}, "one week": {"since": since, "until": until},
        "factuality": {"factuality": "reported"}, "place country": {"place_country": "FRA"},
        "mode": {"mode": "demonstrate"}, "sector": {"sector": "MIL"}, "attribution none": {"attribution": "none"},
        "attribution words": {"attribution": "ministre"}, "bbox France": {"bbox": "-5.5,41,9.8,51.2"},
        "type+country": {"type": "CONSULT", "country": "RUS"},
        "type+place+since": {"type": "PROTEST", "place_country": "FRA", "since": "2018"},
        "actor+type": {"actor": "Macron", "type": "CONSULT"},
        "text+country": {"text": "manifestation", "country": "FRA"},
        "factuality+type": {"factuality": "reported", "type": "ASSAULT"},
        "sector+bbox": {"sector": "GOV", "bbox": "-5.5,41,9.8,51.2"},
        "type+country+factuality+week": {"type": "COERCE", "country": "FRA", "factuality": "asserted",
                                         "since": since, "until": until},
    }
    counts = {"none": {}, "type": {"type": "PROTEST"}, "country": {"country": "RUS"},
              "text": {"text": "manifestants"}, "place+since": {"place_country": "FRA", "since": "2019"},
              "actor": {"actor": "Emmanuel Macron"}}
    out = [("pages", f"events {name}", "/api/v1/events", {**p, "size": PAGE}) for name, p in pages.items()]
    for by in ("month", "week", "day"):
        out += [("timeline", f"timeline {by} {name}", "/api/v1/timeline", {**p, "by": by})
                for name, p in counts.items()]
    out += [("timeline", f"timeline month share {name}", "/api/v1/timeline", {**p, "by": "month", "share": "true"})
            for name, p in counts.items()]
    out += [("facets", f"facets map {name}", "/api/v1/facets", {**p, "dims": "place_country"})
            for name, p in counts.items()]
    out += [("facets", f"facets all {name}", "/api/v1/facets", p) for name, p in counts.items()]
    return out


class Client(threading.Thread):
    def __init__(self, base: str, index: int, requests: int, work: list, deadline: float):
        super().__init__(daemon=True)
        self.base, self.requests, self.deadline = base, requests, deadline
        self.order = random.Random(index).sample(work, len(work))
        self.results: list[tuple[str, str, float, int]] = []  # group, name, seconds, status (0: no answer)

    def call(self, client, group: str, name: str, url: str, params: dict | None) -> dict | None:
        start = time.perf_counter()
        try:
            response = client.get(url, params=params)
            status = response.status_code
        except Exception:  # an answer that never came counts as a server error
            response, status = None, 0
        self.results.append((group, name, time.perf_counter() - start, status))
        return response.json() if response is not None and status == 200 else None

    def run(self) -> None:
        import httpx

        with httpx.Client(base_url=self.base, timeout=60) as client:
            sent = 0
            while sent < self.requests and time.monotonic() < self.deadline:
                group, name, path, params = self.order[sent % len(self.order)]
                body = self.call(client, group, name, path, params)
                sent += 1
                if group == "pages" and body and body.get("next") and sent % 2 and sent < self.requests:
                    self.call(client, group, f"{name} (next page)", body["next"], None)
                    sent += 1


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def service_times(base: str, pid: int, work: list) -> list[tuple[str, str, float, float]]:
    """Each request of the workload once, alone: (group, name, wall seconds, server CPU seconds).
    The server's CPU time per request does not depend on what else runs on the machine."""
    import httpx

    out = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for group, name, path, params in work:
            cpu, start = cpu_seconds(pid), time.perf_counter()
            client.get(path, params=params).raise_for_status()
            out.append((group, name, time.perf_counter() - start, cpu_seconds(pid) - cpu))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    import httpx

    server = subprocess.Popen([sys.executable, "-m", "depeche.cli.main", "serve", "--db", str(db), "--port", str(port),
                               "--query-seconds", "30"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/record", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
        if server.poll() is not None:
            break
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")


def figures(times: list[float]) -> tuple[float, float, float, float]:
    ordered = sorted(t * 1000 for t in times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    return statistics.median(ordered), at(0.95), at(0.99), ordered[-1]


def report(results: list[tuple[str, str, float, int]], elapsed: float, clients: int) -> bool:
    ok = True
    errors = sum(1 for *_, status in results if status == 0 or status >= 500)
    refused = sum(1 for *_, status in results if 400 <= status < 500)
    print(f"\n{len(results)} requests from {clients} clients in {elapsed:.1f} s ({len(results) / elapsed:.1f}/s); "
          f"server errors {errors}, refused (4xx) {refused}")
    print(f"\n{'group':10} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  target p95")
    for group, target in TARGETS.items():
        times = [t for g, _, t, s in results if g == group and s == 200]
        if not times:
            continue
        p50, p95, p99, top = figures(times)
        held = p95 <= target
        ok &= held
        print(f"{group:10} {len(times):>6} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {top:>8.1f}  <= {target:.0f}: "
              f"{'yes' if held else 'NO'}")
    print(f"\n{'request':52} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name in sorted({n for _, n, _, _ in results}):
        times = [t for _, n, t, s in results if n == name and s == 200]
        if times:
            p50, p95, _, top = figures(times)
            print(f"{name:52} {len(times):>5} {p50:>8.1f} {p95:>8.1f} {top:>8.1f}")
    return ok and errors == 0


def report_service(rows: list[tuple[str, str, float, float]]) -> None:
    print("\nalone, one request at a time (server CPU time is the cost; wall time includes waiting for a "
          "busy machine):")
    print(f"{'group':10} {'n':>4} {'CPU p50 ms':>11} {'CPU p95 ms':>11} {'CPU max ms':>11} {'wall p50 ms':>12}")
    for group in TARGETS:
        cpu = [c for g, _, _, c in rows if g == group]
        wall = [w for g, _, w, _ in rows if g == group]
        if cpu:
            p50, p95, _, top = figures(cpu)
            print(f"{group:10} {len(cpu):>4} {p50:>11.0f} {p95:>11.0f} {top:>11.0f} {figures(wall)[0]:>12.0f}")
    slow = sorted(rows, key=lambda r: -r[3])[:8]
    print("most CPU: " + "; ".join(f"{name} {c * 1000:.0f} ms" for _, name, _, c in slow))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="requests per client")
    parser.add_argument("--seconds", type=float, default=600, help="the clients stop after this long, whatever is left")
    parser.add_argument("--record", type=Path, default=None, help="an existing record (default: built as bench/query.py does)")
    parser.add_argument("--n", type=int, default=300, help="articles ingested for the built record")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--alone", action=argparse.BooleanOptionalAction, default=True,
                        help="then each request once, alone, with the server's CPU time")
    parser.add_argument("--dir", type=Path, default=Path.home() / ".cache" / "depeche" / "bench-serve")
    args = parser.parse_args()
    builder = record_builder()
    db = args.record
    if db is None:
        args.dir.mkdir(parents=True, exist_ok=True)
        db = builder.scaled_record(builder.base_record(args.n, args.dir), args.events, args.dir)
    from depeche.record import Store

    with Store(db) as store:  # opened for writing once: upgraded to this depeche's schema
        events, week = store.count_events(), builder.busiest_week(store)
    print(f"record {db}: {events} events; server on 127.0.0.1; {args.clients} clients x {args.requests} requests",
          flush=True)
    port = free_port()
    server = start_server(db, port)
    try:
        work = workload(week)
        deadline = time.monotonic() + args.seconds
        clients = [Client(f"http://127.0.0.1:{port}", i, args.requests, work, deadline) for i in range(args.clients)]
        started = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        elapsed = time.perf_counter() - started
        alone = service_times(f"http://127.0.0.1:{port}", server.pid, work) if args.alone else []
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    held = report([r for c in clients for r in c.results], elapsed, args.clients)
    if alone:
        report_service(alone)
    print("\ntargets held" if held else "\ntargets NOT held")
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
