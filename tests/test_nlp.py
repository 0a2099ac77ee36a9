import pytest

from depeche.models import Document, Segment
from depeche.nlp import analysis_text


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize("text, expected", [
    ("Le dirigeant nord-coréen Kim Jong\nUn au départ de Pyongyang a salué la foule.",
     ["Le dirigeant nord-coréen Kim Jong\nUn au départ de Pyongyang a salué la foule."]),
    ("Les avocats ont parlé.Enjeu de l'audition : la santé du témoin.",
     ["Les avocats ont parlé.", "Enjeu de l'audition : la santé du témoin."]),
    ("« Nous n'avons rien à cacher. » Le porte-parole est reparti.",
     ["« Nous n'avons rien à cacher. »", "Le porte-parole est reparti."]),
    ("M. Peskov a parlé aux médias. Il est reparti.", ["M. Peskov a parlé aux médias.", "Il est reparti."]),
    ("Un titre sans point\n\nLe premier paragraphe commence ici.",
     ["Un titre sans point", "Le premier paragraphe commence ici."]),
])
def test_sentence_rules(nlp, text, expected):
    assert sentences(nlp, text) == expected


def test_name_across_line_break_not_split_into_sentences(nlp):
    doc = nlp("Le dirigeant Kim Jong Un est arrivé. Il a salué la foule.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Kim Jong Un"]


def test_credit_and_header_are_masked_with_offsets_kept():
    text = "date 2023-09 Le train arrive.\n\nLa foule salue. @Photo AP/Ahn Young-joon.\n"
    cap_start = text.index("La foule")
    doc = Document(id="x", source="s", text=text, segments=[
        Segment(kind="header", start=0, end=12), Segment(kind="body", start=13, end=29),
        Segment(kind="caption", start=cap_start, end=len(text) - 1, credit="Photo AP/Ahn Young-joon",
                credit_start=text.index("Photo"), credit_end=text.index("-joon") + 5),
    ])
    masked = analysis_text(doc)
    assert len(masked) == len(text)
    assert "Photo" not in masked and "@" not in masked and "date" not in masked
    assert masked[13:29] == text[13:29] and "La foule salue." in masked


def test_spacy_offsets_are_input_offsets(analyze):
    doc = analyze("date 2023-09 Vladimir Poutine est arrivé à Moscou.\n\n"
                  "Vladimir Poutine salue la foule. @Photo AP/Ahn Young-joon.\n")
    tokens = [t for t in doc.spacy if not t.is_space]
    assert all(doc.text[t.idx:t.idx + len(t.text)] == t.text for t in tokens)
    assert not any(t.text in {"AP", "Photo", "Young-joon"} for t in tokens)
