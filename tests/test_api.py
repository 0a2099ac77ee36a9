import pytest

import depeche
from depeche.errors import BadHeader, NotFrench
from depeche.models import Document


def test_analyze_with_date(analyze):
    doc = analyze("Le ministre a rencontré son homologue à Paris.", "2023-09-14")
    assert isinstance(doc, Document)
    assert doc.dct.value == "2023-09-14" and doc.language == "fr"
    assert doc.source.startswith("text:") and doc.id == depeche.api.content_id(doc.text)


def test_analyze_reads_the_header(analyze):
    doc = analyze("date 2023-09 Le ministre a rencontré son homologue à Paris.")
    assert doc.dct.precision == "month" and doc.segments[0].kind == "header"


@pytest.mark.parametrize("text, error", [
    ("date 2023-13 Le ministre est arrivé.", BadHeader),
    ("The minister met his counterpart in Paris on Tuesday to discuss the war, his spokesman "
     "said in a statement released after the meeting at the foreign ministry.", NotFrench),
])
def test_analyze_raises_the_named_error(analyze, text, error):
    with pytest.raises(error):
        analyze(text)


def test_analyze_many_yields_in_order_with_errors_in_place(settings):
    items = ["Le ministre est arrivé à Paris.", ("date 2023-13 Le sommet.", None),
             ("Le sommet s'est ouvert à Berlin.", "2022-05")]
    out = list(depeche.analyze_many(items, settings=settings))
    assert isinstance(out[0], Document) and isinstance(out[1], BadHeader) and isinstance(out[2], Document)
    assert out[2].dct.value == "2022-05"


def test_to_json_round_trips(analyze):
    doc = analyze("Le ministre est arrivé à Paris.", "2023")
    again = Document.model_validate_json(doc.to_json())
    assert again.to_dict() == doc.to_dict()
