"""The record: documents and everything found in them, stored, queried and exported.

``backend`` defines ``Store``, the interface every backend implements, and picks the
backend from a path or URL; ``store`` is the SQLite backend (``sqlite_query`` its queries)
with its numbered ``migrations``; ``tables`` lays a ``Document`` out as rows (content-hash
ids, upserts); ``ingestion`` analyses inputs in worker processes and stores them;
``query`` holds the filters, rows, pages and counts every backend answers with; ``search``
the French word matching of ``--text``; ``export`` and ``plover`` write JSONL, CSV, Parquet,
GeoJSON and PLOVER from the interface alone; ``doctor`` checks a SQLite record (read-only).

Public face: ``Store``, ``StoreError``, ``EventFilter``, ``EventRow``, ``Page``, ``Timeline``,
``Count``, ``QueryError``, ``QueryTimeout``, ``ingest``, ``ingest_items``, ``IngestReport``;
``EVENT_COLUMNS`` and ``flat_event`` (one event as the flat columns of the csv export, which
``depeche events --format csv`` writes too), ``geojson_feature`` (one event as a feature of the
GeoJSON export); ``analyze_batch`` and ``fingerprint`` for other engines of ingest
(``depeche.scale``); ``check_sqlite`` (``doctor``).
"""
from .backend import Store, StoreError
from .doctor import check_sqlite
from .export import EVENT_COLUMNS, flat_event, geojson_feature
from .ingestion import IngestReport, analyze_batch, fingerprint, ingest, ingest_items
from .query import Count, EventFilter, EventRow, Page, QueryError, QueryTimeout, Timeline

__all__ = ["EVENT_COLUMNS", "check_sqlite", "Count", "EventFilter", "EventRow", "IngestReport", "Page", "QueryError", "QueryTimeout",
           "Store", "StoreError", "Timeline", "analyze_batch", "fingerprint", "flat_event", "geojson_feature", "ingest",
           "ingest_items"]
