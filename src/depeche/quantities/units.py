"""Units of measure and what counts of people count, in French news copy.

``UNIT_RE`` matches a unit right after a number (and its multiplier); ``unit_of``
gives its normalized name. Counts of people have the unit ``person`` and a
category (killed, wounded, arrested, displaced, protesters, missing) when the
clause says what happened to them.
"""
from __future__ import annotations

import re

# (pattern, normalized unit). Longest and most specific first.
_UNITS: list[tuple[str, str]] = [
    (r"km\s?/\s?h|kms?/heure|kilom[èe]tres?[- ](?:par[- ])?heure|km\s+par\s+heure|kmh", "km/h"),
    (r"m\s?/\s?s|m[èe]tres?\s+par\s+seconde", "m/s"),
    (r"n[œo]euds|n[œo]eud", "knot"),
    (r"km³|km3|kilom[èe]tres?\s+cubes", "km3"),
    (r"m³|m3|m[èe]tres?\s+cubes", "m3"),
    (r"cm³|cm3|centim[èe]tres?\s+cubes", "cm3"),
    (r"km²|km2|kilom[èe]tres?\s+carr[ée]s", "km2"),
    (r"m²|m2|m[èe]tres?\s+carr[ée]s", "m2"),
    (r"hectares?|ha", "ha"),
    (r"kilom[èe]tres?|kms?", "km"),
    (r"centim[èe]tres?|cm", "cm"),
    (r"millim[èe]tres?|mm", "mm"),
    (r"m[èe]tres?|m", "m"),
    (r"tonnes?|t", "t"),
    (r"kilogrammes?|kilos?|kg", "kg"),
    (r"grammes?|g", "g"),
    (r"litres?", "l"),
    (r"barils?", "barrel"),
    (r"°\s?C|degrés?(?:\s+Celsius)?|°", "°C"),
    (r"%|pour\s?cent|pourcents?", "%"),
    (r"points?\s+de\s+pourcentage", "pp"),
    (r"heures?|h(?!\s?\d)", "h"),
    (r"minutes?|min|mn", "min"),
    (r"secondes?", "s"),
    (r"jours?|journées?", "day"),
    (r"semaines?", "week"),
    (r"mois", "month"),
    (r"années?[- ]lumière", "ly"),
    (r"ans|années|an", "year"),
    (r"décennies|décennie", "decade"),
    (r"siècles?", "century"),
    (r"M€|Md€|Mds€|Mrd€|k€|€|euros?|EUR", "EUR"),
    (r"M\$|Md\$|Mds\$|\$|dollars?(?:\s+américains)?|USD", "USD"),
    (r"livres?\s+sterling|£", "GBP"),
    (r"francs?\s+suisses?|CHF", "CHF"),
    (r"francs?\s+CFA|FCFA", "XOF"),
    (r"francs?", "franc"),
    (r"yuans?", "CNY"),
    (r"yens?", "JPY"),
    (r"roubles?", "RUB"),
    (r"Mbit/s|Mb/s", "Mbit/s"),
    (r"kWh", "kWh"),
    (r"kW|kilowatts?", "kW"),
    (r"ch|chevaux", "hp"),
    (r"Nm", "Nm"),
    (r"volts?|V", "V"),
    (r"pouces", "inch"),
    (r"Go|gigaoctets?", "GB"),
    (r"MW|mégawatts?", "MW"),
    (r"GW|gigawatts?", "GW"),
]
UNIT_RE = re.compile(
    r"(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)) + r")(?![\wÀ-ÿ€$£%])",
)
# "12 M€": the multiplier lives inside the currency symbol.
SYMBOL_MULTIPLIER = {"M€": 1e6, "Md€": 1e9, "Mds€": 1e9, "Mrd€": 1e9, "k€": 1e3, "M$": 1e6, "Md$": 1e9, "Mds$": 1e9}


def unit_of(m: re.Match) -> str:
    return _UNITS[int(m.lastgroup[1:])][1]


