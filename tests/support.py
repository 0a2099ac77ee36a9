"""Helpers shared by the test folders: the shared gold data and span checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from depeche.models import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def shared(*parts: str) -> Path:
    """A path under ../shared/data; skips the test with a clear message when absent."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared gold data not found at {path} (clone the shared data beside the repo)")
    return path


def span_ok(doc: Document, start: int, end: int, text: str) -> bool:
    return 0 <= start <= end <= len(doc.text) and doc.text[start:end] == text


def find(doc: Document, text: str):
    """The entity having a mention with exactly this text."""
    for entity in doc.entities:
        if any(m.text == text for m in entity.mentions):
            return entity
    raise AssertionError(f"no entity mention {text!r} in {[(e.name, [m.text for m in e.mentions]) for e in doc.entities]}")
