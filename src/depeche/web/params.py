"""The query parameters of the API: the filters of ``depeche events`` and their bounds.

Every parameter is bounded (length, range, pattern) so that a request cannot ask for more
than a page, a thousand counts or a long search; values are checked once here and become an
``EventFilter``, the same object the command line builds.
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import ValidationError

from ..models import Factuality, PloverType
from ..record import EventFilter
from .failures import ApiError

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY = r"^[A-Za-z]{3}$"
NUMBER = r"-?\d{1,3}(\.\d{1,8})?"
BBOX = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
MAX_TEXT = 200
PAGE_DEFAULT = 50
PAGE_MAX = 500
COUNTS_MAX = 1000

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def event_filter(
    type: Annotated[PloverType | None, Query(description="PLOVER event type, e.g. CONSULT.")] = None,
    actor: Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT,
                                       description='An actor code (RUS, RUSGOV) or a name ("Poutine").')] = None,
    country: Annotated[str | None, Query(pattern=COUNTRY, description="Country of a source or target actor (RUS).")] = None,
    place_country: Annotated[str | None, Query(pattern=COUNTRY, description="Country of the event's place.")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="Events on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="Events on or before this date.")] = None,
    factuality: Annotated[Factuality | None, Query(description="How the text presents the event.")] = None,
    text: Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT,
                                      description="Words of the event's document (French inflections and accents ignored; arm* a prefix).")] = None,
    doc: Annotated[str | None, Query(pattern=r"^[0-9a-f]{6,64}$", description="Only the events of this document id.")] = None,
    mode: Annotated[str | None, Query(pattern=r"^[A-Za-z][A-Za-z_-]{0,39}$",
                                      description="The event's mode (visit, demonstrate, aerial, ...).")] = None,
    sector: Annotated[str | None, Query(pattern=COUNTRY, description="A sector of a source or target actor (GOV, MIL, ...).")] = None,
    attribution: Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT,
                                             description="none, any, or words of the attribution (AFP, Kremlin).")] = None,
    bbox: Annotated[str | None, Query(pattern=BBOX, description="The place within west,south,east,north degrees.")] = None,
) -> EventFilter:
    """The filters of a request, as the command line's ``EventFilter``."""
    try:
        return EventFilter(type=type, actor=actor, country=country, place_country=place_country, since=since,
                           until=until, factuality=factuality, text=text, doc=doc, mode=mode, sector=sector,
                           attribution=attribution, bbox=bbox)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ApiError(422, "bad-parameter", first["msg"].removeprefix("Value error, "),
                       str(first["loc"][0]) if first["loc"] else None) from exc


Size = Annotated[int, Query(ge=1, le=PAGE_MAX, description="Events per page.")]
Limit = Annotated[int, Query(ge=1, le=COUNTS_MAX, description="At most this many, most events first.")]
Cursor = Annotated[str | None, Query(max_length=400, pattern=r"^[A-Za-z0-9_-]+$",
                                     description="The `cursor` of the previous page.")]
Facet = Literal["type", "factuality", "country", "place_country", "mode", "sector"]
By = Annotated[Literal["day", "week", "month"], Query(description="Count by day, ISO week or month.")]
