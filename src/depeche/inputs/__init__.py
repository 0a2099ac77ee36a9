"""Inputs: what enters depeche and how it is cut before any analysis.

Readers turn files, directories, JSONL records, HTML pages and standard input into
``Document`` objects (text, source, document date, header), rejecting bad input at the
boundary with named errors; ``dates`` parses and bounds document dates (``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD``); the ``segments`` stage cuts header, title, body paragraphs
and photo captions (with their credit and archive flag); the ``language`` stage rejects
text that is not French.

Public face: ``read_inputs``, ``count_inputs``, ``read_jsonl``, ``header_document``,
``content_id``, ``FORMATS``, ``parse_date``, ``first_day``, ``last_day``, ``SegmentStage``;
``read_text``, ``read_html`` and ``TooLarge`` for callers that hold a file's bytes (Ray tasks).
"""
from .dates import first_day, last_day, parse_date
from .readers import (FORMATS, TooLarge, content_id, count_inputs, header_document, read_html, read_inputs,
                      read_jsonl, read_text)
from .segments import SegmentStage

__all__ = ["FORMATS", "SegmentStage", "TooLarge", "content_id", "count_inputs", "first_day", "header_document",
           "last_day", "parse_date", "read_html", "read_inputs", "read_jsonl", "read_text"]
