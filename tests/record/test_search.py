import pytest

from depeche.record.query import QueryError
from depeche.record.search import Word, same_stem, search_words, stem


@pytest.mark.parametrize("text, words", [
    ("Manifestations", [Word(("manifestations",), False)]),
    ("défense", [Word(("defense",), False)]),
    ("coop*", [Word(("coop",), True)]),
    ("nord-coréen l'armée", [Word(("nord", "coreen"), False), Word(("l", "armee"), False)]),
])
def test_search_words(text, words):
    assert search_words(text) == words


@pytest.mark.parametrize("text", ["", "  ", "***", "-- !"])
def test_a_search_needs_a_word(text):
    with pytest.raises(QueryError, match="at least one word"):
        search_words(text)


@pytest.mark.parametrize("word, forms", [
    ("portes", ["porte", "portes", "porter"]),  # not "portugal", "portable", "portail"
    ("grève", ["greve", "greves"]),
])
def test_same_stem_keeps_the_inflections_only(word, forms):
    indexed = ["porte", "portes", "porter", "portugal", "portable", "portail", "greve", "greves", "grevistes"]
    [w] = search_words(word)
    assert same_stem(w, [c for c in indexed if c.startswith(stem(w.tokens[0]))]) == forms
