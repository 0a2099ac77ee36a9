"""Who did it and to whom: the source and target actors of an event trigger, from the parse.

A role spec (from the trigger lexicon) names where to look: ``subj``, ``obj``, ``iobj``,
``de``, ``poss``, ``gov`` or ``prep:WORD``. Passives swap subject and object (the "par"
agent is the source), a participle qualifying a noun has that noun as its object, and a
coordinated verb inherits its missing subject and object from the first conjunct. When the
parse gives a verb no subject, the proper name just before it in its clause stands in.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..nlp import LOCATIONS_KEY, sentence_of

NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
CUT = {"acl", "acl:relcl", "appos", "punct", "conj", "cc", "advcl", "parataxis", "dep", "ccomp", "xcomp"}
RELATIVE = {"qui", "que", "qu'", "qu’", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
NOT_ACTORS = {"on", "se", "s'", "y", "en", "ce", "cela", "ça"}
DE = {"de", "d'", "d’", "du", "des"}
CONTRACTIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}
PLACE_CASES = {"à", "en", "dans", "sur", "vers"}
# Nouns that name actors: an actor phrase headed by another noun ("le défaut d'anticipation de
# l'État", "un rapport de la Garde civile") has its actor in its "de" complement.
ACTOR_NOUNS = {
    "ministre", "président", "présidente", "chef", "cheffe", "porte-parole", "gouvernement", "police", "policier",
    "armée", "justice", "parquet", "tribunal", "cour", "juge", "maire", "préfet", "député", "sénateur", "parti",
    "syndicat", "association", "ong", "agence", "ministère", "état", "pays", "régime", "autorité", "dirigeant",
    "leader", "responsable", "directeur", "directrice", "secrétaire", "ambassadeur", "militant", "manifestant",
    "opposition", "homme", "femme", "personne", "journaliste", "avocat", "famille", "membre", "groupe", "force",
    "soldat", "militaire", "suspect", "auteur", "victime", "habitant", "citoyen", "élu", "candidat", "commission",
    "conseil", "assemblée", "comité", "fédération", "union", "entreprise", "société", "banque",
    "administration", "patron", "autorités", "régime", "coalition", "milice", "rebelle", "insurgé",
    "blessé", "réfugié", "employé", "prévenu", "accusé", "condamné", "retraité", "homologue", "chancelier", "chancelière", "émissaire", "envoyé", "délégation", "délégué", "représentant",
    "mari", "épouse", "compagne", "compagnon", "conjoint", "conjointe", "voisin", "voisine", "ado",
    "adolescent", "adolescente", "jeune", "individu", "philosophe", "frère", "sœur", "parent", "proche",
    "élève", "lycéen", "touriste", "migrant", "réfugié", "prisonnier", "otage", "passant", "équipe", "bande",
    "gang", "réseau", "tribu", "peuple", "population", "opposant", "partisan", "fidèle", "star", "garçon",
    "fillette", "bébé", "dame", "monsieur", "cgt", "foule", "camp", "majorité", "droite", "gauche",
    "jihadiste", "djihadiste", "terroriste", "islamiste", "procureur", "avocat", "témoin", "clan", "mouvement", "reine", "roi", "prince", "pape", "enfant", "fils", "fille", "père", "mère",
    "couple", "étudiant", "salarié", "soignant", "médecin", "agent", "gendarme", "gendarmerie", "douane",
    "diplomatie", "diplomate", "collectif", "communauté", "organisation", "institution", "tireur", "détenu",
}
AGENT_SUFFIXES = ("eur", "euse", "ant", "ante", "iste", "ier", "ière", "ien", "ienne", "aire", "ard")
# Nouns with those endings that name no one ("un soutien", "l'entretien", "le montant").
NOT_AGENTS = {"soutien", "entretien", "maintien", "lien", "bien", "rien", "chien", "quotidien", "montant",
              "instant", "restaurant", "carburant", "courant", "élément", "moment", "salaire", "anniversaire",
              "dossier", "papier", "quartier", "chantier", "calendrier", "courrier", "sentier", "hangar",
              "standard", "retard", "regard", "milliard", "dollar", "bonheur", "honneur", "secteur", "moteur",
              "valeur", "couleur", "hauteur", "chaleur", "erreur", "peur", "cœur", "heure", "intérieur",
              "extérieur", "territoire", "histoire", "mémoire", "victoire", "commentaire", "inventaire"}
# "les Américains", "des Français": capitalised nouns of peoples.
DEMONYM_SUFFIXES = ("ain", "aine", "ais", "aise", "ois", "oise", "ien", "ienne", "an", "ane", "ol", "ole", "ec", "que")
WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}


def _word_before(tok: Token) -> Token | None:
    """The word before ``tok``, skipping determiners and "de"."""
    i = tok.i - 1
    while i >= 0 and (tok.doc[i].pos_ == "DET" or tok.doc[i].lower_ in DE):
        i -= 1
    return tok.doc[i] if i >= 0 else None


def case_of(tok: Token) -> str | None:
    """The preposition introducing a nominal ("de", "avec", "auprès"...)."""
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            if c.lower_ in DE:
                before = _word_before(c)
                if before is not None and before.lower_ in ("auprès", "près", "lors", "face"):
                    return before.lower_
            return CONTRACTIONS.get(c.lower_, c.lemma_.lower())
    before = _word_before(tok)
    if before is not None and before.lower_ == "auprès":
        return "auprès"
    return None


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children)


def is_past_participle_modifier(tok: Token) -> bool:
    """"un intermédiaire libéré", "six personnes ... mises en examen"."""
    return tok.dep_ == "acl" and "Part" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense")


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def surface_subject(tok: Token) -> Token | None:
    """When the parse gives no subject: the proper name just before the verb, in its clause."""
    for i in range(tok.i - 1, max(sentence_of(tok).start, tok.i - 6) - 1, -1):
        t = tok.doc[i]
        if t.is_punct or t.pos_ in ("VERB", "SCONJ") or t.lower_ in ("que", "qu'"):
            return None
        if t.pos_ == "PROPN" and case_of(t) is None:
            while t.dep_ == "flat:name" and t.head.i < t.i:
                t = t.head
            return t
    return None


def surface_object(tok: Token) -> Token | None:
    """When the parse gives a verb no object: the name or noun phrase right after it."""
    doc = tok.doc
    for i in range(tok.i + 1, min(sentence_of(tok).end, tok.i + 7)):
        t = doc[i]
        if t.is_punct or t.pos_ in ("VERB", "SCONJ", "ADP", "CCONJ"):
            return None
        if t.pos_ in ("ADV", "AUX") or t.lemma_.lower() in WEEKDAYS:
            continue
        if t.pos_ == "PROPN" or (t.pos_ == "NOUN" and i > tok.i + 1 and doc[i - 1].pos_ == "DET"):
            return t
    return None


def _subject(tok: Token, depth: int = 0) -> Token | None:
    if is_passive(tok) or is_past_participle_modifier(tok):
        return _child(tok, "obl:agent")
    found = _child(tok, "nsubj")
    if found is None and tok.dep_ == "acl" and tok.head.pos_ in NOMINAL:
        return tok.head
    if found is None and depth < 2 and tok.dep_ in ("xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX", "NOUN"):
        return _subject(tok.head, depth + 1)
    if found is None and depth < 2 and _controlled_adverbial(tok):
        return _subject(tok.head, depth + 1)  # "ils ont défilé pour exiger", "en exigeant": they demand
    return found


def _controlled_adverbial(tok: Token) -> bool:
    """An adverbial infinitive ("pour exiger") or gerund ("en exigeant") whose subject is the main verb's."""
    if tok.dep_ != "advcl" or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    if "Inf" in tok.morph.get("VerbForm"):
        return True
    return "Part" in tok.morph.get("VerbForm") and any(c.dep_ == "mark" and c.lower_ == "en" for c in tok.children)


