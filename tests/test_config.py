import re
from pathlib import Path

import pytest

from depeche.config import Settings, load_settings
from depeche.errors import ConfigError

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name):
    assert re.search(rf"^\| `{name}` \|", DOC.read_text(encoding="utf-8"), re.M), f"{name} missing from {DOC}"


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert s == Settings() and s.spacy_model == "fr_core_news_md"


def test_file_then_flags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "depeche.toml").write_text('[depeche]\nmodel = "sm"\nbatch_size = 8\n')
    s = load_settings(batch_size=64, max_bytes=None)
    assert (s.model, s.batch_size, s.spacy_model) == ("sm", 64, "fr_core_news_sm")


@pytest.mark.parametrize("content, message", [
    ("[depeche]\nmodel = 'xl'\n", "invalid setting"),
    ("[depeche]\nbatch = 3\n", "invalid setting"),
    ("[depeche\n", "not valid TOML"),
])
def test_bad_config_is_named(tmp_path, content, message):
    path = tmp_path / "c.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(path)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml")
