"""Readers: one per input kind. Bad input is rejected here, once, with a named error.

Each reader yields ``Document`` objects (text, id, source, dct, header/title
segments) or ``InputError`` objects for inputs that cannot become one.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from .dates import parse_date, parse_header
from .encoding import decode as decode_text
from .streams import Overlong, split_lines, file_lines, is_stream, read_bytes, stdin_stream, too_large
from ..errors import (
    BadHeader,
    BadRecord,
    BinaryInput,
    EmptyInput,
    InputError,
    NoMainText,
    TooLarge,
    UnreadablePath,
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
    """The text of ``data`` (see ``encoding``), with a warning saying how when it is not plain UTF-8."""
    if len(data) > max_bytes:
        raise TooLarge(source, f"{len(data)} bytes is over the maximum of {max_bytes} (setting max_bytes)")
    if not data.strip():
        raise EmptyInput(source, "no text")
    text, warnings = decode_text(data, source)
    if not text.strip():
        raise EmptyInput(source, "no text")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BinaryInput(source, "mostly control characters: not a text file")
    return text, warnings


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


def read_jsonl(lines: Iterable[bytes | Overlong], source: str, settings: Settings, first: int = 1,
               seen: dict[str, int] | None = None) -> Iterator[Item]:
    """One document per JSON object line. A record whose ``id`` an earlier line of the same input
    already had is kept too, as ``ID#2``, ``ID#3``... (with a warning): two articles are never one.
    ``first`` is the number of the first line and ``seen`` how often each id was read before it
    (a shard's part: ``jsonl_ids`` counts them)."""
    seen = dict(seen or {})
    for number, line in enumerate(lines, first):
        where = f"{source}:{number}"
        if isinstance(line, Overlong) or len(line) > settings.max_bytes:
            yield too_large(where, line.size if isinstance(line, Overlong) else len(line), settings.max_bytes)
            continue
        if not line.strip():
            continue
        try:
            record = _record(line, where)
            warnings = []
            rid = _record_id(record, where)
            if rid in seen:
                seen[rid] += 1
                warnings.append(f"id {rid!r} already read in this input: kept as {rid}#{seen[rid]} ({where})")
                rid = f"{rid}#{seen[rid]}"
            else:
                seen[rid] = 1
            metadata = {k: v for k, v in record.items() if k not in JSONL_FIELDS}
            doc = _assemble(rid, record.get("title"), record.get("heading"), record["text"],
                            record.get("date"), warnings, metadata, origin=where)
            if "\x00" in doc.text:
                raise BadRecord(where, "the text holds a NUL character")
            yield doc
        except InputError as err:
            yield err


def _record_id(record: dict, where: str) -> str:
    return str(record["id"]) if record.get("id") is not None else where


def jsonl_ids(lines: Iterable[bytes], source: str, settings: Settings, first: int = 1) -> Iterator[str | None]:
    """For each line, the id ``read_jsonl`` reads it under before renaming repeats, or None for
    a line it skips or rejects: what a reader of one part needs to know of the parts before it."""
    for number, line in enumerate(lines, first):
        if len(line) > settings.max_bytes or not line.strip():
            yield None
            continue
        where = f"{source}:{number}"
        try:
            yield _record_id(_record(line, where), where)
        except InputError:
            yield None


# JSON nested deeper than this is no article record (and would exhaust Python's recursion).
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(line: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (strings left out), in linear time."""
    depth = deepest = 0
    for byte in _JSON_STRING.sub(b"", line).translate(None, _NOT_BRACKETS):
        depth += 1 if byte in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _record(line: bytes, where: str) -> dict:
    if json_depth(line) > MAX_JSON_DEPTH:
        raise BadRecord(where, f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadRecord(where, f"not JSON: {exc}") from None
    if not isinstance(record, dict):
        raise BadRecord(where, "a JSON line must be an object")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise BadRecord(where, "no 'text' field with text in it")
    return record


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
            yield from read_jsonl(file_lines(path, source, settings.max_bytes, settings.read_timeout), source, settings)
            return
        if fmt == "warc":
            from .warc import read_warc

            yield from read_warc(path, settings)
            return
        if fmt == "feed":
            from .feeds import read_feed

            data = read_bytes(path, source, settings.feed_max_bytes, settings.read_timeout)
            yield from read_feed(data, source, settings)
            return
        data = read_bytes(path, source, settings.max_bytes, settings.read_timeout)
        yield (read_html if fmt == "html" else read_text)(data, source, settings)
    except InputError as err:
        yield err
    except OSError as exc:
        yield UnreadablePath(source, exc.strerror or str(exc))


def read_stdin(settings: Settings, forced: str | None = None, source: str | None = None) -> Iterator[Item]:
    """Standard input, read within ``max_bytes`` and ``read_timeout``. A text or a page is named
    ``source`` when given, else ``<stdin>:`` and a hash of its bytes (two different texts piped in
    are two sources, never one replacing the other); JSON lines are named by their ids."""
    fmt = forced or "txt"
    stream, fh = stdin_stream("<stdin>", settings.read_timeout)

    def read(limit: int) -> bytes:
        return stream.read(limit) if stream is not None else fh.read(limit + 1)

    try:
        if fmt == "jsonl":
            lines = stream.lines(settings.max_bytes) if stream is not None else \
                split_lines(iter(lambda: fh.read(1 << 16), b""), settings.max_bytes)
            yield from read_jsonl(lines, source or "<stdin>", settings)
        elif fmt == "feed":
            from .feeds import read_feed

            data = read(settings.feed_max_bytes)
            yield from read_feed(data, source or "<stdin>", settings)
        elif fmt == "warc":
            raise UnreadablePath("<stdin>", "a WARC file is read from a file, not from standard input")
        else:
            data = read(settings.max_bytes)
            name = source or f"<stdin>:{hashlib.sha256(data).hexdigest()[:16]}"
            yield (read_html if fmt == "html" else read_text)(data, name, settings)
    except InputError as err:
        yield err
    except OSError as exc:
        yield UnreadablePath("<stdin>", exc.strerror or str(exc))


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


def read_inputs(paths: Iterable[str], settings: Settings, forced: str | None = None,
                stdin_source: str | None = None) -> Iterator[Item]:
    """Every document of ``paths`` (``-``: standard input, named ``stdin_source`` when given)."""
    if forced is not None and forced not in FORMATS:
        raise ValueError(f"unknown format {forced!r}; expected one of {', '.join(FORMATS)}")
    for item in expand(paths):
        if item == "-":
            yield from read_stdin(settings, forced, stdin_source)
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
                if is_stream(item):
                    return None  # (counting would read it)
                with item.open("rb") as fh:
                    total += sum(1 for line in split_lines(iter(lambda: fh.read(1 << 16), b""), 1 << 20)
                                 if isinstance(line, Overlong) or line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
