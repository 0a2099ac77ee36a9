"""Stories: online clustering by date on stems and names, with a title and a timeline."""
from __future__ import annotations

from depeche.linking import StoryRules, cluster_stories, story_terms
from tests.linking.conftest import report


def _doc(doc_id, date, title, lead, names=()):
    reports = [report(doc_id, actors=tuple(("source", n, "PER", None, None) for n in names))]
    return (doc_id, date, title, story_terms(f"{title}\n\n{lead}", reports))


DOCS = [
    _doc("a", "2024-03-01", "Grève des cheminots à la SNCF", "Les cheminots de la SNCF sont en grève contre la réforme.", ["Jean Castex"]),
    _doc("b", "2024-03-02", "La grève SNCF se poursuit", "Deuxième jour de grève des cheminots à la SNCF.", ["Jean Castex"]),
    _doc("c", "2024-03-02", "Inondations dans le Gard", "Des pluies torrentielles ont inondé plusieurs villages du Gard."),
    _doc("d", "2024-03-20", "Nouvelle grève des cheminots", "Les cheminots de la SNCF relancent la grève."),
]


def test_stories_group_articles_on_one_subject_within_the_window():
    stories = cluster_stories(DOCS, StoryRules(window=3, threshold=0.3))
    members = sorted(sorted(d for d, _, _ in m) for _, m in stories)
    assert members == [["a", "b"], ["c"], ["d"]]  # the strike again after 18 days is a new story
    strike = next(s for s, m in stories if len(m) == 2)
    assert strike.first == "2024-03-01" and strike.last == "2024-03-02" and strike.documents == 2
    assert strike.title in ("Grève des cheminots à la SNCF", "La grève SNCF se poursuit")


def test_terms_are_stems_and_names():
    terms = story_terms("Grève des cheminots\n\nLes cheminots font grève.", [report("x", actors=(("source", "Jean Castex", "PER", None, None),))])
    assert "e:jean castex" in terms and terms.get("cheminot", 0) >= 2 and "des" not in terms


def test_the_same_documents_give_the_same_stories():
    one = cluster_stories(DOCS)
    two = cluster_stories(list(DOCS))
    assert [s.id for s, _ in one] == [s.id for s, _ in two]
