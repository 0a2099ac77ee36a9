"""A file's encoding, decided once per file, and what was done said in a warning.

- A byte order mark decides: UTF-8, UTF-16 or UTF-32 (little or big endian).
- Else UTF-8. A file that is UTF-8 but for a few bytes (more valid multi-byte UTF-8 sequences
  than bytes that are not) stays UTF-8: only those bytes are read as Windows-1252 (what a French
  character pasted from another file nearly always is), and the warning counts them and gives the
  first one's offset. A file with no valid multi-byte sequence but invalid bytes is in a legacy
  encoding: Windows-1252 when it decodes to printable text, else the one charset-normalizer finds.
- A NUL byte (without a UTF-16 or UTF-32 byte order mark) or a NUL character in the decoded
  text means it is no text (``binary``), wherever it stands.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import BinaryInput, UndecodableInput

BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
ESCAPED = re.compile("[\udc80-\udcff]")  # the bytes that ``surrogateescape`` could not decode


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """The text of ``data`` and the warnings saying how it was decoded when not plain UTF-8."""
    if not any(data.startswith(bom) for bom, _, _ in BOMS):
        nul = data.find(b"\x00")  # (UTF-16 and UTF-32 are read only with their byte order mark)
        if nul >= 0:
            raise BinaryInput(source, f"a NUL byte at byte {nul}: not a text file")
    text, warnings = _decode(data, source)
    nul = text.find("\x00")
    if nul >= 0:
        raise BinaryInput(source, f"a NUL character at character {nul}: not a text file")
    return text, warnings


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(source, f"starts with a {name} byte order mark but is not {name} "
                                               f"({exc.reason} at byte {exc.start + len(bom)})") from None
            return text, ([] if name == "UTF-8" else [f"decoded as {name} ({codec[-2:].upper()}, byte order mark)"])
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first = exc.start
    mixed = data.decode("utf-8", errors="surrogateescape")
    bad = len(ESCAPED.findall(mixed))
    if len(UTF8_MULTIBYTE.findall(data)) >= bad:
        text = ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), mixed)
        return text, [f"{bad} byte{'s' if bad > 1 else ''} not valid UTF-8 (the first at byte {first}) read as "
                      "Windows-1252; the rest is UTF-8"]
    text, encoding = _legacy(data)
    if text is None:
        raise UndecodableInput(source, f"not UTF-8 (byte {first}) and no encoding fits")
    return text, [f"not valid UTF-8 (byte {first}); decoded as {encoding}"]


def _legacy(data: bytes) -> tuple[str | None, str | None]:
    """Windows-1252 (what non-UTF-8 French text nearly always is) when it decodes to printable
    text, else the encoding charset-normalizer finds."""
    try:
        text = data.decode("cp1252")
        if not any(0x80 <= ord(c) <= 0x9F for c in text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return (str(best), best.encoding) if best is not None else (None, None)
