"""The record: documents and everything found in them, stored, queried and exported.

``store`` opens a SQLite database and applies the numbered ``migrations``; ``tables``
lays a ``Document`` out as rows (content-hash ids, upserts); ``ingestion`` analyses inputs
in worker processes and stores them; ``query`` filters events; ``export`` writes JSONL,
CSV, Parquet and PLOVER records.

Public face: ``Store``, ``StoreError``, ``EventFilter``, ``QueryError``, ``ingest``, ``ingest_items``,
``IngestReport``.
"""
from .ingestion import IngestReport, ingest, ingest_items
from .query import EventFilter, QueryError
from .store import Store, StoreError

__all__ = ["EventFilter", "IngestReport", "QueryError", "Store", "StoreError", "ingest", "ingest_items"]
