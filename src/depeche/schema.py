"""The JSON Schema of the output contract, generated from the models."""
from __future__ import annotations

import json
from pathlib import Path

from .models import CONTRACT_VERSION, Document

SCHEMA_PATH = Path("docs/schema.json")


def document_schema() -> dict:
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"depeche document, output contract v{CONTRACT_VERSION}"
    return schema


def schema_json() -> str:
    return json.dumps(document_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_json(), encoding="utf-8")
    return path
