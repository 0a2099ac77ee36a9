"""Linking against the hand-labelled pairs of ``eval/linking`` (issue 18; see its GUIDELINES.md).

Copies: every OrangeSum article is fingerprinted and grouped (``CopyIndex``), and each labelled
article pair is right when "same copy group" matches its label; the baseline groups only
identical normalised texts. The copy step's speed is articles per CPU second.

Events: each labelled mention (document id, offsets, type) is found among the events depeche
extracts now (same type, overlapping span). The reports of the gold articles (from a record given
with ``db``, else from analysing those articles into a temporary record) are linked with the
pair rule and with the type-and-date baseline (``EventLinker``, union-find); a labelled pair is
linked when its two mentions land in one linked event. Scores: pairwise precision, recall, F1,
and BCubed over each group's mentions (each mention compared with the mentions it has a labelled
pair with, and itself). A mention no longer extracted links with nothing.
"""
from __future__ import annotations

import csv
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from ..config import Settings
from ..errors import DepecheError
from ..linking import EventLinker, Fingerprint, LinkRules, baseline, clusters
from ..models import Report

GOLD = Path(__file__).resolve().parents[3] / "eval" / "linking"
SPLITS = ("dev", "test")


class LinkingDataError(DepecheError):
    code = "no-data"


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if r.get("label") in ("0", "1")]


def pairwise(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    """Precision, recall, F1 of (system, gold) decisions."""
    tp = sum(1 for s, g in pairs if s and g)
    fp = sum(1 for s, g in pairs if s and not g)
    fn = sum(1 for s, g in pairs if g and not s)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "pairs": len(pairs), "positives": tp + fn}


# -- copies --------------------------------------------------------------------------------

def articles(path: Path, settings: Settings):
    from ..inputs import read_jsonl

    if not path.is_file():
        raise LinkingDataError(f"{path}: no such file")
    with path.open("rb") as f:
        return [d for d in read_jsonl(f, str(path), settings) if not isinstance(d, DepecheError)]


def eval_copies(articles_path: Path, gold: Path, settings: Settings) -> dict:
    from ..linking import Linking, lead

    docs = articles(articles_path, settings)
    started = time.process_time()
    fps = [Fingerprint.of(d.source, d.text, d.metadata, d.dct.value if d.dct else None, title=lead(d.text)[0])
           for d in docs]
    index = Linking.from_settings(settings).copy_index()
    index.add_all(fps)
    links = index.links()
    cpu = time.process_time() - started
    exact = {f.doc_id: f.text_hash for f in fps}
    rows = read_tsv(gold)
    out: dict = {"metrics": {}, "baseline": {}}
    for split in SPLITS:
        mine = [(links[r["a"]].group == links[r["b"]].group, r["label"] == "1") for r in rows if r["split"] == split]
        base = [(exact[r["a"]] == exact[r["b"]], r["label"] == "1") for r in rows if r["split"] == split]
        out["metrics"][split] = pairwise(mine)
        out["baseline"][split] = pairwise(base)
    sizes = defaultdict(int)
    for link in links.values():
        sizes[link.group] += 1
    out["corpus"] = {"articles": len(docs), "copy_groups": sum(1 for n in sizes.values() if n > 1),
                     "articles_in_groups": sum(n for n in sizes.values() if n > 1),
                     "articles_per_cpu_second": round(len(docs) / cpu, 1) if cpu else None,
                     "threshold": index.threshold}
    return out


# -- events --------------------------------------------------------------------------------

def gold_groups(path: Path, splits: tuple[str, ...] = SPLITS) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in read_tsv(path):
        if r["split"] in splits:
            groups[r["group"]].append(r)
    return groups


def _mention(r: dict, side: str) -> tuple[str, int, int, str]:
    return (r[f"{side}_doc"], int(r[f"{side}_start"]), int(r[f"{side}_end"]), r[f"{side}_type"])


def _find(reports_by_doc: dict[str, list[Report]], mention: tuple[str, int, int, str]) -> Report | None:
    doc, start, end, type_ = mention
    best = None
    for r in reports_by_doc.get(doc, []):
        if r.type == type_ and r.start < end and start < r.end:
            if best is None or abs(r.start - start) < abs(best.start - start):
                best = r
    return best


def reports_for(doc_ids: set[str], articles_path: Path, settings: Settings, db: str | None = None) -> list[Report]:
    """The event reports of the gold articles: from the record ``db``, else from a record of those
    articles kept in the cache directory (``linking-gold.db``), which ``ingest`` brings up to date:
    an article analysed by another version of the pipeline is analysed again."""
    from ..record import Store, ingest

    if db:
        with Store(db) as store:
            return store.reports(sorted(doc_ids))
    settings.cache_path.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store(settings.cache_path / "linking-gold.db") as store:
        wanted = Path(tmp) / "gold.jsonl"
        with articles_path.open("rb") as src, wanted.open("wb") as out:
            for line in src:
                if _source_id(line) in _gold_sources(doc_ids, articles_path, settings):
                    out.write(line)
        ingest(store, [str(wanted)], settings=settings)
        return store.reports(sorted(doc_ids))


