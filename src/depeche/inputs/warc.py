"""WARC files (warcio), plain or gzipped: each captured HTML page a document.

Only ``response`` records with HTTP status 200 and an HTML content type are read; requests,
metadata, redirects and other media are passed over. A page's main text, title and date are
extracted with trafilatura as for an HTML file; when the page gives no date, the capture
date (``WARC-Date``) is the document date. The source is the captured URL
(``WARC-Target-URI``), and ``metadata`` keeps ``url``, ``outlet`` (the page's site name, else
its host), ``captured`` and ``warc`` (the file). Records are read one at a time, each at
most ``max_bytes``, so an archive of any size streams.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..config import Settings
from ..errors import BadArchive, InputError, TooLarge
from ..models import Document
from .dates import parse_date
from .readers import read_html

Item = Document | InputError
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def read_warc(path: Path, settings: Settings) -> Iterator[Item]:
    """The documents of the HTML pages captured in the WARC file at ``path``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield BadArchive(source, exc.strerror or str(exc))
        return
    with stream:
        records = iter(ArchiveIterator(stream))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except ArchiveLoadFailed as exc:
                yield BadArchive(source, f"not a readable WARC file: {exc}")
                return
            # A truncated gzip member, a cut record; warcio fails on some broken headers with
            # AttributeError or TypeError (a header it expected is None).
            except (OSError, EOFError, ValueError, AttributeError, TypeError) as exc:
                yield BadArchive(source, f"cut short or corrupt: {type(exc).__name__}: {exc}")
                return
            if record.format != "warc":  # warcio reads any text as an old ARC record
                yield BadArchive(source, f"not a WARC record ({record.format}) at byte {stream.tell()}")
                return
            item = _page(record, source, settings)
            if item is not None:
                yield item


def _page(record, warc: str, settings: Settings) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not any(t in content_type for t in HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or f"{warc}#{record.rec_headers.get_header('WARC-Record-ID')}"
    captured = record.rec_headers.get_header("WARC-Date") or ""
    try:
        body = record.content_stream().read(settings.max_bytes + 1)
        if len(body) > settings.max_bytes:
            raise TooLarge(url, f"page over the maximum of {settings.max_bytes} bytes (setting max_bytes)")
        doc = read_html(body, url, settings, guess_date=not captured)
    except InputError as err:
        return err
    if doc.dct is None and captured:
        try:
            doc.dct = parse_date(captured[:10])
        except ValueError:
            doc.warnings.append(f"capture date {captured!r} is not a date")
    doc.metadata = {**doc.metadata, "url": url, "outlet": doc.metadata.get("sitename") or urlsplit(url).netloc,
                    "captured": captured, "warc": warc}
    return doc
