"""Linking: one event, many reports. Copies, events linked across articles, corroboration, stories.

``copies`` finds articles that are the same text or a light rewrite (normalised-text hash,
canonical URL, MinHash LSH over word 3-grams with datasketch); ``rules`` says when two event
mentions of two documents are one real-world event (and the type-and-date baseline);
``events`` blocks reports by type and period, links them incrementally with union-find and
builds linked events with their corroboration (reports, outlets, sources, independent reports,
factuality); ``stories`` clusters articles online by date on stems and names; ``run`` brings a
record up to date (``link``), incrementally and idempotently; ``unionfind`` the groups.

Public face: ``link``, ``Linking``, ``LinkReport``, ``LinkRules``, ``StoryRules``, ``CopyIndex``,
``Fingerprint``, ``EventLinker``, ``compare``, ``baseline``, ``clusters``, ``linked_events``,
``corroboration``, ``cluster_stories``, ``story_terms``, ``lead`` (a text's title and lead).
"""
from .copies import CopyIndex, Fingerprint
from .events import EventLinker, clusters, corroboration, linked_events
from .rules import LinkRules, baseline, compare
from .run import LinkReport, Linking, link
from .stories import StoryRules, lead
from .stories import cluster as cluster_stories
from .stories import terms as story_terms

__all__ = ["CopyIndex", "EventLinker", "Fingerprint", "LinkReport", "LinkRules", "Linking", "StoryRules",
           "baseline", "clusters", "cluster_stories", "compare", "corroboration", "lead", "link", "linked_events",
           "story_terms"]
