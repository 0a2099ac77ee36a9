"""The JSON API under ``/api/v1``: events, one event with its evidence, documents, counts.

Each route is a thin edge over the ``Store`` interface, the same calls as the command line:
``page`` (keyset pages: an opaque ``cursor`` and a ``next`` link), ``read``, ``facets``,
``timeline``, ``actor_counts``, ``place_counts``, ``actor_pairs``; and linking's
``linked_events``, ``stories``, ``linked_of`` (one event, many reports: ``/linked-events``,
``/stories``, each event's ``linked`` counts). Filters are those of ``depeche events``
(``params.event_filter``).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import TypeAdapter

from ..errors import DepecheError
from ..models import Document, LinkedEvent, Mention, PloverType, Story
from ..record import Count, EventFilter, Store
from . import params
from .failures import ERRORS, ApiError
from .views import (
    Country, EventDetail, EventsPage, Evidence, LinkedSummary, RecordInfo, TimelineOut, countries, linked_summaries,
    timeline_out,
)

router = APIRouter(prefix="/api/v1", responses=ERRORS)
Filters = Annotated[EventFilter, Depends(params.event_filter)]
DocId = Annotated[str, Path(pattern=r"^[0-9a-f]{6,64}$", description="A document id or a unique prefix of one.")]
FACETS = ("type", "factuality", "country", "place_country", "mode", "sector")


def using(request: Request):
    """The request's store, lent by the pool for the length of the request."""
    with request.app.state.pool.store() as store:
        yield store


StoreDep = Annotated[Store, Depends(using)]


def resolved(store: Store, f: EventFilter) -> EventFilter:
    """``f`` with its ``doc`` (an id or a prefix) made the full id."""
    if f.doc:
        f = f.model_copy(update={"doc": document_id(store, f.doc, "doc")})
    return f


COUNTS = TypeAdapter(list[Count])
LINKED = TypeAdapter(list[LinkedEvent])
STORIES = TypeAdapter(list[Story])


def as_json(data: bytes | str, headers: dict[str, str] | None = None) -> Response:
    """An answer serialized once by pydantic from the record's own models (FastAPI would validate
    them again against the route's response model, which documents the same shape)."""
    return Response(data, media_type="application/json", headers=headers)


def document_id(store: Store, key: str, name: str) -> str:
    try:
        return store.resolve(key)
    except DepecheError as exc:
        raise ApiError(404, "not-found", str(exc), name) from exc


@router.get("/record", response_model=RecordInfo, summary="The record served")
def record(store: StoreDep) -> RecordInfo:
    return RecordInfo(schema_version=store.version, documents=store.count("documents"), events=store.count_events())


@router.get("/events", response_model=EventsPage, summary="A page of events, filtered")
def events(request: Request, store: StoreDep, f: Filters, size: params.Size = params.PAGE_DEFAULT,
           cursor: params.Cursor = None) -> Response:
    page = store.page(resolved(store, f), cursor=cursor, size=size)
    headers = {}
    link = None
    if page.next:
        link = request.url.path + "?" + str(request.url.include_query_params(cursor=page.next).query)
        headers["Link"] = f'<{link}>; rel="next"'
    return as_json(EventsPage(events=page.rows, cursor=page.next, next=link).model_dump_json(), headers)


@router.get("/events/count", summary="How many events match")
def count(store: StoreDep, f: Filters) -> dict[str, int]:
    return {"events": store.count_events(resolved(store, f))}


@router.get("/events/{doc_id}/{event_id}", response_model=EventDetail, summary="One event with its evidence")
def event(store: StoreDep, doc_id: DocId,
          event_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]) -> EventDetail:
    doc_id = document_id(store, doc_id, "doc_id")
    doc = store.read(doc_id)
    found = next((e for e in doc.events if e.id == event_id), None) if doc else None
    if doc is None or found is None:
        raise ApiError(404, "not-found", f"no event {event_id!r} in document {doc_id}", "event_id")
    rows = store.page(EventFilter(doc=doc_id), size=len(doc.events) + 1).rows
    row = next(r for r in rows if r.id == event_id)
    attribution = found.attribution
    return EventDetail(
        event=row, document={"id": doc.id, "source": doc.source, "date": doc.dct.value if doc.dct else None},
        evidence=Evidence(
            trigger=Mention(start=found.start, end=found.end, text=found.text),
            sentence=Mention(start=row.sentence_start, end=row.sentence_end, text=row.sentence)
            if row.sentence is not None else None,
            source_spans=found.source_spans, target_spans=found.target_spans, mentions=found.mentions,
            attribution=Mention(start=attribution.start, end=attribution.end, text=attribution.text)
            if attribution and attribution.start is not None else None,
            cues=found.cues),
        linked=linked_summaries(store, doc_id).get(event_id))


