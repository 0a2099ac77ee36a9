"""Typed records of the output contract (v1).

Every span is a pair of 0-based, end-exclusive character offsets into
``Document.text``, the exact decoded input (header included).
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

CONTRACT_VERSION = "1"

Precision = Literal["year", "month", "day"]
SegmentKind = Literal["header", "title", "body", "caption"]
EntityType = Literal["PER", "ORG", "GPE", "LOC", "MISC"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Qualifier = Literal["exact", "approx", "min", "max"]
Factuality = Literal["asserted", "reported", "planned", "hypothetical", "feared", "negated"]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "REJECT", "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    # entities: "name" ("M. Kim" -> "Kim"), "descriptor" ("le président russe"), "pronoun" ("ce dernier")
    kind: Literal["name", "descriptor", "pronoun"] | None = None


class DocumentDate(Record):
    """The document creation time, with the precision the input gave."""

    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Precision


class Segment(Record):
    kind: SegmentKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    credit: str | None = None
    credit_start: int | None = None
    credit_end: int | None = None
    archive: bool = False


class Sentence(Record):
    """A sentence as the spaCy parse cut it (``depeche.nlp.sentences``), whitespace trimmed."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(Record):
    id: str
    name: str
    type: EntityType
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    sector: str | None = None
    role: str | None = None
    of: str | None = None  # what the role is of: "le porte-parole du Kremlin" -> "Kremlin"
    metonymy: bool = False  # a capital or seat of power standing for its government
    country_from_context: bool = False  # a group's country taken from the document's places, not its words
    mentions: list[Mention] = []


class Place(Record):
    """A named place. One the gazetteer cannot resolve (unknown, too small, ambiguous, or not
    inside the region or country its sentence names) keeps its name and mentions with
    ``resolved`` false and no point, country, GeoNames id or feature."""

    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    geonameid: int | None = None
    feature: str | None = None
    resolved: bool = True
    mentions: list[Mention] = []


class Time(Record):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: TimeType
    value: str
    anchor: str | None = None
    # TIMEX3 mod: APPROX, START, MID, END, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS.
    mod: str | None = None
    # For a duration counted from the anchor ("il y a trois ans", "dans deux semaines"): the date it points to.
    resolved: str | None = None
    # True for the record of the document date itself (the header's date text, or zero-width at 0).
    dct: bool = False
    # On the document-date record of a month-dated document: the most precise value (day, ISO week
    # or month) that the text's own past and future dates of that month allow.
    narrowed: str | None = None


class Quantity(Record):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float
    unit: str
    qualifier: Qualifier
    category: str | None = None
    high: float | None = None  # upper bound of a range ("entre 10 et 20": value 10, qualifier min, high 20)
    noun: str | None = None  # what a count of people or things counts ("manifestants", "pays")


class Quote(Record):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None = None
    speaker_span: Mention | None = None
    partial: bool = False


class Attribution(Record):
    text: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None


class Event(Record):
    id: str
    type: PloverType
    mode: str | None = None
    source: list[str] = []
    target: list[str] = []
    place: str | None = None
    time: str | None = None
    factuality: Factuality = "asserted"
    attribution: Attribution | None = None
    segment: Literal["body", "caption"] = "body"
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    source_spans: list[Mention] = []
    target_spans: list[Mention] = []
    cues: list[str] = []
    sizes: dict[str, str] = {}
    # Further mentions of the same event in the document ("l'arrestation" after "a été arrêté"),
    # kept as evidence; the trigger above is the first or most informative one.
    mentions: list[Mention] = []


class Check(Record):
    kind: str
    consistent: bool
    detail: str
    refs: list[str] = []


class Document(Record):
    """One dispatch as it flows through the stages, and the JSON it becomes."""

    contract: str = CONTRACT_VERSION
    id: str
    source: str
    text: str
    dct: DocumentDate | None = None
    language: str | None = None
    metadata: dict[str, Any] = {}
    warnings: list[str] = []
    segments: list[Segment] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    places: list[Place] = []
    times: list[Time] = []
    quantities: list[Quantity] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    checks: list[Check] = []

    # Working state that never reaches the JSON output.
    _spacy: Any = PrivateAttr(default=None)
    _done: set[str] = PrivateAttr(default_factory=set)
    # Indexes of records by offset, built by ``depeche.spans`` for the stages that query them.
    _indexes: dict[str, Any] = PrivateAttr(default_factory=dict)
    # Seconds the stages have spent on this document (its time budget, ``Settings.time_budget``).
    _spent: float = PrivateAttr(default=0.0)

    @property
    def spacy(self) -> Any:
        """The spaCy ``Doc`` over ``analysis_text`` (same length as ``text``)."""
        return self._spacy

    def segments_of(self, *kinds: SegmentKind) -> list[Segment]:
        return [s for s in self.segments if s.kind in kinds]

    def segment_at(self, offset: int) -> Segment | None:
        from .spans import record_index  # (segments looked up by offset, not walked)

        for seg in record_index(self, "segments", self.segments).touching(offset, offset):
            if seg.start <= offset < seg.end:
                return seg
        return None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)


def iter_spans(doc: Document):
    """Every (start, end, text) span that the document's records carry."""
    for m in ("times", "quantities", "quotes", "events"):
        for r in getattr(doc, m):
            yield r.start, r.end, r.text
    for e in doc.entities:
        for m in e.mentions:
            yield m.start, m.end, m.text
    for p in doc.places:
        for m in p.mentions:
            yield m.start, m.end, m.text
    for ev in doc.events:
        for m in ev.source_spans + ev.target_spans + ev.mentions:
            yield m.start, m.end, m.text
        if ev.attribution is not None and ev.attribution.start is not None:
            yield ev.attribution.start, ev.attribution.end, ev.attribution.text
    for q in doc.quotes:
        if q.speaker_span is not None:
            yield q.speaker_span.start, q.speaker_span.end, q.speaker_span.text
