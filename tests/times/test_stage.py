"""The times stage: document-date records and narrowing, anchors, captions, event_time,
and the French TimeBank evaluation (regression figures on the shared gold data)."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from depeche.api import make_document
from depeche.cli.main import main
from depeche.config import Settings
from depeche.evaluation.timebank import GoldFormatError, evaluate, read_tml
from depeche.pipeline import registered
from depeche.inputs.segments import SegmentStage
from depeche.times.stage import TimeStage, common, event_time, narrow, period
from depeche.times.rules import recognize

from tests.support import shared, span_ok


def run(text: str, date: str | None = None):
    doc = make_document(text, date)
    SegmentStage(Settings())(doc)
    return TimeStage(Settings())(doc)


def by_text(doc, text):
    return next(t for t in doc.times if t.text == text)


def test_stage_is_registered_without_needing_spacy():
    spec = registered()["times"]
    assert spec.requires == ("segments",) and spec.provides == ("times",)


def test_header_date_is_the_first_record_and_anchors_relatives():
    doc = run("date 2023-09-14\nLe navire a coulé hier au large de Brest.")
    dct = doc.times[0]
    assert (dct.id, dct.dct, dct.text, dct.value) == ("T1", True, "2023-09-14", "2023-09-14")
    hier = by_text(doc, "hier")
    assert (hier.id, hier.value, hier.anchor) == ("T2", "2023-09-13", "T1")
    assert all(span_ok(doc, t.start, t.end, t.text) for t in doc.times)


def test_date_without_header_is_a_zero_width_record():
    doc = run("Le navire a coulé hier.", "2023-09-14")
    assert (doc.times[0].start, doc.times[0].end, doc.times[0].text, doc.times[0].dct) == (0, 0, "", True)


def test_no_date_no_record():
    doc = run("Le navire a coulé hier.")
    assert [t.text for t in doc.times] == ["hier"] and doc.times[0].anchor is None


@pytest.mark.parametrize("text,narrowed,hier", [
    # a past date late in the month: the document was written between the 27th and the 30th
    ("date 2023-09\nLe sommet s'est ouvert le 27 septembre. Le ministre a déclaré hier que tout allait bien.",
     "2023-W39", "2023-W39"),
    # past on the 11th, still future on the 14th: written between Monday 11th and the 13th, so
    # "hier" is the 10th to the 12th, across two weeks: only the month is sure
    ("date 2023-09\nLe sommet s'est ouvert le 11 septembre et se terminera le 14 septembre. Un accord a été "
     "trouvé hier.", "2023-W37", "2023-09"),
    # past on the 30th, the last day of the month: written on the 30th
    ("date 2023-09\nLe vote a eu lieu le 30 septembre. Le ministre a réagi hier.", "2023-09-30", "2023-09-29"),
    # past on the 27th, future on the 28th (a morning paper may announce that day's events): 27th or 28th
    ("date 2023-09\nLe vote a eu lieu le 27 septembre; les résultats seront publiés le 28 septembre. Le ministre "
     "a réagi hier.", "2023-W39", "2023-W39"),
    # "ce lundi 4 septembre" (reported as past): written from the 4th to six days later
    ("date 2023-09\nLe ministre s'est exprimé ce lundi 4 septembre. Il a été critiqué hier.", "2023-W36", "2023-09"),
    # a condition is not a report
    ("date 2023-09\nLe second tour sera reporté s'il a bien lieu le 28 septembre. Le ministre a réagi hier.",
     None, "2023-09"),
    # a date that only belongs to a noun near a past verb says nothing
    ("date 2023-09\nLes syndicats ont appelé à de nouveaux rassemblements le 28 septembre. Le ministre a réagi hier.",
     None, "2023-09"),
    # an early past date leaves most of the month open: no invented day
    ("date 2023-09\nLe sommet s'est ouvert le 4 septembre. Le ministre a déclaré hier que tout allait bien.",
     "2023-09", "2023-09"),
])
def test_month_date_is_narrowed_by_the_text_own_dates(text, narrowed, hier):
    doc = run(text)
    assert doc.times[0].value == "2023-09" and doc.times[0].narrowed == narrowed
    assert by_text(doc, "hier").value == hier


def test_year_date_is_narrowed_too():
    doc = run("date 2022\nLe vote a eu lieu le 14 novembre 2022; les résultats seront publiés le 19 novembre 2022. "
              "Le ministre a réagi dimanche, puis mardi.")
    assert doc.times[0].narrowed == "2022-W46"  # Monday 14th to Saturday 19th
    assert by_text(doc, "dimanche").value == "2022-11-13"  # the Sunday before, whichever day it was written
    assert by_text(doc, "mardi").value == "2022-11"  # the 8th if written on Monday 14th, else the 15th


def test_year_date_with_a_loose_bound_keeps_the_year():
    doc = run("date 2022\nLe vote a eu lieu le 3 mars 2022. Le ministre a réagi hier.")
    assert doc.times[0].narrowed == "2022" and by_text(doc, "hier").value == "2022"


def test_year_date_is_not_narrowed_by_dates_without_their_year():
    doc = run("date 2022\nLe vote a eu lieu le 14 novembre. Le ministre a réagi hier.")
    assert doc.times[0].narrowed is None  # that 14 November may be the previous year's


def test_week_end_with_a_narrowed_month_date():
    doc = run("date 2020-06\nLe scrutin a eu lieu le 11 juin. Les militants se réuniront le week-end prochain.")
    assert by_text(doc, "le week-end prochain").value == "2020-06"


def test_month_date_without_evidence_keeps_the_month():
    doc = run("date 2023-09\nLe ministre a déclaré mercredi que tout allait bien. Il partira demain soir.")
    assert doc.times[0].narrowed is None
    assert by_text(doc, "mercredi").value == "2023-09"
    assert by_text(doc, "demain soir").value == "2023-09-XXTEV"


def test_narrow_ignores_other_months():
    text = "Le sommet s'est ouvert le 27 août."
    lo, hi, evidence = narrow(text, "2023-09", recognize(text))
    assert (lo.day, hi.day, evidence) == (1, 30, None)


def test_period():
    assert period("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.mark.parametrize("values,expected", [
    (["2023-09-27", "2023-09-28"], "2023-W39"),
    (["2023-09-29", "2023-09-29"], "2023-09-29"),
    (["2023-09-03", "2023-09-28"], "2023-09"),
    (["2023-08-31", "2023-09-28"], "2023"),
    (["2023-09-27TEV", "2023-09-28TEV"], "2023-W39"),
    (["2020-W24-WE", "2020-W25-WE"], "XXXX"),
    (["2023-09", "2023-10"], "2023"),
])
def test_common(values, expected):
    assert common(values) == expected


def test_discourse_anchor_is_the_record_used():
    doc = run("Le traité a été signé le 3 mars 2015. Le lendemain, les troupes se sont retirées vers 18 h.",
              "2023-09-14")
    signed, next_day, clock = by_text(doc, "le 3 mars 2015"), by_text(doc, "Le lendemain"), by_text(doc, "18 h")
    assert (next_day.value, next_day.anchor) == ("2015-03-04", signed.id)
    assert (clock.value, clock.anchor) == ("2015-03-04T18:00", next_day.id)


def test_clock_time_hangs_on_the_day_after_it_in_its_sentence():
    doc = run("Vers 23 h 40, jeudi, deux voitures se sont percutées.", "2023-03-04")
    clock, thursday = by_text(doc, "23 h 40"), by_text(doc, "jeudi")
    assert (clock.value, clock.anchor) == ("2023-03-02T23:40", thursday.id)


def test_weekday_takes_the_date_the_text_gives_it():
    doc = run("Une fête est prévue samedi 29 mai. Rendez-vous est fixé samedi à 8 h.", "2021-05-26")
    assert [t.value for t in doc.times[1:]] == ["2021-05-29", "2021-05-29", "2021-05-29T08:00"]


CAPTIONED = (
    "date 2023-09-14\nLe président a été reçu mercredi à Rome.\n\n"
    "Image d'archive du 3 mars 2015 : le président lors d'une visite la veille à Lyon. @Photo AP/Jean Dupont.\n\n"
    "Image d'archive : le président en visite. @Photo AP/Jean Dupont."
)


def test_archive_caption_keeps_its_own_date():
    doc = run(CAPTIONED)
    own, veille = by_text(doc, "3 mars 2015"), by_text(doc, "la veille")
    assert (veille.value, veille.anchor) == ("2015-03-02", own.id)
    assert by_text(doc, "mercredi").value == "2023-09-13"


def test_event_time():
    doc = run(CAPTIONED)
    text = doc.text
    received = text.index("reçu")
    assert event_time(doc, received, received + 4, "body") == by_text(doc, "mercredi").id
    visit = text.index("visite la veille")
    assert event_time(doc, visit, visit + 6, "caption") == by_text(doc, "la veille").id
    bare = text.index("en visite")
    assert event_time(doc, bare, bare + 9, "caption") is None  # an undated archive image: no date at all


def test_event_time_falls_back_to_the_document_date_never_a_caption():
    doc = run("date 2023-09-14\nLe président a été reçu à Rome.\n\n"
              "Image d'archive du 3 mars 2015 : le président à Lyon. @Photo AP/Jean Dupont.")
    received = doc.text.index("reçu")
    assert event_time(doc, received, received + 4, "body") == "T1"


def test_event_time_takes_the_nearest_expression_of_its_sentence():
    doc = run("Le dirigeant est arrivé mardi à Moscou, où il doit rencontrer le président dans les prochains jours.",
              "2023-09-14")
    meet = doc.text.index("rencontrer")
    assert event_time(doc, meet, meet + 10, "body") == by_text(doc, "les prochains jours").id
    arrived = doc.text.index("arrivé")
    assert event_time(doc, arrived, arrived + 6, "body") == by_text(doc, "mardi").id


def test_event_time_without_any_date():
    doc = run("Le président a été reçu à Rome.")
    assert event_time(doc, 3, 12, "body") is None


TML = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="2001-02-03" /></DCT>
<TEXT>Le maire a parlé <TIMEX3 tid="t2" type="DATE" value="2001-02-02">hier</TIMEX3> pendant <TIMEX3 tid="t3"
type="DURATION" value="PT2H">deux heures</TIMEX3>.</TEXT></TimeML>
"""


