"""Turn quoted phrases of the working format into character offsets, failing loudly.

A quote is one of:
  "Olaf Scholz"                   the phrase itself (must be unambiguous where it is searched)
  "le chancelier [Olaf Scholz] a" a context copied from the text with the span in [brackets]
  "il #2"                         the 2nd occurrence (1-based) of the phrase in the whole article
Matching is exact and case-sensitive, except that any run of white space (spaces, no-break
spaces, line breaks) matches any other run, the apostrophes ' ’ ‘ ʼ match each other, the dashes
- ‐ ‑ – — match each other and the quotes " “ ” match each other. A phrase that starts or ends with
a letter or digit only matches at a word boundary ("il" is never found inside "ville").
"""
from __future__ import annotations

import re

_CLASSES = {"'": "['’‘ʼ]", "’": "['’‘ʼ]", "‘": "['’‘ʼ]", "ʼ": "['’‘ʼ]",
            "-": "[-‐‑–—]", "‐": "[-‐‑–—]", "‑": "[-‐‑–—]", "–": "[-‐‑–—]", "—": "[-‐‑–—]",
            '"': '["“”]', "“": '["“”]', "”": '["“”]'}
_NTH = re.compile(r"\s+#(\d+)$")
_SENT_END = re.compile(r"(?<=[.!?…])[»\"”)]?\s+|\n+")


class SpanError(ValueError):
    pass


def _pattern(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            while i < len(text) and text[i].isspace():
                i += 1
            out.append(r"\s+")
            continue
        out.append(_CLASSES.get(ch, re.escape(ch)))
        i += 1
    pat = "".join(out)
    if text[:1].isalnum():
        pat = r"(?<!\w)" + pat
    if text[-1:].isalnum():
        pat += r"(?!\w)"
    return pat


def parse(quote: str) -> tuple[str, str, str, int | None]:
    """(before, span, after, nth) of a quote."""
    if not isinstance(quote, str) or not quote.strip():
        raise SpanError(f"empty or non-string quote {quote!r}")
    nth = None
    m = _NTH.search(quote)
    if m:
        nth, quote = int(m.group(1)), quote[:m.start()]
    if quote.count("[") == 1 and quote.count("]") == 1 and quote.index("[") < quote.index("]"):
        a, b = quote.index("["), quote.index("]")
        before, span, after = quote[:a], quote[a + 1:b], quote[b + 1:]
        if not span.strip():
            raise SpanError(f"empty [brackets] in {quote!r}")
        if span != span.strip():
            raise SpanError(f"white space just inside the [brackets] of {quote!r}")
        return before, span, after, nth
    if "[" in quote or "]" in quote:
        raise SpanError(f"brackets must be one [ and one ] around the span: {quote!r}")
    return "", quote.strip(), "", nth


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) of the quote's span in text, its context included in the match."""
    before, span, after, _ = parse(quote)
    return [(m.start(1), m.end(1)) for m in re.finditer(_fix_joins(before, span, after), text)]


def _fix_joins(before: str, span: str, after: str) -> str:
    """Pattern for before+span+after, keeping the white space at the joins."""
    parts = []
    if before:
        b = before.rstrip()
        parts.append(_pattern(b) if b else "")
        if before != b:
            parts.append(r"\s+")
    parts.append("(" + _pattern(span) + ")")
    if after:
        a = after.lstrip()
        if after != a:
            parts.append(r"\s+")
        parts.append(_pattern(a) if a else "")
    return "".join(parts)


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _SENT_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def locate(text: str, quote: str, *, within: tuple[int, int] | None = None,
           near: int | None = None) -> tuple[int, int]:
    """The offsets of a quote. With ``within`` (the trigger's sentence), a plain phrase is looked
    for there first; with ``near``, a phrase found several times resolves to the closest
    occurrence ending at or before ``near`` (else the first after it): used for ``ref``."""
    _, span, _, nth = parse(quote)
    found = occurrences(text, quote)
    if not found:
        raise SpanError(f"not found in the text: {quote!r}")
    if nth is not None:
        if nth < 1 or nth > len(found):
            raise SpanError(f"{quote!r}: asks for occurrence {nth}, the text has {len(found)}")
        return found[nth - 1]
    if len(found) == 1:
        return found[0]
    if within is not None:
        inside = [f for f in found if within[0] <= f[0] and f[1] <= within[1]]
        if len(inside) == 1:
            return inside[0]
        if len(inside) > 1:
            raise SpanError(f"{quote!r} occurs {len(inside)} times in the event's sentence: "
                            "mark it in a context with [brackets]")
    if near is not None:
        before = [f for f in found if f[1] <= near]
        return before[-1] if before else found[0]
    raise SpanError(f"{quote!r} occurs {len(found)} times"
                    + (" (not in the event's sentence)" if within is not None else "")
                    + ": mark it in a context with [brackets] or add #N")
