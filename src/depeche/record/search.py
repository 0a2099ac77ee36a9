"""Words of a text search, as French readers mean them: case, accents and inflections ignored.

A word given to ``--text`` matches the words of the documents that have the same French
Snowball stem, compared without accents: "manifestation" finds "manifestations", "défense"
finds "defense". A word that ends with ``*`` is a prefix (``coop*``). A word that the search
index splits in several (``nord-coréen``, ``l'armée``) is a phrase of those parts.

The backends index the words as written (lower case, accents removed) and expand each
stem into the indexed words that share it, so the index stays readable by other tools
(datasette's full-text search).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .query import QueryError

# What the index's tokenizer (unicode61) keeps together: letters and digits.
TOKEN = re.compile(r"[^\W_]+")


def index_fold(text: str) -> str:
    """Lower case without diacritics, as the index's tokenizer (``unicode61 remove_diacritics 2``)
    folds the documents' words: "défense" -> "defense" (a letter such as "ł" stays: the index keeps it)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The French Snowball stem of a folded word."""
    return _stemmer().stemWord(word)


@dataclass(frozen=True)
class Word:
    """One word of a search: its index tokens, and how to match them."""

    tokens: tuple[str, ...]
    prefix: bool

    @property
    def stemmed(self) -> bool:
        """A single token matched by its stem (a phrase or a prefix is matched as written)."""
        return len(self.tokens) == 1 and not self.prefix

    def stem(self) -> str:
        return stem(self.tokens[0])


def search_words(text: str) -> list[Word]:
    """The words of a ``--text`` search; every one must occur in a document."""
    words = []
    for raw in text.split():
        prefix = raw.endswith("*")
        tokens = tuple(TOKEN.findall(index_fold(raw.rstrip("*"))))
        if tokens:
            words.append(Word(tokens, prefix))
    if not words:
        raise QueryError("--text needs at least one word")
    return words


def same_stem(word: Word, candidates: list[str]) -> list[str]:
    """The indexed words among ``candidates`` (words that begin with the stem) that have its stem."""
    wanted = word.stem()
    return [c for c in candidates if stem(c) == wanted]


def fts_phrase(tokens: tuple[str, ...] | list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
