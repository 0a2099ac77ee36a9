"""Events: who did what to whom, according to whom, and how sure the text is.

``triggers`` holds the PLOVER trigger lexicon (``data/plover_triggers_fr.tsv``), ``roles``
finds source and target actors, ``attribution`` the source a sentence is attributed to
("selon X", "a indiqué X"), ``factuality`` how sure the text is (asserted, reported,
planned, hypothetical, feared, negated), ``quotes`` quotations and their speakers; the
``events`` stage (``stage``) puts them together, with each event's place, time and sizes.

Public face: ``event_regions``, ``rule_events``, ``token_factuality``, ``sentence_sources``, ``lexicon``.
"""
from .attribution import sentence_sources
from .stage import event_regions, rule_events, token_factuality
from .triggers import lexicon

__all__ = ["event_regions", "lexicon", "rule_events", "sentence_sources", "token_factuality"]
