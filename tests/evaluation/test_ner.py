"""depeche eval ner: HIPE reading, the HIPE scorer's regimes, the regression on the gold data, the CLI."""
from __future__ import annotations

import pytest


@pytest.mark.gold
def test_eval_ner_beats_bare_spacy_on_hipe(settings):
    from tests.support import shared

    from depeche.evaluation.ner import DEFAULT, evaluate

    result = evaluate(shared(*DEFAULT.parts), settings)
    assert result["docs"] == 43 and result["failed"] == 0
    # Reached on the HIPE-2020 French dev set: strict F1 0.646 (bare spaCy md 0.545), fuzzy 0.765,
    # metonymic mentions coded as actors 48 %.
    assert result["metrics"]["strict_f1"] >= 0.63
    assert result["metrics"]["strict_f1"] > result["baseline"]["strict_f1"] + 0.05
    assert result["metrics"]["fuzzy_f1"] >= 0.75
    assert result["metonymy"]["rate"] >= 0.46
    assert result["names_only"]["strict_f1"] > result["baseline"]["strict_f1"] + 0.015  # reached 0.574
    # What `depeche analyze` outputs (entity names and every place, unresolved ones too), scored as
    # mentions with no title projection: reached 0.590 strict (0.574 before towns read as people,
    # datelines, place nouns and region adjectives were taken in; issue 15 asks for spaCy md + 0.08).
    output = result["analyze_output"]
    assert output["strict_f1"] >= 0.58 and output["strict_f1"] > result["baseline"]["strict_f1"] + 0.035
    assert output["fuzzy_f1"] >= 0.75


def test_read_hipe_rebuilds_offsets(tmp_path):
    from depeche.evaluation.ner import read_hipe

    path = tmp_path / "mini.tsv"
    rows = [
        "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tMISC",
        "# hipe2022:document_id = d1",
        "# hipe2022:date = 1900-01-02",
        "M\tB-pers\tO\tNoSpaceAfter",
        ".\tI-pers\tO\t_",
        "Durand\tI-pers\tO\t_",
        "quitte\tO\tO\t_",
        "Berne\tB-loc\tB-org\tNoSpaceAfter",
        ".\tO\tO\tEndOfSentence",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    [doc] = read_hipe(path)
    assert doc.text == "M. Durand quitte Berne."
    assert [(doc.text[s:e], t) for s, e, t in doc.gold] == [("M. Durand", "pers"), ("Berne", "loc")]
    assert [(doc.text[s:e], t) for s, e, t in doc.meto] == [("Berne", "org")]


def test_scores_follow_the_hipe_regimes():
    from depeche.evaluation.ner import score

    gold = [(0, 9, "pers"), (17, 22, "loc")]
    pred = [(3, 9, "pers"), (17, 22, "loc"), (30, 35, "org")]
    result = score([(gold, pred)])
    assert result["strict_p"] == round(1 / 3, 4) and result["strict_r"] == 0.5
    assert result["fuzzy_p"] == round(2 / 3, 4) and result["fuzzy_r"] == 1.0


def test_eval_ner_cli_rejects_a_missing_file(tmp_path):
    from click.testing import CliRunner

    from depeche.cli.main import main

    result = CliRunner().invoke(main, ["eval", "ner", str(tmp_path / "absent.tsv")])
    assert result.exit_code == 2
    assert "absent.tsv: not found" in result.output


def test_eval_ner_cli_json_on_a_hipe_file(tmp_path):
    import json

    from click.testing import CliRunner

    from depeche.cli.main import main

    path = tmp_path / "mini.tsv"
    rows = ["TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tMISC", "# hipe2022:document_id = d1", "# hipe2022:date = 2023-09-13"]
    for token, tag, misc in [("Moscou", "B-loc", "_"), ("a", "O", "_"), ("reçu", "O", "_"), ("Kim", "B-pers", "_"),
                             ("Jong", "I-pers", "_"), ("Un", "I-pers", "NoSpaceAfter"), (".", "O", "_")]:
        rows.append(f"{token}\t{tag}\tO\t{misc}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "ner", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["docs"] == 1 and set(out) >= {"metrics", "baseline", "metonymy", "docs", "seconds"}
    assert out["metrics"]["strict_f1"] == 1.0