# Nouns that make a number a count of people.
PEOPLE = (
    "personnes?|mort|morte|tuée?|blessée?|disparue?|otage|victime|manifestant|gens|individus|habitants|civils|soldats|militaires|policiers|gendarmes|enfants|"
    "femmes|hommes|adultes|bébés|nourrissons|adolescents|mineurs|jeunes|élèves|étudiants|lycéens|"
    "collégiens|salariés|employés|travailleurs|ouvriers|agents|fonctionnaires|migrants|réfugiés|"
    "demandeurs d'asile|manifestants|manifestantes|grévistes|protestataires|passagers|victimes|"
    "patients|malades|morts|mortes|tués|tuées|blessés|blessées|otages|détenus|prisonniers|membres|"
    "militants|combattants|jihadistes|djihadistes|islamistes|rebelles|insurgés|terroristes|pompiers|"
    "secouristes|touristes|journalistes|médecins|infirmiers|infirmières|soignants|électeurs|fidèles|"
    "supporters|spectateurs|participants|visiteurs|suspects|ressortissants|déplacés|évacués|"
    "sinistrés|disparus|disparues|interpellés|arrêtés|décès|interpellations|arrestations|"
    "gardes à vue|députés|sénateurs|élus|candidats|ministres|joueurs|clients|usagers|résidents|"
    "occupants|marins|pêcheurs|pilotes|agriculteurs|chômeurs|retraités|volontaires|bénévoles|"
    "personnels|salariées|employées|enseignants|professeurs|parents|familles|Français|Françaises"
)
PEOPLE_RE = re.compile(rf"(?:{PEOPLE})(?![\w-])")

# What happened to the people counted: a cue in the clause after the number.
CATEGORY_CUES: list[tuple[str, str]] = [
    ("killed", r"morts?|mortes?|tu[ée]e?s?|décès|décédée?s?|ont péri|a péri|ont trouvé la mort|"
               r"a trouvé la mort|ont perdu la vie|a perdu la vie|sont morte?s|est morte?|"
               r"sans vie|victimes mortelles|morts?-nés|ont succombé|a succombé"),
    ("wounded", r"blessée?s?|ont été blessée?s|grièvement|légèrement blessée?s"),
    ("arrested", r"interpellée?s?|interpellations?|arrêtée?s?|arrestations?|gardes? à vue|écrouée?s?|"
                 r"placée?s? en détention|placée?s? en garde à vue"),
    ("displaced", r"déplacée?s?|évacuée?s?|réfugiée?s|sans-abri|sinistrée?s|ont fui|ont dû fuir|"
                  r"relogée?s?|exilée?s?"),
    ("protesters", r"manifestante?s|grévistes|protestataires|ont manifesté|ont défilé|ont battu le pavé|"
                   r"ont marché|ont protesté|se sont rassemblée?s|rassemblée?s|sont descendue?s dans la rue|"
                   r"descendue?s dans les rues|ont investi les rues|ont pris part à la manifestation"),
    ("missing", r"disparue?s?|portée?s? disparue?s?"),
]
CATEGORY_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{c}>{p})" for c, p in CATEGORY_CUES) + r")(?![\w-])",
    re.IGNORECASE,
)
# A verb before the number says what happened: "tuant 12 personnes", "faisant 3 morts".
CATEGORY_BEFORE_RE = re.compile(
    r"(?:(?P<killed>tuant|tué|tuer|coûté la vie à|coûtant la vie à)|(?P<wounded>blessant|blessé)|"
    r"(?P<arrested>interpellé|arrêté|interpellant|arrêtant)|(?P<displaced>évacué|évacuant|déplacé))\s+(?:au moins\s+|environ\s+|près de\s+|plus de\s+)?$",
    re.IGNORECASE,
)

# "141.908 km/h" is an English decimal: a dotted thousands reading above these is implausible.
PLAUSIBLE_MAX = {"km/h": 30_000, "%": 1_000, "°C": 2_000}

# PLOVER's size fields for each category.
PLOVER_SIZE = {"killed": "dead", "wounded": "injured", "arrested": "arrested",
               "displaced": "displaced", "protesters": "size", "missing": "missing"}


def category_in(text: str) -> str | None:
    """The first category cue in ``text`` (a clause following a count of people)."""
    m = CATEGORY_RE.search(text)
    return m.lastgroup if m else None


def category_before(text: str) -> str | None:
    m = CATEGORY_BEFORE_RE.search(text)
    return m.lastgroup if m else None
