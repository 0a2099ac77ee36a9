import pytest

from depeche.events.quotes import quote_spans


@pytest.mark.parametrize("text,quoted", [
    ("Il a dit « nous viendrons » hier.", ["nous viendrons"]),
    ("Il a dit “non” puis \"oui\".", ["non", "oui"]),
    ("Une seule marque \" sans fin.", []),
    ("« Deux » et « trois ».", ["Deux", "trois"]),
])
def test_quote_spans(text, quoted):
    assert [text[s:e] for s, e in quote_spans(text, 0, len(text))] == quoted


def speakers(doc):
    return [(q.text, q.speaker_span.text if q.speaker_span else None, q.partial) for q in doc.quotes]


@pytest.mark.parametrize("text,expected", [
    ("« Nous ne céderons jamais devant ces menaces », a déclaré le porte-parole du gouvernement.",
     ("Nous ne céderons jamais devant ces menaces", "le porte-parole du gouvernement", False)),
    ("Le ministre Jean Dupont a déclaré : « Nous allons ouvrir une enquête sur ces faits. »",
     ("Nous allons ouvrir une enquête sur ces faits.", "Le ministre Jean Dupont", False)),
    ("L'avocat Paul Martin a assuré que le témoin s'était « rétracté ».",
     ("rétracté", "L'avocat Paul Martin", True)),
    # the parser cuts the sentence after "»": the speaker is after the comma
    ("« Nous avons arrêté trois suspects », a indiqué Rémy Heitz.",
     ("Nous avons arrêté trois suspects", "Rémy Heitz", True)),
])
def test_quote_speaker(analyze, text, expected):
    doc = analyze(text)
    assert speakers(doc)[0] == expected
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text


def test_speaker_from_previous_sentence(analyze):
    doc = analyze("Le maire Pierre Durand a indiqué qu'il porterait plainte. « Nous irons jusqu'au bout de cette affaire. »")
    assert speakers(doc)[0][1] == "Le maire Pierre Durand"


def test_pronoun_speaker_is_previous_speaker(analyze):
    doc = analyze("« Je regrette cette décision injuste », a déclaré Marie Dubois. "
                  "« Nous ferons appel dès demain matin », a-t-elle ajouté.")
    assert [s for _, s, _ in speakers(doc)] == ["Marie Dubois", "Marie Dubois"]
