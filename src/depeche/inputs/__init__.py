"""Inputs: what enters depeche and how it is cut before any analysis.

Readers turn files, directories, JSONL records, HTML pages, RSS/Atom feeds (``feeds``), WARC
archives (``warc``) and standard input into ``Document`` objects (text, source, document
date, header), rejecting bad input at the boundary with named errors; ``sitemaps`` reads the
pages a sitemap lists; ``fetch`` gets feeds, sitemaps and pages over HTTP, bounded in time
and size, conditionally and politely (user agent, per-host delay, robots.txt); ``dates``
parses and bounds document dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); the ``segments``
stage cuts header, title, body paragraphs and photo captions (with their credit and archive
flag); the ``language`` stage rejects text that is not French.

Public face: ``read_inputs``, ``count_inputs``, ``expand``, ``read_jsonl``, ``read_html``,
``header_document``, ``content_id``, ``FORMATS``, ``parse_date``, ``first_day``, ``last_day``,
``SegmentStage``; ``Feed``, ``FeedItem``, ``parse_feed``, ``item_document``, ``html_to_text``;
``Sitemap``, ``SitemapPage``, ``parse_sitemap``, ``is_sitemap``; ``read_warc``, ``is_warc``;
``Fetcher``, ``Response``; ``read_text``, ``jsonl_ids`` and ``TooLarge`` for callers that hold
a file's bytes or read it in parts (Ray tasks).
"""
from .dates import first_day, last_day, parse_date
from .feeds import Feed, FeedItem, html_to_text, item_document, parse_feed
from .fetch import Fetcher, Response
from .readers import (FORMATS, TooLarge, content_id, count_inputs, expand, header_document, jsonl_ids,
                      read_html, read_inputs, read_jsonl, read_text)
from .segments import SegmentStage
from .sitemaps import Sitemap, SitemapPage, is_sitemap, parse_sitemap
from .warc import is_warc, read_warc

__all__ = ["FORMATS", "Feed", "FeedItem", "Fetcher", "Response", "SegmentStage", "Sitemap", "SitemapPage",
           "content_id", "count_inputs", "expand", "first_day", "header_document", "html_to_text", "is_sitemap",
           "is_warc", "item_document", "jsonl_ids", "last_day", "parse_date", "parse_feed", "parse_sitemap", "read_html",
           "read_inputs", "read_jsonl", "read_text", "read_warc", "TooLarge"]
