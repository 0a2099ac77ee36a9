"""The actor_context stage: a group the text names without a country ("la police", "des
manifestants", "le gouvernement") gets the country where the document is.

Event datasets code such actors by the story's location ("police (Belarus)"). The country is
the one that most of the document's place mentions are in, when it holds at least half of
them; a document without places, or split between countries, leaves its groups without a
country. Only groups are concerned (entities whose every mention is a descriptor, with a
sector), and officials: a person with a government role and no country ("le ministre de
l'Intérieur Gérald Darmanin"). French news gives a foreign official a nationality ("le ministre
italien de l'Intérieur"), so an official without one is of the country where the story is, and
French when the story names no place. A named organisation never gets a country this way. An
entity coded so says it: ``country_from_context``.
"""
from __future__ import annotations

from collections import Counter

from ..models import Document, Entity
from ..pipeline import Stage, register

MIN_SHARE = 0.5
HOME = "FRA"  # the dispatches are French (as for places' near ties)


def main_country(doc: Document) -> str | None:
    """The country (alpha-3) of at least half of the document's place mentions, or None."""
    located = [p for p in doc.places if p.country is not None]
    counts = Counter({p.country: 0 for p in located})
    for p in located:
        counts[p.country] += len(p.mentions)
    total = sum(counts.values())
    if not total:
        return None
    country, n = counts.most_common(1)[0]
    return country if n / total >= MIN_SHARE else None


def is_group(entity: Entity) -> bool:
    return entity.sector is not None and bool(entity.mentions) and all(m.kind == "descriptor" for m in entity.mentions)


def is_official(entity: Entity) -> bool:
    return entity.type == "PER" and entity.sector == "GOV" and entity.role is not None


@register("actor_context", requires=("entities", "places"), provides=("entity_countries",))
class ActorContextStage(Stage):
    """Groups and officials named without a country take the country of the document's places."""

    def __call__(self, doc: Document) -> Document:
        country = main_country(doc)
        for entity in doc.entities:
            if entity.country is not None:
                continue
            if is_official(entity) and (country or not any(p.country for p in doc.places)):
                entity.country, entity.country_from_context = country or HOME, True
            elif country is not None and is_group(entity):
                entity.country, entity.country_from_context = country, True
        return doc
