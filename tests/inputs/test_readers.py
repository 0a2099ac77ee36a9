import io
import json

import pytest

from depeche.errors import (BadHeader, BadRecord, BinaryInput, EmptyInput, InputError, NoMainText,
                            TooLarge, UnreadablePath)
from depeche.models import Document
from depeche.inputs.readers import count_inputs, read_inputs, read_jsonl

FRENCH = "date 2023-09 Le ministre a rencontré mardi son homologue à Paris pour évoquer la crise.\n"


def read_one(tmp_path, name: str, data: bytes, settings, fmt=None):
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_inputs([str(path)], settings, fmt))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("name, data, error, reason", [
    ("empty.txt", b"", EmptyInput, "no text"),
    ("blank.txt", b"  \n\n \t", EmptyInput, "no text"),
    ("header-only.txt", b"date 2023-09\n", EmptyInput, "a header and no text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BinaryInput, "NUL"),
    ("bad-month.txt", b"date 2023-13 Le sommet s'ouvre.", BadHeader, "no month 13"),
    ("page.html", b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>", NoMainText, "no main text"),
])
def test_bad_input_is_named(tmp_path, settings, name, data, error, reason):
    item = read_one(tmp_path, name, data, settings)
    assert isinstance(item, error)
    assert item.source.endswith(name) and reason in item.reason


def test_too_large(tmp_path, settings):
    small = settings.model_copy(update={"max_bytes": 50})
    item = read_one(tmp_path, "long.txt", FRENCH.encode() * 3, small)
    assert isinstance(item, TooLarge) and "max_bytes" in item.reason


def test_missing_file_is_unreadable(tmp_path, settings):
    [item] = read_inputs([str(tmp_path / "absent.txt")], settings)
    assert isinstance(item, UnreadablePath)


def test_latin1_falls_back_and_says_which_encoding(tmp_path, settings):
    text = "date 2023-09 Le ministre français a été reçu à l'Élysée où il a évoqué la sécurité européenne."
    doc = read_one(tmp_path, "latin.txt", text.encode("latin-1"), settings)
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.warnings and "not valid UTF-8" in doc.warnings[0] and "decoded as" in doc.warnings[0]


def test_text_reader_header_and_id(tmp_path, settings):
    doc = read_one(tmp_path, "a.txt", FRENCH.encode(), settings)
    assert doc.dct.value == "2023-09" and doc.dct.precision == "month"
    assert doc.segments[0].kind == "header"
    again = read_one(tmp_path, "b.txt", FRENCH.encode(), settings)
    assert again.id == doc.id and again.source != doc.source


def test_jsonl_records_and_errors_interleave(settings):
    lines = [
        json.dumps({"id": "a1", "date": "2020-07-02", "title": "Un titre", "heading": "Un chapeau.",
                    "text": "Le corps.", "url": "http://exemple.test/a1"}).encode(),
        b"{not json",
        json.dumps({"id": "a3", "title": "Sans texte"}).encode(),
        b"",
        json.dumps({"id": "a5", "date": "2020-02-31", "text": "Texte."}).encode(),
        json.dumps(["a", "list"]).encode(),
    ]
    items = list(read_jsonl(lines, "corpus.jsonl", settings))
    doc = items[0]
    assert doc.source == "a1" and doc.text == "Un titre\n\nUn chapeau.\n\nLe corps."
    assert doc.metadata == {"url": "http://exemple.test/a1"}
    assert doc.dct.value == "2020-07-02" and doc.dct.precision == "day"
    assert [(s.kind, doc.text[s.start:s.end]) for s in doc.segments] == [("title", "Un titre")]
    errors = items[1:]
    assert [type(e) for e in errors] == [BadRecord] * 4
    assert [e.source for e in errors] == ["corpus.jsonl:2", "corpus.jsonl:3", "corpus.jsonl:5", "corpus.jsonl:6"]
    assert "not JSON" in errors[0].reason and "'text'" in errors[1].reason


def test_html_reader_extracts_title_date_and_text(tmp_path, settings):
    body = " ".join(["Le ministre des Affaires étrangères a rencontré son homologue à Berlin mardi."] * 4)
    html = f"""<html><head><title>Rencontre à Berlin</title>
    <meta property="article:published_time" content="2022-05-04"></head>
    <body><article><h1>Rencontre à Berlin</h1><p>{body}</p><p>{body}</p></article></body></html>"""
    doc = read_one(tmp_path, "page.html", html.encode(), settings)
    assert isinstance(doc, Document), doc
    assert doc.dct.value == "2022-05-04"
    title = doc.segments_of("title")[0]
    assert doc.text[title.start:title.end] == "Rencontre à Berlin"
    assert "homologue à Berlin" in doc.text


def test_directory_is_read_recursively(tmp_path, settings):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(FRENCH)
    (tmp_path / "sub" / "b.txt").write_text(FRENCH.replace("mardi", "jeudi"))
    (tmp_path / "sub" / "notes.md").write_text("ignored")
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "Un texte."}\n{"id": "y", "text": "Un autre."}\n')
    items = list(read_inputs([str(tmp_path)], settings))
    assert sorted(d.source.rsplit("/", 1)[-1] for d in items) == ["a.txt", "b.txt", "x", "y"]
    assert count_inputs([str(tmp_path)]) == 4


def test_stdin(monkeypatch, settings):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(FRENCH.encode())))
    [doc] = read_inputs(["-"], settings)
    assert doc.source == "<stdin>" and doc.dct.value == "2023-09"


def test_format_flag_overrides_extension(tmp_path, settings):
    item = read_one(tmp_path, "corpus.data", b'{"id": "z", "text": "Un texte."}\n', settings, fmt="jsonl")
    assert item.source == "z"


def test_errors_name_input_and_code():
    err = EmptyInput("x.txt", "no text")
    assert isinstance(err, InputError) and str(err) == "x.txt: no text"
    assert err.as_dict() == {"source": "x.txt", "error": "empty", "reason": "no text"}


@pytest.mark.parametrize("error", [EmptyInput("a.txt", "no text"), BadRecord("c.jsonl:3", "not JSON: x")])
def test_errors_pickle_across_processes(error):
    import pickle

    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and again.as_dict() == error.as_dict()
