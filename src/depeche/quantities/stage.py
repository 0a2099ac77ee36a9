"""Quantities stage: numbers with a unit, what they count, and how exact they are.

Each quantity is a number (digits with French separators, words, or "une
vingtaine") with its multiplier ("8,5 millions"), its unit normalized
(``km``, ``km/h``, ``h``, ``day``, ``year``, ``EUR``, ``USD``, ``%``, ``t``,
``°C``, ``person``, or ``count`` for other counted nouns), its qualifier
(``exact``, ``approx``, ``min``, ``max``; a range "entre 10 et 20" is ``min`` with
``high``) and, for counts of people, a category (killed, wounded, arrested,
displaced, protesters, missing). A bare number, a year, a date, a clock time, a
phone number, a score or a label ("article 3") is not a quantity.

The stage needs only the segments (no spaCy), so it can run on raw texts.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..models import Document, Quantity
from .numbers import (APPROX_RE, DIGITS_RE, MULTIPLIERS, NUMBER_WORDS, WORDS_RE, approx_value, parse_digits,
                      word_numbers)
from ..pipeline import Stage, register
from ..spans import SpanIndex, SpanSet, index, record_index
from .units import PEOPLE_RE, PLAUSIBLE_MAX, PLOVER_SIZE, SYMBOL_MULTIPLIER, UNIT_RE, category_before, category_in, unit_of

SP = r"[ \u00a0\u202f]"
MONTHS = r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
PHONE_RE = re.compile(r"(?<![\d\w])(?:\+33[ .]?|0)[1-9](?:[ .\-]?\d{2}){4}(?!\d)|(?<!\d)0[ .]?8\d{2}(?:[ .]\d{2,3}){2,3}(?!\d)")
SCORE_RE = re.compile(r"(?<![\w,.])\d{1,2}\s?[-–/]\s?\d{1,2}(?![\d,.])")
MULT_RE = re.compile(rf"(?:{SP}+de)?{SP}*(millions?|milliards?|milliers|mille|Mds?|Mrds?)(?![\w€$])")
DE_RE = re.compile(rf"(?:{SP}+de{SP}+|{SP}+d['’]|{SP}+)")
QUALIFIER_BEFORE = [
    (re.compile(p + rf"{SP}*[\"«“]?{SP}*$", re.IGNORECASE), q) for p, q in [
        (r"(?<![\w-])(?:pas moins d['’e]|au moins|au minimum|un peu plus d['’e]|plus d['’e]|bien plus d['’e]|"
         r"plus de|au-delà d['’e]|dépassant(?: les)?|dépasse(?: déjà| désormais)?(?: les)?|davantage que|"
         r"[àa] partir d['’e]|supérieure?s? à|au-dessus d['’e]|franchi la barre des|la barre des)", "min"),
        (r"(?<![\w-])(?:pas plus d['’e]|un peu moins d['’e]|moins d['’e]|au maximum|au plus|jusqu['’]à|"
         r"à peine|tout au plus|n['’]excédant pas|n['’]excède pas|inférieure?s? à|en dessous d['’e]|"
         r"au-dessous d['’e]|maximum d['’e])", "max"),
        (r"(?<![\w-])(?:environ|près d['’e]|quelque|presque|approximativement|autour d['’e]|quasiment|"
         r"pratiquement|plus ou moins|grosso modo|de l['’]ordre d['’e]|aux alentours d['’e]|"
         r"une estimation d['’e]|estimée? à|estimés à|estimées à|~)", "approx"),
    ]
]
QUALIFIER_AFTER_RE = re.compile(rf",?{SP}+(?:(?P<approx>environ)|(?P<max>au maximum|au plus|maximum)|"
                                rf"(?P<min>au moins|au minimum|minimum))(?![\w])")
DURATION_BEFORE_RE = re.compile(r"(?<![\w-])(?:pendant|durant|en|dernières|toutes les|sous|plus de|moins de)\s*$",
                                re.IGNORECASE)
RANGE_RE = re.compile(rf"{SP}*(?:et|à|-|–|ou){SP}*")
CLOCK_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:à|a|vers|dès|avant|après|depuis|entre|et|jusqu['’]à|partir de|alentours de|de|d['’]|"
    r"peu avant|peu après|ce soir|ce matin)\s*$", re.IGNORECASE)
YEAR_BEFORE_RE = re.compile(r"(?<![\w-])(?:en|depuis|année|an|l'an|fin|début|mi|été|hiver|printemps|automne|"
                            r"jusqu['’]en|avant|après|saison|de|" + MONTHS + r")[\s-]*$", re.IGNORECASE)
LABEL_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:n°|no\.|nº|numéro|numéros|article|articles|art\.|page|pages|p\.|chapitre|tome|alinéa|"
    r"saison|épisode|acte|lot|vol|route|porte|terminal|quai|voie|zone|niveau|catégorie|classe|groupe|"
    r"phase|étape|version|série|manche|match|journée|édition|ligne|bus|tram|vol|départementale|nationale|"
    r"autoroute|section|case|ligue|top|cac|euro|covid|g|f|a)\s*$", re.IGNORECASE)
AFTER_STOP = re.compile(rf"{SP}*(?:er|ère|e|ème|è|eme|(?:{MONTHS})(?![\w]))(?![\w])|{SP}*(?:rue|avenue|boulevard|bd|"
                        r"place|allée|impasse|chemin|quai|route)(?![\w])", re.IGNORECASE)
FILLER = ("autres", "premiers", "premières", "derniers", "dernières", "nouveaux", "nouvelles", "principaux",
          "principales", "grands", "grandes", "petits", "petites", "seuls", "seules", "anciens", "anciennes",
          "gros", "grosses", "vrais", "jeunes", "hauts", "hautes", "millions", "milliers", "prochains",
          "prochaines", "seconds", "secondes", "ultimes", "uniques", "mêmes", "plus", "très", "bons", "bonnes")
COUNT_STOP = frozenset((
    "des les aux ces ses mes tes nos vos leurs dans sous vers chez depuis après puis alors mais très tous toutes "
    "moins plus jamais ailleurs nous vous pas fois sur contre pour par dont avec sans selon entre parmi "
    "ans mois jours heures minutes secondes semaines fois points reprises sortes types façons manières "
    "exemples cas-là fins dès lors lesquels lesquelles auxquels desquels ceux celles uns unes suivants "
    "mêmes tels telles quelques certains certaines plusieurs divers diverses différents différentes "
    "voix mis pris compris inclus exclus atteints concernés touchés dixièmes centièmes millièmes"
).split())
NOUN_RE = re.compile(rf"{SP}+([a-zàâçéèêëîïôûùüÿœæ][a-zàâçéèêëîïôûùüÿœæ'’\-]{{2,}})(?![\w])")
SPACES_RE = re.compile(rf"{SP}+")
SECONDS = {"h": 3600, "min": 60, "s": 1}
# "1h 41mn 15s": minutes marked, so a duration, not a clock time.
HMS_RE = re.compile(rf"(?<![\w.,:])(?P<h>\d{{1,3}}){SP}?h{SP}?(?P<m>\d{{1,2}}){SP}?(?:mn|min)"
                    rf"(?:{SP}?(?P<s>\d{{1,2}}){SP}?s)?(?!\w)")
CLAUSE_END = re.compile(r"[.;:!?()«»\[\]\d]|,")


@dataclass
class Number:
    start: int
    end: int
    value: float
    qualifier: str = "exact"
    words: str = ""  # the number word, when written in words


def _numbers(text: str, masked: SpanSet) -> list[Number]:
    """Every numeral in ``text`` outside the masked spans, in order, without overlaps."""
    found: list[Number] = []
    for m in APPROX_RE.finditer(text):
        value, qual = approx_value(m["det"], m["noun"], bool(m["plural"]))
        found.append(Number(m.start(), m.end(), value, qual))
    for m in DIGITS_RE.finditer(text):
        value = parse_digits(m.group())
        if math.isfinite(value):  # (hundreds of digits in a row are no quantity)
            found.append(Number(m.start(), m.end(), value))
    for m in WORDS_RE.finditer(text):
        for start, end, value in word_numbers(m.group()):
            found.append(Number(m.start() + start, m.start() + end, value, words=m.group()[start:end].lower()))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    out: list[Number] = []
    for n in found:
        if out and n.start < out[-1].end:
            continue
        if masked.overlaps(n.start, n.start + 1):
            continue
        out.append(n)
    return out


@dataclass
class Found:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    high: float | None = None
    noun: str | None = None
    category: str | None = None


def _unit_after(text: str, pos: int, value: float, words: str) -> tuple[str, int, float, str | None] | None:
    """(unit, end, value, noun) of what follows a number ending at ``pos``, or None."""
    m = MULT_RE.match(text, pos)
    if m:
        value *= MULTIPLIERS[m.group(1).lower()]
        pos = m.end()
    glued = pos < len(text) and not text[pos].isspace()
    m = UNIT_RE.match(text, pos) or (None if glued else _spaced(UNIT_RE, text, pos))
    if m is None and not glued:
        de = DE_RE.match(text, pos)
        m = UNIT_RE.match(text, de.end()) if de and de.group().strip() else None  # "millions d'euros"
    if m:
        sym = m.group().strip()
        value *= SYMBOL_MULTIPLIER.get(sym, 1)
        return unit_of(m), m.end(), value, None
    if glued:
        return None
    m = DE_RE.match(text, pos)
    p = m.end() if m else pos
    m = PEOPLE_RE.match(text, p)
    if m:
        return "person", m.end(), value, m.group()
    if words in ("un", "une") or value < 2 or value != int(value):
        return None
    nm = NOUN_RE.match(text, pos)
    while nm and nm.group(1) in FILLER:
        p2 = nm.end()
        pm = PEOPLE_RE.match(text, p2 + 1) if text[p2:p2 + 1].isspace() else None
        if pm:
            return "person", pm.end(), value, pm.group()
        um = _spaced(UNIT_RE, text, p2)  # "trois dernières années"
        if um:
            return unit_of(um), um.end(), value, None
        nm = NOUN_RE.match(text, p2)
    if nm:
        noun = nm.group(1)
        if noun not in COUNT_STOP and noun not in NUMBER_WORDS and noun[-1] in "sxz" and not re.fullmatch(r"(?:" + MONTHS + ")", noun):
            return "count", nm.end(), value, noun
    return None


def _range(text: str, num: Number, got, nxt: Number, before: str):
    """(merged number, unit, high) when ``num`` and ``nxt`` are the two ends of a range."""
    gap = got[1] if got and got[0] not in ("count", "person") else num.end
    rm = RANGE_RE.match(text, gap)
    if not rm or rm.end() != nxt.start:
        return None
    conn = rm.group().strip()
    if conn == "ou" or (conn == "et" and not re.search(r"entre\s*$", before, re.IGNORECASE)):
        return None
    got2 = _unit_after(text, nxt.end, nxt.value, nxt.words)
    if got2 is None or (got is not None and got[0] != got2[0]):
        return None
    low = got[2] if got else num.value * (got2[2] / nxt.value if nxt.value else 1)
    if low >= got2[2]:
        return None
    return Number(num.start, nxt.end, low, "min", num.words), got2, got2[2]


def _spaced(regex: re.Pattern, text: str, pos: int) -> re.Match | None:
    m = SPACES_RE.match(text, pos)
    return regex.match(text, m.end()) if m else None


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    window = text[max(0, start - 40):start]
    for rx, q in QUALIFIER_BEFORE:
        m = rx.search(window)
        if m:
            return q, start - len(window) + m.start()
    return None


def _trap(text: str, num: Number, unit: str, before: str) -> bool:
    """True when a numeral with ``unit`` is a year, date, clock time or label, not a quantity."""
    raw = text[num.start:num.end]
    if AFTER_STOP.match(text, num.end):
        return True
    if LABEL_BEFORE_RE.search(before) and unit in ("count", "person"):
        return True
    is_year = raw.isdigit() and len(raw) == 4 and 1000 <= num.value <= 2100
    if is_year and (unit == "count" or (unit == "person" and YEAR_BEFORE_RE.search(before))):
        return True
    if unit == "h" and num.value <= 24 and CLOCK_BEFORE_RE.search(before):
        return True
    glued_h = text[num.end:num.end + 1] in ("h", "H")
    if unit == "h" and glued_h and num.value < 24 and not DURATION_BEFORE_RE.search(before):
        return True  # "15h": a clock time unless "pendant 15h", "en 15h"
    if re.search(r"\d\s?[hH]\s?$", before) or (unit in ("min", "s") and re.search(r"\d\s?(?:mn|min)\s?$", before)):
        return True  # the minutes of "15h30" or "1h 41mn": a clock time or a compound we do not read
    if unit in ("count", "person") and re.search(r"(?<![.!?»:]\s)(?<!^)\b[A-Z][\w-]*\s$", before) and not num.words:
        return True  # "CAC 40", "France 2": a name, not a count
    return False


def extract(text: str, masked: list[tuple[int, int]] = ()) -> list[Found]:
    """Quantities in ``text`` (spans in ``masked`` are skipped)."""
    masked = SpanSet([*masked, *(m.span() for m in PHONE_RE.finditer(text))])
    scores = SpanSet(m.span() for m in SCORE_RE.finditer(text))
    out: list[Found] = []
    for m in HMS_RE.finditer(text):
        if not masked.overlaps(m.start(), m.start() + 1):
            value = int(m["h"]) + int(m["m"]) / 60 + int(m["s"] or 0) / 3600
            out.append(Found(m.start(), m.end(), value, "h", "exact"))
            masked.add(*m.span())
    nums = _numbers(text, masked)
    i = 0
    while i < len(nums):
        num = nums[i]
        i += 1
        before = text[max(0, num.start - 40):num.start]
        got = _unit_after(text, num.end, num.value, num.words)
        high = None
        if i < len(nums):  # a range: "entre 10 et 20 morts", "de 3 à 5 km", "10 à 15 %"
            ranged = _range(text, num, got, nums[i], before)
            if ranged:
                num, got, high = ranged
                i += 1
        if got is None:
            continue
        unit, end, value, noun = got
        if high is not None:
            value = num.value
        if scores.overlaps(num.start, num.start + 1) and unit in ("count", "person"):
            continue
        if _trap(text, num, unit, before):
            continue
        raw = text[num.start:num.end]
        if unit in PLAUSIBLE_MAX and value > PLAUSIBLE_MAX[unit] and re.fullmatch(r"\d{1,3}\.\d{3}", raw):
            value = float(raw)
        start, qualifier = num.start, num.qualifier
        if qualifier == "exact":
            q = _qualifier_before(text, num.start)
            if q:
                qualifier, start = q
            elif m := QUALIFIER_AFTER_RE.match(text, end):
                qualifier = m.lastgroup
        category = None
        if unit == "person":
            clause = text[num.start:num.start + 80]
            cut = CLAUSE_END.search(clause, end - num.start)
            category = category_in(clause[:cut.start() if cut else len(clause)]) or category_before(before)
        if num.words in ("un", "une") and unit == "person" and (
                category is None or (num.words, noun) in (("une", "mort"), ("une", "victime"))):
            continue  # "une personne", "une mort" (a death), "une victime": not counts; "un mort" is
        out.append(Found(start, end, value, unit, qualifier, high, noun, category))
    out.sort(key=lambda f: f.start)
    return _merge_compound_durations(out, text)


def _merge_compound_durations(found: list[Found], text: str) -> list[Found]:
    """"6 minutes 5 secondes", "1h 41mn 15s": one duration in the first unit."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev and prev.unit in SECONDS and f.unit in SECONDS and SECONDS[f.unit] < SECONDS[prev.unit]
                and f.qualifier == "exact" and re.fullmatch(r"\s*(?:et\s+)?", text[prev.end:f.start])):
            prev.value += f.value * SECONDS[f.unit] / SECONDS[prev.unit]
            prev.end = f.end
            continue
        out.append(f)
    return out


