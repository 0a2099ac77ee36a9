"""One fold for names: the knowledge base, the gazetteer index and the record's name index agree."""
from __future__ import annotations

import pytest

from depeche.entities import norm
from depeche.fold import fold, name_key, token_key
from depeche.places.index import normalize
from depeche.record.tables import name_words


@pytest.mark.parametrize("text, folded", [
    ("Œuvre", "oeuvre"),
    ("Straße", "strasse"),
    ("Lech Wałęsa", "lech walesa"),
    ("Ørsted", "orsted"),
    ("Đặng", "dang"),
    ("Æsir", "aesir"),
    ("İstanbul", "istanbul"),
    ("Élysée", "elysee"),
    ("l’Élysée", "l’elysee"),  # punctuation is each index's own business
    ("2 000 €", "2 000 €"),
])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["Lech Wałęsa", "Œuvre de Straße", "Bjørn Æsir", "Đoković", "Élysée"])
def test_the_three_indexes_fold_alike(text):
    words = name_key(text).split()
    assert normalize(text).split() == words
    assert norm(text).split() == words
    assert name_words(text) == [w for w in words if len(w) > 1]


@pytest.mark.parametrize("text, key", [
    ("l'armée", "l' armee"),
    ("l’Élysée", "l' elysee"),
    ("Jean-Yves", "jean yves"),
    ("Saint\u2011Denis", "saint denis"),
    ("-", ""),
])
def test_token_key_aligns_on_french_tokens(text, key):
    assert token_key(text) == key


@pytest.mark.parametrize("text, key", [
    ("Saint-Denis (Seine-Saint-Denis)", "saint denis seine saint denis"),
    ("« Ville-Marie »", "ville marie"),
])
def test_name_key_drops_punctuation(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize("text, folded", [("ʿAmmān", "ʿamman"), ("Hawaiʻi", "hawaiʻi")])
def test_modifier_letters_stay(text, folded):
    """An ayin or an okina is no letter of the word: "ʿman" (Amman) must not become "man"."""
    assert fold(text) == folded
