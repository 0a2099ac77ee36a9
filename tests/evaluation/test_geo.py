"""depeche eval geo: both gold formats, offsets re-anchored, bad input named (hand-made files)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from depeche.cli.main import main
from depeche.config import Settings
from depeche.evaluation.geo import GoldFormatError, evaluate, read_corpus
from depeche.places.index import gazetteer

TEXT = "Flights from Paris to Lyon resumed, while Toronto stayed closed."

TR_STYLE = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[{TEXT}]]></text><toponyms>
<toponym><phrase>Paris</phrase><start>13</start><end>18</end>
  <gaztag geonameid="2988507"><name>Paris</name><lat>48.85341</lat><lon>2.3488</lon>
  <country geonameid="3017382">France</country></gaztag></toponym>
<toponym><phrase>Lyon</phrase><start>22</start><end>26</end>
  <gaztag geonameid="2996944"><name>Lyon</name><lat>45.74846</lat><lon>4.84671</lon>
  <country geonameid="3017382">France</country></gaztag></toponym>
<toponym><phrase>Toronto</phrase><start>42</start><end>49</end></toponym>
</toponyms></article></articles>
"""

# GeoVirus style: offsets one off, no country (taken from the nearest town).
GV_STYLE = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article><text>{TEXT}</text><locations>
<location><name>Toronto</name><start>43</start><end>50</end><lat>43.7</lat><lon>-79.4</lon></location>
<location><name>Lyon</name><start>23</start><end>27</end><lat>45.75</lat><lon>4.85</lon></location>
</locations></article></articles>
"""


@pytest.fixture(scope="module")
def gaz():
    return gazetteer(Settings())


def test_tr_news_format(tmp_path, gaz):
    path = tmp_path / "tr.xml"
    path.write_text(TR_STYLE, encoding="utf-8")
    (article,) = read_corpus(path, gaz)
    assert [(t.start, t.end, t.country) for t in article.toponyms] == [(13, 18, "FR"), (22, 26, "FR")]
    result = evaluate(path, gaz)
    assert result["toponyms"] == 2
    assert result["metrics"]["acc_161km"] == result["metrics"]["country_accuracy"] == 1.0
    assert result["metrics"]["median_km"] < 1


def test_geovirus_format_offsets_are_reanchored(tmp_path, gaz):
    path = tmp_path / "gv.xml"
    path.write_text(GV_STYLE, encoding="utf-8")
    (article,) = read_corpus(path, gaz)
    assert [TEXT[t.start:t.end] for t in article.toponyms] == ["Toronto", "Lyon"]
    assert [t.country for t in article.toponyms] == ["CA", "FR"]
    assert evaluate(path, gaz)["metrics"]["acc_161km"] == 1.0


@pytest.mark.parametrize("content", ["<articles><article>", "<articles></articles>"])
def test_bad_gold_file_is_named(tmp_path, gaz, content):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match="bad.xml"):
        read_corpus(path, gaz)


def test_cli_json_shape(tmp_path):
    path = tmp_path / "tr.xml"
    path.write_text(TR_STYLE, encoding="utf-8")
    out = CliRunner().invoke(main, ["eval", "geo", str(path), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert set(result) >= {"metrics", "baseline", "toponyms", "seconds"}
    assert set(result["metrics"]) == set(result["baseline"]) == {"acc_161km", "median_km", "country_accuracy"}


def test_cli_missing_file_is_a_usage_error(tmp_path):
    out = CliRunner().invoke(main, ["eval", "geo", str(tmp_path / "none.xml")])
    assert out.exit_code == 2 and "not found" in out.output
