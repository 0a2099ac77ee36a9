"""Exports of the record to the formats other tools read, through the ``Store`` interface alone.

- ``jsonl``: one Document per line, the full JSON contract (``docs/schema.json``).
- ``csv``: one flat row per event (``FLAT``: actors' name, country and sector, place with
  coordinates and GeoNames id, date with precision, type, mode, factuality, evidence and
  sentence, document), UTF-8 with a header row.
- ``parquet``: the same table, typed (dates as dates, coordinates as doubles), for pandas and DuckDB.
- ``geojson``: a FeatureCollection of the events that have a place, a Point each, the flat
  columns as properties.
- ``plover``: one PLOVER record per line (``depeche.record.plover``).
- ``tables-csv``, ``tables-parquet``: one file per table of the record, in a directory.

Events stream in batches (``Store.stream``): no export holds the record in memory, none is capped.
An export may be restricted by the same filters as ``depeche events``.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import DepecheError
from . import plover
from .query import EventFilter, EventRow

if TYPE_CHECKING:
    from .backend import Store

FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover", "tables-csv", "tables-parquet")
DEFAULT_OUT = {"jsonl": "depeche.jsonl", "csv": "depeche-events.csv", "parquet": "depeche-events.parquet",
               "geojson": "depeche-events.geojson", "plover": "depeche-plover.jsonl",
               "tables-csv": "depeche-csv", "tables-parquet": "depeche-parquet"}
EXPORT_TABLES = ("documents", "segments", "entities", "entity_mentions", "places", "place_mentions", "times",
                 "quantities", "quotes", "events", "event_actors", "checks", "failures")
PARQUET_ROWS = 10_000
# The flat event columns (csv, parquet, geojson properties) and their Parquet types.
FLAT = (("doc_id", "string"), ("event_id", "string"), ("date", "string"), ("date_first", "date"),
        ("date_last", "date"), ("precision", "string"), ("type", "string"), ("mode", "string"),
        ("factuality", "string"), ("attribution", "string"),
        ("source_name", "string"), ("source_country", "string"), ("source_sector", "string"),
        ("target_name", "string"), ("target_country", "string"), ("target_sector", "string"),
        ("place_name", "string"), ("place_country", "string"), ("lat", "double"), ("lon", "double"),
        ("geonameid", "int64"), ("feature", "string"),
        ("evidence", "string"), ("start", "int64"), ("end", "int64"), ("sentence", "string"), ("document", "string"))
EVENT_COLUMNS = tuple(name for name, _ in FLAT)
SEPARATOR = "; "  # between the actors of one role, in the same order in name, country and sector


class ExportError(DepecheError):
    code = "bad-export"


def export(store: Store, fmt: str, out: str | Path | None = None, filters: EventFilter | None = None) -> list[Path]:
    """Write the store as ``fmt`` to ``out`` (a file; a directory for the tables; ``-``: stdout).
    What the system refuses (a folder where a file goes, a full disk) is an ``ExportError``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    target = str(out or DEFAULT_OUT[fmt])
    try:
        return _export(store, fmt, target, filters)
    except IsADirectoryError:
        raise ExportError(f"{target}: is a folder; --out names a file for {fmt}") from None
    except (FileExistsError, NotADirectoryError):
        raise ExportError(f"{target}: a file is in the way; --out names a folder for {fmt}") from None
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _export(store: Store, fmt: str, target: str, filters: EventFilter | None) -> list[Path]:
    f = filters or EventFilter()
    if fmt.startswith("tables-") or fmt == "parquet":
        if target == "-":
            raise ExportError(f"{fmt} writes " + ("one file per table: --out must be a directory"
                                                   if fmt.startswith("tables-") else "a binary file: --out must be a path"))
    if fmt.startswith("tables-"):
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        kind = fmt.split("-")[1]
        write = _csv_table if kind == "csv" else _parquet_table
        return [write(store, table, folder / f"{table}.{kind}") for table in EXPORT_TABLES]
    if fmt == "parquet":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_parquet(store, f, Path(target))
        return [Path(target)]
    with _open(target) as fh:
        if fmt == "jsonl":
            for doc in store.documents():
                fh.write(doc.to_json() + "\n")
        elif fmt == "csv":
            write_csv(store, f, fh)
        elif fmt == "geojson":
            write_geojson(store, f, fh)
        else:
            for rec in plover_records(store, f):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return [] if target == "-" else [Path(target)]


