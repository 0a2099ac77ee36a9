"""WARC ingest against JSONL ingest of the same articles (issue 21: within 10 %, one run).

The first ``n`` OrangeSum articles (../shared/data) are written twice in a temporary folder:
as JSONL records, and as article pages (title, heading and paragraphs in an HTML page with a
navigation bar and a footer) captured in a gzipped WARC by warcio. Each is ingested into a
fresh database by ``depeche ingest`` in its own child process with the same settings; the
figure is documents stored per second of wall time (start-up and model loads included), and
the WARC's ratio to the JSONL's, from the same run.

    .venv/bin/python bench/warc.py [--n 1000] [--workers 2] [--model md]
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
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


def run(path: Path, db: Path, model: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(db), model, str(workers)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default="md")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"shared data not found at {DATA}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl, warc = write_inputs(args.n, folder)
        figures = {"jsonl": run(jsonl, folder / "jsonl.db", args.model, args.workers),
                   "warc": run(warc, folder / "warc.db", args.model, args.workers)}
    for name, f in figures.items():
        print(f"{name:5} {f['ok']:5d} stored, {f['skipped']} skipped, failed {f['failed'] or 0}: "
              f"{f['seconds']:.1f} s, {f['rate']:.2f} docs/s, {f['events']} events")
    ratio = figures["warc"]["rate"] / figures["jsonl"]["rate"]
    print(f"warc / jsonl documents/s: {ratio:.3f} (issue 21 asks >= 0.90)")


if __name__ == "__main__":
    main()
