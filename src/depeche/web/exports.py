"""Streamed exports of the matching events (NDJSON, CSV, GeoJSON; never capped), of the linked
events with their reports (NDJSON, as ``depeche export --format linked``) and the actor network
as GEXF or GraphML (Gephi, Cytoscape, networkx read both).

A stream opens a read-only store of its own and reads the events a batch at a time
(``Store.stream``), each batch under the query time limit: memory stays constant and a long
export never holds a store the pages need.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from ..record import EVENT_COLUMNS, Count, EventFilter, Store, flat_event, geojson_feature
from . import params
from .failures import ERRORS
from .routes import Filters, StoreDep, linking, resolved

router = APIRouter(prefix="/api/v1", responses=ERRORS)
MEDIA = {"ndjson": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
         "gexf": "application/xml", "graphml": "application/xml"}


def _batches(pool, f: EventFilter) -> Iterator[list]:
    """The batches of matching events from a store of their own. The first batch is read
    before the answer starts, so that a query the record refuses is an error answer, not a
    stream cut short."""
    store = pool.open()
    try:
        rows = iter(store.stream(f))
        with store.time_limit(pool.seconds):
            first = next(rows, None)
    except BaseException:
        store.close()
        raise

    def rest() -> Iterator[list]:
        try:
            batch = first
            while batch is not None:
                yield batch
                with store.time_limit(pool.seconds):
                    batch = next(rows, None)
        finally:
            store.close()

    return rest()


def ndjson(batches) -> Iterator[str]:
    for rows in batches:
        yield "".join(r.model_dump_json() + "\n" for r in rows)


def csv_text(batches) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(EVENT_COLUMNS))
    writer.writeheader()
    for rows in batches:
        writer.writerows(flat_event(r) for r in rows)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def geojson(batches) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for rows in batches:
        parts = []
        for r in rows:
            feature = geojson_feature(r)
            if feature is not None:
                parts.append(("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
                first = False
        yield "".join(parts)
    yield "\n]}\n"


WRITERS = {"ndjson": ndjson, "csv": csv_text, "geojson": geojson}


@router.get("/export/events.{fmt}", summary="Every matching event, streamed (never capped)",
            response_class=StreamingResponse,
            responses={200: {"content": {MEDIA[k]: {} for k in WRITERS}, "description": "The events"}})
def export_events(request: Request, store: StoreDep, f: Filters,
                  fmt: Annotated[Literal["ndjson", "csv", "geojson"], Path(description="ndjson, csv or geojson")]):
    f = resolved(store, f)
    pool = request.app.state.pool
    return StreamingResponse(WRITERS[fmt](_batches(pool, f)), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="depeche-events.{fmt}"'})


LINKED_PAGE = 500


def _linked_lines(pool, min_reports: int) -> Iterator[str]:
    """Linked events with their reports, one per line, a keyset page at a time from a store of
    their own (each page under the query time limit). The first page is read before the answer
    starts, so that a record that cannot answer is an error answer."""
    store = pool.open()
    try:
        linking(store)
        with store.time_limit(pool.seconds):
            rows = store.linked_events(after="", limit=LINKED_PAGE, with_reports=True, min_reports=min_reports)
    except BaseException:
        store.close()
        raise

    def rest() -> Iterator[str]:
        page = rows
        try:
            while page:
                yield "".join(r.model_dump_json() + "\n" for r in page)
                with store.time_limit(pool.seconds):
                    page = store.linked_events(after=page[-1].id, limit=LINKED_PAGE, with_reports=True,
                                               min_reports=min_reports)
        finally:
            store.close()

    return rest()


@router.get("/export/linked.ndjson", summary="Every linked event with its reports, streamed (never capped)",
            response_class=StreamingResponse,
            responses={200: {"content": {MEDIA["ndjson"]: {}}, "description": "The linked events, in id order"}})
def export_linked(request: Request, min_reports: Annotated[int, Query(ge=1, le=100000)] = 1):
    return StreamingResponse(_linked_lines(request.app.state.pool, min_reports), media_type=MEDIA["ndjson"],
                             headers={"Content-Disposition": 'attachment; filename="depeche-linked.ndjson"'})


def _node(name: str | None, country: str | None, sector: str | None) -> str:
    return f"{name or '?'} ({country or ''}{sector or ''})" if (country or sector) else (name or "?")


def actor_graph(pairs: list[Count]):
    """A directed graph: actors as nodes (label, country, sector, events), pairs as weighted edges."""
    import networkx as nx

    graph = nx.DiGraph()
    for p in pairs:
        a, b = _node(p.name, p.country, p.sector), _node(p.target_name, p.target_country, p.target_sector)
        for node, name, country, sector in ((a, p.name, p.country, p.sector),
                                            (b, p.target_name, p.target_country, p.target_sector)):
            if node not in graph:
                graph.add_node(node, label=name or "?", country=country or "", sector=sector or "", events=0)
            graph.nodes[node]["events"] += p.events
        graph.add_edge(a, b, weight=p.events)
    return graph


@router.get("/actor-pairs.{fmt}", summary="The actor network as GEXF or GraphML",
            response_class=StreamingResponse,
            responses={200: {"content": {"application/xml": {}}, "description": "The graph"}})
def actor_network(store: StoreDep, f: Filters,
                  fmt: Annotated[Literal["gexf", "graphml"], Path(description="gexf or graphml")],
                  limit: params.Limit = 200):
    import networkx as nx

    graph = actor_graph(store.actor_pairs(resolved(store, f), limit=limit))
    lines = nx.generate_gexf(graph) if fmt == "gexf" else nx.generate_graphml(graph)
    return StreamingResponse((line + "\n" for line in lines), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="depeche-actors.{fmt}"'})
