"""Features of the trained event components, read from the spaCy parse (shared by training and use).

Each function returns a list of feature strings ("lemma=arrêter", "dep=obj"); the models
(``learned``) are linear over these. Four groups:
- ``candidate_features``: is this word a real, specific event, and of which PLOVER type;
- ``role_features``: is this nominal the source or the target of the event, or neither;
- ``factuality_features``: how sure the text is (future, conditional, "en cas de", "selon",
  quotes, negation, bans and calls, fear);
- ``pair_features``: are two event mentions of one article the same event.
"""
from __future__ import annotations

from spacy.tokens import Token

from .factuality import FEAR, IRREALIS, NEGATION, PLAN, PURPOSE, is_conditional, is_future
from ..nlp import sentence_of, sentences

# Words of generic, habitual or statistical statements ("risquent jusqu'à", "chaque année").
GENERIC = {"risquer", "encourir", "passible", "chaque", "souvent", "régulièrement", "généralement", "parfois",
           "habituellement", "nombre", "jusqu'", "jusqu’", "jusque", "tout", "tous", "toutes", "plupart"}
CONDITION = {"si", "cas", "lorsque", "quand", "sinon", "faute"}
REPORT = {"selon", "d'après", "d’après", "affirmer", "indiquer", "déclarer", "dire", "expliquer", "assurer",
          "préciser", "ajouter", "raconter", "détailler", "affirmer", "rapporter", "apprendre", "annoncer",
          "témoigner", "estimer", "souligner", "confier", "confirmer", "dénoncer", "accuser"}
QUOTE_MARKS = {"«", "»", '"', "“", "”"}
# Words that negate an event without "ne ... pas" ("aucun suspect", "sans la coopération de").
NEGATORS = {"aucun", "aucune", "sans", "ni", "jamais", "rien", "personne", "nul", "nulle", "faute"}
# Words that make an event unrealised: a wish, request, plan or purpose ("envisage de porter plainte",
# "une proposition de rencontre"); grouped so that unseen lemmas of one group share a weight.
INTENT = {w: "irrealis" for w in IRREALIS} | {w: "plan" for w in PLAN} | {w: "purpose" for w in PURPOSE} | \
    {w: "fear" for w in FEAR} | {"proposition": "irrealis", "projet": "plan", "intention": "purpose",
                                 "volonté": "irrealis", "possibilité": "irrealis", "pouvoir": "modal"}


def _morph(tok: Token, name: str) -> str:
    return ",".join(tok.morph.get(name)) or "-"


def _aux(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop")]


def _path_up(tok: Token, limit: int = 3) -> list[Token]:
    out, cur = [], tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


def in_quote(tok: Token) -> bool:
    """An odd number of quotation marks before the word in its sentence (computed once per document)."""
    doc = tok.doc
    inside = doc.user_data.get("depeche_in_quote")
    if inside is None or len(inside) != len(doc):
        inside = [False] * len(doc)
        for start, end in sentences(doc):
            opened = straight = 0
            for i in range(start, end):
                inside[i] = opened > 0 or straight % 2 == 1
                text = doc[i].text
                opened += text in ("«", "“")
                opened -= text in ("»", "”")
                straight += text == '"'
        doc.user_data["depeche_in_quote"] = inside
    return inside[tok.i]


def candidate_features(tok: Token, lexicon_type: str | None, lexicon_mode: str | None, zone: str) -> list[str]:
    """``zone``: "title", "lead" (the first body paragraph), "body" or "caption"."""
    lemma = tok.lemma_.lower()
    head = tok.head
    f = [f"lemma={lemma}", f"pos={tok.pos_}", f"dep={tok.dep_}", f"lex={lexicon_type or '-'}",
         f"lexmode={lexicon_mode or '-'}", f"lex_lemma={lexicon_type or '-'}|{lemma}", f"pos_lemma={tok.pos_}|{lemma}",
         f"head={head.lemma_.lower() if head.i != tok.i else 'ROOT'}", f"head_pos={head.pos_}",
         f"dep_lemma={tok.dep_}|{lemma}", f"zone={zone}", f"zone_lex={zone}|{lexicon_type or '-'}", f"tense={_morph(tok, 'Tense')}",
         f"verbform={_morph(tok, 'VerbForm')}", f"number={_morph(tok, 'Number')}", f"ent={tok.ent_type_ or '-'}"]
    children = list(tok.children)
    for c in children:
        f.append(f"child={c.dep_}")
        if c.dep_ in ("det", "case", "mark", "advmod", "nsubj", "nsubj:pass", "obj", "obl:agent", "expl:comp"):
            f.append(f"child={c.dep_}|{c.lemma_.lower()}")
        if c.dep_ in ("nsubj", "nsubj:pass", "obj", "obl:agent"):
            f.append(f"arg={c.dep_}|{c.pos_}|{c.ent_type_ or '-'}")
    if tok.i > 0:
        f.append(f"prev={tok.doc[tok.i - 1].lower_}")
    if tok.i + 1 < len(tok.doc):
        f.append(f"next={tok.doc[tok.i + 1].lower_}")
    for n, anc in enumerate(_path_up(tok, 2)):
        f.append(f"anc{n}={anc.lemma_.lower()}")
    window = tok.doc[max(sentence_of(tok).start, tok.i - 6):min(sentence_of(tok).end, tok.i + 6)]
    for t in window:
        if t.lemma_.lower() in GENERIC or t.lower_ in GENERIC:
            f.append(f"generic={t.lemma_.lower()}")
    if in_quote(tok):
        f.append("quote")
    if tok.lemma_.lower() != tok.lower_ and tok.pos_ == "NOUN" and tok.lower_.endswith("s"):
        f.append("plural_noun")
    return f


def role_features(trigger: Token, cand: Token, event_type: str, rule_role: str | None) -> list[str]:
    """Features of the nominal ``cand`` as an actor of the event on ``trigger``."""
    side = "L" if cand.i < trigger.i else "R"
    dist = abs(cand.i - trigger.i)
    bucket = "1" if dist <= 1 else "3" if dist <= 3 else "6" if dist <= 6 else "12" if dist <= 12 else "far"
    path = dependency_path(trigger, cand)
    case = next((c.lemma_.lower() for c in cand.children if c.dep_ == "case"), "-")
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in trigger.children)
    f = [f"side={side}", f"dist={bucket}", f"path={path}", f"path_type={path}|{event_type}", f"cdep={cand.dep_}",
         f"cpos={cand.pos_}", f"cent={cand.ent_type_ or '-'}", f"case={case}", f"case_type={case}|{event_type}",
         f"rule={rule_role or '-'}", f"rule_type={rule_role or '-'}|{event_type}", f"passive={passive}",
         f"tpos={trigger.pos_}", f"cdep_side={cand.dep_}|{side}|{passive}", f"clemma={cand.lemma_.lower()}",
         f"tlemma_side={trigger.lemma_.lower()}|{side}"]
    if case == "-" and cand.dep_.startswith(("obl", "nmod")):  # a bare nominal read as an adjunct ("rencontré
        f.append(f"bare={cand.dep_}|{side}")                      # mardi à Kiev le chancelier Olaf Scholz")
    if any(c.i < cand.i and c.pos_ == "NOUN" and c.dep_ in ("amod", "nmod", "appos", "compound") for c in cand.children):
        f.append("titled")  # a name after its descriptor: "le chancelier Olaf Scholz"
    between = trigger.doc[min(cand.i, trigger.i) + 1:max(cand.i, trigger.i)]
    if any(t.dep_ in ("nsubj", "nsubj:pass", "obj") and t.head.i == trigger.i for t in between):
        f.append(f"arg_between={side}")  # another argument of the trigger stands closer
    if cand.pos_ == "PRON":
        f.append(f"pron={cand.lower_}")
    if cand.dep_ == "appos" or any(c.dep_ == "appos" for c in cand.children):
        f.append("appos")
    if in_quote(cand) != in_quote(trigger):
        f.append("quote_boundary")
    return f


