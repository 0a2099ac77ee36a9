"""The page's files: vendored from npm packages (checked against their manifest and licences)
and the page's own modules, which put a document's words in as text, never as HTML."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "depeche" / "web" / "static"
MANIFEST = json.loads((STATIC / "vendor" / "manifest.json").read_text())
PACKAGES = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]
MODULES = sorted((STATIC / "js").glob("*.js"))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_vendored_files_are_those_of_the_pinned_packages(name):
    entry = MANIFEST[name]
    assert PACKAGES[entry["package"]] == entry["version"]
    assert hashlib.sha256((STATIC / "vendor" / name).read_bytes()).hexdigest() == entry["sha256"]
    assert (STATIC / "vendor" / "licences" / f"{entry['package']}.txt").is_file()


def test_every_vendored_file_is_in_the_manifest():
    files = {p.name for p in (STATIC / "vendor").iterdir() if p.is_file()} - {"manifest.json"}
    assert files == set(MANIFEST)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_page_never_writes_html(path):
    code = path.read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.html\(", code)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_page_asks_only_its_own_server(path):
    assert not re.search(r"https?://", path.read_text())
