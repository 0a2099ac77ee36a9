"""French numbers: digits with French separators, numbers in words, multipliers.

Separator rules (French first, the ambiguity resolved the French way):

- a comma is a decimal mark: ``8,5`` is 8.5 and ``1,200`` is 1.2;
- a dot followed by groups of exactly three digits separates thousands:
  ``1.200`` is 1200 and ``839.000`` is 839000; any other dot is a decimal
  mark (``3.5`` is 3.5, as in English-style copy);
- a space, no-break space or narrow no-break space between groups of three
  digits separates thousands (``3 000``, ``2 000``);
- several comma groups of three digits (``1,200,000``) can only be English
  thousands.
"""
from __future__ import annotations

import re

from text_to_num import text2num

SPACES = " \u00a0\u202f"
_DIGITS = (
    r"\d{1,3}(?:(?:[ \u00a0\u202f]\d{3})+|(?:\.\d{3})+|(?:,\d{3}){2,})(?:,\d+)?(?![\d.,]\d)"
    r"|\d+(?:[.,]\d+)?"
)
# A numeral in digits: not glued to a word, a date ("12/05"), a clock ("2:1") or a name ("Covid-19").
DIGITS_RE = re.compile(r"(?<![\w.,/:\-–°])(?:" + _DIGITS + r")(?![.,]?\d|/\d)")

UNITS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16,
}
# Belgian and Swiss tens ("septante", "huitante", "nonante") included.
TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
        "septante": 70, "octante": 80, "huitante": 80, "nonante": 90}
HUNDRED = {"cent", "cents"}
THOUSAND = {"mille", "mil"}
# Inside a number in words ("un million deux cent mille"); at its end they multiply what comes
# before ("deux millions d'euros") and are read with the unit (``MULTIPLIERS``).
BIG = ("millions", "million", "milliards", "milliard")
MULTIPLIERS = {
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "mille": 1e3, "millier": 1e3, "milliers": 1e3,
    "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "m": 1e6, "k": 1e3,
}
# "une vingtaine": about 20; "des dizaines": at least 20.
APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}

_WORD = sorted(list(UNITS) + list(TENS) + list(HUNDRED) + list(THOUSAND), key=len, reverse=True)
_WORD_ALT = "|".join(_WORD)
_SEP = r"[ \u00a0-]+(?:et[ -]+)?"
# "deux cent cinquante", "vingt-et-un", "quatre-vingt-dix", "trois mille", "septante-cinq",
# "un million deux cent mille" (a "million" only inside the number, never at its end).
WORDS_RE = re.compile(
    rf"(?<![\w-])(?:{_WORD_ALT})(?:{_SEP}(?:(?:{'|'.join(BIG)}){_SEP})?(?:{_WORD_ALT}))*(?![\w-])",
    re.IGNORECASE,
)
APPROX_RE = re.compile(
    r"(?<![\w-])(?P<det>une|la|des|plusieurs|quelques|deux|trois|[0-9]+)\s+"
    r"(?P<noun>" + "|".join(APPROX_NOUNS) + r")(?P<plural>s)?(?![\w-])",
    re.IGNORECASE,
)


def parse_digits(text: str) -> float:
    """The value of a numeral written in digits with French (or unambiguous English) separators."""
    s = "".join(ch for ch in text if ch not in SPACES)
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    return float(s)


_KNOWN = set(UNITS) | set(TENS) | HUNDRED | THOUSAND | set(BIG) | {"et"}
NUMBER_WORDS = frozenset(_KNOWN - {"et"})


def parse_words(text: str) -> float | None:
    """The value of a French number in words ("trois cents", "quatre-vingt-dix", "septante-cinq",
    "un million deux cent mille"), read by text2num; None when the words are no one number
    ("cinq six", "trois pommes")."""
    words = text.lower().split()
    if not words or any(w.strip("-") not in _KNOWN and not set(w.split("-")) <= _KNOWN for w in words):
        return None
    try:
        return float(text2num(" ".join(words), "fr"))
    except ValueError:
        return None


_TOKEN = re.compile(r"[^\s\u00a0-]+")


def word_numbers(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each number in a run of number words: the whole run when it is
    one number ("deux cent cinquante"), else its longest leading parts ("quatre et cinq" -> 4
    and 5; "deux-trois" -> 2 and 3)."""
    whole = parse_words(text)
    if whole is not None:
        return [(0, len(text), whole)]
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out, i = [], 0
    while i < len(tokens):
        best = None
        for j in range(len(tokens), i, -1):
            value = parse_words(text[tokens[i][0]:tokens[j - 1][1]])
            if value is not None:
                best = (j, value)
                break
        if best is None:
            i += 1
            continue
        j, value = best
        out.append((tokens[i][0], tokens[j - 1][1], value))
        i = j
    return out


def approx_value(det: str, noun: str, plural: bool) -> tuple[float, str]:
    """(value, qualifier) of "une vingtaine", "des centaines", "deux dizaines"."""
    base = APPROX_NOUNS[noun.lower()]
    det = det.lower()
    if det in ("une", "la"):
        return float(base), "approx"
    if det.isdigit():
        return float(int(det) * base), "approx"
    if det in UNITS:
        return float(UNITS[det] * base), "approx"
    # "des dizaines", "plusieurs centaines", "quelques milliers": at least two of them.
    return float(2 * base), "min"
