"""The gazetteer: names, look-ups with French articles and elisions, curated French names."""
from __future__ import annotations

import pytest

from depeche.config import Settings
from depeche.gazetteer import gazetteer, key_variants, normalize, short_forms


@pytest.fixture(scope="module")
def gaz():
    """The real index (built once into the cache directory at first use)."""
    return gazetteer(Settings())


@pytest.mark.parametrize("raw, key", [
    ("États-Unis", "etats unis"),
    ("Côte d’Ivoire", "cote d ivoire"),
    ("SAINT-PÉTERSBOURG", "saint petersbourg"),
    ("  Nizhny   Novgorod ", "nizhny novgorod"),
    ("Œuf-en-Ternois", "oeuf en ternois"),
])
def test_normalize(raw, key):
    assert normalize(raw) == key


@pytest.mark.parametrize("raw, expected", [
    ("aux États-Unis", "etats unis"),
    ("l'Extrême-Orient", "extreme orient"),
    ("au Mali", "mali"),
    ("d’Irak", "irak"),
    ("Russia's", "russia"),
])
def test_key_variants_skip_articles_and_possessives(raw, expected):
    assert expected in key_variants(raw)


@pytest.mark.parametrize("raw, short", [
    ("Oblast de Tver", "tver"),
    ("Kraï de Primorie", "primorie"),
    ("Metcalfe County", "metcalfe"),
    ("Idlib Governorate", "idlib"),
])
def test_short_forms_drop_generic_words(raw, short):
    assert short in short_forms(raw)


def best(gaz, text):
    """The most populous reading of a name."""
    return max(gaz.lookup(text), key=lambda c: c.population)


@pytest.mark.parametrize("text, country, feature", [
    ("Pékin", "CN", "PPLC"),
    ("Moscou", "RU", "PPLC"),
    ("Séoul", "KR", "PPLC"),
    ("Londres", "GB", "PPLC"),
    ("La Nouvelle-Orléans", "US", "PPLA2"),
    ("Kyiv", "UA", "PPLC"),
    ("Varsovie", "PL", "PPLC"),
])
def test_french_exonyms(gaz, text, country, feature):
    c = next(c for c in gaz.lookup(text) if c.feature == feature)
    assert c.country == country


@pytest.mark.parametrize("text, country, feature, admin1", [
    ("Primorié", "RU", "ADM1", "RU.59"),
    ("kraï du Primorié", "RU", "ADM1", "RU.59"),
    ("Oblast de Koursk", "RU", "ADM1", "RU.41"),
    ("Tchétchénie", "RU", "ADM1", "RU.12"),
    ("Californie", "US", "ADM1", "US.CA"),
    ("Caroline du Nord", "US", "ADM1", "US.NC"),
    ("Bretagne", "FR", "ADM1", "FR.53"),
    ("Île-de-France", "FR", "ADM1", "FR.11"),
    ("Cisjordanie", "PS", "ADM1", "PS.WE"),
])
def test_regions(gaz, text, country, feature, admin1):
    assert any(c.country == country and c.feature == feature and c.admin1 == admin1 for c in gaz.lookup(text))


@pytest.mark.parametrize("text, country", [
    ("l'Extrême-Orient", "RU"),
    ("l'Extrême-Orient russe", "RU"),
    ("au Mali", "ML"),
    ("aux États-Unis", "US"),
    ("en Côte d'Ivoire", "CI"),
    ("du Royaume-Uni", "GB"),
])
def test_articles_and_elisions(gaz, text, country):
    assert best(gaz, text).country == country


def test_departments_are_districts_of_their_region(gaz):
    c = next(c for c in gaz.lookup("Finistère") if c.feature == "ADM2")
    assert (c.country, c.admin1) == ("FR", "FR.53")


def test_country_adjectives_point_to_the_country(gaz):
    assert [c.country for c in gaz.lookup("russe") if c.match == "demonym"] == ["RU"]
    assert [c.country for c in gaz.lookup("Turkish") if c.match == "demonym"] == ["TR"]


def test_french_labels(gaz):
    assert gaz.country("US").label == "États-Unis"
    assert gaz.country("DE").label == "Allemagne"


def test_unknown_name(gaz):
    assert gaz.lookup("Zzyzxqvw") == []


def test_country_at_a_point(gaz):
    assert gaz.country_at(48.85, 2.35) == "FR"
    assert gaz.country_at(43.1, 131.9) == "RU"


def test_unwritable_cache_dir_is_a_named_error(tmp_path):
    from depeche.errors import ConfigError

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match="cannot build the gazetteer index"):
        gazetteer(Settings(cache_dir=str(blocker / "cache")))
