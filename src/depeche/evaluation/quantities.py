"""Quantities and checks on the OrangeSum articles, and their hand check.

There is no gold standard for French quantities, so precision comes from hand checks:
``eval/quantities_handcheck.tsv`` holds verdicts on random samples of the quantities the
stage found on ``orangesum/articles.jsonl`` (document id, offsets, what was found, verdict;
never the article text). ``evaluate`` runs the ``segments``, ``quantities`` and ``checks``
stages (no spaCy) over the articles and reports

- how many quantities (by unit, by category) and checks (by kind, failed) were found;
- the precision each hand-check round measured (``ok`` / all; ``ok`` or ``partial`` / all);
- agreement: the share of the hand-checked ``ok`` quantities the current code still finds
  unchanged (same span, value, unit, qualifier, category), and of the ``wrong`` ones it
  still produces, so that a change that loses good quantities shows up.

``sample`` draws quantities with a fixed seed for a new round of hand checking.
"""
from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import DepecheError, InputError
from ..models import Document, Quantity
from ..inputs import read_jsonl

ARTICLES = Path("orangesum") / "articles.jsonl"
HANDCHECK = Path(__file__).resolve().parents[3] / "eval" / "quantities_handcheck.tsv"
COLUMNS = ("round", "doc", "start", "end", "value", "unit", "qualifier", "category", "verdict", "note")


class QuantityDataError(DepecheError):
    code = "no-data"


def analyzed(path: Path, settings: Settings, limit: int | None = None,
             only: set[str] | None = None) -> Iterator[Document]:
    """The articles of ``path`` through segments, quantities and checks (no spaCy)."""
    from ..quantities import CheckStage, QuantityStage
    from ..inputs import SegmentStage

    if not path.exists():
        raise QuantityDataError(f"{path}: OrangeSum articles not found")
    stages = [SegmentStage(settings), QuantityStage(settings), CheckStage(settings)]
    with path.open("rb") as fh:
        lines = (line for n, line in enumerate(fh) if limit is None or n < limit)
        if only is not None:
            lines = (line for line in lines if json.loads(line).get("id") in only)
        for doc in read_jsonl(lines, str(path), settings):
            for stage in stages:
                if not isinstance(doc, InputError):
                    doc = stage.guarded(stage, doc)
            if isinstance(doc, Document):
                yield doc


def doc_id(doc: Document) -> str:
    return str(doc.metadata.get("id", doc.source))


def label(q: Quantity) -> str:
    high = f"-{q.high:g}" if q.high is not None else ""
    return f"{q.value:g} {q.unit} {q.qualifier}{high}" + (f" {q.category}" if q.category else "")


@dataclass
class Verdict:
    round: str
    doc: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    category: str
    verdict: str


def read_verdicts(path: Path = HANDCHECK) -> list[Verdict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("round\t"):
            continue
        cells = line.split("\t")
        if len(cells) < 9:
            raise QuantityDataError(f"{path}: bad verdict line {line!r}")
        qual = cells[6].split("-")[0]
        rows.append(Verdict(cells[0], cells[1], int(cells[2]), int(cells[3]), float(cells[4]), cells[5], qual,
                            cells[7], cells[8]))
    return rows


def _same(q: Quantity, v: Verdict) -> bool:
    return (q.start, q.end, q.unit, q.qualifier, q.category or "") == (v.start, v.end, v.unit, v.qualifier, v.category) \
        and abs(q.value - v.value) <= 1e-6 * max(1.0, abs(v.value))


def handcheck(data: Path, settings: Settings, verdicts: list[Verdict]) -> dict:
    """Precision per round, and how much of it the current code keeps."""
    rounds: dict[str, Counter] = {}
    for v in verdicts:
        rounds.setdefault(v.round, Counter())[v.verdict] += 1
    precision = {
        r: {"n": sum(c.values()), "ok": c["ok"], "partial": c["partial"], "wrong": c["wrong"],
            "precision": round(c["ok"] / sum(c.values()), 3),
            "precision_value_unit": round((c["ok"] + c["partial"]) / sum(c.values()), 3)}
        for r, c in sorted(rounds.items())
    }
    found = {doc_id(d): d.quantities for d in analyzed(data, settings, only={v.doc for v in verdicts})}
    kept = Counter()
    for v in verdicts:
        if any(_same(q, v) for q in found.get(v.doc, [])):
            kept[v.verdict] += 1
    total = Counter(v.verdict for v in verdicts)
    return {
        "rounds": precision,
        "ok_kept": round(kept["ok"] / total["ok"], 3) if total["ok"] else None,
        "wrong_still_found": kept["wrong"],
        "wrong": total["wrong"],
    }


def evaluate(data_dir: Path, settings: Settings, limit: int | None = 5000,
             verdicts: Path | None = HANDCHECK) -> dict:
    """Corpus counts over the first ``limit`` articles, and the hand-check figures."""
    data = data_dir / ARTICLES
    units, cats, kinds, failed = Counter(), Counter(), Counter(), Counter()
    n_docs = n_q = 0
    t0 = time.perf_counter()
    for doc in analyzed(data, settings, limit):
        n_docs += 1
        n_q += len(doc.quantities)
        units.update(q.unit for q in doc.quantities)
        cats.update(q.category for q in doc.quantities if q.category)
        kinds.update(c.kind for c in doc.checks)
        failed.update(c.kind for c in doc.checks if not c.consistent)
    seconds = round(time.perf_counter() - t0, 1)
    result = {
        "docs": n_docs, "quantities": n_q, "checks": sum(kinds.values()), "failed_checks": sum(failed.values()),
        "units": dict(units.most_common()), "categories": dict(cats.most_common()),
        "checks_by_kind": dict(kinds), "failed_by_kind": dict(failed), "seconds": seconds,
    }
    if verdicts is not None and verdicts.exists():
        result["handcheck"] = handcheck(data, settings, read_verdicts(verdicts))
    return result


def sample(data_dir: Path, settings: Settings, n: int, seed: int, limit: int | None = 5000
           ) -> list[tuple[str, int, int, str, str]]:
    """``n`` quantities drawn with ``seed``: (doc id, start, end, label, context) for a hand check."""
    pool = []
    for doc in analyzed(data_dir / ARTICLES, settings, limit):
        for q in doc.quantities:
            context = doc.text[max(0, q.start - 60):q.start] + "[[" + q.text + "]]" + doc.text[q.end:q.end + 40]
            pool.append((doc_id(doc), q.start, q.end, label(q), context))
    return sorted(random.Random(seed).sample(pool, min(n, len(pool))))


def failed_checks(data_dir: Path, settings: Settings, limit: int | None = 5000) -> list[str]:
    return [f"{doc_id(d)} {c.kind}: {c.detail}" for d in analyzed(data_dir / ARTICLES, settings, limit)
            for c in d.checks if not c.consistent]
