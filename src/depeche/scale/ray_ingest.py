"""``depeche ingest --engine ray``: the pipeline on Ray, with Ray Data reading the inputs.

Ray Data reads the inputs in tasks: text and HTML files, and JSONL shards cut into parts of
``batch_size`` lines by byte ranges (the driver only finds the line offsets), and Parquet
shards (``read_parquet``: ``id``, ``date``, ``title``, ``heading``, ``text`` columns); depeche's
own readers turn their bytes into documents, so a Ray run names and rejects inputs exactly as
a local run does. ``map_batches`` hands batches of documents to
a pool of actors (``_Analyzer``), each of which builds the pipeline (loads spaCy) once and
returns plain columns: the analysed Document as its JSON contract, or a failure's code and
reason. The driver reads the results in input order (``preserve_order``) a batch at a time and
writes them into a store or a Parquet record: memory stays bounded whatever the corpus.

Defaults that avoid Ray's traps on small machines: actors take a fraction of a CPU
(``actor_cpus``, 0.8) so reading tasks and Ray's own processes keep some; a local Ray gets a
bounded object store (``object_store_mb``); batches are ``batch_size`` documents; models are
never pickled into tasks (each actor loads its own). An actor that dies is restarted by Ray
and its batch retried (``max_restarts``, ``max_task_retries``); the driver writes each
document once (content-hash ids), so a retried batch adds no duplicate.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import DepecheError, InputError
from ..inputs import TooLarge, jsonl_ids, read_html, read_jsonl, read_text
from ..models import Document
from ..record import IngestReport, Store, analyze_batch, fingerprint
from .parquet import LoadedFailure, ParquetRecord

log = logging.getLogger(__name__)
EXTENSIONS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html",
              ".htm": "html", ".parquet": "parquet"}


# Reading is light next to the parser: its tasks ask for a sliver of a CPU, so they still run
# when the actors hold the rest (a task asking for a whole CPU would wait for ever).
READ_CPUS = 0.1


class RayUnavailable(DepecheError):
    code = "ray-unavailable"


@dataclass(frozen=True)
class RayOptions:
    """How to run on Ray. ``address``: None starts a local Ray for this run, ``auto`` joins the
    cluster this machine belongs to, ``HOST:PORT`` a given head."""

    address: str | None = None
    actors: int | None = None  # default: the cluster's CPUs divided by actor_cpus, rounded down
    actor_cpus: float = 0.8
    object_store_mb: int = 1024  # a local Ray only; a cluster has its own


# -- reading (Ray tasks) ----------------------------------------------------------------

def _item(result: Document | InputError) -> dict[str, str]:
    if isinstance(result, Document):
        return {"kind": "doc", "item": result.model_dump_json()}
    return {"kind": "error", "item": json.dumps({"source": result.source, "code": result.code,
                                                 "reason": result.reason})}


def _from_item(kind: str, item: str) -> Document | InputError:
    if kind == "doc":
        return Document.model_validate_json(item)
    data = json.loads(item)
    return LoadedFailure(data["source"], data["reason"], data["code"])


def read_part(row: dict[str, Any], settings_json: str) -> list[dict[str, str]]:
    """One part of an input file (a whole text or HTML file, or ``batch_size`` lines of a JSONL
    shard, by byte range) as documents and failures, read from disk by depeche's readers."""
    settings = Settings.model_validate_json(settings_json)
    path, start, end = str(row["path"]), int(row["start"]), int(row["end"])
    fmt = EXTENSIONS.get(Path(path).suffix.lower(), "txt")
    try:
        with open(path, "rb") as fh:
            if fmt == "jsonl":
                fh.seek(start)
                data = fh.read(end - start)
                return [_item(r) for r in read_jsonl(data.splitlines(), path, settings, first=int(row["line"]),
                                                     seen=json.loads(row["seen"]))]
            size = os.fstat(fh.fileno()).st_size
            if size > settings.max_bytes:
                raise TooLarge(path, f"{size} bytes is over the maximum of {settings.max_bytes} (setting max_bytes)")
            data = fh.read()
        return [_item((read_html if fmt == "html" else read_text)(data, path, settings))]
    except InputError as err:
        return [_item(err)]
    except OSError as exc:
        return [_item(InputError(path, f"cannot be read: {exc.strerror or exc}"))]


def parts(path: str, settings: Settings) -> Iterator[dict[str, Any]]:
    """The parts of one input file: a JSONL shard cut every ``batch_size`` lines (by byte offsets,
    found by reading the file once), any other file whole. A JSONL part carries how often each
    of its ids was read in the parts before it, so that a repeated id is renamed ``ID#2`` as a
    local ingest renames it, whichever actor reads the part."""
    if EXTENSIONS.get(Path(path).suffix.lower()) != "jsonl":
        yield {"path": path, "start": 0, "end": -1, "line": 1, "seen": "{}"}
        return
    counts: dict[str, int] = {}
    start = offset = 0
    first = 1
    lines: list[bytes] = []

    def part(end: int) -> dict[str, Any]:
        ids = [i for i in jsonl_ids(lines, path, settings, first) if i is not None]
        before = {i: counts[i] for i in set(ids) if i in counts}
        for i in ids:
            counts[i] = counts.get(i, 0) + 1
        return {"path": path, "start": start, "end": end, "line": first, "seen": json.dumps(before)}

    with open(path, "rb") as fh:
        for line in fh:
            offset += len(line)
            lines.append(line.rstrip(b"\r\n"))
            if len(lines) == settings.batch_size:
                yield part(offset)
                start, first, lines = offset, first + len(lines), []
    if offset > start:
        yield part(offset)