def _source_id(line: bytes) -> str | None:
    import json

    try:
        return str(json.loads(line).get("id"))
    except ValueError:
        return None


_SOURCES: dict[frozenset, set[str]] = {}


def _gold_sources(doc_ids: set[str], articles_path: Path, settings: Settings) -> set[str]:
    """The OrangeSum ids of the articles whose depeche ids are ``doc_ids``."""
    key = frozenset(doc_ids)
    if key not in _SOURCES:
        _SOURCES[key] = {d.source for d in articles(articles_path, settings) if d.id in doc_ids}
    return _SOURCES[key]


def eval_events(gold: Path, reports: list[Report], rules: LinkRules, splits: tuple[str, ...] = SPLITS) -> dict:
    by_doc: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_doc[r.doc_id].append(r)
    ordered = sorted(reports, key=lambda r: (r.doc_date or "", r.doc_id, r.start))
    systems = {}
    for name, rule in (("metrics", None), ("baseline", lambda a, b, rl: baseline(a.report, b.report, rl))):
        linker = EventLinker(rules) if rule is None else EventLinker(rules, rule=rule)
        edges = linker.add_all(ordered)
        component = {}
        for n, members in enumerate(clusters([r.key for r in ordered], [(a, b) for a, b, _ in edges])):
            for k in members:
                component[k] = n
        systems[name] = component
    groups = gold_groups(gold, splits)
    out: dict = {"metrics": {}, "baseline": {}}
    missing = set()
    for split in splits:
        for name, component in systems.items():
            decisions, bcubed = [], []
            for rows in (g for g in groups.values() if g[0]["split"] == split):
                found = {}
                for r in rows:
                    for side in ("a", "b"):
                        m = _mention(r, side)
                        found[m] = _find(by_doc, m)
                        if found[m] is None:
                            missing.add(m)
                same: dict[tuple, bool] = {}
                for r in rows:
                    a, b = found[_mention(r, "a")], found[_mention(r, "b")]
                    s = a is not None and b is not None and component.get(a.key) == component.get(b.key)
                    decisions.append((s, r["label"] == "1"))
                    same[(_mention(r, "a"), _mention(r, "b"))] = (s, r["label"] == "1")
                bcubed.extend(_bcubed(same))
            scores = pairwise(decisions)
            p = sum(x for x, _ in bcubed) / len(bcubed) if bcubed else 0.0
            rc = sum(y for _, y in bcubed) / len(bcubed) if bcubed else 0.0
            scores.update({"bcubed_precision": round(p, 4), "bcubed_recall": round(rc, 4),
                           "bcubed_f1": round(2 * p * rc / (p + rc) if p + rc else 0.0, 4),
                           "mentions": len(bcubed)})
            out[name][split] = scores
    out["missing_mentions"] = len(missing)
    out["reports"] = len(reports)
    return out


def _bcubed(same: dict[tuple, tuple[bool, bool]]) -> list[tuple[float, float]]:
    """Per mention of one group: (precision, recall) over the mentions it has a labelled pair with."""
    neighbours: dict[tuple, list[tuple[bool, bool]]] = defaultdict(list)
    for (a, b), decision in same.items():
        neighbours[a].append(decision)
        neighbours[b].append(decision)
    out = []
    for decisions in neighbours.values():
        system = 1 + sum(1 for s, _ in decisions if s)
        gold = 1 + sum(1 for _, g in decisions if g)
        both = 1 + sum(1 for s, g in decisions if s and g)
        out.append((both / system, both / gold))
    return out


def evaluate(data_dir: Path, settings: Settings, *, db: str | None = None, splits: tuple[str, ...] = SPLITS,
             gold_dir: Path = GOLD, events: bool = True, copies: bool = True) -> dict:
    """Copies and event linking on the labelled pairs; ``db``: an ingested record of the articles."""
    from ..linking import Linking

    articles_path = data_dir / "orangesum" / "articles.jsonl"
    result: dict = {}
    if copies:
        result["copies"] = eval_copies(articles_path, gold_dir / "copies.tsv", settings)
    if events:
        groups = gold_groups(gold_dir / "events.tsv", splits)
        doc_ids = {r[f"{s}_doc"] for g in groups.values() for r in g for s in ("a", "b")}
        started = time.perf_counter()
        reports = reports_for(doc_ids, articles_path, settings, db)
        rules = Linking.from_settings(settings).rules
        result["events"] = eval_events(gold_dir / "events.tsv", reports, rules, splits)
        result["events"]["documents"] = len(doc_ids)
        result["events"]["seconds"] = round(time.perf_counter() - started, 1)
    return result
