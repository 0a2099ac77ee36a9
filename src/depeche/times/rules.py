"""Recognition of French time expressions: compiled patterns over the raw text.

Each pattern yields ``Candidate`` spans with a ``kind`` and the parts the
normalizer needs (``timex.normalize``). Extents follow French TimeBank: an
article ("le 3 mars", "l'an prochain") and a qualifier ("environ deux mois",
"plus de vingt ans", "fin septembre 2000") belong to the expression; a
preposition ("à 14 h", "en 2019", "depuis trois ans", "il y a quelques mois",
"au 27 mai") does not. Ages ("un homme de 38 ans", "Paul, 53 ans,") are not
time expressions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .tense import PARTICIPLE_AFTER

A = r"['’]"  # apostrophe, straight or curly
B = r"(?<![\w-])"  # word start
E = r"(?![\w-])"  # word end

def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
WEEKDAYS = {"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7}
SEASONS = {"printemps": "SP", "été": "SU", "eté": "SU", "automne": "FA", "hiver": "WI"}
PARTS = {"matin": "MO", "matinée": "MO", "midi": "MI", "après-midi": "AF", "soir": "EV",
         "soirée": "EV", "nuit": "NI", "journée": "DT"}
UNITS = {
    "seconde": "S", "minute": "M", "heure": "H", "jour": "D", "journée": "D", "semaine": "W",
    "mois": "M", "an": "Y", "année": "Y", "décennie": "DE", "siècle": "CE", "trimestre": "Q",
    "semestre": "H", "week-end": "WE",
}
ORDINALS = {"premier": 1, "première": 1, "1er": 1, "1re": 1, "second": 2, "seconde": 2, "deuxième": 2,
            "troisième": 3, "quatrième": 4, "cinquième": 5, "dernier": -1, "dernière": -1}
SMALL = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
}
TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
        "soixante-dix": 70, "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90}
VAGUE_COUNT = {"quelques": "X", "plusieurs": "X", "des": "X", "de nombreuses": "X", "de nombreux": "X"}
ROUND = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
         "quarantaine": 40, "cinquantaine": 50, "centaine": 100}


MONTH = rf"(?:{_alt(MONTHS)})"
WEEKDAY = rf"(?:{_alt(WEEKDAYS)})"
SEASON = rf"(?:{_alt(SEASONS)})"
PART = r"(?:matin|matinée|après-midi|soirée|soir|nuit)"
# A day of the month in words ("le quatorze juillet", "le trente et un décembre"): 2 to 31.
_UNIT_WORDS = ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
DAY_WORDS = {w: n for w, n in SMALL.items() if 2 <= n} | {"vingt": 20, "trente": 30} | {
    f"{ten}{'-et-' if u == 1 else '-'}{unit}": t + u for ten, t in (("vingt", 20), ("trente", 30))
    for u, unit in enumerate(_UNIT_WORDS, 1) if t + u <= 31}
DAYDIGITS = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
DAYNUM = rf"(?:1er|premier|[12]\d|3[01]|0?[1-9]|{'|'.join(sorted((w.replace('-', '[- ]') for w in DAY_WORDS), key=len, reverse=True))})"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
NUMWORD = (rf"(?:(?:{_alt(TENS)})(?:[- ](?:et[- ])?(?:{_alt(SMALL)}))?|{_alt(SMALL)}|cent|mille)")
NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMWORD})"
UNIT = r"(?:secondes?|minutes?|heures?|jours?|journées|semaines?|mois|ans|an|années?|décennies|décennie|siècles?|trimestres?|semestres?)"
QUAL = (r"(?:environ|près\s+de|plus\s+de|moins\s+de|au\s+moins|au\s+plus|presque|pas\s+moins\s+de|quelque|bien\s+plus\s+de"
        r"|près\s+d['’]|plus\s+d['’]|moins\s+d['’]|pas\s+moins\s+d['’]|bien\s+plus\s+d['’])")
ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"


def day_number(text: str) -> int:
    """The day of a ``DAYNUM`` match: "1er" and "premier" are 1, "quatorze" 14, "12" 12."""
    t = text.lower()
    if t in ("1er", "premier"):
        return 1
    return int(t) if t.isdigit() else DAY_WORDS[re.sub(r"[\s-]+", "-", t)]


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    parts: dict = field(default_factory=dict)


PATTERNS: list[tuple[str, re.Pattern]] = []


def pattern(kind: str, regex: str, flags: int = re.IGNORECASE) -> None:
    PATTERNS.append((kind, re.compile(regex, flags)))


# "le mercredi 1er mai 2019", "samedi 29 mai", "le 6 mai dernier", "1er septembre prochain"
pattern("date", rf"{B}(?:(?P<art>le|ce)\s+)?(?:(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?\s+)?(?P<day>{DAYNUM})\s+(?P<month>{MONTH})"
                rf"(?:\s+(?P<year>{YEAR})(?!\d))?(?:\s+(?P<rel>derniers?|dernières?|prochaine?s?))?{E}")
# "du 19 au 23 juillet", "entre le 7 et le 13 juin", "les 8 et 10 juin": the first day takes the month of the second.
pattern("dayrange", rf"{B}(?:(?P<art>le)\s+)?(?P<day>{DAYNUM})\s+(?:au|-|et(?:\s+le)?)\s+(?P<day2>{DAYNUM})\s+(?P<month>{MONTH})"
                    rf"(?:\s+(?P<year>{YEAR})(?!\d))?{E}")
# numeric dates: 24/04/2019, 24.04.2019, 2019-04-24
pattern("numdate", r"(?<![\d/.])(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)(?![\d/])")
pattern("isodate", r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])")
# "fin septembre 2000", "début mai", "mi-juin", "août 2001", "mois de juin", "juin derniers"
pattern("month", rf"(?<!\w)(?:(?P<mod>début|fin|mi-|courant|milieu)\s*(?:d{A}|de\s+|du\s+(?=mois))?)?(?:(?P<mois>(?:le\s+)?mois\s+d{A}|(?:le\s+)?mois\s+de\s+))?"
                 rf"(?P<month>{MONTH})(?:\s+(?P<year>{YEAR})(?!\d))?(?:\s+(?P<rel>derniers?|dernières?|prochaine?s?))?(?!\w)")
# "entre février et mars 2013", "de mai à juillet 2019": the first month takes the year of the second
pattern("monthrange", rf"(?<!\w)(?P<month>{MONTH})(?=\s+(?:et|à|au)\s+(?:{MONTH})\s+(?P<year>{YEAR})(?!\d))")
# "fin 2019", "début 2020", "l'an 2000", "l'année 2019"
pattern("year", rf"(?<!\w)(?:(?P<mod>début|fin|mi-|milieu)\s*(?:d{A}|de\s+)?|(?P<art>l{A}an(?:née)?\s+))?(?P<year>{YEAR})(?![\d]|[.,]\d|\s?%)")
# decades: "les années 60", "début des années 1990", "les années quatre-vingt"
pattern("decade", rf"{B}(?:(?:(?P<mod>début|fin|milieu)\s+des\s+)|(?:les\s+))?années\s+(?P<dec>(?:19|20)?[0-9]0|{_alt(TENS)}){E}")
# centuries: "le XXe siècle", "au 19e siècle", "le siècle dernier"
pattern("century", rf"{B}(?:le\s+)?(?P<num>{ROMAN}|\d{{1,2}})(?:e|ème|è)\s+siècle{E}", 0)
# seasons: "l'automne", "cet été", "l'été dernier", "l'hiver 2019", "au printemps prochain", "la fin de cet été"
pattern("season", rf"{B}(?:(?P<mod>(?:la\s+|le\s+)?(?:fin|début|milieu)\s+(?:de\s+l{A}|du\s+|de\s+cet\s+|de\s+ce\s+))"
                  rf"|(?P<art>l{A}|le\s+|cet\s+|ce\s+|cette\s+))?(?P<season>{SEASON})"
                  rf"(?:\s+(?P<year>{YEAR})(?!\d)|\s+(?P<rel>derniers?|prochain|passé))?{E}")
# quarters and halves: "le premier trimestre 2019", "au second semestre"
pattern("quarter", rf"{B}(?:(?:le|ce)\s+)?(?P<ord>premier|1er|second|deuxième|2e|troisième|3e|quatrième|4e|dernier)\s+"
                   rf"(?P<unit>trimestre|semestre)(?:\s+(?P<year>{YEAR})(?!\d)|\s+(?P<this>de\s+l{A}année|de\s+cette\s+année))?{E}")
# "le premier dimanche du printemps", "le dernier lundi de mars"
pattern("ordwd", rf"{B}(?:le\s+)?(?P<ord>premier|1er|deuxième|second|troisième|quatrième|dernier)\s+(?P<wd>{WEEKDAY})\s+"
                 rf"(?:du|de|d{A})\s*(?:(?P<season>{SEASON})|(?:mois\s+d[e{A}]\s*)?(?P<month>{MONTH}))(?:\s+(?P<year>{YEAR})(?!\d))?{E}")
# weekdays, with a part of the day: "mardi soir", "ce même lundi après-midi", "vendredi dernier", "mardi en début de soirée"
pattern("weekday", rf"{B}(?:(?P<art>ce|le)\s+(?:même\s+)?)?(?P<wd>{WEEKDAY})(?:\s+(?:en\s+(?:début|fin)\s+(?:de\s+|d{A})|dans\s+la\s+)?(?P<part>{PART}))?"
                   rf"(?:\s+(?P<rel>dernier|prochain|suivant|précédent))?{E}(?!\s+(?:{DAYNUM})\s+{MONTH}|\s+{DAYDIGITS}\s)")
# habitual weekdays: "tous les jeudis", "chaque lundi", "les deuxième et quatrième jeudis"
pattern("setday", rf"{B}(?:tous\s+les|chaque)\s+(?P<wd>{WEEKDAY})s?{E}")
pattern("setday", rf"{B}les\s+(?P<ord>{_alt(ORDINALS)})(?:\s+et\s+(?P<ord2>{_alt(ORDINALS)}))?\s+(?P<wd>{WEEKDAY})s{E}")
# "la nuit de lundi à mardi", "dans la nuit du 3 au 4 juin 1989"
pattern("nightspan", rf"{B}(?:la\s+)?nuit\s+(?:de|du)\s+(?P<wd>{WEEKDAY})\s+(?:à|au)\s+(?P<wd2>{WEEKDAY})"
                      rf"(?:\s+(?P<day>{DAYNUM})\s+(?P<month>{MONTH})(?:\s+(?P<year>{YEAR})(?!\d))?)?{E}")
pattern("nightspan", rf"{B}(?:la\s+)?nuit\s+du\s+(?P<day0>{DAYNUM})\s+au\s+(?P<day>{DAYNUM})\s+(?P<month>{MONTH})(?:\s+(?P<year>{YEAR})(?!\d))?{E}")
# days relative to the anchor, with a part of the day: "hier soir", "avant-hier", "ce matin", "ce soir"
pattern("relday", rf"{B}(?P<word>avant-hier|après-demain|hier|demain|aujourd{A}hui)(?:\s+(?P<part>{PART}))?{E}")
pattern("thispart", rf"{B}(?:ce|cette|cet)\s+(?P<part>{PART}){E}(?!-ci)")
pattern("anchorday", rf"{B}(?:(?P<art>le|la)\s+)?(?P<word>lendemain|veille|surlendemain){E}")
# "la semaine dernière", "l'an prochain", "cette année", "le mois dernier", "la fin de l'année"
pattern("relunit", rf"{B}(?:(?P<mod>(?:la\s+)?(?:fin|début|milieu)\s+(?:de\s+la\s+|de\s+l{A}|du\s+|de\s+cette\s+|de\s+ce\s+|de\s+cet\s+))"
                   rf"|(?P<art>la\s+|le\s+|l{A}|cette\s+|ce\s+|cet\s+))(?P<unit>semaine|mois|année|an|week-end|siècle|décennie)"
                   rf"(?:\s*-?\s*(?P<ci>ci)|\s+(?P<rel>derni(?:er|ère)|prochaine?|passée?|précédente?|suivante?|en\s+cours))?{E}")
# "d'ici" (TimeBank annotates "ici" as the document date)
pattern("ici", rf"(?<=d{A})ici{E}")
# durations: "trois ans", "environ deux mois", "plus de vingt ans", "quelques mois", "une dizaine de jours"
pattern("duration", rf"{B}(?:(?P<qual>{QUAL})(?:\s+|(?<=['’])))?(?:(?P<num>{NUM})|(?P<vague>quelques|plusieurs|des|de\s+nombreux|de\s+nombreuses)"
                    rf"|(?P<round>une?\s+(?:{_alt(ROUND)}))\s+d(?:e\s+|{A}))\s*(?P<unit>{UNIT})(?P<half>\s+et\s+demie?)?{E}")
pattern("duration", rf"{B}(?:(?P<qual>{QUAL})\s+)?(?P<num>une?)\s+demi-(?P<unit>siècle|heure|journée|heure|douzaine){E}")
pattern("duration", rf"{B}(?P<word>quinquennat|septennat|triennat|décennie|millénaire){E}")
# "de 8 à 24 mois": the first number takes the unit of the second
pattern("durrange", rf"{B}(?P<num>\d+|{NUMWORD})\s+(?:à|-)\s+(?P<num2>{NUM})\s+(?P<unit>{UNIT}){E}")
# clock times: "14 h", "21 h 45", "14h30", "20 heures", "midi", "minuit"
pattern("clock", rf"(?<![\w.,])(?:(?P<cq>(?:un\s+)?peu\s+(?:avant|après)|aux\s+alentours\s+de)\s+)?"
                 rf"(?P<h>[01]?\d|2[0-4])\s?(?:h|heures?)(?:\s?(?P<m>[0-5]\d))?(?![\w])"
                 rf"(?:\s+(?P<half>du\s+matin|du\s+soir|de\s+l{A}après-midi))?"
                 rf"(?:\s+(?P<tz>GMT|UTC|HEC|heure\s+locale|heure\s+de\s+Paris|heure\s+française|locales?)(?![\w]))?")
pattern("clock", rf"{B}(?P<word>midi|minuit){E}", 0)
# sets: "chaque année", "tous les ans", "toutes les deux semaines", "par an", "annuel"
pattern("set", rf"{B}(?:chaque|tous\s+les|toutes\s+les)\s+(?:(?P<num>{NUM})\s+)?(?P<unit>jours?|semaines?|mois|ans|années?|matins?|soirs?|nuits?|week-ends?|heures?|étés|hivers|printemps|automnes){E}")
pattern("perunit", rf"(?<=\bpar\s)(?P<unit>an|jour|mois|semaine|heure|année){E}")
pattern("setadj", rf"{B}(?P<word>annuel(?:le)?s?|mensuel(?:le)?s?|nocturnes?|quotidiennement|annuellement|mensuellement|hebdomadaires?){E}")
# vague references to the present, past and future
pattern("vague", rf"{B}(?P<word>actuellement|à\s+présent|maintenant|désormais|dorénavant|de\s+nos\s+jours|actuel(?:le)?s?"
                 rf"|à\s+l{A}heure\s+actuelle|en\s+ce\s+moment|autrefois|jadis|naguère|récemment|dernièrement|auparavant"
                 rf"|précédemment|nouvellement|par\s+le\s+passé|prochainement|bientôt(?!\s+(?:\d|{NUMWORD}|quelques|plusieurs))|l{A}avenir|avenir|le\s+futur"
                 rf"|(?:les|ces)\s+(?:prochains|prochaines|derniers|dernières)\s+(?:jours|semaines|mois|années|temps)){E}")
# "le prochain mariage", "les prochaines échéances", "le futur chancelier": the adjective alone
pattern("vagueadj", rf"{B}(?:le|la|les|du|des|ses|son|sa|leurs?)\s+(?P<core>(?P<word>prochaine?s?|futur(?:e|s|es)?))(?=\s+[a-zé]{{3,}})")
# "le recensement précédent": a postposed "précédent" refers to the past
pattern("vaguepost", rf"(?<=[a-zé]{{3}}\s)(?<!sans\s)(?P<word>précédente?s?){E}(?!\s+[a-zé]{{4,}})")
# "au cours de la nuit", "pendant la nuit"
pattern("night", rf"{B}(?:au\s+cours\s+de|pendant|durant|dans)\s+(?P<core>la\s+(?P<part>nuit|soirée|matinée)){E}"
                 rf"(?!\s+(?:de|du|d{A}))")
# "pour l'instant", "pour l'heure": now
pattern("vague", rf"(?<=\bpour\s)(?P<word>l{A}instant|l{A}heure){E}")

# What may precede a bare year without it being a year ("résolution 1405", "RN 1234").
NOT_YEAR_BEFORE = re.compile(
    r"(?:résolution|n°|no\.?|numéro|article|loi|décret|route|rd|rn|vol|page|p\.|tél\.?|code|modèle|type|boeing|airbus"
    r"|version|salle|rue|avenue|ligne|bus|quelque|quelques|les|des|ces|plus\s+de|moins\s+de|près\s+de|environ|sur)\s+$",
    re.IGNORECASE)
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:habitants|personnes|euros?|francs|f\b|€|\$|dollars|km|kilomètres|mètres|m\b|kg|tonnes|morts|blessés|soldats"
    r"|voix|emplois|salariés|logements|exemplaires|hommes|femmes|enfants|élèves|spectateurs|points|sièges|voitures"
    r"|véhicules|victimes|ha\b|hectares|litres|signatures|membres|manifestants|policiers|militaires|réfugiés)",
    re.IGNORECASE)
# Words before "de N ans" that make it a duration, not an age ("une peine de 2 ans").
DURATION_HEADS = {
    "peine", "peines", "prison", "réclusion", "période", "durée", "mandat", "contrat", "délai", "bail", "plan",
    "programme", "absence", "retard", "attente", "condamnation", "sursis", "emprisonnement", "détention", "exil",
    "règne", "guerre", "conflit", "occupation", "bout", "espace", "cours", "total", "moyenne", "intervalle",
    "séjour", "stage", "travail", "travaux", "suspension", "interdiction", "exclusion", "service", "carrière",
}
CLOCK_PREP = re.compile(r"(?:\bà|\bvers|\bdès|\bjusqu['’]à|\bavant|\baprès|\bde|\bentre|\bet|\bpartir\s+de|\bdepuis|\bmidi|\bce)\s+$",
                        re.IGNORECASE)
DURATION_PREP = re.compile(r"(?:pendant|durant|depuis|en|dans|sous|pour|les|ces|des|plus\s+de|moins\s+de|environ|près\s+de"
                           r"|au\s+moins|de|toutes\s+les)\s+$", re.IGNORECASE)
SEASON_PREP = re.compile(r"(?:\ben|\bdepuis|\bpendant|\bdurant|\bd['’]|\bcomme|\bcet|\bd['’]un|\bde\s+l['’])\s*$", re.IGNORECASE)
SENTENCE_OPENERS = ".!?\n:«\"(_-–—"
KEYWORD_GROUPS = ("month", "season", "wd", "word")
PRIORITY = {"ordwd": 0, "date": 0, "dayrange": 0, "numdate": 0, "isodate": 0, "nightspan": 0, "relday": 1, "weekday": 1, "monthrange": 1,
            "month": 2, "relunit": 2, "season": 2, "clock": 2, "duration": 3, "year": 3}


def at_sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in SENTENCE_OPENERS


def _before(text: str, start: int, n: int = 40) -> str:
    return text[max(0, start - n):start]


def _is_age(text: str, c: Candidate) -> bool:
    pre, post = _before(text, c.start, 60), text[c.end:c.end + 3]
    if re.search(r"[,(]\s*$", pre) and re.match(r"\s*(?:[,)]|$|\.)", post):
        return True
    if re.search(r"(?:âgée?s?|l['’]âge)\s+(?:de\s+|d['’])$", pre, re.IGNORECASE):
        return True
    if c.parts.get("qual") and re.search(r"\bles\s+$", pre):
        return True  # "les moins de 17 ans"
    if re.search(r"(?<!\by )\b(?:ai|as|a|avons|avez|ont|avais|avait|avions|aviez|avaient|aura|aurait)\s+$", pre) and re.match(r"\s*(?:[,.;]|$)", post):
        return True
    if re.search(r"\b(?:ont|avaient|a|avait)\s+(?:\d+\s*(?:,|et)\s*)+$", pre):
        return True  # "elles ont 13, 19 et 23 ans"
    if re.search(r"\b(?:ses|mes|tes|leurs|nos|vos)\s+$", pre, re.IGNORECASE):
        return True  # "dès ses 16 ans"
    if re.search(r"(?<!jusqu['’])\b[àÀ]\s+$", pre) and not re.match(
            r"\s+(?:de\s+(?:prison|réclusion|détention|travaux)|ferme)", text[c.end:c.end + 16]):
        return True  # "À 50 ans, elle ..." (but "condamné à 10 ans de prison")
    m = re.search(r"(\w+)\s+(?:de\s+|d['’])(?:\w+\s+(?:à|-)\s+)?$", pre)
    return bool(m) and m.group(1).lower() not in DURATION_HEADS


def _accept(kind: str, m: re.Match, text: str) -> Candidate | None:
    parts = {k: v for k, v in m.groupdict().items() if v is not None}
    c = Candidate(*m.span("core" if "core" in parts else 0), kind, parts)
    for g in KEYWORD_GROUPS:  # a capitalized month or weekday inside a sentence is a name
        if g in parts and parts[g][0].isupper() and not at_sentence_start(text, m.start(g)) \
                and m.start(g) == c.start and g != "word":
            return None
    if kind == "year":
        if not parts.get("mod") and not parts.get("art"):
            if NOT_YEAR_BEFORE.search(_before(text, c.start)) or NOT_YEAR_AFTER.match(text, c.end):
                return None
            if re.match(r"\s*(?:e|ème|è)\b", text[c.end:c.end + 4]):
                return None
    elif kind == "dayrange":  # keep the first day alone; "23 juillet" is its own expression
        c.end = m.end("day")
    elif kind == "durrange":
        c.end = m.end("num")
        if re.match(r"an", parts["unit"]) and _is_age(text, Candidate(m.start(), m.end(), kind, parts)):
            return None
    elif kind == "duration":
        unit = parts.get("unit", "")
        if parts.get("vague") == "des" and not re.search(r"(?:depuis|pendant|durant|il\s+y\s+a|après|avant|pour|dans|en)\s+$",
                                                        _before(text, c.start), re.IGNORECASE):
            return None
        if parts.get("num", "").lower() in ("un", "une") and unit.startswith("jour") and not re.search(
                r"(?:pendant|durant|depuis|il\s+y\s+a|dans|pour|en|plus\s+d['’]|moins\s+d['’])\s*$", _before(text, c.start), re.I):
            return None  # "un jour" is mostly "one day", not a length of time
        if unit[:1].isupper() and not at_sentence_start(text, c.start):
            return None  # "les 24 Heures du Mans" is a race
        if unit.startswith("an") and _is_age(text, c):
            return None
        if unit.startswith("heure") and "num" in parts and CLOCK_PREP.search(_before(text, c.start)):
            return None  # "à 20 heures" is a clock time
    elif kind == "clock":
        if "word" in parts:
            return c
        pre = _before(text, c.start)
        spelled = "eure" in m.group(0).lower()
        if "Heure" in m.group(0) and not at_sentence_start(text, c.start):
            return None  # "les 24 Heures du Mans" is a race
        if spelled and not parts.get("cq") and not CLOCK_PREP.search(pre):
            return None  # "trois heures" is a duration (the duration pattern has it)
        if not spelled and DURATION_PREP.search(pre) and not re.search(r"\bde\s+$", pre):
            c.kind = "duration"
            c.parts = {"num": parts["h"], "unit": "heure", "minutes": parts.get("m")}
    elif kind == "anchorday":
        if parts["word"].lower() == "veille" and not parts.get("art"):
            return None  # "le CSA veille à": the verb
    elif kind == "relunit":
        if not (parts.get("rel") or parts.get("ci") or parts.get("mod")
                or (parts.get("art") or "").strip().lower() in ("cette", "ce", "cet")):
            return None
    elif kind == "season":
        if not parts.get("year") and re.match(r"\s+(?:de\s+l{A}|de\s+la\s|du\s|des\s)(?!année|an\b)".format(A=A), text[c.end:c.end + 12]):
            return None  # "le Printemps de l'environnement" is a name
        if parts["season"].lower() == "été" and not any(parts.get(k) for k in ("art", "mod", "year", "rel")) and (
                PARTICIPLE_AFTER.match(text, c.end) or not (at_sentence_start(text, c.start) or SEASON_PREP.search(_before(text, c.start)))):
            return None  # "a été", "ont été", 'a également "été frappée"': the participle
    elif kind == "month":
        if parts["month"].lower() == "mars" and re.match(r"\s*(?:[A-Z]|\d+\s*(?:km|kg))", text[c.end:c.end + 4]):
            return None
    return c


def _select(cands: list[Candidate]) -> list[Candidate]:
    """The longest candidates that do not overlap, in text order."""
    chosen: list[Candidate] = []  # disjoint, in text order
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY.get(c.kind, 5), c.start)):
        # Only the chosen one starting at or before c and the next one can overlap it.
        i = bisect.bisect_right(starts, c.start)
        if (i == 0 or chosen[i - 1].end <= c.start) and (i == len(chosen) or chosen[i].start >= c.end):
            chosen.insert(i, c)
            starts.insert(i, c.start)
    return _merge(chosen)


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """A clock time directly followed by its weekday is one expression ("4 h mardi")."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and prev.kind == "clock" and c.kind == "weekday" and not c.parts.get("art") \
                and not c.parts.get("part") and c.start - prev.end <= 1:
            out[-1] = Candidate(prev.start, c.end, "clock", {**prev.parts, "wd": c.parts["wd"], "rel": c.parts.get("rel")})
            continue
        out.append(c)
    return out


