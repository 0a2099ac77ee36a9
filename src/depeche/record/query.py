"""Questions to the record as every backend answers them: filters, event rows, pages, counts.

Every filter is optional and they combine with AND. Dates are periods: an event dated
only "2023-09" (its time or its document known to the month) matches ``since=2023-09-15``
because the periods overlap. ``text`` searches the documents' text, ignoring case and
accents, each word matching the words of its French stem ("manifestation" finds
"manifestations"; ``arm*`` is a prefix). Events come ordered by date (the first day of
their period), then document (ingest order), then position; a ``Page`` carries an opaque
cursor to the next page (keyset pagination: the cost of a page does not grow with its number).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import DepecheError
from ..inputs import first_day, last_day, parse_date
from ..models import Factuality, PloverType

CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})?$")
Period = Literal["day", "week", "month"]
DIMENSIONS = ("type", "factuality", "country", "place_country")


class QueryError(DepecheError):
    code = "bad-query"


class QueryTimeout(QueryError):
    """A query stopped by its store's time limit (``Store.time_limit``)."""

    code = "timeout"


MAX_LIMIT = 2**63 - 1


class EventFilter(BaseModel):
    """What ``depeche events`` filters on; every field is optional.

    ``mode``: the event's mode; ``sector``: a sector of a source or target actor (GOV, MIL, ...);
    ``attribution``: ``none`` (the dispatch's own assertion), ``any`` (attributed to someone), or
    words that its attribution holds (``AFP``, ``Kremlin``: its text or its actor's name, each a
    word prefix, accents ignored); ``bbox``: its place within (west, south, east, north) degrees,
    across the antimeridian when west > east.
    """

    model_config = ConfigDict(extra="forbid")

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    place_country: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    text: str | None = None
    doc: str | None = None
    mode: str | None = None
    sector: str | None = None
    attribution: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    limit: int | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, v):
        if v is None:
            return v
        if v.upper() not in get_args(PloverType):
            raise ValueError(f"unknown event type {v!r}; PLOVER types: {', '.join(get_args(PloverType))}")
        return v.upper()

    @field_validator("factuality")
    @classmethod
    def _factuality(cls, v):
        if v is not None and v.lower() not in get_args(Factuality):
            raise ValueError(f"unknown factuality {v!r}; one of {', '.join(get_args(Factuality))}")
        return v.lower() if v else v

    @field_validator("country", "place_country")
    @classmethod
    def _country(cls, v):
        if v is not None and not re.fullmatch(r"[A-Za-z]{3}", v):
            raise ValueError(f"{v!r} is not a three-letter country code (ISO 3166 alpha-3, e.g. RUS)")
        return v.upper() if v else v

    @field_validator("mode")
    @classmethod
    def _mode(cls, v):
        if v is not None and not re.fullmatch(r"[A-Za-z][A-Za-z_-]{0,39}", v):
            raise ValueError(f"{v!r} is not an event mode (a word such as visit, demonstrate, aerial)")
        return v.lower() if v else v

    @field_validator("sector")
    @classmethod
    def _sector(cls, v):
        if v is not None and not re.fullmatch(r"[A-Za-z]{3}", v):
            raise ValueError(f"{v!r} is not a three-letter actor sector (GOV, MIL, REB, JRN, IGO, ...)")
        return v.upper() if v else v

    @field_validator("attribution")
    @classmethod
    def _attribution(cls, v):
        if v is not None and not v.strip():
            raise ValueError("attribution needs words, 'any' or 'none'")
        return v.strip() if v else v

    @field_validator("bbox", mode="before")
    @classmethod
    def _bbox_text(cls, v):
        if isinstance(v, str):
            parts = v.split(",")
            try:
                if len(parts) == 4:
                    return tuple(float(x) for x in parts)
            except ValueError:
                pass
            raise ValueError(f"{v!r} is not west,south,east,north in degrees")
        return v

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, v):
        if v is None:
            return v
        west, south, east, north = v
        if not all(-180 <= x <= 180 for x in (west, east)) or not all(-90 <= y <= 90 for y in (south, north)):
            raise ValueError("bbox is west,south,east,north: longitudes within -180..180, latitudes within -90..90")
        if south > north:
            raise ValueError("bbox: south is above north")
        return v

    @field_validator("since", "until")
    @classmethod
    def _date(cls, v):
        if v is not None:
            parse_date(v)  # ValueError names the problem
        return v

    @field_validator("limit")
    @classmethod
    def _limit(cls, v):
        if v is not None and v < 0:
            raise ValueError("limit must be 0 or more")
        if v is not None and v > MAX_LIMIT:  # (SQLite and PostgreSQL count rows in 64 bits)
            raise ValueError(f"limit must be at most {MAX_LIMIT}")
        return v

    def conditions(self) -> dict[str, Any]:
        """The filters set (``limit`` is no filter)."""
        return {k: v for k, v in self.model_dump().items() if v is not None and k != "limit"}


