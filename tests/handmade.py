"""Hand-built Documents with every kind of record, for the store, query and export tests.

No model is loaded: spans are found in the text with ``str.index``, so every record's
``text == doc.text[start:end]``.
"""
from __future__ import annotations

from depeche.models import (
    Attribution, Check, Document, DocumentDate, Entity, Event, Mention, Place, Quantity, Quote, Segment, Sentence,
    Time,
)
from depeche.inputs.readers import content_id

MOSCOW = (
    "date 2023-09 Le président russe Vladimir Poutine a reçu mercredi à Vladivostok le dirigeant "
    "nord-coréen Kim Jong Un. Selon Washington, Pyongyang serait en quête d'armes.\n\n"
    "« Nous coopérerons », a déclaré M. Poutine. Un missile de 1.200 kilomètres a été évoqué.\n\n"
    "Vladimir Poutine à Vladivostok, en 2019. Image d'archive @Photo AP/Jean Dupont."
)

PARIS = (
    "date 2021-06-10 Emmanuel Macron a reçu le chancelier Olaf Scholz à Paris. "
    "Les deux dirigeants ont discuté de la défense européenne."
)


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def mention(text: str, needle: str, after: int = 0) -> Mention:
    s, e = span(text, needle, after)
    return Mention(start=s, end=e, text=needle)


def sentences(text: str, *starts: str, end: int) -> list[Sentence]:
    """The sentences that spaCy would cut: each from its first words to the next one's, the last to ``end``."""
    bounds, after = [], 0
    for first in starts:
        after = span(text, first, after)[0]
        bounds.append(after)
    ends = [len(text[:b].rstrip()) for b in bounds[1:]] + [end]
    return [Sentence(start=a, end=b) for a, b in zip(bounds, ends)]


def moscow(text: str = MOSCOW, source: str = "moscow.txt") -> Document:
    """A document with segments, entities, places, times, quantities, quotes, events, checks."""
    t = text
    body_end = t.index("\n\nVladimir Poutine à")
    cap_start = body_end + 2
    credit_s, credit_e = span(t, "Photo AP/Jean Dupont")
    putin_e, kim_e, usa_e, prk_e = (span(t, x)[0] for x in ("Poutine a reçu", "Kim Jong Un", "Washington", "Pyongyang"))
    doc = Document(
        id=content_id(t), source=source, text=t, dct=DocumentDate(value="2023-09", precision="month"),
        language="fr", metadata={"section": "monde", "rank": 3}, warnings=["a warning"],
        segments=[
            Segment(kind="header", start=0, end=12),
            Segment(kind="body", start=13, end=body_end),
            Segment(kind="caption", start=cap_start, end=len(t), credit="Photo AP/Jean Dupont",
                    credit_start=credit_s, credit_end=credit_e, archive=True),
        ],
        sentences=sentences(t, "Le président russe", "Selon Washington", "« Nous coopérerons »", "Un missile",
                            "Vladimir Poutine à", "Image d'archive", end=credit_s - 2),
        entities=[
            Entity(id="E1", name="Vladimir Poutine", type="PER", country="RUS", sector="GOV", role="président",
                   mentions=[mention(t, "Vladimir Poutine"), mention(t, "M. Poutine")]),
            Entity(id="E2", name="Kim Jong Un", type="PER", country="PRK", sector="GOV",
                   mentions=[mention(t, "Kim Jong Un")]),
            Entity(id="E3", name="Washington", type="GPE", country="USA", sector="GOV",
                   mentions=[mention(t, "Washington")]),
            Entity(id="E4", name="Pyongyang", type="GPE", country="PRK", sector="GOV",
                   mentions=[mention(t, "Pyongyang")]),
        ],
        places=[Place(id="P1", name="Vladivostok", lat=43.1056, lon=131.8735, country="RUS", geonameid=2013348,
                      feature="PPLA", mentions=[mention(t, "Vladivostok"), mention(t, "Vladivostok", cap_start)])],
        times=[
            Time(id="T1", text="mercredi", start=span(t, "mercredi")[0], end=span(t, "mercredi")[1], type="DATE",
                 value="2023-09-13", anchor="dct"),
            Time(id="T2", text="en 2019", start=span(t, "en 2019")[0], end=span(t, "en 2019")[1], type="DATE",
                 value="2019"),
        ],
        quantities=[Quantity(id="Q1", text="1.200 kilomètres", start=span(t, "1.200 kilomètres")[0],
                             end=span(t, "1.200 kilomètres")[1], value=1200.0, unit="km", qualifier="exact",
                             category="distance")],
        quotes=[Quote(id="U1", text="« Nous coopérerons »", start=span(t, "« Nous coopérerons »")[0],
                      end=span(t, "« Nous coopérerons »")[1], speaker="E1")],
        events=[
            Event(id="V1", type="CONSULT", mode="visit", source=["E1"], target=["E2"], place="P1", time="T1",
                  factuality="asserted", start=putin_e - len("Vladimir "), end=kim_e + len("Kim Jong Un"),
                  text=t[putin_e - len("Vladimir "):kim_e + len("Kim Jong Un")]),
            Event(id="V2", type="REQUEST", source=["E4"], target=[], factuality="reported",
                  attribution=Attribution(text="Selon Washington", entity="E3"),
                  start=prk_e, end=span(t, "d'armes")[1], text=t[prk_e:span(t, "d'armes")[1]]),
        ],
        checks=[Check(kind="caption-date", consistent=False, detail="caption dated 2019, story 2023-09",
                      refs=["T2", "T1"])],
    )
    assert usa_e > 0
    return doc


