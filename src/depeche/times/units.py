"""Numbers and units of French durations, as TIMEX3 duration values ("trois ans" -> P3Y)."""
from __future__ import annotations

import re

from .rules import SMALL, TENS, UNITS

def number(word: str) -> float | None:
    w = word.lower().replace(" et ", "-").replace(" ", "-").replace("-et-", "-")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", w):
        return float(w.replace(",", "."))
    if w in SMALL:
        return SMALL[w]
    if w == "cent":
        return 100
    if w == "mille":
        return 1000
    for tens, val in sorted(TENS.items(), key=lambda kv: -len(kv[0])):
        if w == tens:
            return val
        if w.startswith(tens + "-") and w[len(tens) + 1:] in SMALL:
            return val + SMALL[w[len(tens) + 1:]]
    return None


def fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | str, unit: str) -> str:
    """P3Y, PT20H, PXM; decades and centuries in years ("un demi-siècle" -> P50Y)."""
    code = UNITS[unit]
    if isinstance(n, str):
        return f"PT{n}{code}" if unit in ("heure", "minute", "seconde") else f"P{n}{code}"
    if code == "DE":
        n, code = n * 10, "Y"
    elif code == "CE":
        n, code = n * 100, "Y"
    elif code == "Q":
        n, code = n * 3, "M"
    elif code == "H" and unit == "semestre":
        n, code = n * 6, "M"
    if n != int(n):  # "un an et demi" -> P18M
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M")}
        if code in smaller and unit not in ("minute", "seconde"):
            factor, code2 = smaller[code]
            time = unit == "heure" or code2 == "H"
            return ("PT" if time else "P") + fmt_number(n * factor) + code2 + ""
    return ("PT" if unit in ("heure", "minute", "seconde") else "P") + fmt_number(n) + code


def unit_name(word: str) -> str:
    w = word.lower().rstrip("s") if word.lower() not in ("mois", "fois") else word.lower()
    w = {"journée": "jour", "décennie": "décennie", "ann": "an"}.get(w, w)
    return "année" if w == "anné" else w


def roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total