class Actor(BaseModel):
    entity: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None

    @property
    def code(self) -> str:
        return (self.country or "") + (self.sector or "")

    def label(self) -> str:
        return f"{self.name or self.entity}" + (f" ({self.code})" if self.code else "")


class EventRow(BaseModel):
    """One event as a query answers it: the event with its actors, place, time, sentence and document."""

    doc_id: str
    id: str
    source_document: str
    type: str
    mode: str | None
    date: str | None
    date_first: str | None = None
    date_last: str | None = None
    factuality: str
    attribution: str | None
    attribution_actor: Actor | None = None
    source: list[Actor] = []
    target: list[Actor] = []
    # The words of the actors, for those that are no entity ("des manifestants" in a text
    # that names no country for them, "il").
    source_words: list[str] = []
    target_words: list[str] = []
    place: str | None
    place_country: str | None
    place_lat: float | None = None
    place_lon: float | None = None
    place_geonameid: int | None = None
    place_feature: str | None = None
    time: str | None
    segment: str
    start: int
    end: int
    text: str
    sentence: str | None = None  # the sentence(s) of the evidence, as spaCy cut the document
    sentence_start: int | None = None
    sentence_end: int | None = None
    sizes: dict[str, float] = {}  # PLOVER size fields ("dead", "injured", ...) -> the quantity's value

    @property
    def precision(self) -> str | None:
        """``day``, ``month`` or ``year``: how precisely the event is dated."""
        if not self.date:
            return None
        return {10: "day", 7: "month", 4: "year"}.get(len(self.date))


class Page(BaseModel):
    """One page of events; ``next`` is the cursor of the following page (None: this is the last)."""

    rows: list[EventRow]
    next: str | None = None


class Timeline(BaseModel):
    """Events counted by day, ISO week or month of their date, in order.

    An event dated less precisely than one such period (a month-dated event in a count by
    day, a year-dated one in a count by month) is not spread over periods: it is counted in
    ``coarser``; an event without any date in ``undated``.
    """

    by: Period
    counts: dict[str, int]
    coarser: int = 0
    undated: int = 0


class Count(BaseModel):
    """How many filtered events an actor, a place or a pair of actors takes part in."""

    name: str | None
    country: str | None = None
    sector: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    events: int


# -- cursors ----------------------------------------------------------------------------------

def filter_digest(f: EventFilter) -> str:
    return hashlib.sha256(json.dumps(f.conditions(), sort_keys=True).encode()).hexdigest()[:8]


