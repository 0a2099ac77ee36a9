import pytest
from rich.console import Console

from depeche.cli.show import STYLES, document_view, highlighted
from tests.handmade import bare, moscow


def styles_at(text, start, end):
    return {str(s.style) for s in text.spans if s.start <= start and end <= s.end}


@pytest.mark.parametrize("what, style", [
    ("Vladimir Poutine", STYLES["PER"]),
    ("Washington", STYLES["GPE"]),
    ("Vladivostok", STYLES["place"]),
    ("mercredi", STYLES["time"]),
    ("1.200 kilomètres", STYLES["quantity"]),
    ("« Nous coopérerons »", STYLES["quote"]),
    ("a reçu mercredi", STYLES["event"]),
    ("Photo AP/Jean Dupont", STYLES["credit"]),
    ("date 2023-09", STYLES["header"]),
])
def test_records_are_styled_where_they_stand(what, style):
    doc = moscow()
    text = highlighted(doc)
    start = doc.text.index(what)
    assert style in styles_at(text, start, start + len(what))
    assert text.plain == doc.text


def test_plain_text_is_unstyled():
    doc = moscow()
    text = highlighted(doc)
    start = doc.text.index("Un missile")
    assert styles_at(text, start, start + len("Un missile")) == set()


@pytest.mark.parametrize("make, expected", [
    (moscow, ["CONSULT/visit", "Vladimir Poutine → Kim Jong Un", "asserted; at Vladivostok; on mercredi = 2023-09-13",
              "according to « Selon Washington »", "RUSGOV président 2 mentions", "1200 km (exact) distance",
              "by Vladimir Poutine", "caption dated 2019", "warning: a warning"]),
    (bare, ["bare.txt", "Un texte sans rien."]),
])
def test_document_view(make, expected):
    console = Console(width=200, record=True)
    console.print(document_view(make()))
    out = console.export_text()
    for part in expected:
        assert part in out
