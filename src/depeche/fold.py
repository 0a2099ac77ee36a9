"""One way to compare names: ``fold``.

The knowledge base, the gazetteer index and the record's name index all key names by
``fold``: letters transliterated to ASCII (by ``anyascii``: "Œuvre" -> "oeuvre", "Straße" ->
"strasse", "Wałęsa" -> "walesa", "Đoković" -> "djokovic"... as the library spells it), then
case-folded. Everything else (digits, spaces, punctuation, modifier letters) is kept as it is,
so each index can cut the folded text into its own words:

- ``name_key`` (gazetteer, record): punctuation and spaces as one space;
- ``token_key`` (knowledge base): spaCy's French tokens aligned ("l'Élysée" is two tokens,
  ``l'`` and ``Élysée``: its key is "l' elysee").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

__all__ = ["fold", "name_key", "token_key"]


# Letters and marks are transliterated; modifier letters (Lm: the ayin of "ʿAmmān", the okina)
# are signs written beside a word, kept as they are.
_SPELLED = frozenset({"Lu", "Ll", "Lt", "Lo", "Mn", "Mc", "Me"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Letters to ASCII, case-folded; other characters unchanged (cached: the same words and
    names come back in every document)."""
    if text.isascii():
        return text.casefold()
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
        elif unicodedata.category(ch) in _SPELLED:
            out.append(anyascii(ch))
        else:
            out.append(ch)
    return "".join(out).casefold()


_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´.,()/\"«»]+")


def name_key(text: str) -> str:
    """The look-up key of a name: folded, punctuation and spaces as one space."""
    return _SEPARATORS.sub(" ", fold(text)).strip()


@lru_cache(maxsize=65536)
def token_key(text: str) -> str:
    """The folded text aligned on spaCy's French tokens: hyphens as spaces, an elided word
    kept apart from the next ("l'armée" -> "l' armee"), single spaces."""
    text = fold(text.replace("\u2019", "'").replace("\u2011", "-"))
    return " ".join(text.replace("-", " ").replace("'", "' ").split())
