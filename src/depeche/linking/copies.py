"""Copies: articles that are the same text or a light rewrite of it.

Four signals, each cheap: the same canonical URL (``url``, ``canonical_url`` or ``link`` in a
document's metadata, scheme, ``www.``, query and fragment dropped), the same normalised text
(case, punctuation and spacing ignored: ``exact``), the MinHash of the text's word 3-grams
(``near``), with candidates found by LSH banding (the bands and rows of datasketch's
``MinHashLSH`` for the lowest Jaccard that can decide, ``Bands``), and the title. Two texts are
near copies by how much of the shorter one's 3-grams are in the longer one (``containment``,
estimated from the MinHash Jaccard and the two 3-gram counts; their Jaccard at least
``MIN_JACCARD``), and by how far apart they were published: on the same day ``containment``
(a rewrite, an extended or reordered version) is enough; a day or more apart (up to ``days``)
it takes ``later`` (an article of the next day that shares less is a follow-up repeating its
background); further apart, or when a date is missing, their Jaccard must reach ``threshold``
too. Two articles of the same day with the same title (four words or more) that share at
least ``MIN_JACCARD`` are one dispatch updated. Copies are grouped by union-find, so a group
does not depend on the order in which articles arrive; its id is derived from its smallest
document id.

``Bands`` keys each band by its values as one integer in a dict per band: the candidates of
``MinHashLSH`` (the same bands, hence the same collisions) without its per-band byte swapping
and storage layer, which took half of the copy step's time. The signature is datasketch's
``affine32`` MinHash (``MinHash(num_perm, seed=1)``), computed
for all shingles at once with numpy instead of one Python call per shingle: the values equal
``MinHash.update_batch`` over the same shingle hashes (tests/linking/test_copies.py checks it).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from .unionfind import UnionFind

NUM_PERM = 64
SEED = 1
SCHEME = "affine32"
SHINGLE = 3
MIN_JACCARD = 0.2
TITLE_WORDS = 4  # a shorter title ("Météo", "Horoscope") says nothing
URL_KEYS = ("canonical_url", "url", "link")
# Word characters of the UTF-8 bytes: ASCII letters and digits, and every byte of a multi-byte
# character (accented letters); the typographic signs are made spaces first.
_WORD_BYTES = re.compile(rb"[0-9a-z\x80-\xff]+")
_TYPOGRAPHIC = ("«", "»", "“", "”", "‘", "’", "–", "—", "…", "•", "·", "\u00a0", "\u202f")


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch mixes each input hash."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def words(text: str) -> list[bytes]:
    """The text's words as UTF-8: lower case, punctuation as space (accents kept)."""
    text = text.lower()
    for sign in _TYPOGRAPHIC:
        if sign in text:
            text = text.replace(sign, " ")
    return _WORD_BYTES.findall(text.encode("utf-8"))


def shingle_hashes(tokens: list[bytes], size: int = SHINGLE) -> np.ndarray:
    """One 32-bit hash per run of ``size`` consecutive words (the whole text when shorter)."""
    h = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    if len(h) < size:
        h = np.array([zlib.crc32(b" ".join(tokens))], dtype=np.uint64)
        size = 1
    mixed = h[: len(h) - size + 1].copy()
    for k in range(1, size):
        mixed = mixed * np.uint64(0x9E3779B1) + h[k: len(h) - size + 1 + k]
    return (mixed ^ (mixed >> np.uint64(32))).astype(np.uint32)


def signature(tokens: list[bytes], num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash values (uint32, ``num_perm`` of them) of the text's word shingles."""
    a, b = _permutations(num_perm)
    hv = _fmix32(shingle_hashes(tokens)).reshape(-1, 1)
    return (hv * a + b).min(axis=0)


def canonical_url(metadata: dict) -> str | None:
    """The document's URL without scheme, ``www.``, query, fragment and final slash; None if absent."""
    for key in URL_KEYS:
        value = metadata.get(key)
        if isinstance(value, str) and "." in value:
            parts = urlsplit(value.strip() if "//" in value else "//" + value.strip())
            host = parts.netloc.lower().removeprefix("www.")
            if host:
                return host + parts.path.rstrip("/")
    return None


def title_key(title: str | None) -> str | None:
    """A hash of the title's words, when it has ``TITLE_WORDS`` or more."""
    tokens = words(title or "")
    return hashlib.sha1(b" ".join(tokens)).hexdigest()[:16] if len(tokens) >= TITLE_WORDS else None


@dataclass(frozen=True)
class Fingerprint:
    """What copy detection keeps of a document: its normalised-text hash, URL, MinHash, number
    of distinct 3-grams, date (ISO, or None) and the hash of its title's words (None when the
    title is shorter than ``TITLE_WORDS``)."""

    doc_id: str
    text_hash: str
    url: str | None
    minhash: bytes
    shingles: int = 0
    date: str | None = None
    title: str | None = None

    @classmethod
    def of(cls, doc_id: str, text: str, metadata: dict | None = None, date: str | None = None,
           num_perm: int = NUM_PERM, title: str | None = None) -> Fingerprint:
        tokens = words(text)
        text_hash = hashlib.sha1(b" ".join(tokens)).hexdigest()[:16]
        hashes = shingle_hashes(tokens)
        a, b = _permutations(num_perm)
        values = (_fmix32(hashes).reshape(-1, 1) * a + b).min(axis=0)
        return cls(doc_id, text_hash, canonical_url(metadata or {}), values.tobytes(),
                   len(set(hashes.tolist())), date, title_key(title))

    def values(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype=np.uint32)


class Bands:
    """LSH over MinHash values: ``b`` bands of ``r`` values each (datasketch's choice for
    ``threshold``), a dict per band from the band's values to the documents that have them."""

    def __init__(self, threshold: float, num_perm: int = NUM_PERM):
        params = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.b, self.r = params.b, params.r
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.b)]

    def keys(self, values: np.ndarray) -> list[bytes]:
        raw = values[: self.b * self.r].tobytes()
        step = 4 * self.r
        return [raw[i:i + step] for i in range(0, len(raw), step)]

    def query(self, keys: list[bytes]) -> set[str]:
        found: set[str] = set()
        for table, key in zip(self.tables, keys):
            hit = table.get(key)
            if hit:
                found.update(hit)
        return found

    def insert(self, doc_id: str, keys: list[bytes]) -> None:
        for table, key in zip(self.tables, keys):
            table.setdefault(key, []).append(doc_id)


