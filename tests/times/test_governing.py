"""Which time expression dates an event: its own clause's, never a limit or a background date."""
from __future__ import annotations

import pytest


def dates(doc) -> dict[str, str | None]:
    """Each event's trigger -> the value of the time that dates it (None for the document date)."""
    times = {t.id: t for t in doc.times}
    return {e.text: (None if e.time is None or times[e.time].dct else times[e.time].value) for e in doc.events}


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # a limit lends its year to no event of the sentence
    ("Les syndicats manifesteront jusqu'en 2047 si nécessaire.", {"manifesteront": None}),
    ("La police a arrêté mardi trois manifestants qui protestaient contre la réforme, en vigueur jusqu'en 2047.",
     {"arrêté": "2023-05-02", "protestaient": None}),
    # a background date dates only its own clause
    ("Arrêté en 1997 pour vol, il a été libéré jeudi.", {"Arrêté": "1997", "libéré": "2023-05-04"}),
    # a date that qualifies a noun dates that noun's event, not the verb's
    ("La manifestation du 3 mars a été interdite par le préfet.", {"manifestation": "2023-03-03", "interdite": None}),
    ("L'attaque du 3 mars a fait deux morts.", {"attaque": "2023-03-03"}),
    # a reported event takes the reporting verb's date
    ("Trois hommes ont été interpellés, a indiqué mardi le parquet.", {"interpellés": "2023-05-02"}),
    ("Le parquet a indiqué mardi que trois hommes avaient été interpellés.", {"interpellés": "2023-05-02"}),
    # a time with no preposition before it dates its clause, whatever noun the parse hangs it on
    ("Un automobiliste a été arrêté par les motards de la gendarmerie ce mardi 2 mai.", {"arrêté": "2023-05-02"}),
    # a noun's event takes the date of the clause on it that tells when it took place
    ("Le groupe a rendu hommage aux victimes de l'attentat survenu le 14 juillet.", {"attentat": "2022-07-14"}),
    ("Elle a parlé de l'agression dont elle a été victime en janvier dernier.", {"agression": "2023-01"}),
])
def test_an_event_takes_only_the_date_that_governs_it(analyze, text, expected):
    got = dates(analyze(text, "2023-05-05"))
    assert {k: got.get(k, "missing") for k in expected} == expected


@pytest.mark.model
def test_mentions_of_one_event_share_its_date(analyze):
    doc = analyze("Le parquet requiert un procès contre l'animateur\n\n"
                  "Le parquet a requis vendredi un procès contre l'animateur.", "2020-06-01")
    got = dates(doc)
    assert got["requiert"] == got["requis"] == "2020-05-29"  # one actor, one type: one event, one date


@pytest.mark.model
def test_a_title_event_takes_the_first_date_of_its_type_in_the_body(settings, tmp_path):
    import json

    from depeche import analyze_paths

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "date": "2020-06-01", "title": "Un automobiliste agressé à Lyon",
                                "text": "Un automobiliste a été frappé samedi par deux hommes. Ils l'avaient déjà "
                                        "frappé dimanche dernier."}, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = analyze_paths([str(path)], settings=settings)
    assert dates(doc)["agressé"] == "2020-05-30"
