import pytest

from depeche.quantities.checks import CheckStage, interval
from depeche.config import Settings
from depeche.models import Document, Quantity, Segment
from depeche.quantities.stage import QuantityStage


def checked(text):
    doc = Document(id="t", source="test", text=text, segments=[Segment(kind="body", start=0, end=len(text))])
    doc = CheckStage(Settings())(QuantityStage(Settings())(doc))
    return doc


def verdicts(text, kind):
    return [c.consistent for c in checked(text).checks if c.kind == kind]


@pytest.mark.parametrize("text,verdict", [
    # 1.200 km at about 60 km/h is 20 hours: "at least 20 hours" holds.
    ("Le convoi a parcouru 1.200 kilomètres à environ 60 km/h, soit au moins 20 heures de route.", True),
    ("Le convoi a parcouru 1.200 kilomètres à 60 km/h en 5 heures de route.", False),
    ("Le cycliste a roulé 90 km à 30 km/h pendant 3 heures.", True),
    # The lap time nearest the speed is not the race's duration; the race's is.
    ("Il a couvert les 228 km de course en 1h 41mn 15s, meilleur tour en 2 minutes 24 secondes "
     "(vitesse moyenne de 141,9 km/h).", True),
    # An acceleration and a top speed are not journeys.
    ("La voiture passe de 0 à 100 km/h en 3 secondes et roule 500 km.", None),
])
def test_travel_time(text, verdict):
    got = verdicts(text, "travel-time")
    assert got == ([] if verdict is None else [verdict])


@pytest.mark.parametrize("text,verdict", [
    ("L'accident a fait 20 morts, dont 5 enfants et 3 policiers.", True),
    ("L'accident a fait 6 morts, dont 5 enfants et 3 policiers.", False),
    ("La police a interpellé 12 personnes, dont 4 mineurs.", True),
])
def test_parts_total(text, verdict):
    assert verdicts(text, "parts-total") == [verdict]


def test_parts_total_refs_total_then_parts():
    doc = checked("L'accident a fait 6 morts, dont 5 enfants et 3 policiers.")
    (check,) = doc.checks
    assert check.refs == ["Q1", "Q2", "Q3"]
    assert "8" in check.detail


@pytest.mark.parametrize("text,verdict", [
    ("Le maire a été élu avec 52 % des voix contre 48 % à son rival.", True),
    ("Au second tour, 55 % à Martin, 40 % à Durand et 15 % à Petit selon le décompte des voix.", False),
    # Two wholes, a comparison with the past, or changes: nothing to add up.
    ("Selon le sondage, 60 % des hommes et 70 % des femmes approuvent.", None),
    ("Le candidat a obtenu 44 % des voix contre 63 % en 2014.", None),
    ("Les ventes ont progressé de 60 % et le vote de 70 %.", None),
])
def test_percent_sum(text, verdict):
    got = verdicts(text, "percent-sum")
    assert got == ([] if verdict is None else [verdict])


@pytest.mark.parametrize("text,verdict", [
    # Two tolls for one event, as sources give them.
    ("L'attaque a fait 12 morts. Selon l'hôpital, 18 personnes ont été tuées.", False),
    ("L'attaque a fait au moins 12 morts. Selon l'hôpital, 15 personnes ont été tuées.", True),
    ("L'attaque a fait une vingtaine de morts. Selon l'hôpital, 22 personnes ont été tuées.", True),
    # A revised toll is not a contradiction.
    ("Un premier bilan faisait état de 12 morts. Le bilan s'est alourdi à 18 morts.", True),
    # Different places or another group: not the same count.
    ("Au Mali, 12 personnes ont été tuées. Au Niger, 18 personnes ont été tuées.", None),
    ("L'attaque a fait 12 morts. Trois autres personnes ont été tuées plus tard.", None),
    # Far apart: not rival tolls but different groups.
    ("L'attaque a fait 3 morts. Le conflit a fait 40.000 morts.", None),
])
def test_repeated_count(text, verdict):
    got = verdicts(text, "repeated-count")
    assert got == ([] if verdict is None else [verdict])


def test_repeated_count_detail_names_both_counts():
    doc = checked("L'attaque a fait 12 morts. Selon l'hôpital, 18 personnes ont été tuées.")
    (check,) = doc.checks
    assert check.refs == ["Q1", "Q2"] and "killed" in check.detail


@pytest.mark.parametrize("qualifier,high,expected", [
    ("exact", None, (10, 10)), ("approx", None, (7.5, 12.5)), ("min", None, (10, float("inf"))),
    ("max", None, (0, 10)), ("min", 20.0, (10, 20)),
])
def test_interval(qualifier, high, expected):
    q = Quantity(id="Q1", text="x", start=0, end=1, value=10, unit="person", qualifier=qualifier, high=high)
    assert interval(q) == expected


def test_summary_shows_casualties_and_failed_checks():
    from rich.console import Console

    from depeche.cli.render import summary

    doc = checked("L'attaque a fait 12 morts. Selon l'hôpital, 18 personnes ont été tuées. Le convoi a roulé 40 km.")
    console = Console(width=200, record=True)
    console.print(summary(doc))
    out = console.export_text()
    assert "Q1 12 killed" in out and "Q3 40 km" in out
    assert "checks: 1 run, 1 failed" in out and "repeated-count" in out