@dataclass(frozen=True)
class CopyLink:
    """A document's copy group: ``group`` (derived from its smallest document id), how it joined
    (``exact``, ``url``, ``near``; ``None`` for a document with no copy) and the best estimated
    Jaccard with another member."""

    doc_id: str
    group: str
    kind: str | None
    similarity: float


class CopyIndex:
    """Copy groups over fingerprints added one at a time (incremental, order-independent).

    >>> index = CopyIndex()
    >>> index.add(Fingerprint.of("a", "Le maire a inauguré le pont neuf de la ville ce matin."))
    >>> index.add(Fingerprint.of("b", "Le maire a inauguré le pont neuf de la ville ce matin !"))
    >>> index.links()["b"].group == index.links()["a"].group
    True
    """

    def __init__(self, threshold: float = 0.5, containment: float = 0.6, days: int = 1, later: float = 0.75,
                 num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.containment = containment
        self.later = later
        self.days = days
        self.num_perm = num_perm
        # LSH a little below the lowest Jaccard that can decide, then each candidate checked.
        self.lsh = Bands(max(0.05, min(threshold, MIN_JACCARD) - 0.05), num_perm)
        self.sizes: dict[str, tuple[int, int | None, str | None]] = {}
        self.groups = UnionFind()
        self.by_text: dict[str, str] = {}
        self.by_url: dict[str, str] = {}
        self.values: dict[str, np.ndarray] = {}
        self.kind: dict[str, str] = {}
        self.best: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self.values)

    def add(self, fp: Fingerprint) -> list[str]:
        """Add a document; returns the documents it was found to copy (or be copied by)."""
        if fp.doc_id in self.values:
            return []
        found: list[tuple[str, str, float]] = []
        if fp.text_hash in self.by_text:
            found.append((self.by_text[fp.text_hash], "exact", 1.0))
        else:
            self.by_text[fp.text_hash] = fp.doc_id
        if fp.url:
            if fp.url in self.by_url:
                found.append((self.by_url[fp.url], "url", 1.0))
            else:
                self.by_url[fp.url] = fp.doc_id
        values = fp.values()
        keys = self.lsh.keys(values)
        day = _ordinal(fp.date)
        for other in self.lsh.query(keys):
            jaccard = float(np.count_nonzero(values == self.values[other])) / len(values)
            if self.near(jaccard, (fp.shingles, day, fp.title), self.sizes[other]):
                found.append((other, "near", jaccard))
        self.lsh.insert(fp.doc_id, keys)
        self.values[fp.doc_id] = values
        self.sizes[fp.doc_id] = (fp.shingles, day, fp.title)
        self.groups.add(fp.doc_id)
        for other, kind, similarity in found:
            self.groups.union(fp.doc_id, other)
            for d in (fp.doc_id, other):
                if _RANK[kind] > _RANK.get(self.kind.get(d, ""), -1):
                    self.kind[d] = kind
                self.best[d] = max(self.best.get(d, 0.0), similarity)
        return [o for o, _, _ in found]

    def near(self, jaccard: float, a: tuple[int, int | None, str | None], b: tuple[int, int | None, str | None]) -> bool:
        """Whether two texts with this estimated Jaccard, (3-gram count, day, title) each, are copies."""
        if jaccard < MIN_JACCARD:
            return False
        (n, day, title), (m, other_day, other_title) = a, b
        gap = abs(day - other_day) if day is not None and other_day is not None else None
        if gap == 0 and title is not None and title == other_title:
            return True
        shared = jaccard * (n + m) / (1 + jaccard)
        contained = shared / min(n, m) if n and m else 0.0
        if gap == 0:
            return contained >= self.containment
        if gap is not None and gap <= self.days:
            return contained >= self.later
        return jaccard >= self.threshold and (gap is None or contained >= self.later)

    def add_all(self, fingerprints: Iterable[Fingerprint]) -> None:
        for fp in fingerprints:
            self.add(fp)

    def links(self) -> dict[str, CopyLink]:
        """Every document's copy group."""
        out = {}
        for members in self.groups.components():
            group = "c" + hashlib.sha1(min(members).encode()).hexdigest()[:15]
            for d in members:
                out[d] = CopyLink(d, group, self.kind.get(d), round(self.best.get(d, 0.0), 4))
        return out


_RANK = {"near": 0, "url": 1, "exact": 2}


def _ordinal(date: str | None) -> int | None:
    if not date or len(date) < 10:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None
