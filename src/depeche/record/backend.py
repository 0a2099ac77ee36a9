"""The ``Store`` interface: what every backend of the record does, and how one is chosen.

``Store(location)`` opens the backend that the location names: a path (or ``sqlite:///path``)
is a SQLite database (``depeche.record.store.SQLiteStore``, the first backend). A second
backend is a new module with a subclass of ``Store`` registered in ``BACKENDS``; the test
suite runs every store test on each backend (``tests/record/conftest.py``).

Write side: ``put_many`` writes documents in one transaction, idempotently (a document is
keyed by the hash of its text; writing it again replaces its rows; an article whose source
now holds other text replaces the old document). Read side: documents, event pages (filters,
keyset cursor), event streams for exports, and counts (stats, facets, timeline, actors, places,
actor pairs) that do not read every event when no filter narrows them.
"""
from __future__ import annotations

import importlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import DepecheError, InputError
from ..models import Document, LinkedEvent, Report, Story
from .query import DIMENSIONS, Count, EventFilter, EventRow, Page, Period, Timeline

if TYPE_CHECKING:
    from ..config import Settings
    from .ingestion import IngestReport
    from .links import LinkWrite

# URL scheme -> "module:class" of its backend. A plain path is SQLite.
BACKENDS = {"sqlite": "depeche.record.store:SQLiteStore", "postgresql": "depeche.record.postgres:PostgresStore"}
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
PAGE_SIZE = 100
STREAM_BATCH = 1000


class StoreError(DepecheError):
    code = "bad-store"


def migrations(dialect: str = "") -> list[tuple[int, str, str]]:
    """(number, name, SQL) of every migration shipped with depeche for a backend, in order:
    ``migrations/NNNN_*.sql`` for SQLite, ``migrations/<dialect>/NNNN_*.sql`` for another
    (the same numbers: each is the dialect of SQLite's migration of that number)."""
    folder = resources.files("depeche.record").joinpath("migrations")
    if dialect:
        folder = folder.joinpath(dialect)
    found = []
    for entry in folder.iterdir():
        m = MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations{'/' + dialect if dialect else ''} are not numbered 1..{len(found)}: {numbers}")
    return found


def backend_for(location: str | Path) -> type[Store]:
    """The ``Store`` subclass for a location: ``scheme://...`` by its scheme, a path: SQLite."""
    text = str(location)
    scheme = text.split("://", 1)[0].lower() if "://" in text else "sqlite"
    if scheme in ("postgres", "postgresql"):
        scheme = "postgresql"
    if scheme not in BACKENDS:
        raise StoreError(f"{text}: no store backend for {scheme!r} (known: {', '.join(sorted(BACKENDS))})")
    module, name = BACKENDS[scheme].split(":")
    return getattr(importlib.import_module(module), name)


