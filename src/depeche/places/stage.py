"""The places stage: place names found, resolved to GeoNames places, and where events happened.

1. Mentions: the spans that the entities stage reads as locations, spaCy's LOC/GPE spans,
   and capitalised names the model missed that the gazetteer knows well (a country, a
   region or a town of 50,000+). A span that is the mention of an entity (a capital or
   country used as an actor, "Washington craint que") is never a place. A leading article
   or elision is left out of the mention ("l'Extrême-Orient" -> "Extrême-Orient").
2. Resolution by ``depeche.places.toponyms.resolve`` (population, feature, the text's cues, the
   document's other places).
3. ``event_place(doc, start, end)``: the place where an event with that evidence span
   happened.

A name the gazetteer cannot resolve is output too, with ``resolved`` false and no point;
places without a country (continents, seas, "Moyen-Orient") are output with their point and
no country.
"""
from __future__ import annotations

import bisect
import math
import re

from .index import Candidate, gazetteer, normalize
from ..models import Document, Mention, Place
from ..pipeline import BUILTIN_MODULES, Stage, register
from ..spans import SpanIndex, SpanSet, index
from .misread import dateline_places, head_before, misread_people, name_before_region, region_after, split_head
from .toponyms import Cues, resolve

LOCATION_LABELS = {"LOC", "GPE"}
MIN_POPULATION_UNTAGGED = 50_000
WELL_KNOWN = {"PCLI", "ADM1", "RGN", "PPLC"}
_ARTICLE = re.compile(r"^(?:(?:[lL]|[dD])['’]\s*|(?:le|la|les|du|des|de|au|aux|en|Le|La|Les|Du|Des|De|Au|Aux|En)\s+)")
# Directions are names of regions in some countries ("Nord", "Ouest") but rarely in a French
# text without a region word before them ("le département du Nord").
DIRECTIONS = {"nord", "sud", "est", "ouest", "centre", "nord est", "nord ouest", "sud est", "sud ouest",
              "midi", "orient", "occident"}
# Feasts that name islands or towns too ("le pont de l'Ascension" is no trip to Ascension Island).
FEASTS = {"ascension", "toussaint", "pentecote", "assomption", "noel", "paques", "epiphanie", "chandeleur"}
MIN_POPULATION_ALTERNATE = 100_000
# A place noun alone ("au Mont", "la Gare") names no place the gazetteer could miss.
PLACE_NOUNS = {"mont", "monts", "lac", "rue", "place", "gare", "pont", "port", "cap", "baie", "ile", "col", "val",
               "bois", "foret", "riviere", "fleuve", "plage", "quartier", "ville", "village", "region", "etat",
               "province", "departement", "commune", "capitale", "centre", "pays", "continent", "ouest", "est"}
# The dispatches are French: a near tie between homonyms goes to France, and a small town
# abroad needs its country named elsewhere in the document ("Borne" is rarely in Holland).
HOME_COUNTRY = "FR"
MIN_POPULATION_LONE_FOREIGN = 50_000
_LOCATIVE = re.compile(r"(?:\b(?:à|a|au|aux|en|dans|près de|pres de|sur|in|at|near)\s*(?:l['’]|la\s+|le\s+|les\s+)?)$",
                       re.IGNORECASE)
_ORIGIN = re.compile(r"(?:\b(?:de|d['’]|du|des|depuis|from|of)\s*(?:l['’]|la\s+)?)$", re.IGNORECASE)


def _entity_spans(doc: Document) -> list[tuple[int, int]]:
    return [(m.start, m.end) for e in doc.entities for m in e.mentions]


def _trim(doc: Document, start: int, end: int, gaz) -> tuple[int, int]:
    """Without a leading article, unless the article is part of the name ("La Havane")."""
    text = doc.text[start:end]
    m = _ARTICLE.match(text)
    if m and m.end() < len(text) and not (text[0].isupper() and gaz.lookup_exact(text)):
        start += m.end()
    while end > start and not doc.text[end - 1].isalnum():
        end -= 1
    return start, end


def _location_spans(doc: Document) -> list[tuple[int, int]]:
    try:
        from ..entities import location_spans
    except ImportError:  # the entities stage is optional for this module
        return []
    return location_spans(doc)


