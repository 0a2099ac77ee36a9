import io
import json
import os
import threading
import time

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


def stdin_doc(monkeypatch, settings, text: str, source: str | None = None):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    [doc] = read_inputs(["-"], settings, stdin_source=source)
    return doc


def test_stdin(monkeypatch, settings):
    doc = stdin_doc(monkeypatch, settings, FRENCH)
    assert doc.source.startswith("<stdin>:") and doc.dct.value == "2023-09"


def test_two_texts_on_stdin_are_two_sources_unless_named(monkeypatch, settings):
    one = stdin_doc(monkeypatch, settings, FRENCH)
    two = stdin_doc(monkeypatch, settings, FRENCH.replace("mardi", "jeudi"))
    assert one.source != two.source and stdin_doc(monkeypatch, settings, FRENCH).source == one.source
    assert stdin_doc(monkeypatch, settings, FRENCH, source="dépêche-1").source == "dépêche-1"


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


ACCENTED = "date 2023-09 Le ministre français a été reçu à l'Élysée où il a évoqué la sécurité européenne."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_a_byte_order_mark_decides_the_encoding(tmp_path, settings, codec):
    data = ACCENTED.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    elif codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    doc = read_one(tmp_path, "bom.txt", data, settings)
    assert isinstance(doc, Document) and doc.text == ACCENTED


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_says_where(tmp_path, settings):
    data = ACCENTED.encode("utf-8").replace("Élysée".encode(), "\xc9lys\xe9e".encode("latin-1"))
    doc = read_one(tmp_path, "mixed.txt", data, settings)
    assert doc.text == ACCENTED  # the other accents are not read as mojibake
    first_bad = data.index("É".encode("latin-1"))
    assert "2 bytes not valid UTF-8" in doc.warnings[0] and f"byte {first_bad}" in doc.warnings[0]


@pytest.mark.parametrize("data", [
    ACCENTED.encode() + b" " * 9000 + b"\x00 suite.",  # past the first 8 KB
    b"\x00" + ACCENTED.encode(),
])
def test_a_nul_byte_anywhere_is_binary(tmp_path, settings, data):
    item = read_one(tmp_path, "nul.txt", data, settings)
    assert isinstance(item, BinaryInput) and "NUL" in item.reason


@pytest.mark.parametrize("name, data, error", [
    ("zero.txt", b"date 0000 Le sommet s'ouvre.", BadHeader),
    ("far.txt", b"date 9999-01-01 Le sommet s'ouvre.", BadHeader),
    ("zero.jsonl", b'{"id": "a", "date": "0000", "text": "Un texte."}\n', BadRecord),
])
def test_years_outside_the_calendar_are_named_at_the_boundary(tmp_path, settings, name, data, error):
    item = read_one(tmp_path, name, data, settings)
    assert isinstance(item, error) and "year" in item.reason


def test_deeply_nested_json_is_a_bad_record_and_the_rest_is_read(settings):
    deep = b'{"id": "x", "text": "Un texte.", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    lines = [deep, b'{"id": "y", "text": "Un autre texte."}\n']
    first, second = read_jsonl(lines, "deep.jsonl", settings)
    assert isinstance(first, BadRecord) and "nested" in first.reason
    assert isinstance(second, Document) and second.source == "y"


def test_a_json_line_longer_than_max_bytes_is_skipped_without_keeping_it(tmp_path, settings):
    small = settings.model_copy(update={"max_bytes": 100})
    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"id": "a", "text": "' + b"x" * 10_000 + b'"}\n{"id": "b", "text": "Un texte."}\n')
    first, second = read_inputs([str(path)], small)
    assert isinstance(first, TooLarge) and first.source.endswith(":1")
    assert isinstance(second, Document) and second.source == "b"


def test_repeated_ids_in_one_input_are_all_kept(settings):
    lines = [b'{"id": "7", "text": "Premier article."}', b'{"id": "7", "text": "Second article."}',
             b'{"id": "7", "text": "Premier article."}']
    docs = list(read_jsonl(lines, "dup.jsonl", settings))
    assert [d.source for d in docs] == ["7", "7#2", "7#3"]
    assert "already read" in docs[1].warnings[0] and docs[2].id == docs[0].id  # (same text: one document)


def test_dev_zero_is_read_within_max_bytes(settings):
    small = settings.model_copy(update={"max_bytes": 100_000})
    [item] = read_inputs(["/dev/zero"], small)
    assert isinstance(item, TooLarge) and "max_bytes" in item.reason


def test_a_fifo_without_a_writer_times_out(tmp_path, settings):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    quick = settings.model_copy(update={"read_timeout": 0.2})
    started = time.monotonic()
    [item] = read_inputs([str(fifo)], quick)
    assert time.monotonic() - started < 5
    assert isinstance(item, (UnreadablePath, EmptyInput))


def test_a_fifo_with_a_writer_is_read(tmp_path, settings):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(FRENCH.encode()))
    writer.start()
    [doc] = read_inputs([str(fifo)], settings.model_copy(update={"read_timeout": 5}))
    writer.join()
    assert isinstance(doc, Document) and doc.text == FRENCH