def _object(tok: Token, depth: int = 0) -> Token | None:
    if is_passive(tok):
        return _child(tok, "nsubj:pass", "nsubj")
    if is_past_participle_modifier(tok):
        return tok.head
    found = _child(tok, "obj")
    if found is None and depth < 1 and tok.dep_ == "conj":
        return _object(tok.head, depth + 1)
    return found


def _prep(tok: Token, word: str) -> Token | None:
    for c in tok.subtree:
        if c.i == tok.i or c.pos_ not in NOMINAL:
            continue
        via = c.head.head.i == tok.i and c.head.pos_ not in NOMINAL
        if case_of(c) == word and (c.head.i == tok.i or via or word == "auprès"):
            return c
    return None


# Verbs of reaction: their subject judges the event it names, it does not carry it out ("Paris
# a condamné l'attaque", "l'ONU a salué l'accord").
REACTION_VERBS = {"condamner", "dénoncer", "déplorer", "saluer", "critiquer", "regretter", "féliciter",
                  "fustiger", "blâmer", "commenter", "évoquer", "qualifier", "juger", "craindre", "redouter",
                  "réagir", "démentir", "nier", "contester", "minimiser", "rejeter"}


def _governor_subject(tok: Token) -> Token | None:
    """For a noun: its own subject (copula), else the subject of the verb it depends on, unless
    that verb only reacts to the event ("condamner", "saluer")."""
    own = _child(tok, "nsubj")
    if own is not None:
        return own
    head = tok
    for _ in range(2):
        if head.dep_ not in ("obj", "obl", "obl:arg", "obl:mod", "nmod", "xcomp"):
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in REACTION_VERBS or _faire_l_objet(head):
                return None
            return _subject(head)
    return None


