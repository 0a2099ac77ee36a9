"""Entities: who the text talks about.

The ``entities`` stage finds mentions of people, organisations and governments
(``mentions``), joins the many mentions of one actor (``coref``: names, titles, pronouns,
"les deux dirigeants"), codes each actor with a country and a PLOVER sector
(``coding``, over the knowledge base in ``knowledge_base``), and adds actors named by a
common noun: groups ("la police", "200 policiers", ``groups``), unnamed people ("un
policier", ``individuals``) and counterparts ("son homologue allemand",
``counterparts``). The ``actor_context`` stage (``context``) gives a group or an official
named without a country the country of the story.

Public face: ``entity_at``, ``entities_at``, ``location_spans`` (what other stages ask of
the entities), ``knowledge`` and ``norm`` (the knowledge base and its name key), and
``person_nouns``.
"""
from .individuals import person_nouns
from .knowledge_base import knowledge, norm
from .stage import entities_at, entity_at, location_spans

__all__ = ["entities_at", "entity_at", "knowledge", "location_spans", "norm", "person_nouns"]
