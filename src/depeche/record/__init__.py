"""The record: documents and everything found in them, stored, queried and exported.

``store`` opens a SQLite database and applies the numbered ``migrations``; ``tables``
lays a ``Document`` out as rows (content-hash ids, upserts); ``ingestion`` analyses inputs
in worker processes and stores them; ``query`` filters events; ``export`` writes JSONL,
CSV, Parquet and PLOVER records; ``links`` reads and writes the tables of copies, linked
events and stories that ``depeche.linking`` derives (``LinkWrite``: one linking run).

Public face: ``Store``, ``StoreError``, ``EventFilter``, ``QueryError``, ``ingest``, ``LinkWrite``.
"""
from .ingestion import ingest
from .links import LinkWrite
from .query import EventFilter, QueryError
from .store import Store, StoreError

__all__ = ["EventFilter", "LinkWrite", "QueryError", "Store", "StoreError", "ingest"]
