import json
from pathlib import Path

import jsonschema
import pytest

from depeche.models import iter_spans
from depeche.schema import document_schema, schema_json

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_current():
    committed = (ROOT / "docs" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "docs/schema.json is stale: run `make schema`"


@pytest.mark.parametrize("key", ["id", "source", "dct", "language", "segments", "entities", "places",
                                 "times", "quantities", "quotes", "events", "checks"])
def test_contract_keys_exist(key):
    assert key in document_schema()["properties"]


def test_example_outputs_are_valid_and_true_to_input(settings):
    import depeche

    validator = jsonschema.Draft202012Validator(document_schema())
    docs = [d for d in depeche.analyze_paths([str(ROOT / "examples")], settings=settings)]
    assert len(docs) >= 4 and all(isinstance(d, depeche.Document) for d in docs)
    for doc in docs:
        data = json.loads(doc.to_json())
        validator.validate(data)
        for start, end, text in iter_spans(doc):
            assert doc.text[start:end] == text
        for seg in doc.segments:
            assert 0 <= seg.start < seg.end <= len(doc.text)
