import pytest

from depeche.models import Document, DocumentDate, Segment
from depeche.inputs.readers import read_text
from depeche.inputs.segments import SegmentStage, is_archive, paragraphs


def segment(text: str, settings) -> Document:
    return SegmentStage(settings)(read_text(text.encode(), "t.txt", settings))


def test_header_then_first_sentence_on_same_line(settings):
    doc = segment("date 2023-09 Le train est arrivé.\n\nLa foule attendait.", settings)
    kinds = [(s.kind, doc.text[s.start:s.end]) for s in doc.segments]
    assert kinds == [("header", "date 2023-09"), ("body", "Le train est arrivé."), ("body", "La foule attendait.")]


def test_caption_credit_is_split_out(settings):
    text = "date 2023-09 Le train est arrivé.\n\nLe dirigeant salue la foule à la gare. @Photo AP/Ahn Young-joon.\n"
    doc = segment(text, settings)
    cap = doc.segments_of("caption")[0]
    assert cap.credit == "Photo AP/Ahn Young-joon"
    assert doc.text[cap.credit_start:cap.credit_end] == "Photo AP/Ahn Young-joon"
    assert doc.text[cap.start:cap.end].startswith("Le dirigeant salue")
    assert cap.archive is False


@pytest.mark.parametrize("caption, dct, archive", [
    ("Image d'archive du sommet de Hanoï.", "2023-09", True),
    ("Une photo d'archives montre les deux hommes.", "2023-09", True),
    ("Les deux dirigeants lors de leur sommet d'avril 2019.", "2023-09", True),
    ("Les deux dirigeants le 3 août 2023.", "2023-09", True),
    ("Les deux dirigeants le 13 septembre 2023.", "2023-09", False),
    ("Les deux dirigeants en septembre 2023.", "2023-09-13", False),
    ("Le convoi arrive en gare.", "2023-09", False),
    ("Le convoi en 2019.", None, False),
])
def test_archive_caption(caption, dct, archive):
    date = DocumentDate(value=dct, precision={4: "year", 7: "month", 10: "day"}[len(dct)]) if dct else None
    assert is_archive(caption, date) is archive


def test_paragraphs_trim_whitespace():
    text = "  Un.\n \n\tDeux.  \n\n\n"
    assert [text[s:e] for s, e in paragraphs(text, 0, len(text))] == ["Un.", "Deux."]


def test_title_from_reader_is_kept(settings):
    doc = Document(id="x", source="s", text="Titre\n\nCorps du texte.",
                   segments=[Segment(kind="title", start=0, end=5)])
    doc = SegmentStage(settings)(doc)
    assert [(s.kind, s.start, s.end) for s in doc.segments] == [("title", 0, 5), ("body", 7, 22)]


def test_at_sign_inside_a_sentence_is_not_a_credit(settings):
    doc = segment("Écrivez à contact@exemple.fr pour réagir à cet article publié ce matin.", settings)
    assert doc.segments_of("caption") == []
