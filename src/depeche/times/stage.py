"""The times stage: French time expressions as TIMEX3, resolved against the document's own date.

Recognition is rule-based (``timex_rules``), normalization is ``timex``. This
module runs them over the document's segments and manages anchors:

* The document date becomes a ``Time`` record (``dct=True``): the header's date
  text when there is a header, else a zero-width record at offset 0. When the
  date is known only to the month (or year), explicit dates of that month (year)
  that the text reports as past (and as future) narrow the interval the document
  was written in; the record's ``narrowed`` value is the most precise value that
  interval allows (a day, an ISO week, a month), never an invented day.
* A relative value records its ``anchor``: the id of the record it was computed
  from (the document date, or the date a "lendemain" or a clock time hangs on).
* An archive photo caption is resolved against its own date and never lends
  dates to the story; the story never lends dates to it either.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from ..models import Document, Segment, Time
from ..pipeline import Stage, register
from ..spans import record_index
from .governing import governing_time, is_limit
from .tense import local_tense
from .timex import Context, Norm, Ref, normalize, sentence_bounds
from .rules import WEEKDAYS, Candidate, recognize

ABSOLUTE_DAY_KINDS = ("date", "dayrange", "numdate", "isodate")
DAY_KINDS = ABSOLUTE_DAY_KINDS + ("weekday", "relday", "anchorday", "nightspan")
# Relative expressions are resolved for every day the document may have been written on, up to this many.
MAX_INTERVAL_DAYS = 62


def common(values: list[str]) -> str:
    """The most precise value true of every one of ``values`` (day -> ISO week -> month -> year).

    "XXXX" when the values are not calendar dates that share a year (week-ends, seasons...).
    """
    if len(set(values)) == 1:
        return values[0]
    dates = [v.split("T")[0] for v in values]
    if not all(re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", v) for v in dates):
        return "XXXX"
    if len(set(dates)) == 1:
        return dates[0]
    if all(len(v) == 10 for v in dates):
        weeks = {dt.date.fromisoformat(v).isocalendar()[:2] for v in dates}
        if len(weeks) == 1:
            y, w = weeks.pop()
            return f"{y:04d}-W{w:02d}"
    for n in (7, 4):
        if all(len(v) >= n for v in dates) and len({v[:n] for v in dates}) == 1:
            return dates[0][:n]
    return "XXXX"


def _segments(doc: Document) -> list[Segment]:
    segs = [s for s in doc.segments if s.kind != "header"]
    return segs or [Segment(kind="body", start=0, end=len(doc.text))]


def _scope(doc: Document, seg: Segment) -> tuple[int, int]:
    """Where to look for expressions in ``seg``: a caption without its credit."""
    if seg.kind == "caption" and seg.credit_start is not None:
        at = doc.text.rfind("@", seg.start, seg.credit_start)
        return seg.start, (at if at >= 0 else seg.credit_start)
    return seg.start, seg.end


def _dct_record(doc: Document) -> Time | None:
    if doc.dct is None:
        return None
    header = next((s for s in doc.segments if s.kind == "header"), None)
    start = end = 0
    if header is not None:
        at = doc.text.find(doc.dct.value, header.start, header.end + len(doc.dct.value))
        if at >= 0:
            start, end = at, at + len(doc.dct.value)
    return Time(id="T1", text=doc.text[start:end], start=start, end=end, type="DATE", value=doc.dct.value, dct=True)


def period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a year ("2023") or a month ("2023-09")."""
    year = int(value[:4])
    if len(value) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    mon = int(value[5:7])
    return dt.date(year, mon, 1), dt.date(year, mon, calendar.monthrange(year, mon)[1])


def narrow(text: str, value: str, cands: list[Candidate]) -> tuple[dt.date, dt.date, Candidate | None]:
    """The days a month- or year-dated document can have been written on, from its own dates.

    A date in that month (or year; then only with its year written) that the text reports as past
    (or calls "dernier") is on or before the document date; one it reports as future is on or after
    it (the morning paper announces that day's events in the future tense). Only the verb right
    next to the date counts (``local_tense``). "ce mardi 12 septembre" puts the document within
    six days of that date.
    """
    lo, hi = period(value)
    evidence = None
    probe = Context(text, Ref(value))
    for c in cands:
        if c.kind not in ABSOLUTE_DAY_KINDS:
            continue
        if len(value) == 4 and not c.parts.get("year"):
            continue  # in a year-dated text, "le 15 décembre" may be last December
        n = normalize(c, probe)
        if n is None or not n.value.startswith(value) or len(n.value) != 10:
            continue
        day = dt.date.fromisoformat(n.value)
        rel = (c.parts.get("rel") or "").lower()
        when = "past" if rel.startswith("derni") else "future" if rel.startswith("prochain") else \
            local_tense(text, c.start, c.end)
        if when == "past" and lo < day <= hi:
            lo, evidence = day, c
        elif when == "future" and lo <= day <= hi:
            hi = day  # announced in the future tense, it may still be that very day's morning paper
        if (c.parts.get("art") or "").lower() == "ce" and c.parts.get("wd"):
            # "ce mardi 12 septembre": a day of the document's own week, on either side of it
            week = dt.timedelta(days=6)
            if lo < day - week:
                lo, evidence = day - week, c
            hi = min(hi, day + week)
    return lo, max(lo, hi), evidence


