"""How safely the times stage narrows a month-dated document, checked on day-dated articles.

Each article's date is cut to its month (``2020-06-24`` -> ``2020-06``) and the times stage
runs on it. Counted: how many documents the text's own dates bound at all (``document_interval``
narrower than the month) and how many of those bounds exclude the real day; how many are narrowed
below the month (to an ISO week or a day), and how many of those narrowed values do not contain
the real day. Likewise for relative expressions anchored on the document date that come
out more precise than the month ("hier", "mardi", "la semaine dernière"; not dates with digits,
whose year depends on tense either way): each is compared with the value the same expression gets
when the real day is known.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
import time
from pathlib import Path

from ..config import Settings
from ..inputs import SegmentStage, parse_date, read_jsonl
from ..times import document_interval, period as period_of, tag

DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
WEEK = re.compile(r"(\d{4})-W(\d{2})")


def contains(value: str, day: dt.date) -> bool:
    """Whether ``value`` (a day, an ISO week, a month or a year; any time part ignored) holds ``day``."""
    value = value.split("T")[0]
    week = WEEK.fullmatch(value)
    if week:
        return day.isocalendar()[:2] == (int(week[1]), int(week[2]))
    return day.isoformat().startswith(value)


def _finer_than_month(value: str) -> bool:
    value = value.split("T")[0]
    return bool(DAY.fullmatch(value) or WEEK.fullmatch(value))


def evaluate_narrowing(path: Path, limit: int | None = None) -> dict:
    settings = Settings()
    segment = SegmentStage(settings)
    counts = {"docs": 0, "bounded": 0, "bounds_wrong": 0, "narrowed": 0, "to_day": 0, "to_week": 0, "narrowed_wrong": 0,
              "relative_finer_than_month": 0, "relative_contradicted": 0}
    wrong: list[tuple[str, str, str]] = []
    seconds = 0.0
    with path.open("rb") as fh:
        docs = (d for d in read_jsonl(fh, str(path), settings) if getattr(d, "dct", None) and d.dct.precision == "day")
        for doc in itertools.islice(docs, limit):
            real = dt.date.fromisoformat(doc.dct.value)
            segment(doc)
            t0 = time.perf_counter()
            with_day = {(t.start, t.end): t.value for t in tag(doc) if not t.dct}
            doc.dct = parse_date(doc.dct.value[:7])
            times = tag(doc)
            seconds += time.perf_counter() - t0
            counts["docs"] += 1
            lo, hi = document_interval(doc)
            if (lo, hi) != period_of(doc.dct.value):
                counts["bounded"] += 1
                if not lo <= real <= hi:
                    counts["bounds_wrong"] += 1
                    wrong.append((doc.source, real.isoformat(), f"written between {lo} and {hi}"))
            narrowed = times[0].narrowed
            if narrowed and _finer_than_month(narrowed):
                counts["narrowed"] += 1
                counts["to_day" if DAY.fullmatch(narrowed) else "to_week"] += 1
                if not contains(narrowed, real):
                    counts["narrowed_wrong"] += 1
                    wrong.append((doc.source, real.isoformat(), narrowed))
            for t in times[1:]:
                known = with_day.get((t.start, t.end))
                if t.anchor != times[0].id or known is None or not _finer_than_month(t.value) \
                        or any(ch.isdigit() for ch in t.text):
                    continue  # "hier", "mardi", "la semaine dernière": values that hang on the day alone
                counts["relative_finer_than_month"] += 1
                day = DAY.match(known)
                if day and not contains(t.value, dt.date(*map(int, day.groups()))):
                    counts["relative_contradicted"] += 1
                    wrong.append((doc.source, f"{t.text!r} with the day: {known}", t.value))
    n = counts["narrowed"]
    metrics = {**counts,
               "narrowed_share": round(n / counts["docs"], 4) if counts["docs"] else 0.0,
               "narrowing_safety": round(1 - counts["narrowed_wrong"] / n, 4) if n else 1.0,
               "bounds_safety": round(1 - counts["bounds_wrong"] / counts["bounded"], 4) if counts["bounded"] else 1.0}
    return {"metrics": metrics, "docs": counts["docs"], "seconds": round(seconds, 3), "errors": wrong}
