"""A small record for the API and browser tests: dispatches written here from a few French
sentence patterns, with their records laid out by hand (no model is loaded).

Forty-odd documents over 2023-2024, events at French, European and African places (nearby
ones, so that the map clusters them), coded actors (so that the network has pairs), every
factuality, attributed events, quotes, times; and one hostile document whose text holds HTML
and script tags, which the page must show as text.
"""
from __future__ import annotations

import datetime as dt
import random

from depeche.inputs.readers import content_id
from depeche.models import (
    Attribution, Document, DocumentDate, Entity, Event, Mention, Place, Quote, Segment, Sentence, Time,
)

ACTORS = [
    ("Emmanuel Macron", "FRA", "GOV"), ("Olaf Scholz", "DEU", "GOV"), ("Vladimir Poutine", "RUS", "GOV"),
    ("Volodymyr Zelensky", "UKR", "GOV"), ("Macky Sall", "SEN", "GOV"), ("Assimi Goïta", "MLI", "MIL"),
    ("Xi Jinping", "CHN", "GOV"), ("Joe Biden", "USA", "GOV"), ("Giorgia Meloni", "ITA", "GOV"),
]
PLACES = [
    ("Paris", "FRA", 48.8534, 2.3488, 2988507), ("Versailles", "FRA", 48.8048, 2.1203, 2969679),
    ("Lyon", "FRA", 45.7485, 4.8467, 2996944), ("Marseille", "FRA", 43.2970, 5.3811, 2995469),
    ("Berlin", "DEU", 52.5244, 13.4105, 2950159), ("Moscou", "RUS", 55.7522, 37.6156, 524901),
    ("Kiev", "UKR", 50.4547, 30.5238, 703448), ("Dakar", "SEN", 14.6937, -17.4441, 2253354),
    ("Bamako", "MLI", 12.6500, -8.0000, 2460596), ("Rome", "ITA", 41.8919, 12.5113, 3169070),
]
# (type, mode, factuality, trigger, pattern): {a} source, {b} target, {p} place, {d} day words
PATTERNS = [
    ("CONSULT", "visit", "asserted", "reçu", "{a} a reçu {b} à {p} {d}."),
    ("CONSULT", None, "planned", "rencontrer", "{a} doit rencontrer {b} à {p} {d}."),
    ("ACCUSE", None, "asserted", "accusé", "{a} a accusé {b} de mentir, {d} à {p}."),
    ("AID", None, "reported", "promis", "Selon des diplomates, {a} aurait promis une aide à {b}, {d} à {p}."),
    ("THREATEN", None, "hypothetical", "sanctionner", "{a} pourrait sanctionner {b}, a-t-on appris {d} à {p}."),
    ("REJECT", None, "negated", "rejeté", "{a} n'a pas rejeté l'offre de {b}, {d} à {p}."),
    ("PROTEST", "demonstrate", "asserted", "défilé", "Des manifestants ont défilé à {p} {d} contre {b}."),
]
HOSTILE = ('date 2024-02-14 Le site a affiché <img src=x onerror="window.__pwned=1"> et '
           '<script>window.__pwned=2</script>. « <b>Nous</b> protestons & <i>refusons</i> », a déclaré '
           'Emmanuel Macron à Paris mercredi.')


def _mention(text: str, needle: str, after: int = 0) -> Mention:
    start = text.index(needle, after)
    return Mention(start=start, end=start + len(needle), text=needle)


def dispatch(n: int, rng: random.Random) -> Document:
    """The n-th dispatch: a dated header and one or two event sentences."""
    day = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randrange(0, 540))
    header = f"date {day.isoformat()} "
    text, entities, places, times, events = header, {}, {}, [], []
    for k in range(1 + n % 2):
        kind, mode, factuality, verb, pattern = PATTERNS[(n + 3 * k) % len(PATTERNS)]
        a, b = rng.sample(ACTORS, 2)
        place = PLACES[rng.randrange(len(PLACES))]
        words = rng.choice(["mardi", "jeudi", "vendredi"])
        sentence = pattern.format(a=a[0], b=b[0], p=place[0], d=words)
        start = len(text) + (1 if k else 0)
        text += (" " if k else "") + sentence
        for actor in (a, b):
            ent = entities.setdefault(actor[0], Entity(id=f"E{len(entities) + 1}", name=actor[0], type="PER",
                                                       country=actor[1], sector=actor[2]))
            if actor[0] in sentence:
                ent.mentions.append(_mention(text, actor[0], start))
        pl = places.setdefault(place[0], Place(id=f"P{len(places) + 1}", name=place[0], country=place[1],
                                               lat=place[2], lon=place[3], geonameid=place[4], feature="PPL"))
        pl.mentions.append(_mention(text, place[0], start))
        when = _mention(text, words, start)
        times.append(Time(id=f"T{len(times) + 1}", text=words, start=when.start, end=when.end, type="DATE",
                          value=day.isoformat(), anchor="dct"))
        trigger = _mention(text, verb, start)
        src = [] if kind == "PROTEST" else [entities[a[0]].id]
        events.append(Event(
            id=f"V{len(events) + 1}", type=kind, mode=mode, source=src, target=[entities[b[0]].id],
            place=pl.id, time=times[-1].id, factuality=factuality, start=trigger.start, end=trigger.end,
            text=trigger.text, cues=["aurait"] if factuality == "reported" else [],
            attribution=Attribution(text="Selon des diplomates", start=text.index("Selon", start),
                                    end=text.index("Selon", start) + len("Selon des diplomates"))
            if "Selon" in sentence else None,
            source_spans=[_mention(text, "manifestants", start)] if kind == "PROTEST" else []))
    return _document(text, header, f"web/{n:03d}.txt", list(entities.values()), list(places.values()), times,
                     events, day.isoformat())


