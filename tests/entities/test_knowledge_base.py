"""The shipped knowledge base: lookups, demonyms, leaders at a date, reproducible derived files."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from depeche.entities.knowledge_base import knowledge, norm, office_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, expected", [
    ("États-Unis", "etats unis"),
    ("Kim Jong-un", "kim jong un"),
    ("Quai d’Orsay", "quai d' orsay"),
])
def test_norm(text, expected):
    assert norm(text) == expected


@pytest.mark.parametrize("text, kind, country, sector", [
    ("Etats-Unis", "country", "USA", "GOV"),
    ("Moscou", "capital", "RUS", "GOV"),
    ("Kremlin", "seat", "RUS", "GOV"),
    ("Pentagone", "seat", "USA", "MIL"),
    ("Ria Novosti", "org", "RUS", "MED"),
    ("Agence France-Presse", "org", "FRA", "MED"),
    ("Otan", "org", None, "IGO"),
    ("Kim Jong Un", "person", "PRK", "GOV"),
])
def test_lookup(text, kind, country, sector):
    known = knowledge().lookup(text)
    assert (known.kind, known.country, known.sector) == (kind, country, sector)


@pytest.mark.parametrize("text", ["Ap", "un", "Maurice", "Hollande"])
def test_lookup_refuses_ambiguous_or_miscased(text):
    assert knowledge().lookup(text) is None


@pytest.mark.parametrize("form", ["nord-coréen", "nord-coréenne", "nord-coréens", "nord-coréennes"])
def test_demonyms_in_four_forms(form):
    assert knowledge().demonym(form) == "PRK"


@pytest.mark.parametrize("country, cls, date, name", [
    ("RUS", "président", "2023-09", "Vladimir Poutine"),
    ("RUS", "président", "2010", "Dmitri Medvedev"),
    ("USA", "président", "2017", "Donald Trump"),
    ("RUS", "président", "2008-05-06", "Vladimir Poutine"),
    ("USA", "président", "2025-01-19", "Joe Biden"),
    ("USA", "président", "2025-01-20", "Donald Trump"),
    ("DEU", "top", "2026-02-01", "Friedrich Merz"),
    ("PRK", "top", "2005-06-01", "Kim Jong-il"),
    ("ISR", "top", "2023-10-07", "Benyamin Netanyahou"),
    ("IRN", "président", "2022-01-01", "Ebrahim Raïssi"),
    ("GBR", "state", "2023-05-06", "Charles III"),
    ("PRK", "président", "2023-09-13", "Kim Jong-un"),
])
def test_leader_at(country, cls, date, name):
    assert knowledge().leader_at(country, cls, date).name == name


def test_leader_unknown_without_a_date():
    assert knowledge().leader_at("RUS", "président", None) is None


def test_office_of():
    assert office_of(knowledge(), "Angela Merkel", "2010-01-01").title == "chancelier"
    assert office_of(knowledge(), "Angela Merkel", "2023-01-01") is None


def test_every_g20_state_has_a_leader_in_2000_and_in_2026():
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
    for country in g20:
        for date in ("2000-06-01", "2026-06-01"):
            assert knowledge().leader_at(country, "top", date) is not None, (country, date)


def test_leader_terms_do_not_overlap_within_an_office():
    by_office = {}
    for leader in knowledge().leaders:
        by_office.setdefault((leader.country, leader.office, leader.top), []).append(leader)
    for terms in by_office.values():
        terms.sort(key=lambda t: t.start)
        for a, b in zip(terms, terms[1:]):
            assert a.end and a.end <= b.start, (a, b)


def test_countries_json_is_what_the_build_script_makes():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from build_knowledge import build_countries
    finally:
        sys.path.pop(0)
    shipped = json.loads((ROOT / "src" / "depeche" / "data" / "countries.json").read_text(encoding="utf-8"))
    assert build_countries() == shipped