def read_parquet_row(row: dict[str, Any], settings_json: str) -> list[dict[str, str]]:
    """One Parquet row (an article: id, date, title, heading, text) read as a JSONL record."""
    settings = Settings.model_validate_json(settings_json)
    record = {k: row.get(k) for k in ("id", "date", "title", "heading", "text") if row.get(k) is not None}
    if "id" not in record:  # a stable name for an article without one: its shard and its text
        record["id"] = f"{row['path']}#{hashlib.sha1(str(record.get('text')).encode()).hexdigest()[:12]}"
    line = json.dumps(record, ensure_ascii=False, default=str).encode()
    return [_item(r) for r in read_jsonl([line], str(row["path"]), settings)]


# -- analysis (Ray actors) --------------------------------------------------------------

class _Analyzer:
    """A Ray actor: depeche's pipeline, built (spaCy loaded) once, over batches of documents."""

    def __init__(self, settings_json: str):
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(Settings.model_validate_json(settings_json))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        items = [_from_item(k, i) for k, i in zip(batch["kind"], batch["item"], strict=True)]
        out = [_item(r) for r in analyze_batch(self.pipeline, items)]
        return {"kind": [o["kind"] for o in out], "item": [o["item"] for o in out]}


# -- the driver -------------------------------------------------------------------------

def input_files(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """(text, HTML and JSONL files, Parquet shards), full paths in the order a local
    ingest reads them (directories recursively, sorted)."""
    files, shards = [], []
    for p in paths:
        path = Path(p).resolve()
        children = sorted(c for c in path.rglob("*") if c.is_file()) if path.is_dir() else [path]
        for child in children:
            kind = EXTENSIONS.get(child.suffix.lower())
            if path.is_dir() and (kind is None or child.name.startswith(".")):
                continue
            (shards if kind == "parquet" else files).append(str(child))
    return files, shards


def _start(options: RayOptions):
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - ray is a dependency
        raise RayUnavailable(f"Ray is not installed: {exc}") from exc
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        if options.address:
            kwargs["address"] = options.address
        else:
            kwargs.update(num_cpus=os.cpu_count() or 1, object_store_memory=options.object_store_mb * 2**20)
            if os.environ.get("PYTHONPATH"):  # workers import the same depeche as this process
                kwargs["runtime_env"] = {"env_vars": {"PYTHONPATH": os.environ["PYTHONPATH"]}}
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayUnavailable(f"cannot start or reach Ray ({options.address or 'local'}): {exc}") from exc
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    return ray


def results(paths: Iterable[str], settings: Settings, options: RayOptions) -> Iterator[list[Document | InputError]]:
    """Analysed documents and failures, in input order, ``batch_size`` at a time."""
    ray = _start(options)
    files, shards = input_files(paths)
    settings_json = settings.model_dump_json()
    blocks = []
    if files:  # one block per part, so that the parts spread over the actors
        items = [p for f in files for p in parts(f, settings)]
        blocks.append(ray.data.from_items(items, override_num_blocks=len(items))
                      .flat_map(read_part, fn_kwargs={"settings_json": settings_json}, num_cpus=READ_CPUS))
    if shards:
        import pyarrow.parquet as pq

        rows = sum(pq.ParquetFile(s).metadata.num_rows for s in shards)
        blocks.append(ray.data.read_parquet(shards, include_paths=True, num_cpus=READ_CPUS,
                                            override_num_blocks=max(1, -(-rows // settings.batch_size)))
                      .flat_map(read_parquet_row, fn_kwargs={"settings_json": settings_json}, num_cpus=READ_CPUS))
    if not blocks:
        return
    ds = blocks[0].union(*blocks[1:]) if len(blocks) > 1 else blocks[0]
    cpus = ray.cluster_resources().get("CPU", 1.0)
    actors = options.actors or max(1, int(cpus // options.actor_cpus) - (1 if cpus > 2 else 0))
    ds = ds.map_batches(_Analyzer, fn_constructor_kwargs={"settings_json": settings_json},
                        batch_size=settings.batch_size, batch_format="numpy",
                        compute=ray.data.ActorPoolStrategy(size=actors),
                        num_cpus=options.actor_cpus, max_restarts=-1, max_task_retries=-1)
    for batch in ds.iter_batches(batch_size=settings.batch_size, batch_format="numpy"):
        yield [_from_item(k, i) for k, i in zip(batch["kind"], batch["item"], strict=True)]


def ray_ingest(paths: Iterable[str], *, settings: Settings, options: RayOptions | None = None,
               store: Store | None = None, out: str | Path | None = None,
               progress: Callable[[IngestReport], None] | None = None,
               on_error: Callable[[InputError], None] | None = None) -> IngestReport:
    """Analyse ``paths`` on Ray and write the results into ``store`` or a Parquet record at ``out``."""
    if (store is None) == (out is None):
        raise ValueError("give a store or a Parquet folder, not both")
    options = options or RayOptions()
    stamp = fingerprint(settings)
    record = ParquetRecord(Path(out)) if out is not None else None
    report = IngestReport(workers=options.actors or 0)
    seen: set[str] = set()
    for batch in results(paths, settings, options):
        docs, errors = [], []
        for item in batch:
            if isinstance(item, InputError):
                errors.append(item)
            elif item.id in seen:  # as a local ingest: a text met twice is stored once
                report.skipped["duplicate in this run"] += 1
            else:
                seen.add(item.id)
                docs.append(item)
        if record is not None:
            record.write(docs, stamp, errors)
            outcomes = ["new"] * len(docs)
        else:
            outcomes = store.put_many(docs, stamp, failures=errors)
        report.count(outcomes, docs, errors, on_error)
        if progress:
            progress(report)
    report.tick()
    return report
