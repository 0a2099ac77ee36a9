"""Name mentions: spaCy's named entities corrected with the knowledge base.

Known names (outlets, organisations, countries, capitals, seats of power, leaders) win
over spaCy's label ("Ria Novosti" is an outlet, not a person; "AP" an agency, not a
place); person names are kept whole across hyphens ("Ahn Young-joon") and short
name parts ("Kim Jong Un"); titles ("M.", "Mme", "le président") are cut from the
name and kept as the mention's title. Photo credits give the agency and the
photographer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .knowledge_base import ARTICLES, Known, Knowledge, knowledge, leaders_by_surname, norm
from ..models import Document
from ..spans import SpanSet

# Courtesy titles cut from a person's name (normal form).
TITLES = {"m.", "m", "mm.", "mme", "mmes", "mlle", "mlles", "me", "dr", "dr.", "pr", "mgr", "sir", "lord"}
FEMALE_TITLES = {"mme", "mmes", "mlle", "mlles"}
# Words that may open a spaCy person span without being part of the name.
LEADING_NOISE = {"le", "la", "les", "l'", "selon", "et", "a", "à"}
LEADING_PREPOSITIONS = {"au", "aux", "à", "en", "du", "des", "de", "d'"}
# Words glued to a name by a dash that are not part of it ("Moscovici-qui", "a-t-il").
HYPHEN_WORDS = {"qui", "que", "il", "ils", "elle", "on", "là", "ci", "t", "le", "la", "les", "je", "tu", "nous",
                "vous", "en", "y", "ce", "et"}
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")
# Not names of actors or places, whatever spaCy says.
NOT_NAMES = re.compile(r"(?i)^(?:covid(?:-19)?|coronavirus|sras-cov-2|etats?|états?|nord|sud|est|ouest|lundi|mardi|"
                       r"mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août|"
                       r"septembre|octobre|novembre|décembre)$")
GLUED = re.compile(r"(?<=[\w)\]])(?:\.\s*[-–—]\s*(?=[A-ZÀ-Ý])|[.)](?=[A-ZÀ-Ý][a-zà-ÿ]))")


@dataclass
class Cand:
    """One mention before coreference."""

    start: int
    end: int
    label: str  # PER | ORG | GPE | LOC
    kind: str = "name"  # name | descriptor | pronoun
    known: Known | None = None
    title: str | None = None
    female: bool = False
    place: bool = False  # a location use: left to the places stage
    metonymy: bool = False
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    of: str | None = None
    link: str | None = None  # canonical name this mention refers to (resolved descriptor)
    credit: bool = False
    dropped: bool = False  # part of a role phrase after all ("ministre des Ressources naturelles")
    individual: bool = False  # a person the text does not name, first mentioned here ("un homme")
    tok: int = -1  # first token
    text: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def token_norms(sd) -> list[str]:
    """``norm`` of every token, computed once per document (kept in ``user_data``)."""
    cached = sd.user_data.get("depeche_norms")
    if cached is None or len(cached) != len(sd):
        cached = sd.user_data["depeche_norms"] = [norm(t.text) for t in sd]
    return cached


def known_matches(sd, norms: list[str], kb: Knowledge) -> list[tuple[int, int, Known]]:
    """Longest known names in the token sequence, left to right, as token ranges."""
    out: list[tuple[int, int, Known]] = []
    n, i = len(sd), 0
    while i < n:
        best = None
        key = ""
        for j in range(i, min(n, i + 14)):
            part = norms[j]
            if not part:
                if sd[j].is_space:
                    break
                continue  # a bare hyphen: part of the name
            key = f"{key} {part}" if key else part
            if key not in kb.prefixes:
                break
            known = kb.names.get(key)
            if known is not None:
                best = (j + 1, known)
        if best is not None:
            end, known = best
            words = [t for t in sd[i:end] if norm(t.text) not in ARTICLES]
            first = words[0].text if words else sd[i].text
            text = sd[i:end].text
            case_ok = not (known.exact_case and not text.replace("-", "").replace(" ", "").isupper())
            if case_ok and (first[:1].isupper() or known.name[:1].islower()):
                out.append((i, end, known))
                i = end
                continue
        i += 1
    return out


def _extend_person(sd, start: int, end: int) -> tuple[int, int]:
    """Grow a person span over glued hyphens and short capitalised name parts."""
    while end + 1 < len(sd) and sd[end].text == "-" and not sd[end - 1].whitespace_ and not sd[end].whitespace_ \
            and sd[end + 1].is_alpha and _name_part(sd[end - 1], sd[end + 1]):
        end += 2
    while start >= 2 and sd[start - 1].text == "-" and not sd[start - 2].whitespace_ and not sd[start - 1].whitespace_ \
            and sd[start - 2].is_alpha and sd[start - 2].text[:1].isupper():
        start -= 2
    while end < len(sd) and sd[end - 1].whitespace_ == " " and not sd[end].is_sent_start:
        t = sd[end]
        if not (t.is_alpha and t.is_title and len(t) <= 4 and len(sd[end - 1]) <= 5):
            break
        if t.lower_ in ("le", "la", "les", "de", "du", "des", "et"):
            break
        end += 1
    return start, end


def _name_part(before, after) -> bool:
    """Whether ``after`` continues a hyphenated name: "Young-joon", "Jean-Marc", not "Moscovici-qui"."""
    if after.text[:1].isupper():
        return True
    return len(before) <= 5 and len(after) <= 5 and after.lower_ not in HYPHEN_WORDS


def _strip_titles(sd, start: int, end: int) -> tuple[int, int, str | None]:
    title = None
    while start < end:
        low = sd[start].lower_
        if low in TITLES or low.rstrip(".") in TITLES:
            title = sd[start].text
        elif low not in LEADING_NOISE and not knowledge().roles.get(norm(sd[start].text)):
            break
        elif low in ("le", "la") and sd[start].is_title and start + 1 < end and sd[start + 1].is_title \
                and start + 1 == end - 1:
            break  # a particle: "Le Pen", "La Fontaine"
        start += 1
    while end > start and not (sd[end - 1].is_alpha or sd[end - 1].text.endswith(".") or sd[end - 1].is_digit):
        end -= 1
    return start, end, title


def _title_before(sd, start: int) -> str | None:
    if start > 0 and (sd[start - 1].lower_ in TITLES or sd[start - 1].lower_.rstrip(".") in TITLES):
        return sd[start - 1].text
    return None


def name_mentions(doc: Document) -> list[Cand]:
    """Person, organisation and location names in the body and captions."""
    sd, kb = doc.spacy, knowledge()
    norms = token_norms(sd)
    spans = []
    for ent in sd.ents:
        label = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}.get(ent.label_)
        if label is None:
            continue
        start, end = ent.start, ent.end
        if label != "PER" and (name_start := _name_after_portfolio(sd, start, end)) is not None:
            start, label = name_start, "PER"  # "ministre de l'[Économie Bruno Le Maire]"
        if label == "PER":
            start, end = _extend_person(sd, start, end)
        spans.append([start, end, label, None])
    spans = _merge_known(sd, spans, known_matches(sd, norms, kb))
    cands = []
    for start, end, label, known in sorted(spans, key=lambda s: s[0]):
        title = None
        if label == "PER" and known is None:
            comma = next((t.i for t in sd[start:end] if t.text in (",", ";", "(")), None)
            end = comma if comma is not None and comma > start else end
            start, end, title = _strip_titles(sd, start, end)
            if start >= end or not NAME_TOKEN.match(sd[start].text):
                continue
            title = title or _title_before(sd, start)
        elif label == "PER":
            title = _title_before(sd, start)
        elif known is None and label in ("ORG", "LOC"):
            while end - start > 1 and (sd[start].lower_ in ARTICLES or sd[start].lower_ in LEADING_PREPOSITIONS):
                start += 1
        if known is None and not _plausible_name(sd, start, end, label, kb):
            continue
        span = sd[start:end]
        s_char, e_char = span.start_char, span.end_char
        if known is None and (glued := GLUED.search(doc.text, s_char, e_char)):
            e_char = glued.start()  # "OPS.Le Brésil": a sentence glued to the name
        if known is None and ")" in doc.text[s_char:e_char]:
            s_char = doc.text.index(")", s_char, e_char) + 1
            s_char += len(doc.text[s_char:e_char]) - len(doc.text[s_char:e_char].lstrip())
        if e_char <= s_char or NOT_NAMES.match(doc.text[s_char:e_char]):
            continue
        if known is None and not any(ch.isupper() for ch in doc.text[s_char:e_char]):
            continue  # no capital letter: not a name ("suédo-norvégienne")
        if known is None and label != "PER" and (found := kb.lookup(doc.text[s_char:e_char])) is not None:
            known, label = found, found.type  # a known name that spaCy framed differently
        cand = Cand(s_char, e_char, label, known=known, title=title, tok=start)
        cand.female = bool(title and title.lower().rstrip(".") in FEMALE_TITLES)
        if known is not None:
            cand.country, cand.sector = known.country, known.sector
        if label == "LOC":
            cand.place = True
        cands.append(cand)
    if doc.dct is not None:
        cands.extend(leader_surnames(doc, sd, cands))
    cands.extend(credit_mentions(doc))
    for c in cands:
        c.text = doc.text[c.start:c.end]
    return _reconcile(doc, cands, kb)


def _merge_known(sd, spans: list, matches: list[tuple[int, int, Known]]) -> list:
    """spaCy's spans with the known names laid over them: a known name replaces the spans it
    overlaps, unless spaCy's span is a longer name around it."""
    kept = _Spans(spans)
    for ks, ke, known in matches:
        near = kept.near(ks, ke)
        inside = [s for s in near if s[0] <= ks and ke <= s[1] and s[1] - s[0] > ke - ks]
        if inside and not (inside[0][2] == "PER" and known.kind in ("person", "org")):
            extra = [t for t in sd[inside[0][0]:inside[0][1]] if t.i < ks or t.i >= ke]
            if any((t.text[:1].isupper() and t.lower_ not in ARTICLES) or t.is_digit for t in extra):
                continue  # a longer name around the known one ("Université de Moscou")
            if inside[0][2] == "LOC" and known.kind in ("country", "capital") \
                    and any(t.is_alpha and t.pos_ not in ("DET", "ADP") for t in extra):
                continue  # a region named after its country ("Suisse romande")
        kept.remove([s for s in near if s[0] < ke and ks < s[1]])
        kept.add([ks, ke, known.type, known])
    return kept.in_order()