@contextmanager
def _open(target: str) -> Iterator[IO[str]]:
    if target == "-":
        yield sys.stdout
        return
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as fh:
        yield fh


# -- flat events --------------------------------------------------------------------------------

def flat_event(row: EventRow) -> dict[str, Any]:
    """One event as flat columns (``FLAT``)."""
    def role(actors, words) -> dict[str, str | None]:
        if not actors:
            return {"name": SEPARATOR.join(words) or None, "country": None, "sector": None}
        return {"name": SEPARATOR.join(a.name or a.entity for a in actors),
                "country": SEPARATOR.join(a.country or "" for a in actors) or None,
                "sector": SEPARATOR.join(a.sector or "" for a in actors) or None}

    source, target = role(row.source, row.source_words), role(row.target, row.target_words)
    return {"doc_id": row.doc_id, "event_id": row.id, "date": row.date, "date_first": row.date_first,
            "date_last": row.date_last, "precision": row.precision, "type": row.type, "mode": row.mode,
            "factuality": row.factuality, "attribution": row.attribution,
            **{f"source_{k}": v for k, v in source.items()}, **{f"target_{k}": v for k, v in target.items()},
            "place_name": row.place, "place_country": row.place_country, "lat": row.place_lat, "lon": row.place_lon,
            "geonameid": row.place_geonameid, "feature": row.place_feature, "evidence": row.text,
            "start": row.start, "end": row.end, "sentence": row.sentence, "document": row.source_document}


def write_csv(store: Store, f: EventFilter, fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS))
    writer.writeheader()
    n = 0
    for rows in store.stream(f):
        writer.writerows(flat_event(r) for r in rows)
        n += len(rows)
    return n


def parquet_schema():
    import pyarrow as pa

    kinds = {"string": pa.string(), "date": pa.date32(), "double": pa.float64(), "int64": pa.int64()}
    return pa.schema([(name, kinds[kind]) for name, kind in FLAT])


def write_parquet(store: Store, f: EventFilter, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    dates = [name for name, kind in FLAT if kind == "date"]
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rows in store.stream(f):
            for r in rows:
                values = flat_event(r)
                for name in dates:
                    values[name] = dt.date.fromisoformat(values[name]) if values[name] else None
                batch.append(values)
            if len(batch) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n + len(batch)


def write_geojson(store: Store, f: EventFilter, fh: IO[str]) -> int:
    """A FeatureCollection of the events that have a place, written feature by feature."""
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for rows in store.stream(f):
        for r in rows:
            feature = geojson_feature(r)
            if feature is None:
                continue
            fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
    fh.write("\n]}\n")
    return n


def geojson_feature(r: EventRow) -> dict[str, Any] | None:
    """The event as a GeoJSON Feature (a Point, the flat columns as properties); None without a place."""
    if r.place_lat is None or r.place_lon is None:
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.place_lon, r.place_lat]},
            "properties": flat_event(r)}


def plover_records(store: Store, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """One PLOVER record per event matching ``f``, batch by batch."""
    from .. import __version__

    coder = f"depeche {__version__}"
    for rows in store.stream(f or EventFilter()):
        heads = store.heads(sorted({r.doc_id for r in rows}))
        for r in rows:
            yield plover.record(r, heads.get(r.doc_id, {}), coder)


# -- tables -------------------------------------------------------------------------------------

def _csv_table(store: Store, table: str, path: Path) -> Path:
    names = [name for name, _ in store.columns(table)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=names)
        writer.writeheader()
        for row in store.rows(table):
            writer.writerow(row)
    return path


def _parquet_table(store: Store, table: str, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    schema = pa.schema([(name, kinds.get(kind.upper(), pa.string())) for name, kind in store.columns(table)])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in store.rows(table):
            batch.append(row)
            if len(batch) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return path
