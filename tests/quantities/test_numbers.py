import pytest

from depeche.quantities.numbers import DIGITS_RE, approx_value, parse_digits, parse_words, word_numbers


@pytest.mark.parametrize("text,value", [
    ("1.200", 1200),          # a dot before three digits separates thousands
    ("839.000", 839000),
    ("1.200.000", 1200000),
    ("1,200", 1.2),           # a comma is a decimal mark
    ("8,5", 8.5),
    ("3.5", 3.5),             # a dot before other than three digits is a decimal mark
    ("3 000", 3000),
    ("2\u00a0000", 2000),     # no-break space
    ("12\u202f500,5", 12500.5),  # narrow no-break space and decimals
    ("1,200,000", 1200000),   # several comma groups: English thousands
    ("42", 42),
])
def test_parse_digits(text, value):
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", [
    ("vingt", 20), ("trois cents", 300), ("deux cent cinquante", 250), ("vingt et un", 21),
    ("vingt-et-un", 21), ("quatre-vingts", 80), ("quatre-vingt-dix-neuf", 99), ("soixante-dix", 70),
    ("soixante et onze", 71), ("trois mille", 3000), ("mille deux cents", 1200), ("dix-huit", 18),
    ("septante-cinq", 75), ("huitante", 80), ("nonante-neuf", 99), ("un million deux cent mille", 1_200_000),
    ("trois millions cinq cent mille", 3_500_000),
])
def test_parse_words(text, value):
    assert parse_words(text) == value


def test_parse_words_rejects_other_words():
    assert parse_words("trois pommes") is None
    assert parse_words("cinq six") is None  # two numbers, not one


@pytest.mark.parametrize("det,noun,plural,value,qualifier", [
    ("une", "vingtaine", False, 20, "approx"),
    ("une", "centaine", False, 100, "approx"),
    ("deux", "dizaine", True, 20, "approx"),
    ("des", "dizaine", True, 20, "min"),
    ("plusieurs", "millier", True, 2000, "min"),
])
def test_approx_value(det, noun, plural, value, qualifier):
    assert approx_value(det, noun, plural) == (value, qualifier)


@pytest.mark.parametrize("text,found", [
    ("le Covid-19 tue", []),
    ("un Airbus A380 ici", []),
    ("le 12/05 au soir", []),
    ("il reste 1.200 places", ["1.200"]),
    ("entre 2015 et 2018", ["2015", "2018"]),
])
def test_digits_are_not_taken_from_names_or_dates(text, found):
    assert [m.group() for m in DIGITS_RE.finditer(text)] == found


@pytest.mark.parametrize("text, numbers", [
    ("deux cent cinquante", [(0, 19, 250)]),
    ("quatre et cinq", [(0, 6, 4), (10, 14, 5)]),  # two numbers, for a range
    ("deux-trois", [(0, 4, 2), (5, 10, 3)]),
    ("deux deux", [(0, 4, 2), (5, 9, 2)]),
])
def test_word_numbers_split_a_run_that_is_no_one_number(text, numbers):
    assert word_numbers(text) == numbers