def dependency_path(a: Token, b: Token, limit: int = 4) -> str:
    """The dependency labels from ``a`` up to the common ancestor and down to ``b`` ("^obj", "nsubj")."""
    up_a = [a] + _path_up(a, 8)
    up_b = [b] + _path_up(b, 8)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            ups = [x.dep_ for x in up_a[:n]]
            downs = [x.dep_ for x in up_b[:ids_b[t.i]]][::-1]
            if len(ups) + len(downs) > limit:
                return "long"
            return "/".join(["^" + d for d in ups] + downs) or "self"
    return "none"


def factuality_features(tok: Token, rule_label: str, cues: list[str], attributed: bool, event_type: str,
                        in_title: bool, quoted: bool = False) -> list[str]:
    """``quoted``: the event lies inside a direct quotation (a ``Quote`` record, which may span sentences)."""
    f = [f"rule={rule_label}", f"type={event_type}", f"attributed={attributed}", f"pos={tok.pos_}",
         f"title={in_title}", f"rule_attr={rule_label}|{attributed}", f"lemma={tok.lemma_.lower()}",
         f"quoted={quoted}", f"rule_quoted={rule_label}|{quoted}"]
    f += [f"cue={c.split(':', 1)[0]}" for c in cues]
    verbs = [tok] + _aux(tok)
    for v in verbs:
        f.append(f"mood={_morph(v, 'Mood')}")
        f.append(f"tense={_morph(v, 'Tense')}")
        if v.pos_ in ("VERB", "AUX") and is_conditional(v):
            f.append("conditional")
        if v.pos_ in ("VERB", "AUX") and is_future(v):
            f.append("future")
    for n, anc in enumerate(_path_up(tok, 3)):
        f.append(f"anc{n}={anc.lemma_.lower()}")
        if anc.lemma_.lower() in INTENT:
            f.append(f"intent{min(n, 1)}={INTENT[anc.lemma_.lower()]}")
        if anc.pos_ in ("VERB", "AUX") and is_conditional(anc):
            f.append("anc_conditional")
        if anc.pos_ in ("VERB", "AUX") and is_future(anc):
            f.append("anc_future")
    sent = sentence_of(tok)
    for t in sent:
        low = t.lemma_.lower()
        if low in CONDITION or t.lower_ in CONDITION:
            f.append(f"cond_word={t.lower_}|{'before' if t.i < tok.i else 'after'}")
        if low in REPORT or t.lower_ in REPORT:
            f.append(f"report={low}")
        if t.lower_ in NEGATION and abs(t.i - tok.i) <= 4:
            f.append(f"neg_near={t.lower_}")
        if t.lower_ in NEGATORS and (t.head.i == tok.i or t.head.head.i == tok.i or tok.head.i == t.head.i):
            f.append(f"negator={t.lower_}")
    if in_quote(tok):
        f.append("quote")
    if any(t.text == "?" for t in sent):
        f.append("question")
    return f
