"""Actor coding: roles from appositions, descriptors, metonymy, collective actors.

- A capital, country or seat of power used as an actor ("Moscou n'a pas précisé",
  "selon Washington", "le Kremlin") is the government of its country (GPE, sector GOV);
  the same name used as a location ("à Moscou") is left to the places stage.
- A role phrase next to a name ("le porte-parole du Kremlin, Dmitri Peskov",
  "Kim Jong Un, le dirigeant nord-coréen,") gives the person a role, what it is the
  role of, a country and a sector, and establishes a descriptor for later mentions.
- A definite descriptor alone ("le président russe") refers to the person the text
  established for it, or else to the office holder on the document's date.
- Collective actors ("les médias russes", "l'armée sud-coréenne") are coded by their
  noun (sector) and demonym or complement (country).
"""
from __future__ import annotations

from .knowledge_base import Knowledge, Role, knowledge, norm
from .mentions import Cand, token_norms
from ..nlp import doc_text, sentence_of
from ..spans import SpanIndex, SpanSet

LOCATIVE = {"à", "au", "aux", "en", "dans", "vers", "depuis", "sur", "sous", "près", "jusqu'", "via", "de", "du",
            "des", "d'", "outre", "hors", "chez", "par-delà"}
AGENTIVE = {"selon", "contre", "avec", "entre", "envers", "par"}
ACTOR_DEPS = {"nsubj", "nsubj:pass", "obl:agent", "iobj"}
DEFINITE = {"le", "la", "l'", "les"}
DETERMINERS = DEFINITE | {"un", "une", "des", "du", "au", "aux", "son", "sa", "ses", "leur", "leurs", "notre", "votre"}
OF = {"de", "du", "des", "d'"}
MEDIA_NOUNS = {"journal", "quotidien", "hebdomadaire", "agence", "chaine", "television", "radio", "site", "magazine",
               "agence de presse", "mensuel", "titre"}
# Nouns whose "de X" complement is an actor: what a government says, wants or does.
STANCE_NOUNS = {"position", "rôle", "politique", "réponse", "décision", "attitude", "vue", "intention", "demande",
                "refus", "accord", "soutien", "appel", "menace", "annonce", "proposition", "exigence", "offre",
                "riposte", "réaction", "volonté", "stratégie", "diplomatie", "pression", "gouvernement", "régime",
                "autorité", "dirigeant", "responsable", "émissaire", "ambassadeur", "armée", "allié", "part"}
INSTITUTIONS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
PORTFOLIO_ROLES = {"ministre", "secrétaire d'Etat", "vice-président"}
STOP_PHRASE = {",", ".", ";", ":", "!", "?", "(", ")", "«", "»", '"', "—", "–"}


def role_at(norms: list[str], k: int, kb: Knowledge) -> tuple[int, Role] | None:
    """The longest role phrase starting at token ``k``: (end token, role)."""
    best, key = None, ""
    for j in range(k, min(len(norms), k + kb.role_max_words + 2)):
        if not norms[j]:
            continue
        key = f"{key} {norms[j]}" if key else norms[j]
        if key in kb.roles:
            best = (j + 1, kb.roles[key])
    return best


def actor_noun_at(norms: list[str], k: int, kb: Knowledge) -> tuple[int, str, str] | None:
    best, key = None, ""
    for j in range(k, min(len(norms), k + 4)):  # up to four words: "forces de l' ordre"
        key = f"{key} {norms[j]}" if key else norms[j]
        hit = kb.actor_nouns.get(key) or kb.actor_nouns.get(key.rstrip("s"))
        if hit:
            best = (j + 1, *hit)
    return best


def phrase_end(sd, j: int, end: int, kb: Knowledge) -> int:
    """Where the mention of an actor noun ending at token ``j`` stops: after its adjectives up to
    and including a country adjective ("soldats israéliens"), within its complement's ``end``."""
    span_end = j
    while span_end < end and kb.demonym(sd[span_end].text) is None and sd[span_end].pos_ == "ADJ":
        span_end += 1
    if span_end < end and kb.demonym(sd[span_end].text):
        span_end += 1
    return span_end


# The candidates of the list last asked about, by offset: (list, its length, index of its name
# candidates, index of them all).
_INDEX: list = [None]


def _indexes(cands: list[Cand]) -> tuple:
    hit = _INDEX[0]
    if hit is None or hit[0] is not cands or hit[1] != len(cands):
        hit = _INDEX[0] = (cands, len(cands), SpanIndex((c.start, c.end, c) for c in cands if c.kind == "name"),
                           SpanIndex((c.start, c.end, c) for c in cands))
    return hit


def _cand_at(cands: list[Cand], start: int, end: int, skip: Cand | None = None) -> Cand | None:
    """The first name candidate overlapping ``[start, end)``."""
    return next((c for c in _indexes(cands)[2].touching(start, end) if c is not skip and c.overlaps(start, end)), None)


