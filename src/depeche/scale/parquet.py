"""The Parquet record: what a distributed run writes and ``depeche load`` reads.

One folder per record table, one file per batch written (``part-00000.parquet``...):

- ``documents/``: ``id``, ``source``, ``pipeline``, ``document`` (the whole Document as its
  JSON contract): what ``load_parquet`` rebuilds the record from;
- ``failures/``: ``source``, ``code``, ``reason`` of the inputs that failed;
- ``segments/``, ``entities/``, ``places/``, ``times/``, ``quantities/``, ``quotes/``,
  ``events/``, ``checks/``: one row per record with ``doc_id`` and the record's fields (text,
  numbers and booleans as typed columns, lists and objects as JSON text), ready for DuckDB
  or pandas (``read_parquet('out/events/*.parquet')``).

Each table's columns come from the pydantic models, so every file of a table has the same schema.
"""
from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from ..errors import DepecheError, InputError
from ..models import Document

# Record tables: Document field -> (its model, the table's folder).
TABLES = ("segments", "entities", "places", "times", "quantities", "quotes", "events", "checks")
DOCUMENTS = pa.schema([("id", pa.string()), ("source", pa.string()), ("pipeline", pa.string()),
                       ("document", pa.string())])
FAILURES = pa.schema([("source", pa.string()), ("code", pa.string()), ("reason", pa.string())])
_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


class ParquetError(DepecheError):
    code = "bad-parquet"


class LoadedFailure(InputError):
    """A failure read back from a Parquet record; its code is the one it was written with."""

    def __init__(self, source: str, reason: str, code: str = "bad-input"):
        super().__init__(source, reason)
        self.code = code

    def __reduce__(self):
        return (type(self), (self.source, self.reason, self.code))


def _arrow_type(annotation: Any) -> pa.DataType | None:
    """The column type of a model field: scalars (optional or not) typed, the rest None (JSON)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if typing.get_origin(annotation) is typing.Literal:
        return pa.string()
    return _SCALARS.get(annotation)


def record_schema(model: type[BaseModel]) -> pa.Schema:
    """``doc_id`` and one column per field of ``model`` (JSON text where no scalar type fits)."""
    cols = [("doc_id", pa.string())]
    for name, info in model.model_fields.items():
        cols.append((name, _arrow_type(info.annotation) or pa.string()))
    return pa.schema(cols)


def _model_of(table: str) -> type[BaseModel]:
    annotation = Document.model_fields[table].annotation
    return typing.get_args(annotation)[0]


SCHEMAS = {table: record_schema(_model_of(table)) for table in TABLES}


def _cell(value: Any, kind: pa.DataType) -> Any:
    if value is None or kind != pa.string() or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def table_rows(doc: Document, table: str) -> list[dict[str, Any]]:
    schema = SCHEMAS[table]
    rows = []
    for record in getattr(doc, table):
        data = record.model_dump(mode="json")
        data["doc_id"] = doc.id
        rows.append({f.name: _cell(data.get(f.name), f.type) for f in schema})
    return rows


@dataclass
class ParquetRecord:
    """A Parquet record being written under ``root``, a batch (one file per table) at a time."""

    root: Path
    parts: int = 0
    documents: int = 0
    failures: int = 0
    written: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        if self.root.exists() and any(self.root.iterdir()):
            raise ParquetError(f"{self.root}: not empty (a Parquet record is written into a new folder)")
        self.root.mkdir(parents=True, exist_ok=True)

    def write(self, docs: list[Document], pipeline: str, failures: Iterable[InputError] = ()) -> None:
        failures = list(failures)
        name = f"part-{self.parts:05d}.parquet"
        tables = {
            "documents": pa.Table.from_pylist(
                [{"id": d.id, "source": d.source, "pipeline": pipeline, "document": d.model_dump_json()}
                 for d in docs], schema=DOCUMENTS),
            "failures": pa.Table.from_pylist(
                [{"source": e.source, "code": e.code, "reason": e.reason} for e in failures], schema=FAILURES),
        }
        for table in TABLES:
            tables[table] = pa.Table.from_pylist([r for d in docs for r in table_rows(d, table)],
                                                 schema=SCHEMAS[table])
        for table, data in tables.items():
            folder = self.root / table
            folder.mkdir(exist_ok=True)
            tmp = folder / f".{name}.tmp"
            pq.write_table(data, tmp)
            tmp.rename(folder / name)  # a reader never sees half a file
        self.parts += 1
        self.documents += len(docs)
        self.failures += len(failures)


def _batches(folder: Path, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("part-*.parquet")):
        try:
            file = pq.ParquetFile(path)
            if not file.schema_arrow.equals(schema, check_metadata=False):
                raise ParquetError(f"{path}: not a depeche Parquet record (columns {file.schema_arrow.names})")
            yield from file.iter_batches(batch_size=256)
        except (OSError, pa.ArrowInvalid) as exc:
            raise ParquetError(f"{path}: cannot be read: {exc}") from exc


def load_parquet(root: str | Path, store, batch_size: int = 64) -> tuple[int, int]:
    """Merge the Parquet record under ``root`` into ``store`` (documents, then failures);
    idempotent: a document is keyed by the hash of its text. Returns (documents, failures)."""
    root = Path(root)
    if not (root / "documents").is_dir():
        raise ParquetError(f"{root}: no documents/ folder (not a depeche Parquet record)")
    docs = fails = 0
    pending: dict[str, list[Document]] = {}
    for batch in _batches(root / "documents", DOCUMENTS):
        for row in batch.to_pylist():
            pending.setdefault(row["pipeline"], []).append(Document.model_validate_json(row["document"]))
            if sum(len(v) for v in pending.values()) >= batch_size:
                docs += _flush(store, pending)
    docs += _flush(store, pending)
    for batch in _batches(root / "failures", FAILURES):
        errors = [LoadedFailure(r["source"], r["reason"], r["code"]) for r in batch.to_pylist()]
        store.put_many([], "", failures=errors)
        fails += len(errors)
    return docs, fails


def _flush(store, pending: dict[str, list[Document]]) -> int:
    n = 0
    for pipeline, docs in pending.items():
        store.put_many(docs, pipeline)
        n += len(docs)
    pending.clear()
    return n
