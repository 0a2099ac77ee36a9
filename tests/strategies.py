"""Hypothesis strategies of hostile input for the fuzz tests: texts, headers, JSON lines, query values.

Texts are built from French words and the pieces that once broke a stage (elisions, quotation
marks, dates, numbers, credits, blank lines) mixed with any Unicode, so that most of them get
past the language check and reach every stage.
"""
from __future__ import annotations

import json

from hypothesis import strategies as st

PIECES = (
    "Le", "la", "les", "l'", "d'", "qu'", "ministre", "président", "Emmanuel Macron", "Vladimir Poutine", "Paris",
    "Moscou", "à", "en", "a", "déclaré", "annoncé", "reçu", "selon", "mardi", "le 12 mars", "2023", "il y a trois ans",
    "dans deux semaines", "jusqu'en 2047", "100 000", "trois", "1.200", "km/h", "%", "morts", "manifestants",
    "«", "»", '"', "“", "”", "(", ")", "-t-il", "dit-il", ".", ",", ";", ":", "!", "?", "…", "\n", "\n\n",
    "@Photo AP/Jean Dupont.", "date", "0000", "9999-12-31", "31/02", "12:30", "septante-cinq", "Ukraine", "ONU",
    "ce dernier", "les deux dirigeants", "Kim Jong Un", "\u00a0", "\u202f", "’", "-", "—",
)

pieces = st.one_of(st.sampled_from(PIECES), st.text(max_size=8))
texts = st.lists(pieces, min_size=1, max_size=40).map(" ".join) | st.lists(pieces, max_size=40).map("".join)
headers = st.one_of(
    st.builds(lambda d, t: f"date {d} {t}", st.text(alphabet="0123456789-/.T :", max_size=14), texts),
    st.builds(lambda y, m, d, t: f"date {y:04d}-{m:02d}-{d:02d} {t}", st.integers(0, 9999), st.integers(0, 99),
              st.integers(0, 99), texts),
)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
                           max_leaves=8)
records = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=10), st.integers(), st.none(), json_values),
    "date": st.one_of(st.text(alphabet="0123456789-T:", max_size=12), st.integers(), json_values),
    "title": st.one_of(texts, json_values), "heading": st.one_of(texts, json_values),
    "text": st.one_of(texts, json_values), "extra": json_values,
})
jsonl_lines = st.one_of(records.map(lambda r: json.dumps(r, ensure_ascii=False).encode()),
                        st.binary(max_size=60), texts.map(str.encode))
query_values = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(
    ["RUS", "RUSGOV", "CONSULT", "reported", "2023", "2023-09", "2023-09-31", "0000", "99999-01", "*", '"', "%_",
     "Poutine", "défense*", "'; DROP TABLE events; --"]))