def _cands_over(cands: list[Cand], start: int, end: int) -> list[Cand]:
    """The candidates overlapping ``[start, end)``, in their order."""
    return [c for c in _indexes(cands)[3].touching(start, end) if c.overlaps(start, end)]


def name_follows(sd, end: int, cands: list[Cand]) -> bool:
    """Whether a name comes right after token ``end`` (after a comma, too): "le juge Jean Martin",
    "un policier, Marc Durand"."""
    nxt = end + 1 if end < len(sd) and sd[end].text == "," else end
    return nxt < len(sd) and _cand_at(cands, sd[nxt].idx, sd[nxt].idx + 1) is not None


def complement(sd, norms, k: int, stop: int, cands: list[Cand], kb: Knowledge):
    """What follows a role or actor noun: (end token, country, what it is of: a mention or a text)."""
    country = of = None
    j = k
    while j < stop:
        t = sd[j]
        if t.text in STOP_PHRASE or t.pos_ in ("VERB", "AUX"):
            break
        if (code := kb.demonym(t.text)) and t.pos_ in ("ADJ", "NOUN", "PROPN"):
            country = country or code
            j += 1
            continue
        if norms[j] in OF and j + 1 < stop:
            nxt = j + 1
            while nxt < stop and norms[nxt] in DEFINITE:
                nxt += 1
            if nxt < stop and (code := kb.demonym(sd[nxt].text)) and sd[nxt].text[:1].isupper():
                country = country or code  # "le roi des Belges"
                j = nxt + 1
                continue
            target = _cand_at(cands, sd[nxt].idx, sd[nxt].idx + len(sd[nxt])) if nxt < stop else None
            if target is not None and target.label != "PER":
                of = of or target
                country = country or target.country
                j = nxt
                while j < stop and sd[j].idx < target.end:
                    j += 1
                continue
            # "des Affaires étrangères": a portfolio or a body, as text
            if t.pos_ in ("ADP", "DET") and nxt < stop and sd[nxt].pos_ in ("NOUN", "PROPN"):
                j = nxt + 1
                while j < stop and sd[j].pos_ == "ADJ" and not kb.demonym(sd[j].text):
                    j += 1
                of = of or sd[nxt:j].text
                for c in _cands_over(cands, sd[nxt].idx, sd[j - 1].idx + 1):
                    if c.known is None and c.label == "ORG":
                        c.dropped = True
                continue
            break
        if t.pos_ == "ADJ" or norms[j] in ("militaire", "militaires"):
            j += 1
            continue
        break
    return j, country, of


def is_actor_use(sd, start: int, end: int, country: bool = False) -> bool:
    """Whether the name in tokens [start, end) acts (subject, agent, 'selon X') rather than locates.

    For a country (not a capital), "à la France" (dative: "en France" locates) and "de la
    France", "du Japon" (the country's: "le rôle de la Suisse") are actor uses too.
    """
    k = start - 1
    while k >= 0 and sd[k].lower_ in DEFINITE:
        k -= 1
    if k >= 0:
        before = sd[k].lower_
        if before in AGENTIVE or (before in ("que", "qu'") and k == start - 1):
            return True  # "selon Moscou", "craint que Moscou ..."
        if country and (before in ("du", "des") or (before in ("à", "de", "d'") and k < start - 1)):
            return True
        if before in ("de", "d'") and k > 0 and sd[k - 1].lemma_.lower() in STANCE_NOUNS:
            return True  # "la position de Paris", "la réponse de Washington"
        if before in LOCATIVE:
            return False
    root = next((t for t in sd[start:end] if t.head.i < start or t.head.i >= end or t.head.i == t.i), sd[start])
    if root.dep_ in ACTOR_DEPS:
        return True
    if end < len(sd) and sd[end].text == ",":  # "La Chine, première touchée, a assuré"
        sent_end = sentence_of(sd[start]).end
        close = next((j for j in range(end + 1, min(sent_end, end + 14)) if sd[j].text == ","), None)
        if close is not None and close + 1 < sent_end and (sd[close + 1].pos_ in ("VERB", "AUX")
                                                            or sd[close + 1].lower_ in ("ne", "n'")):
            return True
    if end < len(sd):
        nxt = sd[end]
        if nxt.lower_ in ("ne", "n'", "se", "s'") or nxt.pos_ in ("VERB", "AUX"):
            return True
        if nxt.pos_ == "PRON" and nxt.lower_ in ("a", "se", "s'", "lui", "leur") and end + 1 < len(sd) \
                and sd[end + 1].pos_ in ("VERB", "AUX"):
            return True
    return False


