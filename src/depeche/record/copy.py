"""Move a record from one backend to another (``depeche copy --from depeche.db --to postgresql://...``).

Through the ``Store`` interface alone: every document, in ingest order, read whole and written in
batches (each batch one transaction of the target, as an ingest writes it) with the pipeline that
analyzed it, then the failures. Written as an ingest writes, a copy is idempotent: copying again,
or after an interruption, stores each document once. The target's ``ingested_at`` is the time of
the copy.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from .backend import Store


@dataclass
class CopyReport:
    documents: int = 0
    events: int = 0
    failures: int = 0


def copy_record(source: Store, target: Store, batch: int = 100,
                progress: Callable[[CopyReport], None] | None = None) -> CopyReport:
    """Write every document and failure of ``source`` into ``target``; returns what was copied."""
    report = CopyReport()
    ids = source.document_ids()
    while chunk := list(itertools.islice(ids, batch)):
        heads = source.heads(chunk)
        docs = [doc for doc in map(source.read, chunk) if doc is not None]
        for pipeline, group in itertools.groupby(docs, key=lambda d: heads[d.id]["pipeline"]):
            group = list(group)
            target.put_many(group, pipeline)
            report.documents += len(group)
            report.events += sum(len(d.events) for d in group)
        if progress:
            progress(report)
    failed = []
    for row in source.failures():
        err = InputError(row["source"], row["reason"])
        err.code = row["code"]
        failed.append(err)
    if failed:
        target.put_many([], failures=failed)
    report.failures = len(failed)
    return report