def _masked_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for seg in doc.segments:
        if seg.kind == "header":
            spans.append((seg.start, seg.end))
        elif seg.credit_start is not None:
            lo = doc.text.rfind("@", seg.start, seg.credit_start)
            spans.append((seg.credit_start if lo < 0 else lo, seg.end))
    return spans


def quantities_of(doc: Document) -> list[Quantity]:
    found = extract(doc.text, _masked_spans(doc))
    return [
        Quantity(id=f"Q{k}", text=doc.text[f.start:f.end], start=f.start, end=f.end, value=f.value,
                 unit=f.unit, qualifier=f.qualifier, category=f.category, high=f.high, noun=f.noun)
        for k, f in enumerate(found, 1)
    ]


@register("quantities", requires=("segments",), provides=("quantities",))
class QuantityStage(Stage):
    """Numbers with units, qualifiers and casualty categories (no spaCy needed)."""

    def __call__(self, doc: Document) -> Document:
        doc.quantities = quantities_of(doc)
        return doc


# A sentence ends at final punctuation then a space, or glued to the next ("avocats.Enjeu").
SENTENCE_END_RE = re.compile(
    r"(?<=[.!?…])[»\"”]?\s+(?=[«\"A-ZÀ-Ý0-9])|(?<=[a-zà-ÿ)»\"]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])|\n\s*\n")


