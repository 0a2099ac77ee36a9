"""Fuzzing the readers: any bytes, headers and JSON lines give a Document or a named InputError."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from depeche.config import Settings
from depeche.errors import InputError
from depeche.inputs import header_document, parse_date, read_jsonl
from depeche.inputs.readers import read_text
from depeche.models import Document, iter_spans

from tests.strategies import headers, jsonl_lines, texts

SETTINGS = Settings()


def sound(item) -> bool:
    """A Document whose spans are the text at their offsets, or a named error."""
    if isinstance(item, InputError):
        return bool(item.code and item.source and item.reason)
    assert isinstance(item, Document)
    return all(item.text[s:e] == t for s, e, t in iter_spans(item)) and all(
        0 <= seg.start <= seg.end <= len(item.text) for seg in item.segments)


@given(st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8")) | texts.map(lambda t: t.encode("utf-16")))
def test_any_bytes_read_as_a_text_file(data):
    try:
        assert sound(read_text(data, "fuzz.txt", SETTINGS))
    except InputError as err:
        assert sound(err)


@given(headers | texts)
def test_any_header(text):
    try:
        assert sound(header_document(text, "fuzz.txt", []))
    except InputError as err:
        assert sound(err)


@given(st.lists(jsonl_lines, min_size=1, max_size=4))
def test_any_json_lines(lines):
    out = list(read_jsonl(lines, "fuzz.jsonl", SETTINGS))
    assert all(sound(item) for item in out)



@given(st.text(max_size=30))
def test_any_date_is_a_date_or_a_value_error(value):
    try:
        parse_date(value)
    except ValueError:
        pass
