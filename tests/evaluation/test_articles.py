"""The whole-article events evaluation: the gold files' shape, the scoring rules, and floors."""
import json

import pytest

from tests.support import shared
from depeche.evaluation.articles import (
    ARTICLES, eval_articles, GoldActor, GoldArticle, GoldMention, Scores, read_article_gold, role_right, score_document,
)
from depeche.models import Document, Entity, Event, Mention

TEXT = "Le président Paul Durand a rencontré mardi son homologue. La rencontre a duré une heure. Il a été arrêté."


def mention(start, end):
    return Mention(start=start, end=end, text=TEXT[start:end])


def at(word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def gold(n, word, type_, event, source=None, target=None, factuality="asserted"):
    import hashlib

    s, e = at(word)
    return GoldMention("a", "dev", f"a:e{n}", (s, e), hashlib.sha1(word.encode()).hexdigest()[:8], type_, None,
                       source, target, factuality, None, event)


def event(word, type_, source_spans=(), source=(), factuality="asserted"):
    s, e = at(word)
    return Event(id="V", type=type_, start=s, end=e, text=word, source_spans=list(source_spans), source=list(source),
                 factuality=factuality)


@pytest.fixture
def doc():
    durand = Entity(id="E1", name="Paul Durand", type="PER", country="FRA",
                    mentions=[mention(*at("Paul Durand")), mention(*at("Il"))])
    return Document(id="x", source="a", text=TEXT, entities=[durand])


@pytest.fixture
def article():
    president = [GoldActor(at("Le président"), at("Paul Durand"))]
    return GoldArticle("a", "dev", "", [
        gold(1, "rencontré", "CONSULT", "E1", source=president),
        gold(2, "rencontre", "CONSULT", "E1"),
        gold(3, "arrêté", "COERCE", "E2"),
    ])


def test_matching_duplicates_and_recall(doc, article):
    events = [event("rencontré", "CONSULT", [mention(*at("Paul Durand"))], ["E1"]), event("rencontre", "CONSULT"),
              event("duré", "ASSAULT"), event("arrêté", "ASSAULT")]
    scores = Scores()
    score_document(doc, events, article, scores, keep_errors=True)
    m = scores.metrics()
    assert (m["gold_events"], m["predicted"]) == (2, 4)
    assert m["precision"] == 0.5 and m["recall"] == 0.5  # the second CONSULT is a duplicate; the arrest mistyped
    assert m["duplicate_rate"] == 0.25 and m["trigger_precision"] == 0.75
    assert m["both_actors_right"] == 1.0 and m["actors_coded"] == 1.0 and m["fully_right"] == 0.25
    assert sorted(e["kind"] for e in scores.errors) == ["duplicate", "missed", "spurious", "type"]


def test_a_merged_event_matches_through_its_other_mentions(doc, article):
    merged = event("rencontre", "CONSULT").model_copy(update={"mentions": [mention(*at("rencontré"))]})
    scores = Scores()
    score_document(doc, [merged], article, scores, keep_errors=False)
    assert scores.metrics()["recall"] == 0.5 and scores.metrics()["duplicate_rate"] == 0.0


@pytest.mark.parametrize("gold_actors, spans, ids, right", [
    (None, [], [], True),
    (None, [at("Il")], [], False),
    ([GoldActor(at("Le président"), at("Paul Durand"))], [at("Paul Durand")], [], True),  # the ref
    ([GoldActor(at("Le président"), at("Paul Durand"))], [at("Le président")], [], True),  # the span
    ([GoldActor(at("Le président"), at("Paul Durand"))], [at("Il")], ["E1"], True),  # through the entity
    ([GoldActor(at("Le président"), at("Paul Durand"))], [at("Il")], [], False),
    ([GoldActor(at("Le président"), at("Paul Durand"))], [at("Paul Durand"), at("son homologue")], [], False),
    ([GoldActor(at("Le président"), None)], [], [], False),
])
def test_role_right(doc, gold_actors, spans, ids, right):
    entities = {e.id: e for e in doc.entities}
    assert role_right(gold_actors, [mention(*s) for s in spans], ids, entities) is right


def test_gold_files_hold_annotations_only():
    articles = read_article_gold(ARTICLES)
    assert {a.split for a in articles.values()} == {"train", "dev", "test"}
    allowed = {"article", "split", "batch", "annotator", "id", "trigger", "check", "type", "mode", "source",
               "target", "factuality", "attribution", "attribution_check", "date", "event"}
    for line in (ARTICLES / "events.jsonl").read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) <= allowed
    assert sum(len(a.mentions) for a in articles.values()) == len((ARTICLES / "events.jsonl").read_text().splitlines())


def test_whole_article_floors(settings):
    """The test split's figures (read only through this evaluation) stay at what issue 13 reached."""
    result = eval_articles(shared("orangesum", "articles.jsonl"), settings)
    test = result["metrics"]["test"]
    for key, floor in TEST_FLOORS.items():
        assert test[key] >= floor - 0.03, (key, test[key])
    assert test["duplicate_rate"] <= TEST_DUPLICATES + 0.02


# Reached on the test split by `depeche eval events --part articles` (docs/models.md), before the
# margins: the higher of the third and fourth versions' figures (recall and factuality are the
# third's). Duplicates rose from the second version's 0.038: its coreference merged distinct events
# (a sixth of the recall in cross-validation); later versions merge only compatible mentions.
TEST_FLOORS = {"precision": 0.507, "recall": 0.436, "both_actors_right": 0.5, "factuality_accuracy": 0.89, "fully_right": 0.177}
TEST_DUPLICATES = 0.087
