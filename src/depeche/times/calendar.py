"""Calendar values for TIMEX3: the records a value hangs on, and date arithmetic at a precision.

``Ref`` is a date known to the year, month or day; ``shift`` moves it without inventing
precision (from a month-precise document date, "hier" stays the month); ``weekday_date``
finds the weekday a clause means; ``year_for`` the year of a date written without one.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .tense import Tense
from .rules import PARTS

@dataclass
class Ref:
    """A date the text or the header gives, at some precision, and the record it came from."""

    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    id: str | None = None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if len(self.value) >= 7 else None

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.value) if len(self.value) == 10 else None


def day_ref(value: str, id: str | None = None) -> Ref | None:
    """A Ref for ``value`` when it is a calendar day (not "2023-09", not "XXXX-XX-XX")."""
    return Ref(value, id) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


@dataclass
class Context:
    text: str
    anchor: Ref | None  # the document date, possibly narrowed
    last: Ref | None = None  # the last day-precise date the text mentioned
    last_at: int = -1  # where it was mentioned
    weekdays: dict[int, Ref] = field(default_factory=dict)  # weekday -> explicit date in the text


@dataclass
class Norm:
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None  # id of the record the value was computed from
    resolved: str | None = None  # for "il y a trois ans" / "dans deux semaines": the date pointed to
    day: Ref | None = None  # the day this expression denotes, for later discourse anchors


def shift(ref: Ref | None, days: int = 0, months: int = 0, years: int = 0) -> str:
    """``ref`` moved, at the precision it has: from a month-precise date, "hier" stays that month."""
    if ref is None:
        return "XXXX-XX-XX" if days else ("XXXX-XX" if months else "XXXX")
    if days:
        return (ref.day + dt.timedelta(days=days)).isoformat() if ref.day else ref.value
    if months:
        if ref.month is None:
            return ref.value[:4]
        total = ref.year * 12 + ref.month - 1 + months
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if years:
        return f"{ref.year + years:04d}"
    return ref.value


def year_for(month: int, day: int | None, ctx: Context, t: Tense, rel: str | None) -> int | None:
    a = ctx.anchor
    if a is None:
        return None
    y = a.year
    if a.month is None:
        return y
    when = (month, day or 0)
    now = (a.month, a.day.day if a.day and day else 0)
    past = bool(rel and rel.startswith("derni")) or (not rel and t == "past")
    future = bool(rel and rel.startswith("prochain")) or (not rel and t == "future")
    if past and when > now and (a.precision == "day" and day or month > a.month):
        return y - 1
    if future and when < now and (a.precision == "day" and day or month < a.month):
        return y + 1
    return y


def weekday_date(wd: int, ctx: Context, t: Tense, rel: str | None) -> Ref | None:
    """The day a bare weekday names: the date the text gave that weekday, unless the tense
    contradicts it; else the one before or after the anchor as the tense says, else the nearest."""
    a = ctx.anchor
    known = ctx.weekdays.get(wd)
    if known is not None:
        if a is None or a.day is None or known.day is None:
            return known
        if not (t == "future" and known.day < a.day) and not (t == "past" and known.day > a.day):
            return known
    if a is None or a.day is None:
        return None
    diff = (wd - a.day.isoweekday()) % 7  # days forward to the next such weekday (0: the anchor itself)
    if rel in ("dernier", "précédent") or (not rel and t == "past"):
        off = -((7 - diff) % 7)
    elif rel in ("prochain", "suivant") or (not rel and t == "future"):
        off = diff
    else:
        off = diff if diff <= 3 else diff - 7
    return Ref((a.day + dt.timedelta(days=off)).isoformat(), a.id)


def with_part(value: str, part: str | None) -> str:
    """``value`` with a part of the day; a date known only to the month or year keeps X for the day."""
    if not part:
        return value
    if re.fullmatch(r"\d{4}(?:-\d{2})?", value):
        value = (value + "-XX-XX")[:10]
    return f"{value}T{PARTS[part.lower()]}"


def date_or_partial(year: int | None, month: int, day: int | None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day else "")


def valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)
        return True
    except ValueError:
        return False


def week(ref: Ref | None, weeks: int) -> str:
    if ref is None:
        return "XXXX-WXX"
    if ref.day is None:
        return ref.value
    y, w, _ = (ref.day + dt.timedelta(weeks=weeks)).isocalendar()
    return f"{y:04d}-W{w:02d}"


def rel_sign(rel: str | None, t: Tense) -> int:
    if not rel:
        return 0
    rel = rel.lower()
    if rel.startswith(("derni", "pass", "précédent")):
        return -1
    if rel.startswith(("prochain", "suivant")):
        return 1
    return 0
