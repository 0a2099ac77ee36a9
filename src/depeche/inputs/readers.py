"""Readers: one per input kind. Bad input is rejected here, once, with a named error.

Each reader yields ``Document`` objects (text, id, source, dct, header/title
segments) or ``InputError`` objects for inputs that cannot become one.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from ..config import Settings
from .dates import parse_date, parse_header
from ..errors import (
    BadHeader,
    BadRecord,
    BinaryInput,
    EmptyInput,
    InputError,
    NoMainText,
    TooLarge,
    UnreadablePath,
    UndecodableInput,
)
from ..models import Document, DocumentDate, Segment

FORMATS = ("txt", "jsonl", "html", "feed", "warc")
EXTENSIONS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
              ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".warc.gz": "warc"}
# Formats whose number of documents is known only once read.
STREAMED = ("feed", "warc")
JSONL_FIELDS = ("id", "date", "title", "heading", "text")
# Fewer words than this is a menu or a link left over, not an article.
MIN_MAIN_WORDS = 5

Item = Document | InputError


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes, source: str, max_bytes: int) -> tuple[str, list[str]]:
    """UTF-8 text of ``data``, or the detected encoding with a warning saying which."""
    if len(data) > max_bytes:
        raise TooLarge(source, f"{len(data)} bytes is over the maximum of {max_bytes} (setting max_bytes)")
    if not data.strip():
        raise EmptyInput(source, "no text")
    if b"\x00" in data[:8192]:
        raise BinaryInput(source, "contains NUL bytes: not a text file")
    try:
        text = data.decode("utf-8-sig")
        warnings: list[str] = []
    except UnicodeDecodeError as exc:
        text, encoding = _fallback(data)
        if text is None:
            raise UndecodableInput(source, f"not UTF-8 ({exc.reason} at byte {exc.start}) and no encoding fits") from exc
        warnings = [f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}"]
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BinaryInput(source, "mostly control characters: not a text file")
    return text, warnings


def _fallback(data: bytes) -> tuple[str | None, str | None]:
    """Windows-1252 (what non-UTF-8 French text nearly always is) when it decodes to
    printable text, else the encoding charset-normalizer finds."""
    try:
        text = data.decode("cp1252")
        if not any(0x80 <= ord(c) <= 0x9F for c in text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return (str(best), best.encoding) if best is not None else (None, None)


def header_document(text: str, source: str, warnings: list[str], metadata: dict | None = None) -> Document:
    try:
        header = parse_header(text)
    except ValueError as exc:
        raise BadHeader(source, f"header is not a date: {exc}") from None
    segments = []
    dct = None
    if header is not None:
        dct = header.date
        segments.append(Segment(kind="header", start=header.start, end=header.end))
        if not text[header.end:].strip():
            raise EmptyInput(source, "a header and no text")
    return Document(
        id=content_id(text), source=source, text=text, dct=dct,
        segments=segments, warnings=warnings, metadata=metadata or {},
    )


def read_text(data: bytes, source: str, settings: Settings) -> Document:
    text, warnings = decode(data, source, settings.max_bytes)
    return header_document(text, source, warnings)


def read_html(data: bytes, source: str, settings: Settings, guess_date: bool = True) -> Document:
    """Main text, title and date of an HTML page (trafilatura). ``guess_date=False`` takes the
    date from the page's metadata only, never guessed from its text: for pages whose date is
    known otherwise (a feed item's, a capture's)."""
    import trafilatura
    from trafilatura.settings import set_date_params

    html, warnings = decode(data, source, settings.max_bytes)
    extracted = trafilatura.bare_extraction(html, with_metadata=True,
                                            date_extraction_params=set_date_params(guess_date))
    result = extracted.as_dict() if extracted is not None else {}
    body = result.get("text") or ""
    if len(body.split()) < MIN_MAIN_WORDS:
        raise NoMainText(source, "no main text found in the HTML page")
    metadata = {k: result[k] for k in ("url", "author", "sitename") if result.get(k)}
    return _assemble(source, result.get("title"), None, body, result.get("date"), warnings, metadata)


def _assemble(source, title, heading, body, date, warnings, metadata, origin=None) -> Document:
    """A document from separate title, heading and body: title, blank line, heading, blank line, body."""
    parts, segments, pos = [], [], 0
    for kind, part in (("title", title), ("body", heading), ("body", body)):
        if not part or not str(part).strip():
            continue
        part = str(part).strip()
        if parts:
            parts.append("\n\n")
            pos += 2
        if kind == "title":
            segments.append(Segment(kind="title", start=pos, end=pos + len(part)))
        parts.append(part)
        pos += len(part)
    text = "".join(parts)
    dct: DocumentDate | None = None
    if date:
        try:
            dct = parse_date(str(date))
        except ValueError as exc:
            raise BadRecord(origin or source, f"date is not a date: {exc}") from None
    return Document(
        id=content_id(text), source=source, text=text, dct=dct,
        segments=segments, warnings=warnings, metadata=metadata,
    )


def read_jsonl(lines: Iterable[bytes], source: str, settings: Settings, first: int = 1) -> Iterator[Item]:
    """The records of JSONL lines; ``first`` is the number of the first line (a shard's part)."""
    for number, line in enumerate(lines, first):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            if len(line) > settings.max_bytes:
                raise TooLarge(where, f"{len(line)} bytes is over the maximum of {settings.max_bytes}")
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise BadRecord(where, f"not JSON: {exc}") from None
            if not isinstance(record, dict):
                raise BadRecord(where, "a JSON line must be an object")
            if not isinstance(record.get("text"), str) or not record["text"].strip():
                raise BadRecord(where, "no 'text' field with text in it")
            rid = str(record["id"]) if record.get("id") is not None else where
            metadata = {k: v for k, v in record.items() if k not in JSONL_FIELDS}
            yield _assemble(rid, record.get("title"), record.get("heading"), record["text"],
                            record.get("date"), [], metadata, origin=where)
        except InputError as err:
            yield err


def extension(path: Path) -> str:
    """The extension that names the format: ``.warc.gz`` whole, else the last suffix."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def detect_format(path: Path, forced: str | None) -> str:
    return forced or EXTENSIONS.get(extension(path), "txt")


def read_path(path: Path, settings: Settings, forced: str | None = None) -> Iterator[Item]:
    source = str(path)
    fmt = detect_format(path, forced)
    try:
        if fmt == "jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(fh, source, settings)
            return
        if fmt == "warc":
            from .warc import read_warc

            yield from read_warc(path, settings)
            return
        size = path.stat().st_size
        if fmt == "feed":
            from .feeds import read_feed

            if size > settings.feed_max_bytes:
                raise TooLarge(source, f"{size} bytes is over the maximum of {settings.feed_max_bytes} "
                                       "(setting feed_max_bytes)")
            yield from read_feed(path.read_bytes(), source, settings)
            return
        if size > settings.max_bytes:
            raise TooLarge(source, f"{size} bytes is over the maximum of {settings.max_bytes} (setting max_bytes)")
        data = path.read_bytes()
        yield (read_html if fmt == "html" else read_text)(data, source, settings)
    except InputError as err:
        yield err
    except OSError as exc:
        yield UnreadablePath(source, exc.strerror or str(exc))


def read_stdin(settings: Settings, forced: str | None = None) -> Iterator[Item]:
    stream = sys.stdin.buffer
    fmt = forced or "txt"
    try:
        if fmt == "jsonl":
            yield from read_jsonl(stream, "<stdin>", settings)
        elif fmt == "feed":
            from .feeds import read_feed

            yield from read_feed(stream.read(settings.feed_max_bytes + 1), "<stdin>", settings)
        elif fmt == "warc":
            raise UnreadablePath("<stdin>", "a WARC file is read from a file, not from standard input")
        else:
            data = stream.read(settings.max_bytes + 1)
            yield (read_html if fmt == "html" else read_text)(data, "<stdin>", settings)
    except InputError as err:
        yield err


def expand(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files in the order given; directories recursively, supported extensions only."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and extension(child) in EXTENSIONS and not child.name.startswith("."):
                    yield child
        else:
            yield path


def read_inputs(paths: Iterable[str], settings: Settings, forced: str | None = None) -> Iterator[Item]:
    if forced is not None and forced not in FORMATS:
        raise ValueError(f"unknown format {forced!r}; expected one of {', '.join(FORMATS)}")
    for item in expand(paths):
        if item == "-":
            yield from read_stdin(settings, forced)
        else:
            yield from read_path(item, settings, forced)


def count_inputs(paths: Iterable[str], forced: str | None = None) -> int | None:
    """How many documents ``read_inputs`` will yield (JSONL lines counted), None if unknown."""
    total = 0
    for item in expand(paths):
        if item == "-":
            return None
        if detect_format(item, forced) in STREAMED:
            return None
        if detect_format(item, forced) == "jsonl":
            try:
                with item.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