def sentence_at(doc: Document, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``offset``: spaCy's when parsed, else punctuation."""
    if doc.spacy is not None:
        from ..nlp import parser_sentence_at  # (spaCy only when the document was parsed)

        found = parser_sentence_at(doc.spacy, offset)
        if found is not None:
            return found
    seg = doc.segment_at(offset)
    lo, hi = (seg.start, seg.end) if seg else (0, len(doc.text))
    ends = index(doc, f"sentence-ends:{lo}:{hi}", doc.text,
                 lambda text: SpanIndex((m.start(), m.end(), m) for m in SENTENCE_END_RE.finditer(text, lo, hi)))
    # The first sentence end at or after the offset closes its sentence; the one before opens it.
    after, before = ends.first_from(offset), ends.last_before(offset)
    return (before.end() if before else lo), (after.start() if after else hi)


def sizes_for(doc: Document, start: int, end: int) -> dict[str, str]:
    """PLOVER size fields ("dead", "injured", "arrested", "size", ...) -> quantity ids.

    The counts of people with a category in the sentence of the evidence span
    ``[start, end)``; when a category occurs twice, the count nearest the span.
    """
    lo, hi = sentence_at(doc, start)
    hi = max(hi, sentence_at(doc, max(start, end - 1))[1])
    best: dict[str, tuple[int, str]] = {}
    for q in record_index(doc, "quantities", doc.quantities).starting(lo, hi):
        if q.category:
            field = PLOVER_SIZE[q.category]
            dist = 0 if start <= q.start < end else min(abs(q.start - end), abs(q.end - start))
            if field not in best or dist < best[field][0]:
                best[field] = (dist, q.id)
    return {f: qid for f, (_, qid) in sorted(best.items())}
