"""The whole-article French gold's evaluation: split filtering, skipping, event-date scoring."""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict

import pytest

from depeche.config import Settings
from depeche.evaluation.article_places_times import ArticleGoldError, eval_event_dates, eval_places, eval_times, read_layer, \
    score_dates
from depeche.models import Document, DocumentDate, Event, Time


def check(text: str, span) -> str:
    return hashlib.sha1(text[span[0]:span[1]].encode("utf-8")).hexdigest()[:8]


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_a_split_reads_only_its_own_records(tmp_path):
    write(tmp_path / "toponyms.jsonl", [{"article": "a1", "split": "dev", "span": [0, 4]},
                                        {"article": "a2", "split": "test", "span": [0, 4]},
                                        {"article": "a1", "split": "dev", "span": [9, 12]}])
    assert {k: len(v) for k, v in read_layer(tmp_path, "toponyms", "dev").items()} == {"a1": 2}
    assert read_layer(tmp_path, "timex", "dev") == {}  # no file: nothing


def test_bad_line_is_named(tmp_path):
    (tmp_path / "events.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ArticleGoldError, match="events.jsonl:1"):
        read_layer(tmp_path, "events", "dev")


@pytest.mark.parametrize("run", [eval_places, eval_times, eval_event_dates])
def test_a_split_without_annotations_is_skipped(tmp_path, run):
    assert run(tmp_path, Settings(), "dev", gold_dir=tmp_path) is None


TEXT = "La police a arrêté mardi trois hommes. Ils manifesteront jusqu'en 2047."


def test_event_dates_are_scored_on_matched_events():
    arrest, demo = TEXT.index("arrêté"), TEXT.index("manifesteront")
    doc = Document(id="d", source="a1", text=TEXT, dct=DocumentDate(value="2023-05-05", precision="day"),
                   times=[Time(id="T1", text="", start=0, end=0, type="DATE", value="2023-05-05", dct=True),
                          Time(id="T2", text="mardi", start=TEXT.index("mardi"), end=TEXT.index("mardi") + 5,
                               type="DATE", value="2023-05-02")],
                   events=[Event(id="V1", type="COERCE", time="T2", start=arrest, end=arrest + 6, text="arrêté"),
                           Event(id="V2", type="PROTEST", time="T1", start=demo, end=demo + 13, text="manifesteront")])
    span = lambda s, n: [s, s + n]  # noqa: E731
    gold = [
        {"article": "a1", "trigger": span(arrest, 6), "check": check(TEXT, span(arrest, 6)), "type": "COERCE",
         "date": "2023-05-02"},
        # the document date is no date: the gold's null matches it
        {"article": "a1", "trigger": span(demo, 13), "check": check(TEXT, span(demo, 13)), "type": "PROTEST",
         "date": None},
        {"article": "a1", "trigger": [0, 9], "check": check(TEXT, [0, 9]), "type": "COERCE", "date": "2023-05"},
    ]
    counts, errors = defaultdict(int), []
    score_dates(doc, gold, counts, errors)
    assert dict(counts) == {"gold": 3, "gold_dated": 2, "matched": 2, "date_ok": 2, "matched_dated": 1, "dated_ok": 1}
    assert errors == []


def test_moved_offsets_are_refused():
    doc = Document(id="d", source="a1", text=TEXT)
    with pytest.raises(ArticleGoldError, match="no longer point"):
        score_dates(doc, [{"article": "a1", "trigger": [0, 9], "check": "00000000", "type": "COERCE", "date": None}],
                    defaultdict(int), [])


# Reached on the dev split of the whole-article French gold (issue 15), minus a small margin; the
# test split is measured once, apart, and never drives a rule.
@pytest.mark.gold
def test_places_on_the_french_dev_split(settings):
    from tests.support import shared

    r = eval_places(shared("orangesum", "articles.jsonl").parents[1], settings, "dev")
    if r is None:
        pytest.skip("no dev toponyms yet")
    assert r["metrics"]["acc_161km"] >= 0.89 and r["metrics"]["country_accuracy"] >= 0.93  # reached 0.907, 0.947
    assert r["output"]["acc_161km"] >= 0.79 and r["output"]["country_accuracy"] >= 0.80  # reached 0.804, 0.817
    assert r["output"]["acc_161km"] > r["baseline"]["acc_161km"]


@pytest.mark.gold
def test_times_on_the_french_dev_split(settings):
    from tests.support import shared

    r = eval_times(shared("orangesum", "articles.jsonl").parents[1], settings, "dev", baseline=False)
    if r is None:
        pytest.skip("no dev TIMEX3 yet")
    m = r["metrics"]
    assert m["strict_f1"] >= 0.88 and m["relaxed_f1"] >= 0.925 and m["value_accuracy"] >= 0.895  # 0.895, 0.939, 0.912


@pytest.mark.gold
@pytest.mark.model
def test_event_dates_on_the_french_dev_split(settings):
    from tests.support import shared

    r = eval_event_dates(shared("orangesum", "articles.jsonl").parents[1], settings, "dev")
    if r is None:
        pytest.skip("no dev events yet")
    assert r["date_accuracy"] >= 0.705  # reached 0.721 (0.424 when the nearest date of the sentence dated events)