def code_organisations(sd, cands: list[Cand]) -> None:
    """An unknown organisation's sector from its head noun ("ministère de la Santé" -> GOV,
    "Université de Pékin" -> EDU) and its country from a demonym or a country in its name
    ("Parti communiste chinois" -> CHN)."""
    kb = knowledge()
    for c in cands:
        if c.label not in ("ORG", "LOC") or c.known is not None or c.tok < 0:
            continue
        end = _tok_end(sd, c)
        norms = [norm(t.text) for t in sd[c.tok:end]]
        noun = actor_noun_at(norms, 0, kb)
        if c.label == "LOC":  # "le ministère chinois de la Santé" is an institution, not a place
            if noun is None or noun[1] not in INSTITUTIONS:
                continue
            c.label, c.place = "ORG", False
        if noun is not None and c.sector is None:
            c.sector = noun[1]
        for t in sd[c.tok + 1:end]:
            known = kb.names.get(norm(t.text))
            found = kb.demonym(t.text) or (known.country if known and known.kind in ("country", "capital") else None)
            if found and c.country is None:
                c.country = found


def classify_places(sd, cands: list[Cand]) -> None:
    """Known countries, capitals and seats of power: actor (GPE/GOV) or location (place)."""
    for c in cands:
        known = c.known
        if known is None or known.kind not in ("country", "capital", "seat") or c.tok < 0:
            continue
        end = c.tok
        while end < len(sd) and sd[end].idx < c.end:
            end += 1
        if known.kind == "seat":
            prev = sd[c.tok - 1].lower_ if c.tok > 0 else ""
            prev2 = sd[c.tok - 2].lower_ if c.tok > 1 else ""
            c.place = known.sector in (None, "GOV") and (
                prev in ("à", "au", "dans") or (prev in DEFINITE and prev2 in ("à", "dans")))
        else:
            c.place = not is_actor_use(sd, c.tok, end, country=known.kind == "country")
    # Coordinated names share their reading: "Paris et Londres s'opposent".
    states = [c for c in cands if c.known is not None and c.known.kind in ("country", "capital") and c.tok >= 0]
    for a, b in zip(states, states[1:]):
        between = doc_text(sd)[a.end:b.start].strip().lower()
        if a.place != b.place and between in ("et", "ou", "et la", "et le", "et l'", "et les", "ou la", "ou le"):
            if not (b.place and between.startswith("et") and sd[b.tok - 1].lower_ in LOCATIVE):
                a.place = b.place = False
    for c in cands:
        if c.known is not None and c.known.kind in ("country", "capital", "seat") and not c.place:
            # A government is a GPE; a parliament or an army standing for its country is an ORG.
            c.label = "GPE" if c.known.sector in (None, "GOV") else "ORG"
            c.metonymy = c.known.kind in ("capital", "seat")
            c.sector = c.known.sector or "GOV"


def _tok_end(sd, cand: Cand) -> int:
    end = cand.tok
    while end < len(sd) and sd[end].idx < cand.end:
        end += 1
    return end


def _apply_role(c: Cand, role: Role, country, of: Cand | None, registry: dict, kb: Knowledge) -> None:
    c.role = c.role or role.label
    if isinstance(of, str):
        c.of = c.of or of
    elif of is not None:
        c.of = c.of or (of.known.name if of.known else of.text)
    c.country = c.country or country
    c.sector = c.sector or role.sector or (of.sector if isinstance(of, Cand) else None)
    if role.word.endswith(("e", "ère")) and role.word in ("présidente", "chancelière", "première ministre", "reine",
                                                          "dirigeante", "députée", "sénatrice", "ambassadrice",
                                                          "opposante", "militante", "avocate", "directrice"):
        c.female = True
    key = role.leader_class or norm(role.word)
    if country:
        registry[(key, country)] = c
    if of is None:
        registry[(key, None)] = c  # "le président" later in the text, without a country


def apply_roles(doc, cands: list[Cand], registry: dict) -> None:
    """Roles from the phrase before a name or the apposition after it; media nouns make outlets."""
    sd, kb = doc.spacy, knowledge()
    norms = token_norms(sd)
    for c in list(cands):
        if c.kind != "name" or c.label not in ("PER", "ORG") or c.tok < 0 or c.known and c.known.kind != "person" \
                and c.label == "PER":
            continue
        sent = sentence_of(sd[c.tok])
        # Before: "[det] ROLE ... [,] NAME"
        k = c.tok - 1
        if k >= sent.start and sd[k].text == ",":
            k -= 1
        lo = max(sent.start, c.tok - 10)
        while k >= lo and sd[k].text not in STOP_PHRASE:
            if norms[k] in DETERMINERS and (role_at(norms, k + 1, kb) or actor_noun_at(norms, k + 1, kb)) \
                    and _code_phrase(sd, norms, k + 1, c.tok, c, cands, registry, kb, target=c.tok):
                break
            k -= 1
        # After: "NAME, [det] ROLE ..."
        end = _tok_end(sd, c)
        if end + 1 < sent.end and sd[end].text == ",":
            k = end + 1
            if norms[k] in DETERMINERS:
                k += 1
            stop = k
            while stop < sent.end and sd[stop].text not in STOP_PHRASE and stop - k < 12:
                stop += 1
            _code_phrase(sd, norms, k, stop, c, cands, registry, kb)


