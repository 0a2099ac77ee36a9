"""Place names the other readers missed: a town spaCy took for a person, a dateline in capitals.

- ``misread_people``: a person the entities stage found that is a place after all. spaCy often
  tags a lone unknown capitalised word as a person ("arrivant à Zuoz", "habitant Bex"). A person
  entity is read as a place only when every one of its names is one word with no title before
  it, the knowledge base knows nothing of it (no role, country or sector), the gazetteer names a
  town, a region or a country so (by its own name, not an alternate one), and one of its mentions
  stands where only a place can: after "à", "en", "vers", "près de", "habitant", "demeurant à",
  or opening a dateline ("Rorschach, 15 septembre. -", "Cressier. -").
- ``dateline_places``: a dispatch's dateline in capitals ("GENÈVE. -", "SCHAFFHOUSE, 3 juin"), a
  country, a region or a town of 10,000 people or more that the gazetteer knows by that name
  (which spaCy and the capitalised-name search skip).
- ``split_head``, ``head_before``: a place noun with the name ("lac de Neuchâtel", "rue de la
  Paix": the whole phrase names the place) or before it ("le canton de Vaud": Vaud).
"""
from __future__ import annotations

import re

from ..models import Document, Entity

_PLACE_FEATURES = ("PPL", "ADM", "PCL")
# A word in capitals is a heading as often as a dateline ("AVIS. -"): a town of this size at least.
DATELINE_POPULATION = 10_000
_PLACE_BEFORE = re.compile(r"(?:\b(?:à|en|vers|près\s+de|habitant|demeurant\s+à|domicilié\s+à)\s+)$", re.IGNORECASE)
# After a dateline's place: a comma and a day ("Rorschach, 15 septembre"), or a full stop and a dash.
_DATELINE_AFTER = re.compile(r"^(?:\s*,\s*\d|\s*\.\s*[-–—])")
_CAPITALS = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,}(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+){0,2}\b")


def _names_a_place(gaz, name: str, population: int = 0) -> bool:
    return any(c.match in ("name", "curated") and c.feature.startswith(_PLACE_FEATURES)
               and (c.population >= population or c.feature in ("PCLI", "ADM1", "PPLC"))
               for c in gaz.lookup_exact(name))


def _at_line_start(text: str, start: int) -> bool:
    """Nothing but spaces since the start of the text, a line, or a sentence ended by a full stop."""
    before = text[max(0, start - 3):start].rstrip(" ")
    return not before or before[-1] in ".\n!?"


def _place_context(text: str, start: int, end: int) -> bool:
    if _PLACE_BEFORE.search(text[max(0, start - 20):start]):
        return True
    return _at_line_start(text, start) and bool(_DATELINE_AFTER.match(text[end:end + 6]))


def _title_before(text: str, start: int) -> bool:
    """A title, an initial or a first name just before ("M. Bex", "J. Bex")."""
    before = text[max(0, start - 12):start]
    return bool(re.search(r"(?:\b[A-ZÀ-Ý][\w]*\.?|\bM\.?|\bMme|\bMM\.?)\s+$", before))


def misread_people(doc: Document, gaz) -> list[Entity]:
    """The person entities of ``doc`` that are places (see the module's text)."""
    out = []
    for entity in doc.entities:
        if entity.type != "PER" or entity.role or entity.country or entity.sector:
            continue
        names = [m for m in entity.mentions if m.kind in (None, "name")]
        if not names or len(names) != len(entity.mentions):
            continue
        if any(" " in m.text or not m.text[:1].isupper() or _title_before(doc.text, m.start) for m in names):
            continue
        if not _names_a_place(gaz, names[0].text):
            continue
        if any(_place_context(doc.text, m.start, m.end) for m in names):
            out.append(entity)
    return out


def dateline_places(doc: Document, gaz) -> list[tuple[int, int]]:
    """Spans of the datelines in capitals that name a place the gazetteer knows."""
    out = []
    for m in _CAPITALS.finditer(doc.text):
        if not _at_line_start(doc.text, m.start()) or not _DATELINE_AFTER.match(doc.text[m.end():m.end() + 6]):
            continue
        if _names_a_place(gaz, m.group().title(), DATELINE_POPULATION):
            out.append((m.start(), m.end()))
    return out


# Nouns that name a place together with a name ("lac de Neuchâtel", "aéroport d'Orly", "rue de la
# Paix"): the whole phrase is the mention. A street or square is named after another place or a
# person, so its name alone never places it; a lake, an island or an airport lies at or near the
# place it is named after.
FEATURE_HEADS = {"lac", "lacs", "ile", "iles", "presqu'ile", "mer", "foret", "vallee", "massif", "mont", "monts",
                 "col", "golfe", "baie", "canal", "detroit", "plaine", "plateau", "desert", "fleuve", "riviere",
                 "aeroport", "port", "gare", "stade", "patinoire", "chateau", "cathedrale", "basilique", "abbaye",
                 "fort"}
STREET_HEADS = {"rue", "avenue", "boulevard", "place", "quai", "quartier", "allee", "impasse", "square", "parc"}
# Nouns before a name that are not part of it: "le canton de Vaud", "la ville de Berne" name Vaud and Berne.
ADMIN_HEADS = {"canton", "ville", "village", "commune", "departement", "region", "province", "etat", "cite",
               "hameau", "capitale", "arrondissement", "municipalite", "district"}
_HEAD = re.compile(r"([^\W\d_][\w'’-]*)(\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?|(?:\s+de\s+l|\s+d)['’])",
                   re.UNICODE)
_HEAD_BEFORE = re.compile(r"\b([^\W\d_][\w'’-]*)\s+(?:(?:de\s+la|du|des|de)\s+|(?:de\s+l|d)['’]\s*)?$")


def _key(word: str) -> str:
    from .index import normalize
    return normalize(word).replace(" ", "")


def head_kind(word: str) -> str | None:
    """"feature", "street" or "admin" for a lower-case place noun, else None."""
    if not word[:1].islower():
        return None
    key = _key(word)
    return "feature" if key in FEATURE_HEADS else "street" if key in STREET_HEADS else \
        "admin" if key in ADMIN_HEADS else None


def split_head(text: str, start: int, end: int) -> tuple[str | None, int]:
    """(kind of the place noun the span opens with, where the name after it starts)."""
    m = _HEAD.match(text, start, end)
    if m is None or m.end() >= end or not text[m.end()].isupper():
        return None, start
    kind = head_kind(m.group(1))
    return (kind, m.end()) if kind else (None, start)


def head_before(text: str, start: int) -> tuple[str | None, int]:
    """(kind of a place noun just before a name, "lac de" before "Genève", and where it starts)."""
    m = _HEAD_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return None, start
    kind = head_kind(m.group(1))
    return kind, m.start() if kind in ("feature", "street") else start


# Adjectives that make a region of a place ("Suisse romande", "Asie centrale"): part of its name.
_REGION_AFTER = re.compile(r"\s+(?:romande|alémanique|centrale|orientale|occidentale|méridionale|septentrionale|"
                           r"métropolitaine|continentale)\b")


def region_after(text: str, end: int) -> int:
    """Where the name ends with a region adjective after it ("Suisse romande"), else ``end``."""
    m = _REGION_AFTER.match(text, end)
    return m.end() if m else end


def name_before_region(text: str, start: int, end: int) -> int:
    """Where the name of a mention with a region adjective ends ("Suisse" of "Suisse romande"), else ``end``."""
    cut = text.rfind(" ", start, end)
    return cut if cut > start and region_after(text, cut) == end else end
