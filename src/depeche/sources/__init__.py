"""Sources: following feeds, sitemaps and folders as the news arrives (``depeche watch``).

``polling`` turns one poll of a source (a feed or sitemap URL, a folder, a file; ``NAME=``
names its outlet) into the inputs that are new or changed, by content hash and conditional
requests; ``watch`` streams them through ingest into the store at an interval, each source's
failure named and counted while the others go on; ``state`` keeps, in the record's database
(migration 8), each source's validators and poll counts and each item's hash, written only
after what they describe is stored, so a watch can be stopped and restarted at any moment.

Public face: ``watch``, ``poll``, ``PollReport``, ``Source``, ``parse_source``, ``WatchState``,
``SourceState``.
"""
from .polling import Source, parse_source
from .state import SourceState, WatchState
from .watch import PollReport, poll, watch

__all__ = ["PollReport", "Source", "SourceState", "WatchState", "parse_source", "poll", "watch"]
