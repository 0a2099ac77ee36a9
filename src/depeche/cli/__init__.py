"""The command line (``depeche ...``) and its terminal views.

``main`` holds the ``depeche`` group and the analysis and evaluation commands; ``record``
the record's commands (ingest, events, show, stats, export); ``serve`` the HTTP API and web
page (``depeche.web``); ``geo`` and ``quantities`` their own evaluation commands; ``common``
shared options and error output; ``render`` and ``show`` the terminal views. Every command calls the same library functions as the API.

Public face: ``main``.
"""
from .main import main

__all__ = ["main"]