def _faire_l_objet(verb: Token) -> bool:
    return verb.lemma_.lower() == "faire" and any(c.dep_ == "obj" and c.lemma_.lower() == "objet" for c in verb.children)


def undergoer(tok: Token) -> Token | None:
    """Who undergoes a nominal event: the subject of "faire l'objet de" ("le maire fait l'objet
    d'une enquête": the mayor is investigated, not investigating)."""
    head = tok.head
    if tok.dep_ in ("obl:arg", "obl", "obl:mod", "nmod") and head.lemma_.lower() == "objet":
        head = head.head
    if head.pos_ in ("VERB", "AUX") and _faire_l_objet(head):
        return _subject(head)
    return None


def find_role(tok: Token, spec: str) -> Token | None:
    spec = spec.rstrip("!")
    if spec == "subj":
        if tok.pos_ in ("VERB", "AUX") or tok.dep_.startswith("acl"):
            found = _subject(tok)
            if found is None and not is_passive(tok) and not is_past_participle_modifier(tok):
                found = surface_subject(tok)
            return found
        return _child(tok, "nsubj") or surface_subject(tok)
    if spec == "obj":
        found = _object(tok)
        if (found is None or found.lemma_.lower() in WEEKDAYS) and tok.pos_ in ("VERB", "AUX") \
                and not is_passive(tok) and not is_past_participle_modifier(tok):
            found = surface_object(tok)
        return found
    if spec == "iobj":
        return _child(tok, "iobj") or _prep(tok, "à")
    if spec == "de":
        return next((c for c in tok.children if c.dep_ == "nmod" and case_of(c) == "de"), None)
    if spec == "poss":
        return next((c for c in tok.children if c.dep_ == "det" and "Yes" in c.morph.get("Poss")), None)
    if spec == "gov":
        return _governor_subject(tok)
    if spec.startswith("prep:"):
        return _prep(tok, spec[5:])
    raise ValueError(f"unknown actor role {spec!r}")


def actor_heads(tok: Token, specs: tuple[str, ...], exclude: set[int], things: bool = False) -> list[Token]:
    """The actor head tokens for the first spec that finds one, with its conjuncts.

    ``things``: a target may be a thing or a place ("bombardé plusieurs villages").
    """
    for spec in specs:
        found = find_role(tok, spec)
        if found is None or found.i in exclude:
            continue
        if found.lower_ in RELATIVE:  # "un homme qui avait tué": the antecedent
            clause = found.head
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ != "acl:relcl":
                continue
            found = clause.head
        if _a_place(found):
            continue  # "à Limoges": a place, not an actor
        if found.lower_ in NOT_ACTORS or found.is_punct:
            continue
        found = actor_in(found)
        if not actor_like(found) and not (things and found.pos_ == "NOUN"):
            found = _named_inside(found)
            if found is None:
                continue
        if found.dep_ == "conj" and found.head.pos_ in NOMINAL and actor_like(found.head):
            found = found.head  # the last of "X et Y" (a subject found by position): the coordination
        return [found] + [c for c in found.children if c.dep_ == "conj" and c.pos_ in NOMINAL and (things or actor_like(c))]
    return []


