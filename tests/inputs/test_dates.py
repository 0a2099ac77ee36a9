import datetime as dt

import pytest

from depeche.inputs.dates import first_day, last_day, parse_date, parse_header
from depeche.models import DocumentDate


@pytest.mark.parametrize("text, value, precision, header_text", [
    ("date 2023-09 Le sommet s'ouvre.", "2023-09", "month", "date 2023-09"),
    ("date 2024-03-14 Des manifestants défilent.", "2024-03-14", "day", "date 2024-03-14"),
    ("   date 2022\nL'armée a annoncé.", "2022", "year", "date 2022"),
    ("Date 2021-06-10\n\nTexte.", "2021-06-10", "day", "Date 2021-06-10"),
])
def test_header_keeps_precision_and_span(text, value, precision, header_text):
    header = parse_header(text)
    assert header.date == DocumentDate(value=value, precision=precision)
    assert text[header.start:header.end] == header_text


@pytest.mark.parametrize("text", [
    "Le sommet s'ouvre mardi.",
    "datent de 2019, ces images.",
    "date limite fixée à lundi.",
])
def test_no_header(text):
    assert parse_header(text) is None


@pytest.mark.parametrize("text, reason", [
    ("date 2023-13 Le sommet.", "no month 13"),
    ("date 2023-02-30 Le sommet.", "not a calendar day"),
    ("date 2023/09 Le sommet.", "is not YYYY"),
    ("date 23-09 Le sommet.", "is not YYYY"),
    ("date 0000-09 Le sommet.", "no year 0"),
])
def test_malformed_header_says_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_header(text)


@pytest.mark.parametrize("value, first, last", [
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
    ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ("2021-06-10", dt.date(2021, 6, 10), dt.date(2021, 6, 10)),
])
def test_date_bounds(value, first, last):
    d = parse_date(value)
    assert (first_day(d), last_day(d)) == (first, last)


def test_timestamp_keeps_its_day():
    assert parse_date("2020-07-02T10:00:00").value == "2020-07-02"