def test_read_tml_offsets(tmp_path):
    path = tmp_path / "a.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2001-02-03"
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["hier", "deux heures"]
    result = evaluate(tmp_path, baseline=False)
    assert result["metrics"]["strict_f1"] == 1.0 and result["metrics"]["value_accuracy"] == 1.0


def test_bad_tml_is_a_named_error(tmp_path):
    (tmp_path / "b.tml").write_text("<TimeML><TEXT>rien", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="b.tml"):
        evaluate(tmp_path, baseline=False)


def test_timebank_figures_do_not_regress():
    """French TimeBank (public half): figures reached by this stage, minus a small margin."""
    m = evaluate(shared("fr-timebank"), baseline=False)["metrics"]
    assert m["strict_f1"] >= 0.92
    assert m["relaxed_f1"] >= 0.945
    assert m["value_accuracy"] >= 0.93
    assert m["type_accuracy"] >= 0.95


def test_eval_time_command_json():
    path = shared("fr-timebank")
    result = CliRunner().invoke(main, ["eval", "time", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"metrics", "baseline", "docs", "seconds"}
    assert {"strict_f1", "relaxed_f1", "value_accuracy", "type_accuracy"} <= set(out["metrics"])
    assert out["baseline"]["name"] == "dateparser.search_dates"
    assert out["metrics"]["strict_f1"] > out["baseline"]["strict_f1"]


def test_eval_time_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", "time", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


WORDS = ["le", "3", "mars", "2019", "hier", "soir", "mardi", "à", "14", "h", "30", "il", "y", "a", "trois", "ans",
         "de", "8", "24", "mois", "fin", "l'an", "dernier", "prochain", "la", "semaine", "chaque", "année", "par",
         "an", "lendemain", "au", "des", "années", "60", "XXe", "siècle", "été", "nuit", "du", "31", "29", "février",
         "12/13/2021", "0", "h", "midi", "premier", "dimanche", "d'ici", "Image d'archive", ".", ",", "\n\n", "@Photo AP/X Y.",
         "a eu lieu le 27 septembre", "sera publié le 28 septembre", "le week-end prochain", "hier soir", "il y a",
         "dans", "semaines", "vers 18 h,", "jeudi", "la semaine dernière"]


@settings(max_examples=150, deadline=None)
@example(["lendemain", "lendemain"], None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([None, "2023", "2023-09", "2023-02-28"]))
def test_any_text_gives_valid_spans(words, date):
    doc = run(" ".join(words) or "x", date)
    ids = [t.id for t in doc.times]
    assert len(set(ids)) == len(ids)
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text
        assert t.anchor is None or t.anchor in ids
        day = re.match(r"(\d{4})-(\d{2})-(\d{2})", t.value)
        if day:
            dt.date(*map(int, day.groups()))  # a real calendar day


def test_month_date_narrowing_stays_safe_on_real_articles():
    """Day-dated OrangeSum articles cut to their month: no bound or narrowed value excludes the real day."""
    from depeche.evaluation.narrowing import evaluate_narrowing

    m = evaluate_narrowing(shared("orangesum", "articles.jsonl"), limit=600)["metrics"]
    assert m["bounded"] >= 30  # reached: see depeche eval dct --limit 600
    assert m["bounds_wrong"] == 0 and m["narrowed_wrong"] == 0 and m["relative_contradicted"] == 0


def test_eval_dct_command_json():
    path = shared("orangesum", "articles.jsonl")
    result = CliRunner().invoke(main, ["eval", "dct", str(path), "--limit", "50", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["docs"] == 50
