"""In-document coreference: mentions into one entity per referent.

People join on their names ("Kim Jong Un", "M. Kim", "Kim"; a shared surname goes to the
person named most often), descriptors join the person they were resolved to, "ce dernier" joins
its antecedent; organisations join on their known canonical name or their text;
governments (capitals, seats of power, countries as actors, "le gouvernement russe")
join on their country; groups ("la police", "des manifestants") on their noun and country.
"ce dernier" / "cette dernière" become mentions of the nearest earlier person not of the other
gender (``pronoun_mentions``); "les deux dirigeants" becomes a mention of
each of the two people named just before (``plural_mentions``).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .knowledge_base import knowledge, norm
from .mentions import Cand
from ..models import Entity, Mention
from ..nlp import sentence_of


@dataclass
class Cluster:
    type: str
    key: str
    cands: list[Cand] = field(default_factory=list)
    name: str | None = None  # canonical name when known (knowledge base, resolved descriptor)

    # The words and the count of the name mentions among the first ``_seen`` cands (cands are only
    # ever appended): kept up to date, not recomputed for each new mention of the document.
    _seen: int = 0
    _names: int = 0
    _words: set[str] = field(default_factory=set)

    def _update(self) -> None:
        for c in self.cands[self._seen:]:
            if c.kind == "name":
                self._words |= set(norm(c.text).split())
                self._names += 1
        self._seen = len(self.cands)

    def words(self) -> set[str]:
        self._update()
        return self._words | set(norm(self.name).split()) if self.name else set(self._words)

    def name_count(self) -> int:
        """How many of the cluster's mentions are names."""
        self._update()
        return self._names


class _People:
    """The person clusters by the words of their names, so that finding whom a name refers to
    reads the clusters that share a word with it, not every cluster of the document. A
    cluster's words only grow (name mentions are appended, a name is set once), so an entry is
    never stale."""

    def __init__(self, clusters: list[Cluster]):
        self.clusters = clusters
        self.by_word: dict[str, set[int]] = {}
        self.position: dict[int, int] = {}

    def note(self, cl: Cluster) -> None:
        """Index ``cl`` (a cluster just grown, or just made: then the last of the list) under its
        words, if it is a person."""
        if cl.type != "PER":
            return
        n = self.position.setdefault(id(cl), len(self.clusters) - 1)
        for w in cl.words():
            self.by_word.setdefault(w, set()).add(n)

    def match(self, words: list[str]) -> Cluster | None:
        """The person these name words refer to. A surname shared by several people goes to the
        one named most often so far (the story's protagonist), the most recent on a tie."""
        ws = set(words)
        near: set[int] = set().union(*(self.by_word.get(w, ()) for w in ws))
        matches = []
        for n in sorted(near, reverse=True):
            cl = self.clusters[n]
            have = cl.words()
            if ws <= have or (have and have <= ws):
                matches.append(cl)
        if not matches:
            return None
        return max(matches, key=lambda cl: cl.name_count()) if len(ws) == 1 else matches[0]


def cluster(cands: list[Cand]) -> list[Cluster]:
    clusters: list[Cluster] = []
    of_cand: dict[int, Cluster] = {}
    by_key: dict[str, Cluster] = {}
    people = _People(clusters)

    def put(c: Cand, cl: Cluster) -> None:
        cl.cands.append(c)
        of_cand[id(c)] = cl
        people.note(cl)

    def new(c: Cand, typ: str, key: str, name: str | None = None) -> Cluster:
        cl = Cluster(typ, key, name=name)
        clusters.append(cl)
        by_key[key] = cl
        put(c, cl)
        return cl

    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if c.place or c.dropped:
            continue
        if c.individual:  # "un homme": someone new, whatever the earlier men
            new(c, "PER", f"PER:{len(clusters)}", c.link if isinstance(c.link, str) else None)
            continue
        if c.kind == "pronoun" or isinstance(c.link, Cand):
            target = of_cand.get(id(c.link))
            if target is not None:
                put(c, target)
            continue
        if c.label == "GPE" and c.country and c.sector in (None, "GOV"):
            key = f"GPE:{c.country}"
            if key in by_key:
                put(c, by_key[key])
            else:
                new(c, "GPE", key, knowledge().country_names.get(c.country))
            continue
        if c.label == "PER":
            name = person_name(c)
            words = norm(name or c.text).split()
            match = people.match(words)
            if match is not None:
                match.name = match.name or name
                put(c, match)
            elif c.kind == "name" or name:
                new(c, "PER", f"PER:{len(clusters)}", name)
            continue
        if isinstance(c.link, str):  # a group: one per noun and country ("des manifestants", "les manifestants")
            key, name = f"{c.label}:{c.link}:{c.country}", c.link
        else:
            key = f"{c.label}:{c.known.name if c.known else norm(c.text)}"
            name = c.known.name if c.known else None
        if key in by_key:
            put(c, by_key[key])
        else:
            new(c, c.label, key, name)
    return clusters