# What each kind of pattern cannot match without: words ("=an": that exact word; "actuel": any word
# starting so; "#": any number). A pattern runs only in windows around those words.
_UNITS = ("seconde", "minute", "heure", "jour", "journée", "semaine", "mois", "=an", "=ans", "année", "annee",
          "décenni", "siècle", "trimestre", "semestre", "week")
_MONTHS = tuple("=" + m for m in MONTHS)
_WEEKDAYS = tuple(WEEKDAYS)
NEEDS: dict[str, tuple[str, ...]] = {
    "date": _MONTHS, "dayrange": _MONTHS, "month": _MONTHS, "monthrange": _MONTHS, "numdate": ("#",),
    "isodate": ("#",), "year": ("#",),
    "decade": ("années", "annees"), "century": ("siècle",), "season": tuple("=" + w for w in SEASONS),
    "quarter": ("trimestre", "semestre"), "ordwd": _WEEKDAYS, "weekday": _WEEKDAYS, "setday": _WEEKDAYS,
    "nightspan": ("nuit",), "night": ("nuit", "soirée", "matinée"), "relday": ("hier", "demain", "aujourd"),
    "thispart": ("matin", "midi", "soir", "nuit"), "anchorday": ("lendemain", "veille", "surlendemain"),
    "relunit": ("semaine", "=mois", "année", "annee", "=an", "week", "siècle", "décenni"), "ici": ("=ici",),
    "duration": _UNITS + ("demi", "quinquennat", "septennat", "triennat", "millénaire"), "durrange": _UNITS,
    "clock": ("#", "=midi", "=minuit"), "set": ("=chaque", "=tous", "=toutes"), "perunit": ("=par",),
    "setadj": ("annuel", "mensuel", "nocturne", "quotidiennement", "annuellement", "hebdomadaire"),
    "vague": ("actuel", "présent", "maintenant", "désormais", "dorénavant", "=jours", "moment", "autrefois", "jadis",
              "naguère", "récemment", "dernièrement", "auparavant", "précédemment", "nouvellement", "passé",
              "prochain", "bientôt", "avenir", "futur", "derni", "instant", "=heure"),
    "vagueadj": ("prochain", "futur"), "vaguepost": ("précédent",),
}
_EXACT: dict[str, set[str]] = {}
_STEMS: dict[str, set[str]] = {}
for _kind, _words in NEEDS.items():
    for _w in _words:
        table, key = (_EXACT, _w[1:]) if _w.startswith("=") else (_STEMS, _w)
        table.setdefault(key, set()).add(_kind)
