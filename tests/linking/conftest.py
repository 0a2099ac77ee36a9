"""Hand-built reports and documents for the linking tests: no model is loaded."""
from __future__ import annotations

import pytest

from depeche.inputs.readers import content_id
from depeche.models import Document, DocumentDate, Entity, Event, Mention, Place, ReportActor, Report


def report(doc: str, event: str = "V1", type: str = "ASSAULT", day: str = "2024-03-14", dated: bool = True,
           actors: tuple = (), place: str | None = None, lat: float | None = None, lon: float | None = None,
           country: str | None = None, text: str = "attaque", context: str = "", factuality: str = "asserted",
           attribution: str | None = None, first: str | None = None, last: str | None = None, outlet=None) -> Report:
    """A report; ``actors``: (role, name, type, country, sector) tuples, a capitalised name being a proper name."""
    return Report(
        doc_id=doc, event_id=event, type=type, start=0, end=len(text), text=text, first=first or day,
        last=last or day, dated=dated, doc_date=day, factuality=factuality, attribution=attribution,
        actors=[ReportActor(role=r, entity=f"E{n}", key=name.lower(), named=name[:1].isupper(), type=t, country=c,
                            sector=s) for n, (r, name, t, c, s) in enumerate(actors)],
        place=place, lat=lat, lon=lon, place_country=country, context=context, outlet=outlet)


def dispatch(text: str, date: str, source: str, *, trigger: str, type: str = "ASSAULT", actor: str | None = None,
             country: str | None = None, place: str | None = None, point: tuple[float, float] | None = None,
             factuality: str = "asserted", metadata: dict | None = None) -> Document:
    """A stored-ready Document with one event whose trigger, actor and place are words of ``text``."""
    def span(word: str) -> tuple[int, int]:
        s = text.index(word)
        return s, s + len(word)

    entities, places, source_ids = [], [], []
    if actor:
        s, e = span(actor)
        entities.append(Entity(id="E1", name=actor, type="PER", country=country, sector="GOV" if country else None,
                               mentions=[Mention(start=s, end=e, text=actor)]))
        source_ids = ["E1"]
    if place:
        s, e = span(place)
        lat, lon = point or (None, None)
        places.append(Place(id="P1", name=place, lat=lat, lon=lon, country=country, resolved=point is not None,
                            mentions=[Mention(start=s, end=e, text=place)]))
    s, e = span(trigger)
    event = Event(id="V1", type=type, source=source_ids, place="P1" if place else None, factuality=factuality,
                  start=s, end=e, text=trigger)
    return Document(id=content_id(text), source=source, text=text, dct=DocumentDate(value=date, precision="day"),
                    language="fr", metadata=metadata or {}, entities=entities, places=places, events=[event])


@pytest.fixture
def make_report():
    return report