def document_interval(doc: Document) -> tuple[dt.date, dt.date] | None:
    """The days a month- or year-dated ``doc`` may have been written on, by its own dates
    (``narrow``); None when its date is a day or absent."""
    if doc.dct is None or doc.dct.precision == "day":
        return None
    story = [c for seg in _segments(doc) if seg.kind != "caption" for c in recognize(doc.text, *_scope(doc, seg))]
    lo, hi, _ = narrow(doc.text, doc.dct.value, story)
    return lo, hi


def _resolve(c: Candidate, ctx: Context, days: list[dt.date] | None) -> Norm | None:
    """``normalize``, over every day the document date may be when it is only an interval."""
    norm = normalize(c, ctx)
    if not days or norm is None or ctx.anchor is None or norm.anchor != ctx.anchor.id or norm.value.endswith("_REF"):
        return norm
    norms = [normalize(c, replace(ctx, anchor=Ref(d.isoformat(), ctx.anchor.id))) for d in days]
    values = [n.value for n in norms if n is not None]
    if not values or len(set(values)) == 1:
        return norms[0] if values else norm
    value = common(values)
    if len(value) < 7 or not value.startswith(("1", "2")):
        return norm  # wider than the month: keep the month-precise value
    norm.value, norm.day = value, None
    if norm.resolved is not None:
        norm.resolved = common([n.resolved for n in norms if n and n.resolved])
    return norm


def tag(doc: Document) -> list[Time]:
    """The time expressions of ``doc``, with the document date first when there is one."""
    text = doc.text
    dct = _dct_record(doc)
    times: list[Time] = [dct] if dct else []
    scopes = [(seg, *_scope(doc, seg)) for seg in _segments(doc)]
    found = {id(seg): recognize(text, lo, hi) for seg, lo, hi in scopes}
    base, days = (Ref(dct.value, dct.id) if dct else None), None
    if dct is not None and doc.dct.precision in ("month", "year"):
        story = [c for seg, _, _ in scopes if seg.kind != "caption" for c in found[id(seg)]]
        lo, hi, evidence = narrow(text, dct.value, story)
        if evidence is not None or (lo, hi) != period(dct.value):
            dct.narrowed = common([lo.isoformat(), hi.isoformat()])  # the days between share it too
            if (hi - lo).days < MAX_INTERVAL_DAYS:
                days = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
    story_ctx = Context(text, base)
    pending: list[tuple[Candidate, Norm]] = []
    placeholder: dict[str, str] = {}  # "@<candidate>" (a record not yet made) -> "#<its index>"
    for seg, _, _ in scopes:
        cands = found[id(seg)]
        own_date = None
        if seg.kind == "caption":
            ctx, own_date = _caption_context(text, cands, base, seg.archive)
            seg_days = None if seg.archive else days
        else:
            ctx, seg_days = story_ctx, days
        _learn_weekdays(cands, ctx)
        for i, c in enumerate(cands):
            if c.kind == "clock" and not c.parts.get("wd"):
                norm = _clock_norm(c, cands[i + 1:], ctx, text, seg_days)
            else:
                norm = _resolve(c, ctx, seg_days)
            if norm is None:
                continue
            pending.append((c, norm))
            placeholder[f"@{id(c)}"] = f"#{len(pending)}"
            if c is own_date:  # relative expressions of an archive caption hang on its own date
                ctx.anchor = Ref(ctx.anchor.value, f"#{len(pending)}")
            if norm.day is not None and c.kind in DAY_KINDS:
                ctx.last, ctx.last_at = Ref(norm.day.value, f"#{len(pending)}"), c.start
    # ids in text order; discourse anchors point at the record they used
    ids = {f"#{i + 1}": f"T{len(times) + i + 1}" for i in range(len(pending))}
    for i, (c, n) in enumerate(pending):
        times.append(Time(
            id=ids[f"#{i + 1}"], text=text[c.start:c.end], start=c.start, end=c.end, type=n.type, value=n.value,
            anchor=ids.get(placeholder.get(n.anchor, n.anchor), n.anchor), mod=n.mod, resolved=n.resolved,
        ))
    return times