@router.get("/documents/{doc_id}", response_model=Document, summary="A document with every span")
def document(store: StoreDep, doc_id: DocId) -> Response:
    doc = store.read(document_id(store, doc_id, "doc_id"))
    if doc is None:
        raise ApiError(404, "not-found", f"no document {doc_id!r}", "doc_id")
    return as_json(doc.to_json())


@router.get("/documents/{doc_id}/linked", response_model=dict[str, LinkedSummary],
            summary="The linked event of each of a document's events, with its counts of reports")
def document_linked(store: StoreDep, doc_id: DocId) -> dict[str, LinkedSummary]:
    return linked_summaries(store, document_id(store, doc_id, "doc_id"))


def linking(store: Store) -> Store:
    if not store.links:
        raise ApiError(404, "not-linked", "this record's backend cannot link yet: no linked events or stories")
    return store


DAY = Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="An ISO day.")


@router.get("/linked-events", response_model=list[LinkedEvent],
            summary="Real-world events, each with its reports linked across articles and their counts")
def linked_events(store: StoreDep, type: Annotated[PloverType | None, Query()] = None,
                  since: Annotated[str | None, DAY] = None, until: Annotated[str | None, DAY] = None,
                  min_reports: Annotated[int, Query(ge=1, le=100000)] = 1,
                  limit: params.Limit = 50) -> Response:
    rows = linking(store).linked_events(type=type, since=since, until=until, min_reports=min_reports, limit=limit)
    return as_json(LINKED.dump_json(rows))


@router.get("/linked-events/{linked_id}", response_model=LinkedEvent,
            summary="One real-world event with every report of it (document, span, factuality, attribution)")
def linked_event(store: StoreDep, linked_id: Annotated[str, Path(pattern=r"^L[0-9a-f]{4,15}$")]) -> Response:
    found = linking(store).linked_events(event=linked_id, with_reports=True, limit=2)
    if len(found) != 1:
        raise ApiError(404, "not-found", f"{'no' if not found else 'more than one'} linked event {linked_id!r}",
                       "linked_id")
    return as_json(found[0].model_dump_json())


@router.get("/stories", response_model=list[Story], summary="Stories: articles on one subject over days, with timelines")
def stories(store: StoreDep, since: Annotated[str | None, DAY] = None, until: Annotated[str | None, DAY] = None,
            min_documents: Annotated[int, Query(ge=1, le=100000)] = 2, limit: params.Limit = 50) -> Response:
    rows = linking(store).stories(since=since, until=until, min_documents=min_documents, limit=limit)
    return as_json(STORIES.dump_json(rows))


@router.get("/entities", response_model=list[Count], summary="The actors of the matching events, with counts")
def entities(store: StoreDep, f: Filters, limit: params.Limit = 50) -> Response:
    return as_json(COUNTS.dump_json(store.actor_counts(resolved(store, f), limit=limit)))


@router.get("/places", response_model=list[Count], summary="The places of the matching events, with counts")
def places(store: StoreDep, f: Filters, limit: params.Limit = 50) -> Response:
    return as_json(COUNTS.dump_json(store.place_counts(resolved(store, f), limit=limit)))


@router.get("/facets", summary="Matching events by type, factuality, actor country, place country, mode, sector")
def facets(store: StoreDep, f: Filters,
           dims: Annotated[list[params.Facet] | None, Query(max_length=len(FACETS))] = None,
           limit: params.Limit = 50) -> dict[str, dict[str, int]]:
    return store.facets(resolved(store, f), dims=tuple(dict.fromkeys(dims or FACETS)), limit=limit)


@router.get("/timeline", response_model=TimelineOut, summary="Matching events by day, week or month")
def timeline(store: StoreDep, f: Filters, by: params.By = "month",
             share: Annotated[bool, Query(description="Also the documents with a matching event and their share "
                                                      "of each period's documents (reads every match).")] = False
             ) -> Response:
    return as_json(timeline_out(store, resolved(store, f), by, share).model_dump_json())


@router.get("/actor-pairs", response_model=list[Count], summary="Who acts on whom: pairs of actors, with counts")
def actor_pairs(store: StoreDep, f: Filters, limit: params.Limit = 50) -> Response:
    return as_json(COUNTS.dump_json(store.actor_pairs(resolved(store, f), limit=limit)))


@router.get("/countries", response_model=list[Country], summary="Country codes and names (for the map)")
def country_list() -> list[Country]:
    return countries()