class _Spans:
    """Token spans ``[start, end, ...]`` in the order they were added, found by position without a
    walk of them all (a known name is laid over the few spans near it)."""

    def __init__(self, spans: list):
        self.order: dict[int, list] = {}
        self.at: dict[int, set[int]] = {}
        self.longest = self.added = 0
        for span in spans:
            self.add(span)

    def add(self, span: list) -> None:
        n = self.added = self.added + 1
        self.order[n] = span
        self.at.setdefault(span[0], set()).add(n)
        self.longest = max(self.longest, span[1] - span[0])

    def near(self, start: int, end: int) -> list:
        """The spans starting from ``longest`` tokens before ``start`` to before ``end`` (every span
        that overlaps or holds ``[start, end)``), in the order they were added."""
        found = sorted(n for i in range(start - self.longest, end) for n in self.at.get(i, ()))
        return [self.order[n] for n in found]

    def remove(self, spans: list) -> None:
        for span in spans:
            n = next(n for n in self.at[span[0]] if self.order[n] is span)
            self.at[span[0]].discard(n)
            del self.order[n]

    def in_order(self) -> list:
        return [self.order[n] for n in sorted(self.order)]


def _reconcile(doc: Document, cands: list[Cand], kb: Knowledge) -> list[Cand]:
    """Fixes that need every mention of the document."""
    # "L'Argentine Andrea Viez": a demonym noun before a person's name, not the country.
    people = {c.start: c for c in cands if c.label == "PER"}
    for c in list(cands):
        if c.known is not None and c.known.kind == "country" and kb.demonym(c.text):
            rest = doc.text[c.end:c.end + 2]
            nxt = people.get(c.end + 1) if rest[:1] == " " else None
            if nxt is not None:
                nxt.country = nxt.country or c.country
                cands.remove(c)
    # "Trump-Poutine": two people named elsewhere in the text, joined by a hyphen.
    surnames = {w for c in cands if c.label == "PER" for w in c.text.split()[-1:] if "-" not in c.text}
    for c in list(cands):
        parts = c.text.split("-")
        if c.known is None and len(parts) == 2 and all(p in surnames for p in parts):
            cut = c.start + len(parts[0])
            cands[cands.index(c)] = Cand(c.start, cut, "PER", tok=c.tok, text=parts[0])
            cands.append(Cand(cut + 1, c.end, "PER", tok=c.tok, text=parts[1]))
    # One name, one reading: a spaCy location spelled like a person or organisation named elsewhere.
    actors = {c.text: c.label for c in cands if c.label in ("PER", "ORG")}
    for c in cands:
        if c.label == "LOC" and c.known is None and c.text in actors:
            c.label, c.place = actors[c.text], False
    return cands


