import pytest

from depeche.errors import NotFrench
from depeche.inputs.language import LanguageStage
from depeche.models import Document, Segment


def body(text: str) -> Document:
    return Document(id="x", source="s.txt", text=text, segments=[Segment(kind="body", start=0, end=len(text))])


@pytest.mark.parametrize("text", [
    "Le ministre des Affaires étrangères a rencontré mardi son homologue allemand à Berlin "
    "pour évoquer la guerre en Ukraine et les livraisons d'armes, a indiqué son porte-parole.",
    "Le sommet a eu lieu mardi.",
])
def test_french_passes(settings, text):
    assert LanguageStage(settings)(body(text)).language == "fr"


@pytest.mark.parametrize("text, code", [
    ("The foreign minister met his German counterpart in Berlin on Tuesday to discuss the war in "
     "Ukraine and arms deliveries, his spokesman said in a statement released after the talks.", "en"),
    ("Der Außenminister traf am Dienstag seinen französischen Amtskollegen in Berlin, um über den "
     "Krieg in der Ukraine und Waffenlieferungen zu sprechen, sagte sein Sprecher.", "de"),
])
def test_other_languages_are_reported(settings, text, code):
    with pytest.raises(NotFrench, match=f"language is {code}"):
        LanguageStage(settings)(body(text))
