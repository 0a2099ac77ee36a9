"""Run the whole pipeline over a corpus and check every output against the contract.

Each document's JSON is validated against docs/schema.json's model schema, and every
span (entity and place mentions, times, quantities, quotes, events, segments) must
equal the input text at its offsets. Prints counts and the first problems found.

    .venv/bin/python bench/validate_corpus.py [PATH] [--limit N]
    .venv/bin/python bench/validate_corpus.py --output OUT.jsonl   # check `depeche analyze --jsonl` output
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl"


def problems(doc) -> list[str]:
    from depeche.models import iter_spans

    found = []
    for start, end, text in iter_spans(doc):
        if doc.text[start:end] != text:
            found.append(f"span {start}:{end} {text!r} != {doc.text[start:end]!r}")
    for seg in doc.segments:
        if not 0 <= seg.start < seg.end <= len(doc.text):
            found.append(f"segment {seg.kind} {seg.start}:{seg.end} outside the text")
    return found


def check_output(path: str) -> None:
    """Validate every line of a `depeche analyze --jsonl` output file."""
    import jsonschema

    from depeche.models import Document
    from depeche.schema import document_schema

    validator = jsonschema.Draft202012Validator(document_schema())
    counts, bad = Counter(), []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            data = json.loads(line)
            counts["documents"] += 1
            issues = [e.message for e in validator.iter_errors(data)]
            doc = Document.model_validate(data)
            for key in ("entities", "places", "times", "quantities", "quotes", "events", "checks"):
                counts[key] += len(getattr(doc, key))
            issues += problems(doc)
            if issues:
                bad.append((doc.source, issues[:3]))
    print(f"{counts.pop('documents')} documents; records: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"documents with contract violations: {len(bad)}")
    for source, issues in bad[:10]:
        print(f"  {source}: {issues}")


def main() -> None:
    import itertools

    import jsonschema
    from rich.progress import Progress

    import depeche
    from depeche.config import Settings
    from depeche.inputs.readers import count_inputs, read_inputs
    from depeche.schema import document_schema

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--output", help="validate this `depeche analyze --jsonl` output instead of running")
    args = parser.parse_args()
    if args.output:
        check_output(args.output)
        return
    if not Path(args.path).exists():
        print(f"skipped: {args.path} not found")
        return
    settings = Settings()
    validator = jsonschema.Draft202012Validator(document_schema())
    total = count_inputs([args.path]) if args.limit is None else args.limit
    counts, errors, bad = Counter(), Counter(), []
    start = time.perf_counter()
    items = itertools.islice(read_inputs([args.path], settings), args.limit)
    with Progress() as bar:
        task = bar.add_task("validating", total=total)
        for result in depeche.analyze_many(items, settings=settings):
            bar.advance(task)
            if isinstance(result, depeche.InputError):
                errors[result.code] += 1
                continue
            counts["documents"] += 1
            for key in ("entities", "places", "times", "quantities", "quotes", "events", "checks"):
                counts[key] += len(getattr(result, key))
            schema_errors = [e.message for e in validator.iter_errors(json.loads(result.to_json()))]
            issues = schema_errors + problems(result)
            if issues:
                bad.append((result.source, issues[:3]))
    seconds = time.perf_counter() - start
    print(f"{counts['documents']} documents in {seconds:.0f} s ({counts['documents'] / seconds:.1f} docs/s); "
          f"input errors: {dict(errors) or 'none'}")
    print("records: " + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "documents"))
    print(f"documents with contract violations: {len(bad)}")
    for source, issues in bad[:10]:
        print(f"  {source}: {issues}")


if __name__ == "__main__":
    main()