def _caption_context(text: str, cands: list[Candidate], base: Ref | None,
                     archive: bool) -> tuple[Context, Candidate | None]:
    """A caption is read against the document date; an archive image against its own date."""
    if not archive:
        return Context(text, base), None
    for c in cands:
        if c.kind in ABSOLUTE_DAY_KINDS + ("month", "year") and c.parts.get("year"):
            n = normalize(c, Context(text, None))
            if n is not None and n.value[:4].isdigit():
                return Context(text, Ref(n.value[:10], None)), c
    return Context(text, None), None


def _learn_weekdays(cands: list[Candidate], ctx: Context) -> None:
    """ "samedi 29 mai" makes a later (or earlier) bare "samedi" that day."""
    for c in cands:
        if c.kind == "date" and c.parts.get("wd"):
            n = normalize(c, ctx)
            if n is not None and n.day is not None:
                ctx.weekdays.setdefault(WEEKDAYS[c.parts["wd"].lower()], Ref(n.day.value))


def _clock_norm(c: Candidate, following: list[Candidate], ctx: Context, text: str, days) -> Norm | None:
    """A clock time takes the day of its sentence (the one before it, else the one after it),
    else the last day the story mentioned, else the document date."""
    lo, hi = sentence_bounds(text, c.start, c.end)
    if ctx.last is None or ctx.last_at < lo:
        for nxt in following:
            if nxt.start >= hi:
                break
            if nxt.kind in DAY_KINDS:
                n = _resolve(nxt, ctx, days)
                if n is not None and n.day is not None:  # anchored on that later record (see ``tag``)
                    return normalize(c, replace(ctx, last=Ref(n.day.value, f"@{id(nxt)}")))
                break
    return normalize(c, ctx) if ctx.last is not None else _resolve(c, ctx, days)


@register("times", requires=("segments",), provides=("times",))
class TimeStage(Stage):
    """TIMEX3 time expressions, resolved against the document date (or an archive caption's own)."""

    def __call__(self, doc: Document) -> Document:
        doc.times = tag(doc)
        return doc


def event_time(doc: Document, start: int, end: int, segment=None, trigger: tuple[int, int] | None = None) -> str | None:
    """The time id for an event whose evidence is ``doc.text[start:end]`` (its sentence).

    With the event's ``trigger`` span and a parsed document: the date or time that governs the
    trigger (``governing.governing_time``: its own clause, or the clause of the verb that
    reports it; never a limit such as "jusqu'en 2047", a background date of another clause,
    nor a vague reference such as "actuellement"). Without them: the time inside the span, else
    the nearest one of its sentence, limits left out (a vague FUTURE_REF or PRESENT_REF counts
    there). When nothing dates the event:
    the document date's record. An event in an archive photo caption takes only that
    caption's dates, and never the document date.
    """
    seg = doc.segment_at(start)
    kind = getattr(segment, "kind", segment) or (seg.kind if seg else "body")
    lo_seg, hi_seg = (seg.start, seg.end) if seg else (0, len(doc.text))
    times = record_index(doc, "times", doc.times)  # (looked up by offset: a walk of them all per event is quadratic)

    def own(found: list[Time]) -> list[Time]:  # the segment's dates and times, in document order
        return [t for t in found if not t.dct and lo_seg <= t.start < hi_seg and t.type in ("DATE", "TIME")
                and not is_limit(doc, t)]

    lo, hi = sentence_bounds(doc.text, start, end)
    if trigger is not None and doc.spacy is not None:
        # Only times of the trigger's parsed sentence can govern it: reading no further keeps an
        # event's cost bounded in a paragraph without punctuation (one regex "sentence").
        lo, hi = min(start, lo), max(end, hi)
        span = doc.spacy.char_span(trigger[0], trigger[1], alignment_mode="expand")
        if span is not None and len(span):
            lo, hi = max(lo, span.root.sent.start_char), min(hi, span.root.sent.end_char)
        near = own(times.starting(lo, hi))
        # A vague reference ("actuellement", "récemment", "l'avenir") says when, not the event's date.
        dated = [t for t in near if (start <= t.start < end or lo <= t.start < hi) and not t.value.endswith("_REF")]
        found = governing_time(doc, trigger, dated)
        if found is not None:
            return found.id
    else:
        inside = [t for t in own(times.touching(start, end)) if t.start < end and t.end > start]
        if inside:
            return inside[0].id
        near = own(times.starting(lo, hi))
        if near:
            return min(near, key=lambda t: t.start - end if t.start >= end else start - t.end).id
    if kind == "caption" and seg is not None and seg.archive:
        first = own(times.starting(lo_seg, hi_seg))
        return first[0].id if first else None
    dct = next((t for t in doc.times if t.dct), None)
    return dct.id if dct else None
