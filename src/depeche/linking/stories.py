"""Stories: articles about one subject over days, by online clustering in date order.

A document is described by the French Snowball stems of its title and lead (the first two
paragraphs, stop words left out) and by the folded names of its events' actors and places
(``e:`` terms, counted twice). Documents are taken by date (then id); each joins the active
story (one that had an article in the last ``window`` days) whose centroid is closest by
TF-IDF cosine, when that reaches ``threshold``, or starts a new one. The same documents always
give the same stories, whatever order they were ingested in. A story's title is the title of
its most central article; its timeline lists its documents per day.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..fold import fold
from ..models import Report, Story

LEAD_WORDS = 80
WORD = re.compile(r"[^\W\d_]{3,}")
STOP = frozenset("""les des une pour par sur dans avec est sont ont aux qui que quoi dont ses son
    leur leurs cette ces mais plus moins tres tout tous toute toutes elle elles ils nous vous etre
    avoir fait faire ete etait sera selon apres avant depuis entre sans sous lors alors comme aussi
    encore deja jeudi lundi mardi mercredi vendredi samedi dimanche annee annees mois jour jours
    hier demain heure heures fois deux trois quatre cinq six sept huit neuf dix cent mille contre
    vers chez ceux celle celui cela ceci dont quand ainsi donc car non oui pas peu bien tant""".split())


@dataclass(frozen=True)
class StoryRules:
    window: int = 3  # days a story stays open after its last article
    threshold: float = 0.3

    def fingerprint(self) -> str:
        return f"w{self.window}t{self.threshold:g}"


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("french")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def lead(text: str) -> tuple[str, str]:
    """(title, lead): the first paragraph, and the first two paragraphs cut to ``LEAD_WORDS`` words."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title = paragraphs[0][:300] if paragraphs else ""
    words = " ".join(paragraphs[:2]).split()
    return title, " ".join(words[:LEAD_WORDS])


def terms(text: str, reports: list[Report]) -> dict[str, int]:
    """The document's story terms: stems of its lead, ``e:`` names of its actors and places."""
    _, head = lead(text)
    counts: Counter[str] = Counter()
    for w in WORD.findall(fold(head)):
        if w not in STOP:
            counts[stem(w)] += 1
    for r in reports:
        for a in r.actors:
            if a.key and len(a.key) > 2:
                counts["e:" + a.key] += 2
        if r.place:
            counts["e:" + r.place] += 2
    return dict(counts)


def cluster(docs: list[tuple[str, str, str, dict[str, int]]], rules: StoryRules = StoryRules()
            ) -> list[tuple[Story, list[tuple[str, str, float]]]]:
    """Stories over (doc id, ISO date, title, terms) given in date order: each story with its
    members (doc id, date, cosine with the story when it joined)."""
    df: Counter[str] = Counter()
    for _, _, _, t in docs:
        df.update(t.keys())
    n = len(docs)
    idf = {term: math.log((1 + n) / (1 + c)) + 1 for term, c in df.items()}
    open_: dict[int, dict] = {}
    stories: list[dict] = []
    for doc_id, date, title, t in docs:
        vec = _unit({k: (1 + math.log(v)) * idf[k] for k, v in t.items()})
        day = dt.date.fromisoformat(date[:10]).toordinal()
        for sid in [sid for sid, s in open_.items() if day - s["last"] > rules.window]:
            del open_[sid]
        best, best_sim = None, 0.0
        for sid, s in open_.items():
            if s["terms"].isdisjoint(vec):
                continue
            sim = _dot(vec, s["unit"])
            if sim > best_sim:
                best, best_sim = sid, sim
        if best is not None and best_sim >= rules.threshold:
            s = open_[best]
        else:
            s = {"centroid": Counter(), "members": [], "last": day, "terms": set()}
            stories.append(s)
            open_[len(stories) - 1] = s
            best_sim = 1.0
        s["members"].append((doc_id, date, round(best_sim, 4), title, vec))
        s["centroid"].update(vec)
        s["terms"].update(vec)
        s["unit"] = _unit(s["centroid"])
        s["last"] = max(s["last"], day)
    out = []
    for s in stories:
        members = s["members"]
        central = max(members, key=lambda m: (_dot(m[4], s["unit"]), m[0]))
        top = [k for k, _ in sorted(s["centroid"].items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
        first_doc = min(m[0] for m in members)
        story = Story(id="S" + hashlib.sha1(first_doc.encode()).hexdigest()[:15], title=central[3],
                      first=min(m[1] for m in members)[:10], last=max(m[1] for m in members)[:10],
                      documents=len(members), terms=top)
        out.append((story, [(m[0], m[1][:10], m[2]) for m in members]))
    return out


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())
