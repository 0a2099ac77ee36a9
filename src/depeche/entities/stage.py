"""The entities stage: people, organisations and governments, resolved and coded as actors.

1. Name mentions from spaCy corrected with the knowledge base (``depeche.entities.mentions``).
2. Countries, capitals and seats of power used as actors become governments; used as
   locations they are left to the places stage (``location_spans``).
3. Roles from appositions; descriptors and "ce dernier" (``depeche.entities.coding``); groups
   named by a common noun, "la police", "des milliers de manifestants" (``depeche.entities.groups``);
   people the text does not name, "un homme", "le suspect" (``depeche.entities.individuals``); a leader's
   "homologue allemand" (``depeche.entities.counterparts``).
4. Coreference into entities with a canonical name, country and sector (``depeche.entities.coref``).

Other stages ask ``entity_at(doc, start, end)`` for the entity mentioned in a span, and
``entities_at`` for all of them when a plural mention refers to several ("les deux dirigeants").
"""
from __future__ import annotations

from .coding import apply_roles, classify_places, code_organisations, descriptor_mentions
from .coref import cluster, plural_mentions, pronoun_mentions, to_entities
from .counterparts import counterpart_mentions
from .groups import group_mentions
from .individuals import individual_mentions
from .knowledge_base import knowledge, norm, office_of
from .mentions import Cand, name_mentions
from ..models import Document, Entity
from ..nlp import LOCATIONS_KEY
from ..pipeline import Stage, register
from ..spans import SpanIndex, index



def analyse(doc: Document) -> tuple[list[Entity], list[tuple[int, int]]]:
    """The document's entities, and the name spans it uses as locations."""
    cands: list[Cand] = name_mentions(doc)
    classify_places(doc.spacy, cands)
    code_organisations(doc.spacy, cands)
    registry: dict = {}
    apply_roles(doc, cands, registry)
    extra = descriptor_mentions(doc, cands, registry)
    extra += group_mentions(doc, cands + extra)
    extra += individual_mentions(doc, cands + extra)
    extra += counterpart_mentions(doc, cands + extra)
    extra += pronoun_mentions(doc, cands + extra)
    extra += plural_mentions(doc, cands)
    for c in extra:
        c.text = doc.text[c.start:c.end]
    cands += extra
    places = sorted((c.start, c.end) for c in cands if c.place)
    entities = to_entities(cluster(cands))
    kb = knowledge()
    for entity in entities:
        if entity.type != "PER" or (entity.role is not None and entity.country is not None):
            continue
        office = office_of(kb, entity.name, doc.dct.value if doc.dct else None)
        if office is not None and entity.country in (None, office.country):
            # A leader in office on the document's date ("le président Macron" in 2020).
            role = kb.roles.get(norm(office.title))
            entity.role = entity.role or (role.label if role else office.title)
            entity.country, entity.sector = office.country, entity.sector or "GOV"
            if len(entity.name.split()) == 1:
                entity.name = office.name
    return entities, places


@register("entities", requires=("spacy",), provides=("entities",))
class EntityStage(Stage):
    """People, organisations and governments (PER, ORG, GPE) with mentions, roles and actor codes."""

    def __call__(self, doc: Document) -> Document:
        entities, places = analyse(doc)
        doc.entities = entities
        doc.spacy.user_data[LOCATIONS_KEY] = places
        return doc


def entity_at(doc: Document, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping [start, end) (the largest overlap wins)."""
    best, best_overlap = None, 0
    for entity, m in _mentions(doc).touching(start, end):  # (the others overlap less than nothing)
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > best_overlap or (overlap == best_overlap == 0 and start == end == m.start):
            best, best_overlap = entity, overlap
    return best


def entities_at(doc: Document, start: int, end: int) -> list[Entity]:
    """Every entity with a mention overlapping [start, end) as much as the best one: one entity,
    or the several a plural mention refers to ("les deux dirigeants")."""
    best = entity_at(doc, start, end)
    if best is None:
        return []
    spans = [(m.start, m.end) for m in best.mentions if m.start < end and start < m.end] or \
        [(m.start, m.end) for m in best.mentions]
    at = index(doc, "entity_spans", doc.entities, _by_span)
    found = {n for span in spans for n in at.get(span, ())}
    found.update(index(doc, "entity_positions", doc.entities, _positions)[id(best)])
    return [doc.entities[n] for n in sorted(found)]


def _mentions(doc: Document) -> SpanIndex:
    """The (entity, mention) pairs of the document by offset."""
    return index(doc, "entity_mentions", doc.entities,
                 lambda entities: SpanIndex((m.start, m.end, (e, m)) for e in entities for m in e.mentions))


def _positions(entities: list[Entity]) -> dict[int, list[int]]:
    """id() of an entity -> its positions in the list."""
    out: dict[int, list[int]] = {}
    for n, e in enumerate(entities):
        out.setdefault(id(e), []).append(n)
    return out


def _by_span(entities: list[Entity]) -> dict[tuple[int, int], set[int]]:
    """(start, end) of a mention -> the positions of the entities with a mention there."""
    out: dict[tuple[int, int], set[int]] = {}
    for n, e in enumerate(entities):
        for m in e.mentions:
            out.setdefault((m.start, m.end), set()).add(n)
    return out


def location_spans(doc: Document) -> list[tuple[int, int]]:
    """Name spans (character offsets) that the entities stage read as locations, not actors."""
    if doc.spacy is None:
        return []
    return list(doc.spacy.user_data.get(LOCATIONS_KEY, []))