_LONGEST_STEM = max(len(w) for w in _STEMS)
_DIGIT_KINDS = frozenset(_STEMS.pop("#"))
WORD_RE = re.compile(r"\w+")
WINDOW_BEFORE, WINDOW_AFTER = 60, 90


def windows(text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """For each kind of pattern, the stretches of ``text[start:end]`` around the words it needs."""
    out: dict[str, list[list[int]]] = {}
    for m in WORD_RE.finditer(text, start, end):
        w = m.group().lower()
        if w[0].isdigit():
            kinds = _DIGIT_KINDS
        else:
            kinds = set(_EXACT.get(w, ()))
            for n in range(min(len(w), _LONGEST_STEM), 2, -1):
                kinds.update(_STEMS.get(w[:n], ()))
        lo, hi = max(start, m.start() - WINDOW_BEFORE), min(end, m.end() + WINDOW_AFTER)
        for kind in kinds:
            spans = out.setdefault(kind, [])
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
    return {kind: [(lo, hi) for lo, hi in spans] for kind, spans in out.items()}


def recognize(text: str, start: int = 0, end: int | None = None, everywhere: bool = False) -> list[Candidate]:
    """Time expression candidates in ``text[start:end]``, non-overlapping, in text order.

    ``everywhere`` runs every pattern over the whole stretch instead of around the words it
    needs: slower, and the tests check that it finds the same.
    """
    end = len(text) if end is None else end
    found = []
    spans = {kind: [(start, end)] for kind in NEEDS} if everywhere else windows(text, start, end)
    for kind, rx in PATTERNS:
        for lo, hi in spans.get(kind, ()):
            for m in rx.finditer(text, lo, hi):
                c = _accept(kind, m, text)
                if c is not None and c.end > c.start:
                    found.append(c)
    return _select(found)
