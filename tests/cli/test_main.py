import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from depeche.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GOOD = "date 2023-09 Le ministre russe a rencontré mardi son homologue chinois à Pékin.\n"


def commands(group: click.Group, prefix: str = "depeche"):
    for name, cmd in group.commands.items():
        yield f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from commands(cmd, f"{prefix} {name}")


@pytest.mark.parametrize("command", sorted(commands(main)))
def test_every_command_is_documented(command):
    assert command in README, f"`{command}` is not documented in README.md"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.txt").write_text("date 2023-13 Le sommet s'ouvre.")
    return tmp_path


def test_json_single_document(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "good.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dct"] == {"value": "2023-09", "precision": "month"}


def test_some_inputs_fail_exit_1_and_name_them(corpus):
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [d["source"].rsplit("/", 1)[-1] for d in lines] == ["good.txt"]
    assert re.search(r"empty\.txt: no text", result.stderr)
    assert re.search(r"bad\.txt: header is not a date", result.stderr)
    assert "1 of 3 documents analyzed, 2 failed" in result.stderr


def test_json_array_for_several(corpus):
    (corpus / "empty.txt").unlink()
    (corpus / "bad.txt").unlink()
    (corpus / "more.txt").write_text(GOOD.replace("mardi", "jeudi"))
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2


def test_human_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["analyze", "good.txt"])
    assert result.exit_code == 0 and "2023-09 (month)" in result.stdout


@pytest.mark.parametrize("args", [
    ["analyze"],
    ["analyze", "x.txt", "--json", "--jsonl"],
    ["analyze", "x.txt", "--model", "xl"],
    ["--config", "/nonexistent/depeche.toml", "analyze", "x.txt"],
])
def test_usage_errors_exit_2(args):
    assert CliRunner().invoke(main, args).exit_code == 2


def test_schema_command_prints_the_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout)["title"].startswith("depeche document")
