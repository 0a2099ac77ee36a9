"""Records by where they stand: which of a document's spans lie near an offset, in log time.

A stage that asks, for each of its findings, which entity mentions, places, times or quantities
stand in a sentence would otherwise walk every record of the document each time: its time would
grow with the square of the document. ``near(doc, key, rows, lo, hi)`` answers from an index
built once per document and list of records (rebuilt when the list is replaced or grows), and
returns the rows in their original order, so a caller keeps its own test and tie-breaking.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
I = TypeVar("I")


class SpanIndex(Generic[T]):
    """Rows with a character span ``[start, end)``, sorted by start."""

    def __init__(self, rows: Iterable[tuple[int, int, T]]):
        ordered = sorted(((s, e, n, r) for n, (s, e, r) in enumerate(rows)), key=lambda x: (x[0], x[2]))
        self.starts = [s for s, _, _, _ in ordered]
        self.rows = [(n, r) for _, _, n, r in ordered]
        self.longest = max((e - s for s, e, _, _ in ordered), default=0)

    def starting(self, lo: int, hi: int) -> list[T]:
        """Rows whose start is in ``[lo, hi)``, in their original order."""
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [r for _, r in sorted(self.rows[a:b], key=lambda x: x[0])]

    def last_before(self, x: int) -> T | None:
        """The row starting last before ``x`` (the first listed of those starting there)."""
        i = bisect.bisect_left(self.starts, x)
        if i == 0:
            return None
        j = bisect.bisect_left(self.starts, self.starts[i - 1])
        return min(self.rows[j:i], key=lambda x: x[0])[1]

    def first_from(self, x: int) -> T | None:
        """The row starting first at or after ``x`` (the first listed of those starting there)."""
        i = bisect.bisect_left(self.starts, x)
        if i == len(self.starts):
            return None
        j = bisect.bisect_right(self.starts, self.starts[i])
        return min(self.rows[i:j], key=lambda x: x[0])[1]

    def touching(self, lo: int, hi: int) -> list[T]:
        """Rows whose span overlaps or touches ``[lo, hi]`` (start <= hi and end >= lo), in their
        original order: a superset of the rows that overlap the range."""
        a = bisect.bisect_left(self.starts, lo - self.longest)
        b = bisect.bisect_right(self.starts, hi)
        return [r for _, r in sorted(self.rows[a:b], key=lambda x: x[0])]


def index(doc: Any, key: str, rows: Sequence, build: Callable[[Sequence], I]) -> I:
    """The index of ``rows`` (a list held by ``doc``) under ``key``, built once while the list stays
    the same object of the same length. The records themselves must not move while it is used:
    the stages that ask (events of an analyzed document) come after the ones that write them."""
    cache = doc._indexes
    hit = cache.get(key)
    if hit is None or hit[0] is not rows or hit[1] != len(rows):
        hit = cache[key] = (rows, len(rows), build(rows))
    return hit[2]


def record_index(doc: Any, key: str, records: Sequence) -> SpanIndex:
    """The index of records that carry ``start`` and ``end`` themselves (times, quantities, quotes)."""
    return index(doc, key, records, lambda rs: SpanIndex((r.start, r.end, r) for r in rs))


class SpanSet:
    """Character spans added one at a time; whether a range overlaps one of them, in log time
    (a mention is short: only the spans starting within the longest one's length are looked at)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span ``(s, e)`` with ``s < end`` and ``start < e`` was added."""
        a = bisect.bisect_left(self.starts, start - self.longest)
        b = bisect.bisect_left(self.starts, end)
        return any(self.ends[k] > start for k in range(a, b))
