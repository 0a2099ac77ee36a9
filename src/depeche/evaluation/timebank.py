"""Time expressions against French TimeBank (ISO-TimeML ``.tml`` files).

Each file's ``<TEXT>`` is the document (inline tags removed, offsets into what
remains); its DCT (``functionInDocument="CREATION_TIME"``) is the document date.
Reported for depeche's times stage and, in the same run, for dateparser's
``search_dates`` with the same document date: recognition precision, recall and
F1, strict (exact extent) and relaxed (overlap, one-to-one), type and value
accuracy on the relaxed matches, and documents per second.
"""
from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs import parse_date
from ..models import Document, Segment
from ..times import tag
from .metrics import prf


class GoldFormatError(ValueError):
    pass


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str
    timexes: list[Timex] = field(default_factory=list)


def read_tml(path: Path) -> GoldDoc:
    """One ``.tml`` file: its text, DCT and TIMEX3 spans."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldFormatError(f"{path}: not well-formed XML: {exc}") from exc
    body = root.find("TEXT")
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if body is None or not dct:
        raise GoldFormatError(f"{path}: no <TEXT> or no creation-time TIMEX3")
    out: list[str] = []
    timexes: list[Timex] = []
    size = 0

    def walk(el: ET.Element) -> None:
        nonlocal size
        if el.tag == "TIMEX3":
            start = size
            chunk = "".join(el.itertext())
            out.append(chunk)
            size += len(chunk)
            timexes.append(Timex(start, size, el.get("type", ""), el.get("value", "")))
        else:
            if el.text:
                out.append(el.text)
                size += len(el.text)
            for child in el:
                walk(child)
                if child.tail:
                    out.append(child.tail)
                    size += len(child.tail)

    walk(body)
    return GoldDoc(path.stem, "".join(out), dct[:10], timexes)


def read_corpus(path: Path) -> list[GoldDoc]:
    files = sorted(path.glob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise GoldFormatError(f"{path}: no .tml files")
    return [read_tml(f) for f in files]


def depeche_tagger(doc: GoldDoc) -> list[Timex]:
    d = Document(id=doc.name, source=doc.name, text=doc.text, dct=parse_date(doc.dct),
                 segments=[Segment(kind="body", start=0, end=len(doc.text))])
    return [Timex(t.start, t.end, t.type, t.value) for t in tag(d) if not t.dct]


def dateparser_tagger(doc: GoldDoc) -> list[Timex]:
    """dateparser's ``search_dates`` relative to the DCT; each found string located in order."""
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(doc.dct)
    found = search_dates(doc.text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for sub, when in found:
        at = doc.text.find(sub, pos)
        if at < 0:
            continue
        pos = at + len(sub)
        timed = when.hour or when.minute
        value = when.strftime("%Y-%m-%dT%H:%M") if timed else when.date().isoformat()
        out.append(Timex(at, at + len(sub), "TIME" if timed else "DATE", value))
    return out


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    docs: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, text, gold, predicted)

    def add(self, doc: GoldDoc, pred: list[Timex]) -> None:
        self.docs += 1
        self.gold += len(doc.timexes)
        self.predicted += len(pred)
        gold_spans = {(g.start, g.end) for g in doc.timexes}
        self.strict += sum((p.start, p.end) in gold_spans for p in pred)
        used: set[int] = set()
        for g in doc.timexes:
            match = next((i for i, p in enumerate(pred) if i not in used and p.start < g.end and p.end > g.start), None)
            if match is None:
                self.errors.append((doc.name, doc.text[g.start:g.end], f"{g.type} {g.value}", "missed"))
                continue
            used.add(match)
            p = pred[match]
            self.relaxed += 1
            self.type_ok += p.type == g.type
            self.value_ok += p.value == g.value
            if p.value != g.value or (p.start, p.end) != (g.start, g.end):
                self.errors.append((doc.name, doc.text[g.start:g.end], f"{g.type} {g.value}",
                                    f"{doc.text[p.start:p.end]!r} {p.type} {p.value}"))
        for i, p in enumerate(pred):
            if i not in used:
                self.errors.append((doc.name, doc.text[p.start:p.end], "spurious", f"{p.type} {p.value}"))

    def metrics(self) -> dict[str, float]:
        sp, sr, sf = prf(self.strict, self.predicted, self.gold)
        rp, rr, rf = prf(self.relaxed, self.predicted, self.gold)
        return {
            "strict_precision": round(sp, 4), "strict_recall": round(sr, 4), "strict_f1": round(sf, 4),
            "relaxed_precision": round(rp, 4), "relaxed_recall": round(rr, 4), "relaxed_f1": round(rf, 4),
            "type_accuracy": round(self.type_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "value_accuracy": round(self.value_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "gold": self.gold, "predicted": self.predicted,
            "docs_per_second": round(self.docs / self.seconds, 1) if self.seconds else 0.0,
        }


def score(docs: list[GoldDoc], tagger) -> Scores:
    s = Scores()
    for doc in docs:
        t0 = time.perf_counter()
        pred = tagger(doc)
        s.seconds += time.perf_counter() - t0
        s.add(doc, pred)
    return s


def evaluate(path: Path, baseline: bool = True) -> dict:
    """depeche (and dateparser, unless ``baseline`` is False) on every ``.tml`` file under ``path``."""
    docs = read_corpus(path)
    ours = score(docs, depeche_tagger)
    result = {"metrics": ours.metrics(), "docs": len(docs), "seconds": round(ours.seconds, 3)}
    if baseline:
        from dateparser.search import search_dates

        search_dates("le 3 mars 2020", languages=["fr"])  # load dateparser's data outside the timing
        base = score(docs, dateparser_tagger)
        result["baseline"] = {**base.metrics(), "name": "dateparser.search_dates", "seconds": round(base.seconds, 3)}
    result["errors"] = ours.errors
    return result