class Store(ABC):
    """A depeche record. ``Store(location)`` opens (creates, upgrades) it; use it as a context manager.

    >>> with Store("depeche.db") as store:
    ...     report = store.ingest(["examples/"])
    ...     page = store.page(EventFilter(type="CONSULT", country="RUS"))
    ...     more = store.page(EventFilter(type="CONSULT", country="RUS"), cursor=page.next)
    """

    location: str
    # What the database raises for a document it refuses (ingest then stores the others).
    refused: ClassVar[tuple[type[Exception], ...]] = ()

    def __new__(cls, location: str | Path = "depeche.db", *args: Any, **kwargs: Any):
        if cls is Store:
            cls = backend_for(location)
        return super().__new__(cls)

    # -- life cycle ---------------------------------------------------------------------

    @property
    @abstractmethod
    def version(self) -> int:
        """The schema version of the record."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def time_limit(self, seconds: float | None) -> AbstractContextManager[None]:
        """Within it, a query that runs longer than ``seconds`` stops with ``QueryTimeout``
        (None: no limit). A server wraps each query, each batch of a stream, in one."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------

    @abstractmethod
    def put_many(self, docs: Iterable[Document], pipeline: str = "",
                 failures: Iterable[InputError] = ()) -> list[str]:
        """Store documents (and record failed inputs) in one transaction.

        Returns, per document, ``"new"``, ``"replaced"`` (same content written again) or
        ``"changed"`` (its source held other content, whose rows are removed).
        """

    def put(self, doc: Document, pipeline: str = "") -> str:
        """Store one document in its own transaction; see ``put_many``."""
        return self.put_many([doc], pipeline)[0]

    @abstractmethod
    def move(self, doc_id: str, source: str) -> None:
        """Record that the stored document ``doc_id`` now comes from ``source``."""

    @abstractmethod
    def delete(self, doc_id: str) -> bool:
        """Remove a document and all its records; False when there was none."""

    # -- documents ----------------------------------------------------------------------

    @abstractmethod
    def stored(self, doc_id: str) -> tuple[str, str] | None:
        """(source, pipeline) of the stored document ``doc_id``, or None."""

    @abstractmethod
    def resolve(self, key: str) -> str:
        """The id of the one document named by an id, a unique id prefix, a source or a unique part of one."""

    @abstractmethod
    def read(self, doc_id: str) -> Document | None:
        """The stored document ``doc_id`` (an exact id), or None."""

    def document(self, key: str) -> Document:
        """The stored document named by ``key`` (see ``resolve``)."""
        found = self.read(self.resolve(key))
        if found is None:
            raise StoreError(f"no document {key!r} in {self.location}")
        return found

    @abstractmethod
    def document_ids(self) -> Iterator[str]:
        """Every document id, in ingest order."""

    def documents(self) -> Iterator[Document]:
        """Every stored document, in ingest order, one at a time."""
        for doc_id in self.document_ids():
            doc = self.read(doc_id)
            if doc is not None:
                yield doc

    @abstractmethod
    def heads(self, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Per document id: ``source``, ``language``, ``metadata``, ``dct_value``, ``ingested_at``, ``pipeline``."""

    @abstractmethod
    def count(self, table: str = "documents") -> int:
        """Rows of one table of the record."""

    @abstractmethod
    def failures(self) -> list[dict[str, str]]:
        """Inputs that failed at their last ingest: ``source``, ``code``, ``reason``, ``at``."""

    @abstractmethod
    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The raw rows of one table, as dicts (the tables exports)."""

    @abstractmethod
    def columns(self, table: str) -> list[tuple[str, str]]:
        """(name, declared type) of one table's columns."""

    # -- events -------------------------------------------------------------------------

    @abstractmethod
    def page(self, filters: EventFilter | None = None, cursor: str | None = None,
             size: int = PAGE_SIZE) -> Page:
        """One page of the events matching ``filters``, in date order, from ``cursor`` on."""

    @abstractmethod
    def stream(self, filters: EventFilter | None = None, batch: int = STREAM_BATCH) -> Iterator[list[EventRow]]:
        """Every event matching ``filters``, in date order, a batch at a time (constant memory)."""

    def iter_events(self, filters: EventFilter | None = None) -> Iterator[EventRow]:
        f = filters or EventFilter()
        left = f.limit
        for rows in self.stream(f):
            for row in rows:
                if left is not None:
                    if left <= 0:
                        return
                    left -= 1
                yield row

    def events(self, filters: EventFilter | None = None, **kwargs: Any) -> list[EventRow]:
        """Every event matching ``filters`` (or keyword filters), up to its ``limit``."""
        return list(self.iter_events(filters or EventFilter(**kwargs)))

    # -- counts -------------------------------------------------------------------------

    @abstractmethod
    def count_events(self, filters: EventFilter | None = None) -> int: ...

    @abstractmethod
    def facets(self, filters: EventFilter | None = None, dims: Iterable[str] = DIMENSIONS,
               limit: int | None = None) -> dict[str, dict[str, int]]:
        """Matching events by type, factuality, actor country and place country, most first."""

    @abstractmethod
    def timeline(self, filters: EventFilter | None = None, by: Period = "month") -> Timeline:
        """Matching events by day, ISO week or month of their date."""

    @abstractmethod
    def document_timeline(self, filters: EventFilter | None = None, by: Period = "month") -> Timeline:
        """Documents by day, ISO week or month of their own date: every document when no filter
        is set, else those with at least one matching event (their ratio: a share of coverage)."""

    @abstractmethod
    def actor_counts(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        """The actors (name, country, sector) of the matching events, by events, most first."""

    @abstractmethod
    def place_counts(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        """The places of the matching events, by events, most first."""

    @abstractmethod
    def actor_pairs(self, filters: EventFilter | None = None, limit: int = 50) -> list[Count]:
        """(source actor, target actor) pairs of the matching events, by events, most first."""

    @abstractmethod
    def table_counts(self) -> dict[str, int]:
        """Rows per table: documents, entities, places, times, quantities, quotes, events, checks, failures."""

    def stats(self) -> dict[str, Any]:
        """Counts of the record: rows per table, events by type, actor country, month, factuality."""
        facets = self.facets()
        by_month: dict[str, int] = {}
        for key, n in self.periods().items():
            month = key[:7] if key else "?"
            by_month[month] = by_month.get(month, 0) + n
        return {
            "counts": self.table_counts(),
            "events_by_type": facets["type"],
            "events_by_country": facets["country"],
            "events_by_month": dict(sorted(by_month.items())),
            "events_by_factuality": facets["factuality"],
            "documents_by_month": self.documents_by_month(),
            "failures_by_code": self.failures_by_code(),
        }

    @abstractmethod
    def periods(self) -> dict[str, int]:
        """Every event counted by its date as written (``2023-09-13``, ``2023-09``, ``2023``; ``""``: none)."""

    @abstractmethod
    def documents_by_month(self) -> dict[str, int]: ...

    @abstractmethod
    def failures_by_code(self) -> dict[str, int]: ...

    # -- linking (depeche.linking): copies, linked events, stories -----------------------
    # A backend that links says so with ``links = True`` and implements every method below
    # (the SQLite backend does; the PostgreSQL one does not yet: they raise a clear StoreError).

    links: bool = False

    def _no_linking(self) -> StoreError:
        return StoreError(f"{self.location}: this backend ({type(self).__name__}) cannot link yet; "
                          "linking (copies, linked events, stories) needs a SQLite or PostgreSQL record")

    def unlinked(self, linker: str) -> list[str]:
        """Documents that ``linker`` (a fingerprint of the linking settings) has not linked, oldest first."""
        raise self._no_linking()

    def link_counts(self) -> dict[str, int]:
        """Rows of the linking tables with what they cover: ``documents``, ``linked_documents``,
        ``events``, ``event_links``, ``linked_events``, ``linked_mentions``, ``copy_groups``, ``stories``."""
        raise self._no_linking()

    def texts(self, doc_ids: list[str]) -> Iterator[tuple[str, str, dict, str | None]]:
        """(id, text, metadata, document date) of the given documents."""
        raise self._no_linking()

    def reports(self, doc_ids: list[str] | None = None) -> list[Report]:
        """The event mentions of the given documents (or all) as ``Report`` records."""
        raise self._no_linking()

    def fingerprints(self) -> Iterator[tuple[str, str, str | None, bytes, int, str | None]]:
        """Stored copy fingerprints: (doc id, normalised-text hash, canonical URL, MinHash bytes, 3-grams, date)."""
        raise self._no_linking()

    def copy_groups(self) -> dict[str, str]:
        """Each linked document's copy group id."""
        raise self._no_linking()

    def edges(self) -> list[tuple[str, str, str, str]]:
        """Stored pairs of reports found to be one event: (doc, event, doc, event)."""
        raise self._no_linking()

    def linked_documents(self) -> list[tuple[str, str, str, str | None, dict[str, int]]]:
        """(doc id, date, title, outlet, story terms) of the linked documents, by date then id."""
        raise self._no_linking()

    def write_links(self, write: LinkWrite) -> None:
        """Write one linking run (``depeche.record.links.LinkWrite``) in one transaction."""
        raise self._no_linking()

    def linked_events(self, *, type: str | None = None, since: str | None = None, until: str | None = None,
                      min_reports: int = 1, event: str | None = None, with_reports: bool = False,
                      limit: int | None = None, after: str | None = None) -> list[LinkedEvent]:
        """One row per real-world event with its corroboration, by date; ``since``/``until`` are ISO
        days, ``event`` an id prefix, ``with_reports`` adds every report (canonical first); with
        ``after`` (an id), the next ones in id order (a keyset page)."""
        raise self._no_linking()

    def stories(self, *, since: str | None = None, until: str | None = None, min_documents: int = 2,
                story: str | None = None, limit: int | None = None) -> list[Story]:
        """Stories with their timelines, by first day; ``story`` an id prefix."""
        raise self._no_linking()

    def linked_of(self, doc_id: str) -> dict[str, str]:
        """The linked event id of each of a document's event mentions (none before linking)."""
        raise self._no_linking()

    # -- the library edges --------------------------------------------------------------

    def ingest(self, paths: Iterable[str], *, workers: int | None = None, settings: Settings | None = None,
               **options: Any) -> IngestReport:
        """Analyze files/directories and store the documents; see ``depeche.record.ingestion.ingest``."""
        from .ingestion import ingest

        return ingest(self, paths, workers=workers, settings=settings, **options)

    def export(self, fmt: str, out: str | Path | None = None, filters: EventFilter | None = None) -> list[Path]:
        """Write the record as ``fmt``; see ``depeche.record.export``."""
        from .export import export

        return export(self, fmt, out, filters)
