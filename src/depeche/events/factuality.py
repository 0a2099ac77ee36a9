"""How sure the text is about an event: asserted, reported, planned, hypothetical, feared, negated.

The cues come from the trigger's own clause: negation words, the conditional mood (spaCy's
``Mood=Cnd``, or a conditional form of the verb, since the tagger often misses it), the
future tense, "aller"/"devoir" + infinitive, a "si" clause, a governing verb or noun of fear
("craindre que", "redouter", "s'inquiéter de", "risque de"), of wish or request ("demander
la libération"), and an attribution ("selon X", "a indiqué X"). When several apply the most
informative wins, in the order of ``PRIORITY``; every cue is kept.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..nlp import sentence_of

PRIORITY = ("negated", "feared", "hypothetical", "planned", "reported", "asserted")
NEGATION = {"ne", "n'", "n’", "pas", "jamais", "aucun", "aucune", "ni", "sans", "nullement", "plus", "guère"}
NE = {"ne", "n'", "n’"}
FEAR = {"craindre", "crainte", "redouter", "inquiéter", "inquiétude", "peur", "risquer", "risque",
        "appréhender", "alerter", "s'inquiéter"}
IRREALIS = {"demander", "demande", "réclamer", "exiger", "appeler", "appel", "vouloir", "souhaiter",
            "espérer", "proposer", "menacer", "menace",
            "envisager", "exhorter", "implorer", "imaginer", "refuser", "éviter", "empêcher", "falloir"}
PURPOSE = {"viser", "destiner", "chercher", "décider", "promettre", "prêt", "engager"}
PLAN = {"aller", "devoir", "prévoir", "compter", "apprêter", "programmer", "projeter", "planifier"}
IRREGULAR_COND_STEMS = {"ser", "aur", "pourr", "devr", "fer", "ir", "viendr", "voudr", "saur", "faudr",
                        "tiendr", "verr", "enverr", "mourr", "courr", "obtiendr", "deviendr", "revienr"}
COND_ENDINGS = ("aient", "ait", "ais", "ions", "iez")
FUT_ENDINGS = ("ont", "ai", "as", "a", "ons", "ez")


def _stem_ok(stem: str, lemma: str) -> bool:
    return stem.endswith("r") and (stem in (lemma, lemma[:-1]) or stem in IRREGULAR_COND_STEMS)


def is_conditional(tok: Token) -> bool:
    if "Cnd" in tok.morph.get("Mood"):
        return True
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return any(lower.endswith(e) and _stem_ok(lower[: -len(e)], lemma) for e in COND_ENDINGS)


def is_future(tok: Token) -> bool:
    if "Fut" in tok.morph.get("Tense"):
        return True
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma in ("avoir",) and lower == "a":
        return False
    return any(lower.endswith(e) and _stem_ok(lower[: -len(e)], lemma) for e in FUT_ENDINGS)


def clause_chain(tok: Token) -> list[Token]:
    """The trigger, then the verbs it hangs from within its clause (xcomp, a noun's verb, or the
    verb a purpose clause serves: "vont battre le pavé pour réclamer")."""
    chain, cur = [tok], tok
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("pour", "afin") for c in tok.children):
        cur = tok.head
        chain.append(cur)
    for _ in range(3):
        if cur.dep_ in ("xcomp", "obj", "nsubj", "nsubj:pass", "obl:arg", "conj") \
                and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("xcomp", "conj"):
                break
        else:
            break
    return chain


def _ancestors(tok: Token, limit: int = 4) -> list[Token]:
    out, cur = [], tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


def factuality_cues(tok: Token, attributed: bool, speech_act: bool = False) -> list[tuple[str, str]]:
    """(label, cue word) pairs for the trigger ``tok`` (``speech_act``: a request, accusation...)."""
    cues: list[tuple[str, str]] = []
    chain = clause_chain(tok)
    for t in chain:
        group = [t] + [c for c in t.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop", "advmod", "det")]
        for g in group:
            if g.lower_ in NEGATION and (g.dep_ in ("advmod", "det", "cc", "case") or g.i != t.i):
                if g.lower_ == "plus" and not any(c.lower_ in NE for c in group):
                    continue  # "plus" alone is a comparative
                if g.lower_ in NE and _restrictive(t):
                    continue  # "ne ... que": only, not not
                cues.append(("negated", g.text))
            elif g.pos_ in ("VERB", "AUX") and is_conditional(g):
                label = "planned" if g.lemma_.lower() == "devoir" else "hypothetical"
                if _past(g) or any(_past(a) for a in group if a.dep_.startswith("aux")):
                    label = "hypothetical"  # "aurait dû", "aurait tué"
                cues.append((label, g.text))
            elif g.pos_ in ("VERB", "AUX") and is_future(g):
                cues.append(("planned", g.text))
        if t.i != tok.i and t.lemma_.lower() in PLAN and t.pos_ in ("VERB", "AUX") and not _past(t):
            cues.append(("planned", t.text))
    for anc in [tok] + _ancestors(tok):
        if any(c.dep_ == "mark" and c.lower_ == "si" for c in anc.children):
            cues.append(("hypothetical", "si"))
            break
    for n, anc in enumerate(_ancestors(tok, 2)):
        lemma = anc.lemma_.lower()
        if lemma in FEAR:
            cues.append(("feared", anc.text))
            break
        # A requested or wished event has not happened ("réclament la libération"), but a
        # speech act governed by such a verb has ("a refusé la demande").
        direct = n == 0 or (n == 1 and tok.head.pos_ == "VERB" and tok.head.dep_ == "xcomp")
        possible = lemma == "pouvoir" and not any("Past" in a.morph.get("Tense") for a in [anc, *anc.children]
                                                   if a.dep_.startswith("aux") or a.i == anc.i)
        if (lemma in IRREALIS or possible) and direct and not speech_act:
            cues.append(("hypothetical", anc.text))
            break
        if lemma in PURPOSE and direct:
            cues.append(("planned", anc.text))
            break
    if attributed:
        cues.append(("reported", "attribution"))
    return cues


def decide(cues: list[tuple[str, str]]) -> str:
    labels = {label for label, _ in cues}
    return next((p for p in PRIORITY if p in labels), "asserted")


def _restrictive(verb: Token) -> bool:
    """"ne ... que" without "pas": a restriction ("n'achètent que ça"), not a negation."""
    doc = verb.doc
    after = doc[verb.i + 1:min(verb.i + 6, sentence_of(verb).end)]
    around = [c.lower_ for c in verb.children]
    return any(t.lower_ in ("que", "qu'") for t in after) and not any(w in ("pas", "jamais", "plus") for w in around)


def _past(verb: Token) -> bool:
    """A past participle or a compound past ("a dû", "dû"): done, not planned."""
    return "Part" in verb.morph.get("VerbForm") or any(c.dep_ == "aux:tense" for c in verb.children)
