"""Groups named without a country take the country of the document's places (hand-built documents)."""
from __future__ import annotations

import pytest

from depeche.entities.context import ActorContextStage, main_country
from depeche.config import Settings
from depeche.models import Document, Entity, Mention, Place


def place(pid: str, country: str, mentions: int) -> Place:
    return Place(id=pid, name=pid, lat=0.0, lon=0.0, country=country, feature="PPL",
                 mentions=[Mention(start=i, end=i + 1, text="x") for i in range(mentions)])


def entity(eid: str, kind: str, sector: str | None = "COP", country: str | None = None) -> Entity:
    return Entity(id=eid, name=eid, type="ORG", sector=sector, country=country,
                  mentions=[Mention(start=0, end=1, text="x", kind=kind)])


def doc(places, entities) -> Document:
    return Document(id="d", source="d", text="x" * 20, places=places, entities=entities)


@pytest.mark.parametrize("places, expected", [
    ([place("Minsk", "BLR", 3), place("Moscou", "RUS", 1)], "BLR"),
    ([place("Lyon", "FRA", 1), place("Genève", "CHE", 1)], "FRA"),  # a tie: the first reaches half
    ([place("Lyon", "FRA", 1), place("Genève", "CHE", 1), place("Turin", "ITA", 1)], None),  # no half
    ([], None),
])
def test_main_country(places, expected):
    assert main_country(doc(places, [])) == expected


def test_only_groups_without_a_country_take_it():
    entities = [
        entity("police", "descriptor"),                         # a group: takes BLR
        entity("soldats", "descriptor", country="RUS"),         # the text gave its country
        entity("Twitter", "name", sector="BUS"),                # a named organisation
        entity("inconnus", "descriptor", sector=None),          # no sector: not an actor group
    ]
    out = ActorContextStage(Settings())(doc([place("Minsk", "BLR", 2)], entities))
    got = {e.id: (e.country, e.country_from_context) for e in out.entities}
    assert got == {"police": ("BLR", True), "soldats": ("RUS", False), "Twitter": (None, False),
                   "inconnus": (None, False)}


def official(eid: str, role: str | None = "minister", sector: str | None = "GOV") -> Entity:
    return Entity(id=eid, name=eid, type="PER", sector=sector, role=role,
                  mentions=[Mention(start=0, end=1, text="x", kind="name")])


@pytest.mark.parametrize("places, expected", [
    ([place("Rome", "ITA", 2)], "ITA"),  # the country of the story
    ([], "FRA"),  # no place: a French dispatch's official without a nationality is French
    ([place("Lyon", "FRA", 1), place("Turin", "ITA", 1), place("Bâle", "CHE", 1)], None),  # no main country
])
def test_an_official_without_a_nationality(places, expected):
    out = ActorContextStage(Settings())(doc(places, [official("ministre"), official("nobody", role=None)]))
    got = {e.id: e.country for e in out.entities}
    assert got == {"ministre": expected, "nobody": None}

