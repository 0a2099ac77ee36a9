"""Segmentation stage: body paragraphs and photo captions, with their credits."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .dates import first_day, last_day, parse_date
from ..models import Document, DocumentDate, Segment
from ..pipeline import Stage, register

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A caption ends with a credit: "@Photo AP/Ahn Young-joon." or "© Reuters".
# The mark stands after a space (not inside an e-mail address); a credit is short.
CREDIT_RE = re.compile(r"(?<!\S)(?:@|©)\s*(?P<credit>[^@©\n]{0,80}?[^\s.@©])\s*\.?\s*$")
ARCHIVE_RE = re.compile(r"\b(?:images?|photos?|clichés?)\s+d['’]archives?\b|\(archives?\)|\bd['’]archives?\b",
                        re.IGNORECASE)
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
CAPTION_DATE_RE = re.compile(
    r"\b(?:(?P<day>1er|\d{1,2})\s+)?(?:(?P<month>" + "|".join(MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of ``text[start:end]``, whitespace trimmed."""
    pos = start
    for m in PARAGRAPH_BREAK.finditer(text, start, end):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield start + lead, start + lead + len(stripped)


def dates_in(text: str) -> Iterator[DocumentDate]:
    for m in CAPTION_DATE_RE.finditer(text):
        year, month, day = m.group("year"), m.group("month"), m.group("day")
        value = year
        if month:
            value += f"-{MONTHS.index(month.lower()) + 1:02d}"
            if day:
                value += f"-{1 if day == '1er' else int(day):02d}"
        try:
            yield parse_date(value)
        except ValueError:
            continue


def is_archive(caption: str, dct: DocumentDate | None) -> bool:
    """An archive image: said so, or dated wholly before the document."""
    if ARCHIVE_RE.search(caption):
        return True
    if dct is None:
        return False
    return any(last_day(d) < first_day(dct) for d in dates_in(caption))


def caption_of(text: str, start: int, end: int, dct: DocumentDate | None) -> Segment | None:
    m = CREDIT_RE.search(text, start, end)
    if not m or m.end() != end:
        return None
    return Segment(
        kind="caption", start=start, end=end,
        credit=m.group("credit"), credit_start=m.start("credit"), credit_end=m.end("credit"),
        archive=is_archive(text[start:m.start()], dct),
    )


@register("segments", requires=("text",), provides=("segments",))
class SegmentStage(Stage):
    """Splits what the reader did not place (header, title) into body paragraphs and captions."""

    def __call__(self, doc: Document) -> Document:
        taken = sorted((s.start, s.end) for s in doc.segments)
        free, pos = [], 0
        for s, e in taken:
            if s > pos:
                free.append((pos, s))
            pos = max(pos, e)
        free.append((pos, len(doc.text)))
        new = []
        for lo, hi in free:
            for start, end in paragraphs(doc.text, lo, hi):
                new.append(caption_of(doc.text, start, end, doc.dct) or Segment(kind="body", start=start, end=end))
        doc.segments = sorted(doc.segments + new, key=lambda s: s.start)
        return doc