def person_name(c: Cand) -> str | None:
    """The canonical name a person mention stands for, when known (resolved or in the knowledge base)."""
    return c.link if isinstance(c.link, str) else (c.known.name if c.known else None)


def _first(values):
    return next((v for v in values if v), None)


def to_entities(clusters: list[Cluster]) -> list[Entity]:
    kb = knowledge()
    entities = []
    ordered = sorted((cl for cl in clusters if cl.cands), key=lambda cl: min(c.start for c in cl.cands))
    for n, cl in enumerate(ordered, 1):
        names = [c.text for c in cl.cands if c.kind == "name"]
        name = cl.name or (max(names, key=len) if names else cl.cands[0].text)
        if cl.type == "PER" and names and len(max(names, key=len)) > len(name) and not cl.name:
            name = max(names, key=len)
        country = _first(c.country for c in cl.cands)
        sector = _first(c.sector for c in cl.cands)
        if cl.type == "PER" and (country is None or sector is None):
            coded = kb.people.get(norm(name))
            if coded:
                country, sector = country or coded[0], sector or coded[1]
        seen = set()
        mentions = []
        for c in sorted(cl.cands, key=lambda c: c.start):
            if (c.start, c.end) not in seen:
                seen.add((c.start, c.end))
                mentions.append(Mention(start=c.start, end=c.end, text=c.text, kind=c.kind))
        entities.append(Entity(
            id=f"E{n}", name=name, type=cl.type, country=country, sector=sector,
            role=_first(c.role for c in cl.cands), of=_first(c.of for c in cl.cands),
            metonymy=any(c.metonymy for c in cl.cands), mentions=mentions,
        ))
    return entities


def _genders(people: list[Cand]) -> dict[int, str]:
    """'f' or 'm' for each person mention whose name the text marks somewhere (Mme, M., a
    feminine role word), by surname; unmarked names are left out."""
    marked: dict[str, str] = {}
    for c in people:
        surname = c.text.split()[-1] if c.text else ""
        if c.female:
            marked[surname] = "f"
        elif c.title and c.title.lower().rstrip(".") in ("m", "mm"):
            marked.setdefault(surname, "m")
    return {id(c): marked[c.text.split()[-1]] for c in people if c.text and c.text.split()[-1] in marked}


# Verbs whose subject "il" is impersonal ("il faut", "il s'agit", "il semble que", "il reste").
IMPERSONAL = {"falloir", "agir", "sembler", "paraître", "rester", "pleuvoir", "exister", "suffire", "valoir"}


