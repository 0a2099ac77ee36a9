"""Pathological French documents of a chosen size, for the linear-time test and bench/pathological.py.

Each pattern is a function of a size in characters that returns a dated dispatch of about that
size, built from short sentences written for depeche: the repetitions and shapes that once made
a stage's time grow with the square of a sentence or of the document.
"""
from __future__ import annotations

HEADER = "date 2023-09-12 "
LEAD = ("Le ministre des Affaires étrangères a reçu mardi à Paris son homologue allemand pour évoquer "
        "la guerre en Ukraine et la sécurité européenne. ")
WORDS = ("Le président Emmanuel Macron a déclaré mardi que la France soutiendrait l'Ukraine selon le ministre "
         "des Affaires étrangères les négociations reprendront le 12 mars à Genève des milliers de manifestants "
         "ont défilé samedi à Paris contre la réforme des retraites la police a arrêté trois suspects a indiqué "
         "le procureur de la République Vladimir Poutine a reçu son homologue chinois au Kremlin pour évoquer la "
         "crise le gouvernement a annoncé une aide de 500 millions d'euros aux agriculteurs ").split()
SENTENCES = (
    "Le président Emmanuel Macron a déclaré mardi que la France soutiendrait l'Ukraine. "
    "Selon le ministre des Affaires étrangères, les négociations reprendront le 12 mars à Genève. "
    "« Nous ne céderons pas », a affirmé la Première ministre. "
    "Des milliers de manifestants ont défilé samedi à Paris contre la réforme des retraites.\n\n"
    "La police a arrêté trois suspects, a indiqué le procureur de la République. "
    "Vladimir Poutine a reçu son homologue chinois au Kremlin pour évoquer la crise. "
    "Le gouvernement a annoncé une aide de 500 millions d'euros aux agriculteurs.\n\n"
)


def _repeat(head: str, unit: str, size: int) -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


def dates(size: int) -> str:
    """``le 12 mars `` over and over in one sentence (the tense scan once ran to its end for each)."""
    return _repeat(HEADER + "Le ministre a annoncé ", "le 12 mars ", size)


def unpunctuated(size: int) -> str:
    """One paragraph of French words and no punctuation: one giant sentence."""
    words, n, out = WORDS, 0, [HEADER]
    while sum(map(len, out)) + n < size:
        out.append(words[n % len(words)] + " ")
        n += 1
    return "".join(out)


def dit_il(size: int) -> str:
    """``« dit-il »`` over and over (the reporting-speaker search walked the whole sentence for each)."""
    return _repeat(HEADER + LEAD, "« dit-il » ", size)


def elisions(size: int) -> str:
    """``l'`` glued together (spaCy's French tokenizer strips them one at a time, each time
    searching the rest of the word)."""
    return _repeat(HEADER + LEAD, "l'", size)


def open_quotes(size: int) -> str:
    """Opening quotation marks that never close."""
    return _repeat(HEADER + LEAD, "« Le ministre ", size)


def numbers(size: int) -> str:
    """Digits in groups of three, as one endless number."""
    return _repeat(HEADER + LEAD + "Le bilan est de ", "100 ", size)


def sentences(size: int) -> str:
    """Ordinary punctuated sentences and paragraphs: a very long article."""
    return _repeat(HEADER, SENTENCES, size)


FIRST = ("Jean", "Marie", "Paul", "Claire", "Louis", "Anne", "Pierre", "Julie", "Marc", "Sophie",
         "Henri", "Lucie", "Michel", "Alice", "Denis", "Odile", "Bruno", "Agathe", "Yves", "Rose")
LAST = ("Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy",
        "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert",
        "Fontaine", "Rousseau", "Vincent", "Muller", "Lefevre", "Faure", "Andre", "Mercier", "Blanc",
        "Guerin", "Boyer", "Garnier")


def people(size: int) -> str:
    """Ever new people meeting in pairs ("les deux responsables"): a stage that compares each
    name with every person named before it grows with the square of the article."""
    names = [f"{f} {l}" for l in LAST for f in FIRST]
    out, n, length = [HEADER], 0, len(HEADER)
    while True:
        a, b = names[n % len(names)], names[(n * 7 + 3) % len(names)]
        piece = f"{a} a rencontré {b} à Lyon. Les deux responsables ont signé un accord. "
        if length + len(piece) > size and n:
            return "".join(out)
        out.append(piece)
        length += len(piece)
        n += 1


PATTERNS = {f.__name__.replace("_", "-"): f for f in
            (dates, unpunctuated, dit_il, elisions, open_quotes, numbers, sentences, people)}