MINISTER_WORDS = {"ministre", "ministres", "ministere", "secretaire", "secretaire d'etat", "etat"}


def _name_after_portfolio(sd, start: int, end: int) -> int | None:
    """Where the person's name starts in a span that spaCy ran from a minister's portfolio into
    the minister's name ("ministre de l'[Économie Bruno Le Maire]"), or None."""
    before = [norm(t.text) for t in sd[max(0, start - 3):start]]
    if not before or before[-1] not in ("de", "du", "des", "l'", "la", "d'") \
            or not any(w in MINISTER_WORDS for w in before):
        return None
    p = start + 1
    while p < end and (sd[p].is_lower or sd[p].pos_ in ("ADP", "DET", "CCONJ")):  # "Affaires étrangères"
        p += 1
    if end - p >= 2 and all(t.text[:1].isupper() or t.lower_ in ("le", "la", "de", "du", "d'") for t in sd[p:end]):
        return p
    return None


def _plausible_name(sd, start: int, end: int, label: str, kb: Knowledge) -> bool:
    """Drop spaCy spans that are not names: a role phrase ("ministre de la Justice"), a demonym
    ("Burundais"), a lone capitalised common word ("Concerné", "Transports")."""
    first = sd[start]
    if label != "PER" and role_phrase(sd, start, end, kb):
        return False  # "Première ministre belge", "ministre de la Justice"
    if first.is_lower and norm(first.text) in kb.roles:
        return False
    if end - start == 1:
        short = len(first.text) < 2 or (len(first.text) == 2 and not (label == "ORG" and first.is_upper))
        if short or not first.text[:1].isupper() or re.fullmatch(r"[IVXLC]+", first.text):
            return False  # OCR debris and lower-case words ("fr", "II", "toul")
        if kb.demonym(first.text) and label != "PER":
            return False
        if label == "ORG" and not first.is_upper and first.pos_ not in ("PROPN", "X"):
            return False
        if label == "PER" and first.pos_ in ("VERB", "ADV", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX"):
            return False
    return True


def role_phrase(sd, start: int, end: int, kb: Knowledge) -> bool:
    key = ""
    for t in sd[start:min(end, start + kb.role_max_words)]:
        key = f"{key} {norm(t.text)}".strip()
        if key in kb.roles:
            return True
    return False


def leader_surnames(doc: Document, sd, cands: list[Cand]) -> list[Cand]:
    """Surnames of the leaders in office on the document's date ("Poutine a souri"), which
    spaCy may miss or mislabel; a spaCy mention spelled so becomes that person."""
    surnames = leaders_by_surname(doc.dct.value)
    out = []
    by_start = {c.start: c for c in cands}
    taken = SpanSet((x.start, x.end) for x in cands)
    for t in sd:
        if not t.is_title or (leader := surnames.get(norm(t.text))) is None:
            continue
        known = Known("person", leader.name, "PER", leader.country, "GOV")
        c = by_start.get(t.idx)
        if c is not None and c.end == t.idx + len(t) and c.known is None:
            c.label, c.known, c.place, c.country, c.sector = "PER", known, False, leader.country, "GOV"
        elif not taken.overlaps(t.idx, t.idx + len(t)):
            out.append(Cand(t.idx, t.idx + len(t), "PER", known=known, country=leader.country, sector="GOV",
                            tok=t.i, title=_title_before(sd, t.i)))
    return out


def credit_mentions(doc: Document) -> list[Cand]:
    """The agency and the photographer named in each caption's credit ("Photo AP/Ahn Young-joon")."""
    kb = knowledge()
    out = []
    for seg in doc.segments:
        if seg.credit_start is None or seg.credit_end is None:
            continue
        text = doc.text[seg.credit_start:seg.credit_end]
        body = re.sub(r"^(?:photos?|crédits?|©)\s*:?\s*", "", text, flags=re.I)
        base = seg.credit_start + (len(text) - len(body))
        for m in re.finditer(r"[^/,;]+", body):
            part = m.group().strip()
            part = re.split(r"\s+via\s+", part)[0].strip()
            if not part:
                continue
            start = base + m.start() + (len(m.group()) - len(m.group().lstrip()))
            end = start + len(part)
            known = kb.lookup(part)
            if known is not None and known.kind == "org":
                cands = Cand(start, end, "ORG", known=known, country=known.country, sector=known.sector, credit=True)
            elif known is None and re.fullmatch(r"[A-Z]{2,6}", part):
                cands = Cand(start, end, "ORG", sector="MED", credit=True)
            elif re.fullmatch(r"[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){1,3}", part):
                cands = Cand(start, end, "PER", role="photographer", sector="MED", credit=True)
            else:
                continue
            out.append(cands)
    return out
