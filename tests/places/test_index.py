"""The gazetteer: names, look-ups with French articles and elisions, curated French names."""
from __future__ import annotations

import pytest

from depeche.config import Settings
from depeche.places.index import gazetteer, key_variants, normalize, short_forms


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


def km(a_lat, a_lon, b_lat, b_lon):
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(b_lat - a_lat), radians(b_lon - a_lon)
    h = sin(dlat / 2) ** 2 + cos(radians(a_lat)) * cos(radians(b_lat)) * sin(dlon / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


@pytest.mark.parametrize("text, lat, lon", [
    # seas, gulfs, straits (the point is a town or spot in or on the feature)
    ("la mer Égée", 38.4, 26.1),  # Chios
    ("Aegean Sea", 38.4, 26.1),
    ("du golfe d'Aden", 12.5, 47.5),
    ("détroit d'Ormuz", 27.2, 56.3),  # Bandar Abbas
    ("Strait of Hormuz", 27.2, 56.3),
    ("le Bosphore", 41.0, 29.0),  # Istanbul
    ("Suez Canal", 30.6, 32.3),  # Ismailia
    ("la Manche", 50.0, -1.0),
    ("English Channel", 50.0, -1.0),
    ("mer de Chine orientale", 28.0, 125.0),
    # lakes and rivers
    ("lac Tchad", 13.0, 14.5),
    ("Lake Victoria", -2.5, 32.9),  # Mwanza
    ("l'Euphrate", 35.3, 40.1),  # Deir ez-Zor
    ("du Nil", 15.6, 32.5),  # Khartoum
    ("le Danube", 47.5, 19.0),  # Budapest
    ("Rhine", 49.5, 8.5),  # Mannheim
    ("le Mékong", 18.0, 102.6),  # Vientiane
    ("Yangtze", 30.7, 111.3),  # Yichang
    ("delta du Niger", 4.8, 7.0),  # Port Harcourt
    ("Niger Delta", 4.8, 7.0),
    # deserts, ranges, islands, peninsulas
    ("le Sinaï", 28.6, 33.9),  # Saint Catherine
    ("plateau du Golan", 33.1, 35.8),  # Quneitra
    ("Golan Heights", 33.1, 35.8),
    ("Bornéo", 1.0, 114.0),
    ("Mindanao", 7.1, 125.6),  # Davao
    ("Luzon", 14.6, 121.0),  # Manila
    ("îles Kouriles", 46.9, 152.0),  # Simushir
    ("Spratly Islands", 10.0, 114.3),
    ("péninsule coréenne", 37.5, 127.0),  # Seoul
    ("Hindu Kush", 35.5, 70.5),
])
def test_curated_natural_features(gaz, text, lat, lon):
    c = next(c for c in gaz.lookup(text) if c.match == "curated")
    assert km(c.lat, c.lon, lat, lon) < 300, (c.label, c.lat, c.lon)


@pytest.mark.parametrize("text, country, feature, admin1", [
    # former first-level regions: new places
    ("Katanga", "CD", "ADM1", None),
    ("Kasaï-Occidental", "CD", "ADM1", None),
    ("West Kasai", "CD", "ADM1", None),
    ("Nyanza Province", "KE", "ADM1", None),
    ("Rift Valley", "KE", "ADM1", None),
    ("Hordaland", "NO", "ADM1", None),
    ("Østfold", "NO", "ADM1", None),
    ("Sogn og Fjordane", "NO", "ADM1", None),
    ("Bình Phước", "VN", "ADM1", None),
    ("Đắk Lắk", "VN", "ADM1", None),
    ("Kabylie", "DZ", "RGN", None),
    ("la Casamance", "SN", "RGN", None),
    # other names of regions the data has
    ("Tigré", "ET", "ADM1", "ET.53"),
    ("Baloutchistan", "PK", "ADM1", "PK.02"),
    ("Pendjab", "PK", "ADM1", "PK.04"),
    ("Ménoufia", "EG", "ADM1", "EG.09"),
    ("Sud-Kivu", "CD", "ADM1", "CD.12"),
    ("Oromia", "ET", "ADM1", "ET.51"),
])
def test_curated_regions(gaz, text, country, feature, admin1):
    c = next(c for c in gaz.lookup(text) if c.match == "curated")
    assert (c.country, c.feature) == (country, feature)
    if admin1:
        assert c.admin1 == admin1


@pytest.mark.parametrize("text, lat, lon", [
    ("Long An", 10.7, 106.2),  # Tân An; the shipped data puts the name near Bắc Ninh
    ("Quang Nam", 15.6, 108.0),
    ("Thua Thien-Hue", 16.5, 107.6),  # Huế
])
def test_vietnams_former_provinces_in_the_right_place(gaz, text, lat, lon):
    c = next(c for c in gaz.lookup(text) if c.match == "curated")
    assert km(c.lat, c.lon, lat, lon) < 100


@pytest.mark.parametrize("text", ["Manche", "Niger", "Congo", "Mississippi", "Rhône", "Loire", "Luçon"])
def test_rivers_and_seas_do_not_shadow_bare_names(gaz, text):
    """A country, state, département or town keeps its bare name: no curated river or sea."""
    assert not any(c.match == "curated" and c.feature == "RGN" for c in gaz.lookup(text))


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


def test_an_index_built_from_other_sources_is_stale(gaz, tmp_path):
    """A curated row added or a package upgraded after the index was built: it is rebuilt."""
    import shutil
    import sqlite3

    from depeche.places.index import Gazetteer, StaleIndex, sources_fingerprint

    copy = tmp_path / "index.sqlite"
    shutil.copy(gaz.path, copy)
    assert Gazetteer(copy).lookup("Paris")
    con = sqlite3.connect(copy)
    con.execute("UPDATE meta SET v = 'older' WHERE k = 'sources'")
    con.commit()
    con.close()
    assert sources_fingerprint() != "older"
    with pytest.raises(StaleIndex, match="other data files or package versions"):
        Gazetteer(copy)


@pytest.mark.parametrize("text, expected", [
    ("Alta.", "Alberta"),  # an abbreviation with its period
    ("Ill.", "Illinois"),
    ("Ill", None),  # without it, a word ("l'Ill", the river of Strasbourg, is no Illinois)
    ("Mont", None),
])
def test_abbreviations_need_their_period(gaz, text, expected):
    abbreviations = [c.name for c in gaz.lookup(text) if c.match == "abbrev"]
    assert abbreviations == ([expected] if expected else [])



def test_a_build_removes_older_indexes_only(tmp_path, monkeypatch):
    """Two depeche versions may share one cache: a build never deletes a newer version's index."""
    import depeche.places.sources as sources
    from depeche.places.index import INDEX_VERSION, build_index, index_path

    monkeypatch.setattr(sources, "collect", lambda progress: ([], []))
    older = tmp_path / f"gazetteer-v{INDEX_VERSION - 1}.sqlite"
    newer = tmp_path / f"gazetteer-v{INDEX_VERSION + 1}.sqlite"
    older.write_bytes(b"")
    newer.write_bytes(b"")
    build_index(index_path(tmp_path))
    assert index_path(tmp_path).exists() and newer.exists() and not older.exists()