def _reaches(sd, end: int, target: int | None) -> bool:
    """Whether only a comma or a courtesy title lies between ``end`` and the name at ``target``."""
    if target is None:
        return True
    while end < target and (sd[end].text == "," or sd[end].lower_.rstrip(".") in ("m", "mme", "mlle", "mgr", "dr")):
        end += 1
    return end == target


def _code_phrase(sd, norms, k: int, stop: int, c: Cand, cands, registry, kb, target: int | None = None) -> bool:
    """Code ``c`` from the role or media phrase at token ``k``; whether the phrase applied."""
    hit = role_at(norms, k, kb)
    if hit is not None and c.label == "PER":
        j, role = hit
        end, country, of = complement(sd, norms, j, stop, cands, kb)
        if not _reaches(sd, end, target):
            return False
        if role.word in PORTFOLIO_ROLES and isinstance(of, Cand) and of.known is None:
            of.dropped, of = True, of.text  # "ministre des Ressources naturelles": a portfolio
        _apply_role(c, role, country, of, registry, kb)
        return True
    noun = actor_noun_at(norms, k, kb)
    if noun is None:
        return False
    j, sector, _ = noun
    end, country, of = complement(sd, norms, j, stop, cands, kb)
    if not _reaches(sd, end, target) or not (" ".join(norms[k:j]) in MEDIA_NOUNS or sector == "MED"):
        return False
    if c.label == "PER" and c.known is None:
        c.label = "ORG"
    if c.label == "ORG":
        c.sector = c.sector or "MED"
        c.country = c.country or country
        registry[(" ".join(norms[k:j]), country)] = c  # "le journal sud-coréen" later
    return True


def descriptor_mentions(doc, cands: list[Cand], registry: dict) -> list[Cand]:
    """Definite role descriptors standing alone, and collective actors with a country."""
    sd, kb = doc.spacy, knowledge()
    norms = token_norms(sd)
    date = doc.dct.value if doc.dct else None
    taken = SpanSet((c.start, c.end) for c in cands)
    out: list[Cand] = []
    i = 0
    while i < len(sd) - 1:
        if norms[i] not in DETERMINERS:
            i += 1
            continue
        k = i + 1
        stop = min(sentence_of(sd[i]).end, k + 12)
        hit = role_at(norms, k, kb)
        noun = None if hit else actor_noun_at(norms, k, kb)
        if hit is None and noun is None:
            i += 1
            continue
        j = hit[0] if hit else noun[0]
        end, country, of = complement(sd, norms, j, stop, cands, kb)
        span_end = phrase_end(sd, j, end, kb)
        start_c, end_c = sd[k].idx, sd[span_end - 1].idx + len(sd[span_end - 1])
        if taken.overlaps(start_c, end_c):
            i = end
            continue
        if name_follows(sd, end, cands):  # a name right after (apposition) was coded by apply_roles
            i = end
            continue
        if hit is not None:
            role = hit[1]
            if country is None and role.leader_class == "président" and isinstance(of, str) \
                    and norm(of) == "republique":
                country = "FRA"  # "le président de la République": the French title, in French news
            key = (role.leader_class or norm(role.word), country)
            if norms[i] not in DEFINITE | {"du", "au"} or norms[i] == "les" \
                    or (country is None and (of or key not in registry)):
                i = end
                continue
            cand = Cand(start_c, end_c, "PER", kind="descriptor", tok=k, role=role.label, country=country,
                        sector=role.sector)
            if key in registry:
                cand.link = registry[key]
            elif role.leader_class and (leader := kb.leader_at(country, role.leader_class, date)):
                cand.link = leader.name
            else:
                i = end
                continue
            out.append(cand)
        else:
            _, sector, typ = noun
            plural_military = norms[k:j] in (["responsables", "militaires"],)
            if country is None and not plural_military:
                i = end
                continue
            cand = Cand(start_c, end_c, typ, kind="descriptor", tok=k, country=country, sector=sector,
                        link=registry.get((" ".join(norms[k:j]), country)))
            if typ == "GPE" and isinstance(of, Cand):
                of.place, of.label, of.metonymy, of.sector = False, "GPE", True, of.sector or "GOV"
            out.append(cand)
        taken.add(start_c, end_c)
        i = end
    return out