def find_mentions(doc: Document, gaz, extra: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of the document's place names (no actor mentions), ``extra`` ones too."""
    actors = _entity_spans(doc)
    spans = set(_location_spans(doc)) | set(extra)
    if doc.spacy is not None:
        for ent in doc.spacy.ents:
            if ent.label_ in LOCATION_LABELS:
                spans.add((ent.start_char, ent.end_char))
    out: list[tuple[int, int]] = []
    by_actor, kept = SpanSet(actors), SpanSet()
    for s, e in sorted(spans):
        s, e = _trim(doc, s, e, gaz)
        s, e = _with_head(doc, s, e, kept), region_after(doc.text, e)
        if e > s and not by_actor.overlaps(s, e) and not kept.overlaps(s, e):
            out.append((s, e))
            kept.add(s, e)
    if doc.spacy is not None:
        taken = SpanSet(out + actors + [(x.start_char, x.end_char) for x in doc.spacy.ents])
        out += [(_with_head(doc, *sp, kept), region_after(doc.text, sp[1])) for sp in _untagged(doc, gaz)
                if not taken.overlaps(*sp)]
    return sorted(out)


def _with_head(doc: Document, start: int, end: int, kept: SpanSet) -> int:
    """Where the mention starts with its place noun: "lac de Genève" whole (a noun spaCy left out is
    taken in), "canton de Vaud" without it (the place is Vaud)."""
    kind, inner = split_head(doc.text, start, end)
    if kind == "admin":
        return inner
    if kind is None and doc.text[start:start + 1].isupper():
        kind, before = head_before(doc.text, start)
        if kind is not None and not kept.overlaps(before, start):
            return before
    return start


def _untagged(doc: Document, gaz) -> list[tuple[int, int]]:
    """Capitalised names that spaCy did not tag but that the gazetteer knows well."""
    found = []
    sdoc = doc.spacy
    i = 0
    while i < len(sdoc):
        tok = sdoc[i]
        if not tok.text[:1].isupper() or tok.is_sent_start or tok.is_stop \
                or (i > 0 and sdoc[i - 1].is_sent_start and sdoc[i - 1].is_punct):
            i += 1
            continue
        # The tail of a longer name ("York" of "New York" when "New" was missed, "Side" of
        # "Upper East Side") is not a place of its own.
        tail = i > 0 and sdoc[i - 1].text[:1].isupper() and not sdoc[i - 1].is_sent_start \
            and not sdoc[i - 1].is_stop and sdoc[i - 1].idx + len(sdoc[i - 1].text) < tok.idx
        for n in (3, 2, 1):
            span = sdoc[i:i + n]
            if len(span) < n or not span[-1].text[:1].isupper() or tail or (n == 1 and len(tok.text) < 4):
                continue
            cands = gaz.lookup(span.text)
            if any(_well_known(c) for c in cands[:5]):
                found.append((span.start_char, span.end_char))
                i += n - 1
                break
        i += 1
    return found


def _well_known(c: Candidate) -> bool:
    if c.match not in ("curated", "name", "short"):
        return False
    return c.feature in WELL_KNOWN or c.population >= MIN_POPULATION_UNTAGGED


def _is_place(doc: Document, gaz, start: int, end: int) -> bool:
    """Not a people noun ("les Français", "Américains"), nor a bare direction ("au Nord"), nor a feast
    ("l'Ascension")."""
    text = doc.text[start:end]
    if any(c.match == "demonym" for c in gaz.lookup_exact(text)):
        return False
    key = normalize(text)
    if key in FEASTS:
        return False
    return key not in DIRECTIONS or Cues(gaz, doc.text, start, end).region


def _kept(c: Candidate | None, named: set[str]) -> bool:
    """A reading worth a point: no guess from the context, no small place reached by an alternate
    name unless the document names its country (by a place or an adjective: "Verkhoïansk" in a
    story about Russia)."""
    if c is None or c.match in ("context", "demonym"):
        return False
    return not (c.match == "alt" and c.population < MIN_POPULATION_ALTERNATE and c.feature not in WELL_KNOWN
                and c.country not in named)


def _lone_foreign_town(c: Candidate, named_elsewhere: bool, named: set[str]) -> bool:
    if not (c.is_city or c.feature == "ADM2") or c.country == HOME_COUNTRY \
            or c.population >= MIN_POPULATION_LONE_FOREIGN or c.country in named:
        return False
    return not named_elsewhere


class _Countries:
    """How many readings name each country, leaving out some kinds of match; whether a reading
    other than ``c`` names its country, without a walk of every reading for each."""

    def __init__(self, readings: list[Candidate | None], skip: tuple[str, ...]):
        self.skip = skip
        self.count: dict[str | None, int] = {}
        self.times: dict[int, int] = {}  # (a reading may stand for several spans: the same object)
        for r in readings:
            if r is not None:
                self.times[id(r)] = self.times.get(id(r), 0) + 1
                if r.match not in skip:
                    self.count[r.country] = self.count.get(r.country, 0) + 1

    def elsewhere(self, c: Candidate) -> bool:
        return self.count.get(c.country, 0) - (self.times[id(c)] if c.match not in self.skip else 0) > 0


_WORD = re.compile(r"[^\W\d_]{4,}")


def adjective_countries(gaz, text: str) -> set[str]:
    """Countries the text names by an adjective ("portugais", "russe"), lower case only (a
    capitalised "Portugais" is a people, which names the country too)."""
    out: set[str] = set()
    for word in {w.lower() for w in _WORD.findall(text)}:
        out.update(c.country for c in gaz.lookup_exact(word) if c.match == "demonym" and c.country)
    return out


def kept_readings(gaz, text: str, spans: list[tuple[int, int]]) -> list[Candidate | None]:
    """The reading the stage outputs for each toponym span, None when it leaves the place
    unresolved (a name the gazetteer lacks, a guess from the context, a small place reached
    by an alternate name or a small town abroad in a country the document names nowhere else,
    by a place or an adjective, a town that is not inside the region or country its sentence
    puts it in)."""
    readings = resolve(gaz, text, spans, home=HOME_COUNTRY)
    named = adjective_countries(gaz, text)
    by_place, by_any = _Countries(readings, ("context", "alt")), _Countries(readings, ("context",))
    return [c if c is not None and _kept(c, named | ({c.country} if by_place.elsewhere(c) else set()))
            and not _lone_foreign_town(c, by_any.elsewhere(c), named) else None for c in readings]


_ROMAN = re.compile(r"^[IVXLCDM]+$")
# Endings of the adjectives and people nouns made from place names ("Parisien", "Neuchâteloise").
_DEMONYM_ENDINGS = ("iennes", "ienne", "iens", "ien", "oises", "oise", "ois", "aises", "aise", "ais", "éennes",
                    "éenne", "éens", "éen", "ains", "aine", "ain")


def _curated(gaz, text: str) -> bool:
    """A curated name that starts in lower case ("mer Noire", "océan Indien")."""
    return " " in text and any(c.match == "curated" for c in gaz.lookup_exact(text))


def _could_be_a_name(gaz, text: str) -> bool:
    """Whether an unresolved mention can be the name of a place: not a lone place noun ("au
    Mont"), not a letter, a code or a Roman numeral ("II", "VH", "CANTON" in capitals), not a
    people or an adjective made from a place the gazetteer knows ("Parisien")."""
    key = normalize(text)
    if key in PLACE_NOUNS or len(key) < 3 or _ROMAN.match(text) or (text.isupper() and " " not in text):
        return False
    if " " not in key:
        for ending in _DEMONYM_ENDINGS:
            stem = text[:-len(ending)]
            if text.endswith(ending) and len(stem) >= 3 and (gaz.lookup_exact(stem) or gaz.lookup_exact(stem + "e")):
                return False
    return True


def resolve_places(doc: Document, gaz, extra: list[tuple[int, int]] = ()) -> list[Place]:
    """Every place name of the document: resolved to a gazetteer entry, or kept unresolved
    (``resolved`` false, no point) with its mentions, one place per name (``extra``: spans
    found apart, see ``misread``)."""
    spans, inners, kinds = [], [], []
    for sp in find_mentions(doc, gaz, extra):
        kind, inner = split_head(doc.text, *sp)
        end = name_before_region(doc.text, *sp)
        if (doc.text[sp[0]].isupper() or kind or _curated(gaz, doc.text[sp[0]:sp[1]])) and _is_place(doc, gaz, *sp):
            spans.append(sp)
            inners.append((inner, end))
            kinds.append(kind or ("region" if end < sp[1] else None))
    readings = kept_readings(gaz, doc.text, inners)
    places: dict[object, Place] = {}
    for (s, e), kind, c in zip(spans, kinds, readings, strict=True):
        if kind is not None:  # "lac de Genève": the gazetteer's lake, else near Genève; a street: no point
            whole = [x for x in gaz.lookup_exact(doc.text[s:e]) if x.match in ("name", "curated")]
            c = whole[0] if whole else None if kind == "street" else c
        key = c.pid if c is not None else normalize(doc.text[s:e])
        if c is None and not _could_be_a_name(gaz, doc.text[s:e]):
            continue
        place = places.get(key)
        if place is None:
            n = len(places) + 1
            place = places[key] = Place(id=f"P{n}", name=doc.text[s:e], resolved=False) if c is None else Place(
                id=f"P{n}", name=c.label, lat=round(c.lat, 5), lon=round(c.lon, 5), country=c.country3,
                geonameid=c.geonameid, feature=c.feature,
            )
        place.mentions.append(Mention(start=s, end=e, text=doc.text[s:e]))
    return list(places.values())


# Actor mentions come from the entities stage when the pipeline has it.
REQUIRES = ("spacy", "entities") if "depeche.entities.stage" in BUILTIN_MODULES else ("spacy",)


@register("places", requires=REQUIRES, provides=("places",))
class PlaceStage(Stage):
    """Place names resolved to GeoNames places (coordinates, country, GeoNames id, feature)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.gaz = gazetteer(settings)

    def __call__(self, doc: Document) -> Document:
        misread = misread_people(doc, self.gaz)
        if misread:  # towns spaCy took for people: places, not actors
            doc.entities = [e for e in doc.entities if not any(e is m for m in misread)]
        extra = [(m.start, m.end) for e in misread for m in e.mentions] + dateline_places(doc, self.gaz)
        doc.places = resolve_places(doc, self.gaz, extra)
        return doc


# Below this, the sentence's only places are origins ("l'ambassadeur de Russie") or actors.
MIN_EVENT_PLACE_SCORE = -1.0
_SPECIFIC = {"PPL": 2.0, "ADM2": 1.5, "ADM1": 1.0, "RGN": 0.5, "PCLI": 0.0}
UNRESOLVED_SPECIFIC = 2.0
REACH = 1200


def event_place(doc: Document, start: int, end: int) -> str | None:
    """The id of the place where the event with evidence span [start, end) happened.

    Candidates are the place mentions of the sentence(s) around the span. A mention inside
    the span, after a locative preposition ("à", "en", "dans", "près de", "in"), and more
    specific (a town over a country) scores higher; one read as an origin or owner ("de",
    "depuis") or the subject of a verb ("Moscou s'approvisionne") lower; nearer is better.
    None when the sentence names no place, or only origins and actors.
    """
    lo, hi = _sentence_bounds(doc, start, end)
    # Past REACH characters a mention cannot score above MIN_EVENT_PLACE_SCORE (at most 4.5
    # outside the span, less the gap / 200): reading no further keeps an event's cost bounded in
    # a paragraph without punctuation, without changing any answer.
    lo, hi = max(lo, start - REACH), min(hi, end + REACH)
    best, best_score = None, None
    mentions = index(doc, "place_mentions", doc.places,
                     lambda places: SpanIndex((m.start, m.end, (p, m)) for p in places for m in p.mentions))
    for place, m in mentions.touching(lo, hi):
        if not (lo <= m.start and m.end <= hi):
            continue
        before = doc.text[max(lo, m.start - 12):m.start]
        score = 0.0
        if start <= m.start and m.end <= end:
            score += 3.0
        if _LOCATIVE.search(before):
            score += 2.5
        elif _ORIGIN.search(before):
            score -= 1.5
        score += _specific(place)
        if _is_subject(doc, m.start, m.end):  # "Moscou s'approvisionne": an actor, not a venue
            score -= 4.0
        gap = max(0, m.start - end, start - m.end)
        score -= gap / 200
        if best_score is None or score > best_score:
            best, best_score = place.id, score
    return best if best_score is not None and best_score > MIN_EVENT_PLACE_SCORE else None


def _specific(place: Place) -> float:
    """A town over a region over a country; a place the gazetteer could not resolve is most
    often a small town or a district ("à Trifouillis"), but its kind is unknown."""
    if not place.resolved or place.feature is None:
        return UNRESOLVED_SPECIFIC
    return _SPECIFIC.get(place.feature[:3] if place.feature.startswith("PPL") else place.feature, 0.0)


_CLITICS = {"s'", "s’", "se", "ne", "n'", "n’"}


def _is_subject(doc: Document, start: int, end: int) -> bool:
    if doc.spacy is None:
        return False
    span = doc.spacy.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if span.root.dep_.startswith("nsubj"):
        return True
    # The parse may miss it: a name with no preposition before it, a verb after it.
    before = doc.spacy[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ in ("ADP", "DET"):
        return False
    i = span.end
    if i < len(doc.spacy) and doc.spacy[i].lower_ in _CLITICS:  # "Moscou s'approvisionne"
        return True
    while i < len(doc.spacy) and doc.spacy[i].pos_ == "PRON":
        i += 1
    return i < len(doc.spacy) and doc.spacy[i].pos_ in ("VERB", "AUX")


def _sentence_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    if doc.spacy is None:
        lo = doc.text.rfind("\n", 0, start) + 1
        hi = doc.text.find("\n", end)
        return lo, len(doc.text) if hi < 0 else hi
    from ..nlp import parser_sentences  # (spaCy only when the document was parsed)

    lo, hi = start, end
    bounds = parser_sentences(doc.spacy)  # in text order: from the last one starting at or before start
    for s, e in bounds[max(0, bisect.bisect_right(bounds, (start, math.inf)) - 1):]:
        if s >= end:
            break
        if e > start:
            lo, hi = min(lo, s), max(hi, e)
    return lo, hi
