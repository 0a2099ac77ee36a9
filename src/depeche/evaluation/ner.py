"""Named entity recognition against HIPE-2020 French (CLEF HIPE TSV format).

Each HIPE document becomes a text: its tokens joined by one space, or by nothing where
the MISC column says ``NoSpaceAfter``, so every gold token has character offsets. Gold
mentions are the coarse literal types ``pers``, ``loc`` and ``org`` (NE-COARSE-LIT).

depeche's mentions are projected on HIPE's coarse types: PER -> pers, ORG -> org, a
government (GPE: a capital or country named as an actor) -> loc, whose *literal* type in
HIPE is a location (the actor reading is HIPE's metonymic sense), and the names the
entities stage reads as locations -> loc. Only name mentions count (descriptors and
pronouns are not HIPE entities). HIPE includes a person's courtesy title in the mention
("M. Hagenbeck"); depeche keeps the title out of the name, so the projection adds an
adjacent title back.

``names_only`` gives the strict figures without that projection (depeche's own person
spans). ``analyze_output`` scores what ``depeche analyze`` outputs (the whole pipeline): its
entities' name mentions and its places' mentions, as they are, no projection. Scores follow the HIPE scorer's micro-averaged regimes: *strict*, the same type and
exactly the same boundaries; *fuzzy*, the same type and overlapping boundaries. Each
gold mention matches at most one prediction. Bare spaCy (``fr_core_news_md``, PER/ORG/LOC)
runs on the same texts in the same run as the baseline.

Metonymy: of the gold mentions with a metonymic sense (NE-COARSE-METO, mostly places
standing for organisations), how many depeche codes as actors (an entity of type GPE or ORG
with a mention overlapping them).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from .metrics import prf

TYPES = ("pers", "loc", "org")
DEFAULT = Path("hipe2020-fr") / "HIPE-2022-v2.1-hipe2020-dev-fr.tsv"
# Words HIPE keeps in a person mention before the name: courtesy titles, ranks, functions.
HONORIFICS = {"m.", "m", "mm.", "mm", "mme", "mmes", "mlle", "mgr", "dr", "me", "docteur", "maréchal", "cardinal",
              "comte", "comtesse", "baron", "baronne", "duc", "duchesse", "prince", "princesse", "pape", "abbé",
              "capitaine", "lieutenant", "sergent", "lord", "sir", "professeur", "majesté", "empereur", "impératrice",
              "archiduc", "marquis", "marquise", "vicomte", "chanoine", "pasteur", "curé", "frère", "sœur"}


class NerDataError(ValueError):
    """The evaluation file is missing or not in the HIPE format."""


@dataclass
class HipeDoc:
    id: str
    date: str | None
    text: str
    gold: list[tuple[int, int, str]] = field(default_factory=list)
    meto: list[tuple[int, int, str]] = field(default_factory=list)


def _spans(tags: list[str], offsets: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out, cur = [], None
    for tag, (s, e) in zip(tags, offsets, strict=True):
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [s, e, tag[2:]]
        elif tag.startswith("I-") and cur:
            cur[1] = e
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return [(s, e, t) for s, e, t in out if t in TYPES]


def read_hipe(path: Path) -> list[HipeDoc]:
    """Documents of a HIPE TSV file (header row, ``# hipe2022:`` comments, one token per line)."""
    if not path.is_file():
        raise NerDataError(f"{path}: not found")
    docs: list[HipeDoc] = []
    cols: list[str] | None = None
    toks: list[tuple[str, str, str, str]] = []
    doc_id, date = None, None

    def flush():
        if doc_id is None or not toks:
            return
        parts, offsets, pos = [], [], 0
        for token, _, _, misc in toks:
            offsets.append((pos, pos + len(token)))
            parts.append(token)
            pos += len(token)
            if "NoSpaceAfter" not in misc:
                parts.append(" ")
                pos += 1
        docs.append(HipeDoc(doc_id, date, "".join(parts).rstrip(),
                            _spans([t[1] for t in toks], offsets), _spans([t[2] for t in toks], offsets)))

    for line in path.read_text(encoding="utf-8").splitlines():
        if cols is None:
            cols = line.split("\t")
            if "TOKEN" not in cols or "NE-COARSE-LIT" not in cols:
                raise NerDataError(f"{path}: no HIPE header row (TOKEN, NE-COARSE-LIT, ...)")
            i_tok, i_lit = cols.index("TOKEN"), cols.index("NE-COARSE-LIT")
            i_meto = cols.index("NE-COARSE-METO") if "NE-COARSE-METO" in cols else None
            i_misc = cols.index("MISC") if "MISC" in cols else None
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*hipe2022:(\w+)\s*=\s*(.*)", line)
            if m and m.group(1) == "document_id":
                flush()
                doc_id, date, toks = m.group(2).strip(), None, []
            elif m and m.group(1) == "date":
                date = m.group(2).strip()
            continue
        if not line.strip():
            continue
        row = line.split("\t")
        toks.append((row[i_tok], row[i_lit], row[i_meto] if i_meto is not None else "O",
                     row[i_misc] if i_misc is not None and len(row) > i_misc else ""))
    flush()
    if not docs:
        raise NerDataError(f"{path}: no documents")
    return docs


def depeche_spans(doc, titles: bool = True) -> list[tuple[int, int, str]]:
    """depeche's name mentions projected on HIPE's coarse literal types (``titles``: with
    HIPE's titles and functions around person names)."""
    from ..entities import location_spans

    out = []
    person_starts = frozenset(m.start for e in doc.entities if e.type == "PER" for m in e.mentions)
    for entity in doc.entities:
        typ = {"PER": "pers", "ORG": "org", "GPE": "loc"}.get(entity.type)
        for m in entity.mentions:
            if typ is None or m.kind != "name":
                continue
            start, end = m.start, m.end
            if typ == "pers" and titles:
                start, end = hipe_person_span(doc, m.start, m.end, person_starts)
            out.append((start, end, typ))
    out.extend((s, e, "loc") for s, e in location_spans(doc))
    return sorted(set(out))


def output_spans(doc) -> list[tuple[int, int, str]]:
    """What ``depeche analyze`` outputs, as mentions: the name mentions of its entities (PER ->
    pers, ORG -> org, GPE -> loc) and the mentions of its places (loc), as the output has them
    (no title projection). A place mention that is also an entity's is counted once."""
    typed = {"PER": "pers", "ORG": "org", "GPE": "loc"}
    out = {(m.start, m.end, typed[e.type]) for e in doc.entities if e.type in typed
           for m in e.mentions if m.kind == "name"}
    taken = {(s, e) for s, e, _ in out}
    out |= {(m.start, m.end, "loc") for p in doc.places for m in p.mentions if (m.start, m.end) not in taken}
    return sorted(out)


def hipe_person_span(doc, start: int, end: int, person_starts: frozenset[int] = frozenset()) -> tuple[int, int]:
    """A person mention as HIPE marks it: with the titles and function words before the name
    ("maréchal Haig") and a function in apposition after it ("Louis Thorens, vice-président")."""
    from ..entities import knowledge, norm

    sd, roles = doc.spacy, knowledge().roles
    first = sd.char_span(start, end, alignment_mode="expand")
    if first is None:
        return start, end

    def is_function(t) -> bool:
        return t.lower_ in HONORIFICS or (t.is_alpha and norm(t.text) in roles)

    i = first.start
    while i > 0 and i > first.start - 3 and is_function(sd[i - 1]):
        i -= 1
    j = first.end
    if j + 1 < len(sd) and sd[j].text == ",":
        k = j + 1
        if sd[k].pos_ == "DET":
            k += 1
        window = sd[k:k + 3]
        if any(is_function(t) for t in window) and not any(t.is_punct for t in window):
            j = k
            while j < len(sd) and not sd[j].is_punct and sd[j].pos_ not in ("VERB", "AUX") and j - k < 10 \
                    and sd[j].idx not in person_starts:
                j += 1
            return sd[i].idx, sd[j - 1].idx + len(sd[j - 1])
    return sd[i].idx, end


def baseline_spans(sdoc) -> list[tuple[int, int, str]]:
    labels = {"PER": "pers", "LOC": "loc", "ORG": "org"}
    return [(e.start_char, e.end_char, labels[e.label_]) for e in sdoc.ents if e.label_ in labels]


def score(pairs) -> dict:
    """Micro P/R/F1, strict and fuzzy, overall and per type, over (gold, predicted) per document."""
    counts = {(r, t): [0, 0, 0] for r in ("strict", "fuzzy") for t in (*TYPES, "all")}  # tp, n_pred, n_gold
    for gold, pred in pairs:
        for regime in ("strict", "fuzzy"):
            used: set[int] = set()
            for p in pred:
                for gi, g in enumerate(gold):
                    if gi in used or g[2] != p[2]:
                        continue
                    if (g[0], g[1]) == (p[0], p[1]) if regime == "strict" else (g[0] < p[1] and p[0] < g[1]):
                        used.add(gi)
                        counts[(regime, p[2])][0] += 1
                        counts[(regime, "all")][0] += 1
                        break
            for t in TYPES:
                counts[(regime, t)][1] += sum(1 for p in pred if p[2] == t)
                counts[(regime, t)][2] += sum(1 for g in gold if g[2] == t)
            counts[(regime, "all")][1] += len(pred)
            counts[(regime, "all")][2] += len(gold)
    out: dict = {}
    for (regime, t), (tp, n_pred, n_gold) in counts.items():
        p, r, f = prf(tp, n_pred, n_gold)
        prefix = f"{regime}_" if t == "all" else f"{regime}_{t}_"
        out.update({f"{prefix}p": round(p, 4), f"{prefix}r": round(r, 4), f"{prefix}f1": round(f, 4)})
    return out


def metonymy_report(docs: list[HipeDoc], analysed) -> dict:
    total = actors = 0
    for hdoc, doc in zip(docs, analysed, strict=True):
        for s, e, _ in hdoc.meto:
            total += 1
            if any(ent.type in ("GPE", "ORG") and any(m.start < e and s < m.end for m in ent.mentions)
                   for ent in (doc.entities if doc is not None else [])):
                actors += 1
    return {"metonymic": total, "coded_as_actors": actors, "rate": round(actors / total, 4) if total else 0.0}


def evaluate(path: Path, settings) -> dict:
    """depeche and bare spaCy on every document of ``path``, in one run."""
    import spacy

    from .. import api
    from ..api import make_document
    from ..errors import InputError
    from ..pipeline import Pipeline

    docs = read_hipe(path)
    pipeline = Pipeline(settings, stages=["segments", "language", "nlp", "entities"])
    start = time.perf_counter()
    prepared = [make_document(d.text, d.date[:10] if d.date else None, source=d.id) for d in docs]
    analysed = []
    for result in pipeline.run(prepared):
        analysed.append(result if not isinstance(result, InputError) else None)
    ours = [(d.gold, depeche_spans(a) if a is not None else []) for d, a in zip(docs, analysed, strict=True)]
    depeche_seconds = time.perf_counter() - start
    bare_names = score([(d.gold, depeche_spans(a, titles=False) if a is not None else [])
                        for d, a in zip(docs, analysed, strict=True)])
    # The whole analysis, as `depeche analyze` outputs it: names and places, scored as mentions.
    full = [r if not isinstance(r, InputError) else None for r in api.analyze_many(
        [make_document(d.text, d.date[:10] if d.date else None, source=d.id) for d in docs], settings=settings)]
    output = score([(d.gold, output_spans(a) if a is not None else []) for d, a in zip(docs, full, strict=True)])
    bare = spacy.load(settings.spacy_model)
    base_start = time.perf_counter()
    baseline = [(d.gold, baseline_spans(s)) for d, s in zip(docs, bare.pipe([d.text for d in docs]), strict=True)]
    return {
        "metrics": score(ours),
        "baseline": score(baseline),
        "metonymy": metonymy_report(docs, analysed),
        # The same mentions without HIPE's titles and functions around person names.
        "names_only": {k: bare_names[k] for k in ("strict_p", "strict_r", "strict_f1", "fuzzy_f1")},
        # What `depeche analyze` outputs (entity names and places), scored as mentions.
        "analyze_output": {k: output[k] for k in ("strict_p", "strict_r", "strict_f1", "fuzzy_f1",
                                                  "strict_pers_f1", "strict_loc_f1", "strict_org_f1")},
        "docs": len(docs),
        "failed": sum(1 for a in analysed if a is None),
        "seconds": round(depeche_seconds, 2),
        "baseline_seconds": round(time.perf_counter() - base_start, 2),
    }