def encode_cursor(key: list[Any], f: EventFilter) -> str:
    """An opaque cursor: the sort key of the last row given, bound to its query's filters."""
    raw = json.dumps([filter_digest(f), *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, f: EventFilter, size: int) -> list[Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(data, list) or len(data) != size + 1:
            raise ValueError("not a cursor")
    except (ValueError, UnicodeDecodeError) as exc:
        raise QueryError(f"{cursor[:40]!r} is not a cursor of this record") from exc
    if data[0] != filter_digest(f):
        raise QueryError("this cursor belongs to a query with other filters")
    return data[1:]


# -- dates --------------------------------------------------------------------------------------

def day_number(iso: str | None) -> int:
    """``2023-09-13`` -> 20230913 (the integer form the stores index); 0 for no date."""
    return int(iso.replace("-", "")) if iso else 0


def period_key(day: int, last: int) -> str:
    """The event's date as written (``2023-09-13``, ``2023-09``, ``2023``) from its first and last day."""
    if not day:
        return ""
    if day == last:
        return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"
    if day // 100 == last // 100:
        return f"{day // 10000:04d}-{day // 100 % 100:02d}"
    return f"{day // 10000:04d}"


def bucket(day: int, last: int, by: Period) -> str | None:
    """The day, ISO week or month that holds a whole period, or None when it is longer."""
    import datetime as dt

    if by == "month":
        return f"{day // 10000:04d}-{day // 100 % 100:02d}" if day // 100 == last // 100 else None
    if by == "day":
        return period_key(day, last) if day == last else None
    first = dt.date(day // 10000, day // 100 % 100, day % 100)
    end = dt.date(last // 10000, last // 100 % 100, last % 100)
    year, week, _ = first.isocalendar()
    return f"{year}-W{week:02d}" if end.isocalendar()[:2] == (year, week) else None


def timeline_from(periods: dict[tuple[int, int], int], by: Period) -> Timeline:
    """A ``Timeline`` from counts by (first day, last day) of the events' periods."""
    counts: dict[str, int] = {}
    coarser = undated = 0
    for (day, last), n in periods.items():
        if not day:
            undated += n
            continue
        key = bucket(day, last, by)
        if key is None:
            coarser += n
        else:
            counts[key] = counts.get(key, 0) + n
    return Timeline(by=by, counts=dict(sorted(counts.items())), coarser=coarser, undated=undated)


def timeline_of_dates(counts: dict[str | None, int], by: Period) -> Timeline:
    """A ``Timeline`` from counts by date as written (``2023-09-13``, ``2023-09``, ``2023``; None: undated)."""
    periods: dict[tuple[int, int], int] = {}
    for value, n in counts.items():
        key = (0, 0)
        if value:
            when = parse_date(value)
            key = (day_number(first_day(when).isoformat()), day_number(last_day(when).isoformat()))
        periods[key] = periods.get(key, 0) + n
    return timeline_from(periods, by)


# Filters that ``event_cube`` answers (its columns), and the key columns it counts by.
CUBE_FILTERS = frozenset({"type", "factuality", "place_country", "mode", "since", "until", "attribution"})
CUBE_KEYS = ("type", "factuality", "place_country", "mode")


def cube_conditions(f: EventFilter, param: Callable[[str], str]) -> tuple[list[str], dict[str, Any]] | None:
    """The filters of ``f`` as conditions on ``event_cube`` rows (``param(name)`` writes a parameter in
    the backend's style), or None when a filter is not one of the cube's columns."""
    if set(f.conditions()) - CUBE_FILTERS or (f.attribution and f.attribution.lower() not in ("any", "none")):
        return None
    where, params = ["n > 0"], {}
    for name in CUBE_KEYS:
        value = getattr(f, name)
        if value is not None:
            where.append(f"{name} = {param(name)}")
            params[name] = value
    if f.since or f.until:
        params["since"] = day_number(first_day(parse_date(f.since)).isoformat()) if f.since else 0
        params["until"] = day_number(last_day(parse_date(f.until)).isoformat()) if f.until else 99999999
        where.append(f"day > 0 AND day_last >= {param('since')} AND day <= {param('until')}")
    if f.attribution:
        where.append(f"attributed = {0 if f.attribution.lower() == 'none' else 1}")
    return where, params


def check_period(by: str) -> Period:
    if by not in get_args(Period):
        raise QueryError(f"unknown period {by!r}; one of {', '.join(get_args(Period))}")
    return by  # type: ignore[return-value]


def sentence_around(sentences: list[tuple[int, int]], paragraphs: list[tuple[int, int]],
                    start: int, end: int) -> tuple[int, int]:
    """(start, end) of the sentence(s) that hold ``start:end``; of its paragraph when the document
    has no sentences stored (one stored before schema 7); the span itself when neither holds it."""
    bounds = [(a, b) for a, b in sentences if a < end and start < b] or \
        [(a, b) for a, b in paragraphs if a <= start < b]
    if not bounds:
        return start, end
    return min(a for a, _ in bounds), max(b for _, b in bounds)