def _a_place(tok: Token) -> bool:
    """A name after a locative preposition that names where, not whom. The entities stage, when
    it ran, has decided it (its location spans): "l'aide à l'Ukraine" is an actor, "à Limoges" a
    place."""
    if not (tok.ent_type_ in ("LOC", "GPE") and case_of(tok) in PLACE_CASES and tok.pos_ == "PROPN"):
        return False
    locations = tok.doc.user_data.get(LOCATIONS_KEY)
    if locations is None:
        return True
    return any(s <= tok.idx < e for s, e in locations)


def actor_span(tok: Token) -> tuple[int, int]:
    """Character span of an actor: the head and its modifiers, without clauses and appositions."""
    members = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in CUT and not _name_apposition(c):
                continue
            if c.dep_ == "nmod" and c.i > tok.i and (c.lemma_.lower() in WEEKDAYS or case_of(c) not in (None, "de")):
                continue
            members.add(c.i)
            stack.append(c)
    lo = hi = tok.i
    doc = tok.doc
    if tok.pos_ == "PROPN":  # a name the parser split ("Kim Jong Un", "Vladimir / Poutine")
        members |= {i for i in _name_around(tok)}
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    while doc[hi].pos_ == "PROPN" and hi + 1 < sentence_of(tok).end and doc[hi + 1].pos_ in ("PROPN", "NOUN", "X") \
            and doc[hi + 1].is_title:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].pos_ == "ADP"):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _name_around(tok: Token) -> list[int]:
    doc, out = tok.doc, []
    i = tok.i - 1
    while i >= sentence_of(tok).start and doc[i].pos_ == "PROPN" and doc[i].is_title:
        out.append(i)
        i -= 1
    i = tok.i + 1
    while i < sentence_of(tok).end and doc[i].is_title and doc[i].pos_ in ("PROPN", "DET", "NOUN", "X"):
        out.append(i)
        i += 1
    return out


def _name_apposition(tok: Token) -> bool:
    """"le maire Pierre Durand": a name right after a title, no comma between."""
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    return tok.dep_ == "appos" and tok.pos_ == "PROPN" and before is not None and not before.is_punct


def actor_in(tok: Token) -> Token:
    """The actor of an abstract phrase: "la demande de libération du journaliste X" -> "journaliste X"."""
    cur = tok
    for _ in range(3):
        if cur.pos_ != "NOUN" or cur.lemma_.lower() in ACTOR_NOUNS:
            break
        nxt = next((c for c in cur.children if c.dep_ == "nmod" and case_of(c) == "de"
                    and c.pos_ in ("NOUN", "PROPN")), None)
        if nxt is None:
            break
        cur = nxt
    return cur if cur.pos_ == "PROPN" or cur.lemma_.lower() in ACTOR_NOUNS else tok


def actor_like(tok: Token) -> bool:
    """Could this head name an actor? A name, a pronoun, a spaCy person or organisation, an actor
    noun ("gouvernement", "police"), or a noun of an agent or a people ("manifestant", "Américain")."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PER", "ORG", "LOC", "GPE") \
            or "Yes" in tok.morph.get("Poss"):
        return True
    lemma = tok.lemma_.lower()
    if tok.is_title and tok.lower_.rstrip("s").endswith(DEMONYM_SUFFIXES):
        return True
    if lemma in NOT_AGENTS:
        return False
    return lemma in ACTOR_NOUNS or lemma.endswith(AGENT_SUFFIXES) or tok.lower_.rstrip("s").endswith(AGENT_SUFFIXES) \
        or _person_word(lemma)


@lru_cache(maxsize=20_000)
def _person_word(lemma: str) -> bool:
    """A role word or a noun for a person the knowledge base knows ("oligarque", "juge", "suspect")."""
    from ..entities import knowledge, norm, person_nouns

    key = norm(lemma)
    kb = knowledge()
    return key in kb.roles or key in person_nouns()[0] or key in kb.actor_nouns or f"{key}s" in kb.actor_nouns


def _named_inside(tok: Token) -> Token | None:
    """The name in apposition to a non-actor phrase ("l'oligarque algérien Ali Haddad" when the
    noun is unknown), else the first name or actor noun in its "de" complements, if any."""
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    stack = [c for c in tok.children if c.dep_ == "nmod" and case_of(c) == "de"]
    for _ in range(6):
        if not stack:
            return None
        cur = stack.pop(0)
        if actor_like(cur) and cur.pos_ != "PRON":
            return cur
        stack += [c for c in cur.children if c.dep_ == "nmod" and case_of(c) == "de"]
    return None
