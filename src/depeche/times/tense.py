"""French clause tense from surface cues, for resolving underspecified dates.

``tense(text, start, end)`` looks at the sentence around a time expression and
takes the verb-form cue nearest to it: a compound past ("a annoncé", "s'est
éteinte"), the imperfect ("semblait"), or a future ("sera", "rouvrira", "doit",
"va"). No cue: present. Fast enough for every expression of every document.
"""
from __future__ import annotations

import re
from functools import lru_cache

Tense = str  # "past" | "imperfect" | "present" | "future"
# A past participle after a bare "été" makes it the auxiliary's ("été frappée", "été très vite arrêtés").
PARTICIPLE_AFTER = re.compile(r"\s+(?:(?:très|trop|bien|mal|déjà|vite|aussi|ensuite|longtemps)\s+){0,2}"
                              r"[a-zàâçéèêëîïôûùüÿœ]+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes)\b")

_ADVERBS = (r"(?:(?:été|pas|déjà|ensuite|aussi|bien|encore|notamment|finalement|également|jamais|alors|ainsi|même|"
            r"aussitôt|officiellement|très|plus|récemment|longtemps|enfin|vite)\s+){0,2}")
_PARTICIPLE = (r"(?!prévue?s?\b|programmée?s?\b|attendue?s?\b|lieu\b|milieu\b|peu\b|jeu\b|feu\b|dieu\b|cours\b|plus\b"
               r"|tous\b|sous\b|nous\b|vous\b|parmi\b|ici\b|aussi\b|fois\b)"
               r"(?:[a-zéèêàâîôûç]+(?:é|ée|és|ées|i|ie|is|ies|it|ite|u|ue|us|ues|ert|erte|int|inte|eint|einte)|eu|fait|dit|pris"
               r"|mis)\b(?!-)")
# Verbs whose compound past takes "être"; with any other participle "est ..." is a passive present.
_ETRE_VERBS = (r"(?:allée?s?|venue?s?|revenue?s?|arrivée?s?|partie?s?|née?s?|morte?s?|décédée?s?|tombée?s?|entrée?s?"
               r"|sortie?s?|restée?s?|devenue?s?|montée?s?|descendue?s?|retournée?s?|passée?s?|intervenue?s?|survenue?s?"
               r"|parvenue?s?|rentrée?s?|apparue?s?|disparue?s?)\b")
PAST_RE = re.compile(
    r"\b(?:ai|as|a|avons|avez|ont|avait|avaient|avions|eut|eurent|aurait|auraient)\s+" + _ADVERBS + _PARTICIPLE
    + r"|\b(?:s['’]est|se\s+sont|s['’]était|s['’]étaient|me\s+suis|nous\s+sommes)\s+" + _ADVERBS + _PARTICIPLE
    + r"|\b(?:est|sont|était|étaient|fut|furent)\s+" + _ADVERBS + _ETRE_VERBS
    + r"|\bnée?s?\s+(?:le|en|à)\b",
    re.IGNORECASE)
FUTURE_RE = re.compile(
    r"\b(?:sera|seront|serai|serons|aura|auront|ira|iront|fera|feront|pourra|pourront|devra|devront|va|vont|doit|"
    r"doivent|devrait|devraient|prévus?|prévues?|programmée?s?|attendue?s?|prévoit|prévoient|envisage|peut|peuvent|pourrait|pourraient|espère|"
    r"espèrent|souhaite|souhaitent)\b"
    r"|\b[a-zéèêàâîôûç]{3,}(?:era|eront|ira|iront|dra|dront|ra|ront)\b",
    re.IGNORECASE)
NOT_FUTURE = {"opéra", "caméra", "ultra", "extra", "contra", "sierra", "mantra", "tiara", "vera", "cobra", "zebra",
              "entra", "montra", "tora"}
IMPERFECT_RE = re.compile(r"\b[a-zéèêàâîôûç]{2,}(?:ait|aient)\b", re.IGNORECASE)
# "jusqu'au 30 juin", "d'ici le 30 juin": a deadline lies ahead even in a past-tense sentence
DEADLINE_RE = re.compile(r"(?:jusqu['’](?:au|à)|d['’]ici(?:\s+le)?|à\s+compter\s+du|à\s+partir\s+du|avant\s+le)\s+$",
                         re.IGNORECASE)
