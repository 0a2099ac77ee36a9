"""GeoNames candidates for a place name, from depeche's gazetteer (a name look-up, not an analysis).

    /work/main/.venv/bin/python scripts/gold/place_candidates.py "Saint-Denis" [--country FR]
"""
from __future__ import annotations

import argparse

try:
    from depeche.places.index import gazetteer
except ImportError:  # before the src/ restructuring
    from depeche.gazetteer import gazetteer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--country", help="ISO alpha-2 filter")
    args = ap.parse_args()
    g = gazetteer()
    found = g.lookup(args.name)
    if args.country:
        found = [c for c in found if c.country == args.country.upper()]
    if not found:
        print("no candidate: give coordinates yourself only if sure, else resolved: false")
    for c in found[:15]:
        print(f"geonames={c.geonameid}\t{c.feature}\t{c.country}\tlat={c.lat}\tlon={c.lon}\t"
              f"pop={c.population}\t{c.name} / {c.label}\tadmin1={c.admin1}")


if __name__ == "__main__":
    main()
