"""WARC ingest against JSONL ingest of the same articles (issue 21: within 10 %, one run).

The first ``n`` OrangeSum articles (../shared/data) are written twice in a temporary folder:
as JSONL records, and as article pages (title, heading and paragraphs in an HTML page with a
navigation bar and a footer) captured in a gzipped WARC by warcio. Each is ingested into a
fresh database by ``depeche ingest`` in its own child process with the same settings, in the
order JSONL, WARC, WARC, JSONL (``--rounds 2``; the load of a shared machine drifts, and the
mirrored order spreads the drift over both). Figures: documents stored per second of wall time
(start-up and model loads included; the best run of each), documents per CPU second of the
ingest and its workers (their CPU time, which other work on the machine does not change), and
the WARC's ratio to the JSONL's for each, from the same run.

    .venv/bin/python bench/warc.py [--n 1000] [--workers 2] [--model md] [--rounds 2]
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import subprocess
import sys
import tempfile
from html import escape
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"
# Where OrangeSum's glued paragraphs meet: end punctuation right before a capital.
GLUE = re.compile(r"(?<=[.!?»\"])(?=[A-ZÀ-Ý«])")


def page(article: dict) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in [article["heading"], *GLUE.split(article["text"])])
    return ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(article['title'])}</title>"
            f"<meta property=\"article:published_time\" content=\"{article['date']}\"></head><body>"
            "<nav><a href=\"/\">Accueil</a> <a href=\"/monde\">Monde</a></nav>"
            f"<article><h1>{escape(article['title'])}</h1>{paragraphs}</article>"
            "<footer>Tous droits réservés.</footer></body></html>").encode("utf-8")


def write_inputs(n: int, folder: Path) -> tuple[Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with DATA.open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in itertools.islice(fh, n)]
    jsonl = folder / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    warc = folder / "articles.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for a in articles:
            body = page(a)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://orangesum.test/{a['id']}", "response",
                                                          payload=BytesIO(body), http_headers=headers))
    return jsonl, warc


CHILD = """
import json, sys
from depeche.config import load_settings
from depeche.record import Store, ingest
settings = load_settings(model=sys.argv[3], workers=int(sys.argv[4]))
with Store(sys.argv[2]) as store:
    report = ingest(store, [sys.argv[1]], settings=settings, workers=int(sys.argv[4]))
print(json.dumps({"ok": report.ok, "skipped": sum(report.skipped.values()), "failed": dict(report.failed),
                  "seconds": report.seconds, "rate": report.rate, "events": report.events}))
"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(path: Path, db: Path, model: str, workers: int) -> dict:
    """One ingest into a fresh database; ``cpu``: the CPU seconds of the ingest and its workers
    (they are waited for, so their time is counted in this process's children's)."""
    db.unlink(missing_ok=True)
    before = cpu_of_children()
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(db), model, str(workers)],
                         check=True, capture_output=True, text=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["cpu"] = cpu_of_children() - before
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default="md")
    parser.add_argument("--rounds", type=int, default=2, help="JSONL-WARC pairs, in mirrored order")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"shared data not found at {DATA}")
    runs: dict[str, list[dict]] = {"jsonl": [], "warc": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = dict(zip(("jsonl", "warc"), write_inputs(args.n, folder), strict=True))
        for k in range(args.rounds):
            for name in ("jsonl", "warc") if k % 2 == 0 else ("warc", "jsonl"):
                f = run(inputs[name], folder / f"{name}.db", args.model, args.workers)
                runs[name].append(f)
                print(f"{name:5} {f['ok']:5d} stored, {f['skipped']} skipped, failed {f['failed'] or 0}: "
                      f"{f['seconds']:.1f} s, {f['rate']:.2f} docs/s, {f['ok'] / f['cpu']:.2f} docs/CPU s, "
                      f"{f['events']} events", flush=True)
    wall = {name: max(f["rate"] for f in fs) for name, fs in runs.items()}
    cpu = {name: sum(f["ok"] for f in fs) / sum(f["cpu"] for f in fs) for name, fs in runs.items()}
    print(f"best documents/s: jsonl {wall['jsonl']:.2f}, warc {wall['warc']:.2f}, warc / jsonl {wall['warc'] / wall['jsonl']:.3f}")
    print(f"documents per CPU second: jsonl {cpu['jsonl']:.2f}, warc {cpu['warc']:.2f}, "
          f"warc / jsonl {cpu['warc'] / cpu['jsonl']:.3f} (issue 21: within 10 %)")


if __name__ == "__main__":
    main()