def _is_subject(token) -> bool:
    """The name's token, or the title it hangs from ("Mme" in "Mme Anna Rossi"), is a subject."""
    if token.dep_.startswith("flat"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubj:pass")


def _subject_pronouns(sd, people: list[Cand], genders: dict[int, str]) -> list[Cand]:
    """A subject "il" / "elle" to the nearest earlier person of its sentence or the one before,
    preferring one that is itself a subject; impersonal "il" (il y a, il faut, il est possible de)
    is left alone."""
    out = []
    starts = [c.start for c in people]  # (people are in text order)
    for t in sd:
        if t.lower_ not in ("il", "elle") or t.dep_ != "nsubj" or t.i + 1 >= len(sd):
            continue
        head = t.head
        if sd[t.i + 1].lower_ in ("y", "en") or head.lemma_ in IMPERSONAL or (
                head.pos_ == "ADJ" and any(c.lower_ in ("de", "que", "d'") for c in head.rights)):
            continue
        window_start = _window_start(t)
        female = t.lower_ == "elle"
        other = "m" if female else "f"
        near = people[bisect.bisect_left(starts, window_start):bisect.bisect_right(starts, t.idx)]
        match = [c for c in near if c.end <= t.idx and genders.get(id(c)) != other]
        if not match:
            continue
        subjects = [c for c in match if c.tok >= 0 and _is_subject(sd[c.tok])]
        out.append(Cand(t.idx, t.idx + len(t.text), "PER", kind="pronoun", tok=t.i,
                        link=(subjects or match)[-1], female=female))
    return out


def _window_start(t) -> int:
    """Where a pronoun looks for its antecedent: the start of the sentence before its own."""
    start = sentence_of(t).start
    return sentence_of(t.doc[start - 1]).start_char if start > 0 else 0


def _group_pronouns(sd, groups: list[Cand]) -> list[Cand]:
    """A subject "ils" / "elles" to the group named last in its sentence or the one before
    ("Des manifestants ont bloqué le pont. Ils réclament ..."), preferring a subject."""
    out = []
    starts = [c.start for c in groups]  # (groups are in text order)
    for t in sd:
        if t.lower_ not in ("ils", "elles") or t.dep_ != "nsubj":
            continue
        window_start = _window_start(t)
        feminine = t.lower_ == "elles"
        near = groups[bisect.bisect_left(starts, window_start):bisect.bisect_right(starts, t.idx)]
        match = [c for c in near if c.end <= t.idx and _feminine(sd, c) == feminine]
        if match:
            subjects = [c for c in match if c.tok >= 0 and _is_subject(sd[c.tok])]
            out.append(Cand(t.idx, t.idx + len(t.text), "ORG", kind="pronoun", tok=t.i, link=(subjects or match)[-1]))
    return out


def _feminine(sd, c: Cand) -> bool:
    """Whether a group's words are feminine ("les forces de l'ordre", "des infirmières")."""
    span = sd.char_span(c.start, c.end, alignment_mode="expand")
    return span is not None and "Fem" in span.root.morph.get("Gender")


def pronoun_mentions(doc, cands: list[Cand]) -> list[Cand]:
    """'ce dernier' / 'cette dernière' to the nearest earlier person not of the other gender,
    subject 'il' / 'elle' to a person of the same or the previous sentence (``_subject_pronouns``),
    and subject 'ils' / 'elles' to a group (``_group_pronouns``)."""
    sd = doc.spacy
    people = sorted((c for c in cands if c.label == "PER" and c.kind != "pronoun"), key=lambda c: c.start)
    genders = _genders(people)
    groups = sorted((c for c in cands if c.label == "ORG" and isinstance(c.link, str)), key=lambda c: c.start)
    out = _subject_pronouns(sd, people, genders) + _group_pronouns(sd, groups)
    starts = [c.start for c in people]
    for t in sd[:-1]:
        if t.lower_ not in ("ce", "cette") or sd[t.i + 1].lower_ not in ("dernier", "dernière"):
            continue
        female = sd[t.i + 1].lower_ == "dernière"
        other = "m" if female else "f"
        last = next((people[k] for k in range(bisect.bisect_right(starts, t.idx) - 1, -1, -1)
                     if people[k].end <= t.idx and genders.get(id(people[k])) != other), None)
        if last is None:
            continue
        end = sd[t.i + 1].idx + len(sd[t.i + 1])
        out.append(Cand(t.idx, end, "PER", kind="pronoun", tok=t.i, link=last, female=female))
    return out


# "les deux dirigeants", "les trois hommes": a plural that counts people the text just named.
PLURAL_COUNTS = {"deux": 2, "trois": 3}
SENTENCES_BACK = 2


def _person_noun(word: str) -> bool:
    from .individuals import person_nouns

    singular = word[:-1] if word.endswith(("s", "x")) else word
    kb = knowledge()
    return singular in kb.roles or singular in person_nouns()[0] or f"{singular}s" in kb.actor_nouns


def plural_mentions(doc, cands: list[Cand]) -> list[Cand]:
    """"les deux dirigeants" after two people were named (in its sentence or the two before): a
    mention of each of them, so that an event of theirs has both as actors."""
    sd = doc.spacy
    people = sorted((c for c in cands if c.label == "PER" and c.kind == "name"), key=lambda c: c.start)
    starts = [c.start for c in people]
    out: list[Cand] = []
    for t in sd[:-2]:
        count = PLURAL_COUNTS.get(sd[t.i + 1].lower_) if t.lower_ == "les" else None
        noun = sd[t.i + 2]
        if count is None or noun.pos_ != "NOUN" or not noun.lower_.endswith(("s", "x")) \
                or not _person_noun(norm(noun.text)):
            continue
        first = sentence_of(t).start
        for _ in range(SENTENCES_BACK):
            first = sentence_of(sd[first - 1]).start if first > 0 else first
        found: list[Cand] = []
        surnames: set[str] = set()
        # the people named from the window's first sentence up to the plural, nearest first
        window = people[bisect.bisect_left(starts, sd[first].idx):bisect.bisect_left(starts, t.idx)]
        for c in reversed(window):
            surname = norm(c.text).split()[-1] if c.text else ""
            if c.end <= t.idx and surname not in surnames:
                surnames.add(surname)
                found.append(c)
        if len(found) != count:
            continue  # fewer people named than counted, or more: no telling which
        start, end = sd[t.i + 1].idx, noun.idx + len(noun.text)
        out += [Cand(start, end, "PER", kind="descriptor", tok=t.i + 1, link=c) for c in found]
    return out