def paris(text: str = PARIS, source: str = "paris.txt") -> Document:
    """A second, smaller document: a French-German consultation in Paris, dated to the day."""
    t = text
    ev_s, ev_e = span(t, "Emmanuel Macron a reçu le chancelier Olaf Scholz")
    return Document(
        id=content_id(t), source=source, text=t, dct=DocumentDate(value="2021-06-10", precision="day"),
        language="fr", segments=[Segment(kind="header", start=0, end=15), Segment(kind="body", start=16, end=len(t))],
        sentences=sentences(t, "Emmanuel Macron", "Les deux dirigeants", end=len(t)),
        entities=[
            Entity(id="E1", name="Emmanuel Macron", type="PER", country="FRA", sector="GOV",
                   mentions=[mention(t, "Emmanuel Macron")]),
            Entity(id="E2", name="Olaf Scholz", type="PER", country="DEU", sector="GOV",
                   mentions=[mention(t, "Olaf Scholz")]),
        ],
        places=[Place(id="P1", name="Paris", lat=48.8534, lon=2.3488, country="FRA", geonameid=2988507,
                      feature="PPLC", mentions=[mention(t, "Paris")])],
        events=[Event(id="V1", type="CONSULT", source=["E1"], target=["E2"], place="P1",
                      start=ev_s, end=ev_e, text=t[ev_s:ev_e])],
    )


def bare(text: str = "date 2020-01-02 Un texte sans rien.", source: str = "bare.txt") -> Document:
    return Document(id=content_id(text), source=source, text=text,
                    dct=DocumentDate(value="2020-01-02", precision="day"))


VILLAGE = "date 2023-05-02 Des habitants ont manifesté lundi à Trifouillis-les-Oies, près de Lyon."


def village(text: str = VILLAGE, source: str = "village.txt") -> Document:
    """A protest in a village the gazetteer lacks: an unresolved place (no point, no country)."""
    t = text
    ev_s, ev_e = span(t, "manifesté")
    return Document(
        id=content_id(t), source=source, text=t, dct=DocumentDate(value="2023-05-02", precision="day"),
        language="fr", segments=[Segment(kind="header", start=0, end=15), Segment(kind="body", start=16, end=len(t))],
        places=[Place(id="P1", name="Trifouillis-les-Oies", resolved=False,
                      mentions=[mention(t, "Trifouillis-les-Oies")]),
                Place(id="P2", name="Lyon", lat=45.74846, lon=4.84671, country="FRA", geonameid=2996944,
                      feature="PPLA", mentions=[mention(t, "Lyon")])],
        events=[Event(id="V1", type="PROTEST", place="P1", start=ev_s, end=ev_e, text=t[ev_s:ev_e])],
    )