# "depuis mars", "depuis lundi": the start of what still runs lies behind, whatever the tense
SINCE_RE = re.compile(r"\bdepuis\s+(?:le\s+|la\s+|l['’]\s*)?$", re.IGNORECASE)
BOUNDARY_RE = re.compile(r"[.!?;:]\s|\n")
# How far the sentence around an expression reaches on each side: a sentence with no end (a page
# without punctuation) must not make each expression's scan run to the end of the document.
REACH = 400
_WORD_REST = re.compile(r"\S{0,40}")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, at most ``REACH`` characters on each side (the
    far end moved to the end of the word it falls in)."""
    lo = max((m.end() for m in BOUNDARY_RE.finditer(text, max(0, start - REACH), start)),
             default=max(0, start - REACH))
    m = BOUNDARY_RE.search(text, end, end + REACH)
    if m:
        return lo, m.start() + 1
    return lo, min(len(text), _WORD_REST.match(text, min(len(text), end + REACH)).end())


@lru_cache(maxsize=2048)
def markers(sentence: str) -> tuple[tuple[int, int, Tense], ...]:
    """(start, end, tense) of every verb-form cue in ``sentence``."""
    out = []
    for rx, name in ((PAST_RE, "past"), (FUTURE_RE, "future"), (IMPERFECT_RE, "imperfect")):
        for m in rx.finditer(sentence):
            if name == "future" and m.group(0).lower() in NOT_FUTURE:
                continue
            out.append((m.start(), m.end(), name))
    return tuple(out)


def tense(text: str, start: int, end: int, imperfect: bool = False) -> Tense:
    """The tense of the clause around ``text[start:end]``: the cue nearest to it wins.

    The imperfect counts as past unless ``imperfect`` asks for it by name ("imperfect").
    """
    lo, hi = sentence_bounds(text, start, end)
    best: tuple[int, Tense] | None = None
    for m_start, m_end, name in markers(text[lo:hi]):
        m_start, m_end = m_start + lo, m_end + lo
        if m_start < end and m_end > start:
            continue
        dist = start - m_end if m_end <= start else m_start - end
        if best is None or dist < best[0]:
            best = (dist, name)
    found = best[1] if best else "present"
    return "past" if found == "imperfect" and not imperfect else found


CLAUSE_EDGE = re.compile(r"[,;:.!?()«»\"“”\n]|\b(?:mais|et|ou|si|qui|que|qu['’]|dont|où|alors|lorsque|quand)\b", re.IGNORECASE)
# A date after these is a target or a bound, not when the clause's event happened.
TARGET_BEFORE = re.compile(r"(?:\bau|\bdu|jusqu['’]|d['’]ici|compter|partir|avant|après|dès|depuis|vers|pour|entre|et)\s+(?:le\s+)?$",
                           re.IGNORECASE)


SCHEDULED_BEFORE = re.compile(
    r"\b(?:prévue?s?|programmée?s?|attendue?s?|fixée?s?|choisie?s?|reportée?s?|repoussée?s?|avancée?s?|retenue?s?"
    r"|décidée?s?|proposée?s?|annoncée?s?|envisagée?s?|planifiée?s?|convoquée?s?|prolongée?s?)\s+(?:\w+\s+)?"
    r"(?:au\s+|pour\s+|jusqu['’]au\s+)?(?:le\s+|ce\s+)?$", re.IGNORECASE)
# Between the verb and the date: at most a few words, none that opens a noun phrase the date could
# belong to ("ont appelé à de nouveaux rassemblements le 30 juin").
_NOUN_OPENER = re.compile(r"\b(?:un|une|des|du|de|la|les|l['’]|au|aux|à|son|sa|ses|leur|leurs|ce|cette|ces)\b",
                         re.IGNORECASE)


def NEAR_BEFORE(window: str, cue: re.Match) -> bool:
    gap = window[cue.end():]
    return len(gap.split()) <= 3 and not _NOUN_OPENER.search(gap.replace(" ce ", " ").replace(" cette ", " "))


def NEAR_AFTER(window: str, cue: re.Match) -> bool:
    return len(window[:cue.start()].split()) <= 3


def local_tense(text: str, start: int, end: int, reach: int = 50) -> Tense | None:
    """The tense of the verb right next to ``text[start:end]`` in its own clause, or None.

    Stricter than ``tense``: only a compound past or a future of the same clause, within ``reach``
    characters, counts (no imperfect, nothing across a comma or a conjunction), and a date that is
    a target or a bound ("jusqu'au 8 juillet", "reporté au 6 juillet", "à partir du 10") says
    nothing. Used where a wrong guess costs more than no guess: narrowing the document date.
    """
    before = text[max(0, start - reach):start]
    if TARGET_BEFORE.search(before):
        return None
    if SCHEDULED_BEFORE.search(before):
        return None  # "prévu le 22 mars", "a choisi le 11 mai": the date is a plan, not a report
    clause = re.split(r"[,;:.!?()«»\"“”\n]", before)[-1]
    if re.search(r"\b(?:si|s['’]ils?|sauf|à\s+moins)\b", clause, re.IGNORECASE):
        return None  # "s'il a bien lieu le 28 juin": a condition, not a report
    cut = [m.end() for m in CLAUSE_EDGE.finditer(before)]
    before = before[cut[-1]:] if cut else before
    after = text[end:end + reach]
    stop = CLAUSE_EDGE.search(after)
    after = after[:stop.start()] if stop else after
    for window, near in ((before, NEAR_BEFORE), (after, NEAR_AFTER)):
        past, future = PAST_RE.search(window), FUTURE_RE.search(window)
        if window is after:
            future = None  # "Le vendredi 24 août restera un jour à marquer": the date is the subject
        cue = past or future
        if cue is None or not near(window, cue):
            continue
        if IMPERFECT_RE.search(window):
            return None  # "étaient attendus samedi": an imperfect auxiliary makes any guess unsafe
        if future and future.group(0).lower() in NOT_FUTURE:
            future = None
        if past and not future:
            return "past"
        if future and not past:
            return "future"
    return None