def _document(text, header, source, entities, places, times, events, day, quotes=()) -> Document:
    body = len(header)
    cuts = [body] + [i + 2 for i, c in enumerate(text) if c == "." and i + 2 < len(text) and i > body]
    sentences = [Sentence(start=a, end=(b - 1 if b != len(text) else b)) for a, b in zip(cuts, cuts[1:] + [len(text)])]
    return Document(id=content_id(text), source=source, text=text, language="fr",
                    dct=DocumentDate(value=day, precision="day"),
                    segments=[Segment(kind="header", start=0, end=body - 1), Segment(kind="body", start=body, end=len(text))],
                    sentences=sentences, entities=entities, places=places, times=times, events=events,
                    quotes=list(quotes))


def hostile() -> Document:
    """A dispatch whose text holds HTML tags and scripts, in a quote and around an event."""
    t = HOSTILE
    macron = Entity(id="E1", name="Emmanuel Macron", type="PER", country="FRA", sector="GOV",
                    mentions=[_mention(t, "Emmanuel Macron")])
    paris = Place(id="P1", name="Paris", country="FRA", lat=48.8534, lon=2.3488, geonameid=2988507, feature="PPLC",
                  mentions=[_mention(t, "Paris")])
    quote = _mention(t, "« <b>Nous</b> protestons & <i>refusons</i> »")
    trigger = _mention(t, "protestons")
    when = _mention(t, "mercredi")
    return _document(
        t, "date 2024-02-14 ", "web/hostile.txt", [macron], [paris],
        [Time(id="T1", text="mercredi", start=when.start, end=when.end, type="DATE", value="2024-02-14")],
        [Event(id="V1", type="PROTEST", source=["E1"], place="P1", time="T1", start=trigger.start, end=trigger.end,
               text=trigger.text, attribution=Attribution(text="a déclaré Emmanuel Macron", entity="E1",
                                                          start=t.index("a déclaré"), end=t.index(" à Paris")))],
        "2024-02-14", quotes=[Quote(id="U1", text=quote.text, start=quote.start, end=quote.end, speaker="E1")])


def documents(count: int = 40, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    return [dispatch(n, rng) for n in range(count)] + [hostile()]


MEETING = ("Emmanuel Macron a reçu mercredi à Paris le chancelier allemand pour parler de la défense européenne "
           "et de l'aide à l'Ukraine, a indiqué l'Elysée.")


def linked_documents() -> list[Document]:
    """One meeting in three dispatches (the first two copies of each other, the third reporting
    it with another outlet) and a protest reported once: for the linked views."""
    from tests.linking.conftest import dispatch

    paris = (48.85, 2.35)
    meeting = dict(trigger="reçu", type="CONSULT", actor="Emmanuel Macron", country="FRA", place="Paris", point=paris)
    return [
        dispatch(MEETING, "2024-03-14", "linked-a.txt", metadata={"outlet": "Le Quotidien"}, **meeting),
        dispatch(MEETING.replace("a indiqué l'Elysée", "selon l'Elysée"), "2024-03-14", "linked-b.txt",
                 metadata={"outlet": "Le Quotidien"}, **meeting),
        dispatch("Le chancelier allemand a été reçu à Paris par Emmanuel Macron : les deux dirigeants ont parlé de "
                 "la défense européenne et de l'aide à l'Ukraine.", "2024-03-15", "linked-c.txt",
                 factuality="reported", metadata={"outlet": "La Gazette"}, **meeting),
        dispatch("Des milliers de manifestants ont défilé samedi à Lyon contre la réforme des retraites.",
                 "2024-03-16", "linked-d.txt", trigger="défilé", type="PROTEST", place="Lyon", country="FRA",
                 point=(45.76, 4.84)),
    ]
