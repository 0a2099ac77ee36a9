"""``link``: bring a record's copies, linked events and stories up to date, incrementally.

Documents that this linker (its version and settings) has not seen are fingerprinted for
copies, their event mentions compared with every stored report (``EventLinker``) and their
story terms kept. Copy groups, linked events and stories are then rebuilt from what is stored
(fingerprints, edges, terms), which is cheap and makes the result independent of the order in
which articles arrived. Running it again with nothing new changes nothing; a document removed
or replaced since the last run, or a change of settings, is noticed and handled (settings: all
links rebuilt). Nothing is ever deleted from the documents or their events.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

from ..models import Report
from .copies import CopyIndex, Fingerprint, title_key
from .events import EventLinker, clusters, linked_events
from .rules import LinkRules
from .stories import StoryRules, cluster, lead, terms

VERSION = "2"
OUTLET_KEYS = ("outlet", "publisher", "site_name", "sitename", "source_name", "media", "journal")


@dataclass(frozen=True)
class Linking:
    """Everything that decides the links; its fingerprint is stored with each linked document."""

    rules: LinkRules = LinkRules()
    stories: StoryRules = StoryRules()
    copy_threshold: float = 0.5
    copy_containment: float = 0.6
    copy_days: int = 1
    copy_containment_later: float = 0.75

    def fingerprint(self) -> str:
        return (f"v{VERSION} {self.rules.fingerprint()} {self.stories.fingerprint()} "
                f"c{self.copy_threshold:g}/{self.copy_containment:g}/{self.copy_days}/{self.copy_containment_later:g}")

    def copy_index(self) -> CopyIndex:
        return CopyIndex(self.copy_threshold, self.copy_containment, self.copy_days, self.copy_containment_later)

    @classmethod
    def from_settings(cls, settings) -> Linking:
        return cls(LinkRules(window=settings.link_window, radius_km=settings.link_radius_km,
                             threshold=settings.link_threshold),
                   StoryRules(window=settings.story_window, threshold=settings.story_threshold),
                   settings.copy_threshold, settings.copy_containment, settings.copy_days,
                   settings.copy_containment_later)


@dataclass
class LinkReport:
    documents: int = 0  # newly linked
    reports: int = 0  # event mentions of those documents
    edges: int = 0  # new pairs of reports found to be one event
    rebuilt: bool = False  # every link was rebuilt (new settings)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        c = self.counts
        return (f"linked {self.documents} new documents ({self.reports} event mentions, {self.edges} new links"
                f"{', all links rebuilt' if self.rebuilt else ''}) in {self.seconds:.1f} s: "
                f"{c.get('events', 0)} event mentions in {c.get('linked_events', 0)} linked events; "
                f"{c.get('copy_docs', 0)} documents in {c.get('copy_sets', 0)} copy groups; "
                f"{c.get('stories', 0)} stories")


def outlet(metadata: dict) -> str | None:
    """The outlet that published a document: a metadata field, else its URL's host."""
    for key in OUTLET_KEYS:
        if isinstance(metadata.get(key), str) and metadata[key].strip():
            return metadata[key].strip()
    from .copies import canonical_url

    url = canonical_url(metadata)
    return url.split("/", 1)[0] if url else None


def link(store, linking: Linking = Linking(), *, rebuild: bool = False) -> LinkReport:
    """Link what ``store`` holds that is not linked yet (everything with ``rebuild``)."""
    from ..record import LinkWrite

    started = time.perf_counter()
    report = LinkReport()
    fp = linking.fingerprint()
    new = store.unlinked(fp)
    before = store.link_counts()
    others = before["linked_documents"] - (before["documents"] - len(new))
    report.rebuilt = rebuild or others > 0
    if report.rebuilt:
        new = store.unlinked("")  # every document
    # A document removed or replaced since: its mentions left event_links but not the counts.
    stale = before["linked_mentions"] != before["event_links"] or (not new and before["event_links"] != before["events"])
    if not new and not stale and not report.rebuilt:
        report.counts = _summary_counts(store)
        report.seconds = time.perf_counter() - started
        return report

    write = LinkWrite(linker=fp, reset=report.rebuilt)
    # Copies: fingerprints of the new documents, groups over all.
    new_reports = store.reports(new) if new else []
    by_doc: dict[str, list[Report]] = {}
    for r in new_reports:
        by_doc.setdefault(r.doc_id, []).append(r)
    stored_docs = [] if report.rebuilt else store.linked_documents()
    outlets = {d: o for d, _, _, o, _ in stored_docs}
    story_docs = [(d, date, title, t) for d, date, title, _, t in stored_docs]
    index = linking.copy_index()
    if not report.rebuilt:
        titles = {d: title for d, _, title, _, _ in stored_docs}
        index.add_all(Fingerprint(*row, title_key(titles.get(row[0]))) for row in store.fingerprints())
    for doc_id, text, metadata, dct in store.texts(new):
        date = (dct or "0001-01-01")[:10]
        date = date + "-01" * (2 - date.count("-")) if len(date) < 10 else date
        title, _ = lead(text)
        f = Fingerprint.of(doc_id, text, metadata, date if dct and len(dct) >= 10 else None, title=title)
        index.add(f)
        write.fingerprints.append((f.doc_id, f.text_hash, f.url, f.minhash, f.shingles, f.date))
        outlets[doc_id] = outlet(metadata)
        t = terms(text, by_doc.get(doc_id, []))
        write.documents.append((doc_id, date, title, outlets[doc_id], json.dumps(t, ensure_ascii=False)))
        story_docs.append((doc_id, date, title, t))
    copy_links = index.links()
    write.copy_groups = [(d, c.group, c.kind, c.similarity) for d, c in sorted(copy_links.items())]
    copy_group = {d: c.group for d, c in copy_links.items()}

    # Events: every stored report indexed, the new ones compared with all before them.
    old_reports = [] if report.rebuilt else store.reports([d for d, *_ in stored_docs])
    linker = EventLinker(linking.rules)
    for r in old_reports:
        linker.index(r)
    new_reports.sort(key=lambda r: (r.doc_date or "", r.doc_id, r.start))
    edges = linker.add_all(new_reports)
    write.edges = [(a[0], a[1], b[0], b[1], round(m.score, 3), m.reasons) for a, b, m in edges]
    report.documents, report.reports, report.edges = len(new), len(new_reports), len(edges)
    all_edges = ([] if report.rebuilt else [((e[0], e[1]), (e[2], e[3])) for e in store.edges()])
    all_edges += [(a, b) for a, b, _ in edges]
    reports = {r.key: r.model_copy(update={"outlet": outlets.get(r.doc_id)}) for r in old_reports + new_reports}
    components = clusters(reports.keys(), all_edges)
    events = linked_events(reports, components, copy_group)
    write.linked_events = events
    heads = {e.canonical for e in events}
    write.links = [(k[0], k[1], e.id, int(k in heads)) for e, members in zip(events, components) for k in members]

    story_docs.sort(key=lambda d: (d[1], d[0]))
    write.stories = cluster(story_docs, linking.stories)
    store.write_links(write)
    report.counts = _summary_counts(store)
    report.seconds = time.perf_counter() - started
    return report


def _summary_counts(store) -> dict[str, int]:
    counts = dict(store.link_counts())
    sizes = Counter(store.copy_groups().values())
    counts["copy_sets"] = sum(1 for n in sizes.values() if n > 1)
    counts["copy_docs"] = sum(n for n in sizes.values() if n > 1)
    return counts
