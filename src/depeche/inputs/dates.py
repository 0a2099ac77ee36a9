"""The dispatch header ``date YYYY[-MM[-DD]]`` and document creation dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..models import DocumentDate

# "date" then something that starts like a date. Anything else is not a header.
HEADER_RE = re.compile(r"\A(\s*)(date)[ \t]+(\d[\w\-/.]*)", re.IGNORECASE)
ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Document dates: a year of news, old or to come, that date arithmetic ("il y a trois siècles",
# "dans dix ans") never takes out of the calendar (datetime knows years 1 to 9999).
MIN_YEAR, MAX_YEAR = 1000, 2999


@dataclass(frozen=True)
class Header:
    start: int
    end: int
    date: DocumentDate


def parse_date(value: str) -> DocumentDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a longer ISO timestamp keeps its day).

    Raises ``ValueError`` naming what is wrong.
    """
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", value):
        value = value[:10]
    m = ISO_RE.match(value)
    if not m:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.groups()
    if int(year) < 1:
        raise ValueError(f"{value!r} has no year 0 (the calendar starts at year 1)")
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValueError(f"{value!r}: the year is not between {MIN_YEAR} and {MAX_YEAR}")
    if month is None:
        return DocumentDate(value=year, precision="year")
    if not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    if day is None:
        return DocumentDate(value=f"{year}-{month}", precision="month")
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar day") from None
    return DocumentDate(value=f"{year}-{month}-{day}", precision="day")


def parse_header(text: str) -> Header | None:
    """The header at the top of ``text``, None when there is none.

    Raises ``ValueError`` when the text starts with ``date`` and something that is
    not a valid date (``date 2023-13``).
    """
    m = HEADER_RE.match(text)
    if not m:
        return None
    raw = m.group(3).rstrip(".,;:")
    return Header(start=m.start(2), end=m.start(3) + len(raw), date=parse_date(raw))


def first_day(dct: DocumentDate) -> dt.date:
    parts = [int(p) for p in dct.value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def last_day(dct: DocumentDate) -> dt.date:
    start = first_day(dct)
    if dct.precision == "day":
        return start
    if dct.precision == "year":
        return dt.date(start.year, 12, 31)
    nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
