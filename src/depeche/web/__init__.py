"""The HTTP API and the web page of the record (``depeche serve``).

``app`` builds the FastAPI application over a ``Store`` opened read-only (``pool``: a few
connections lent to requests, each query under a time limit); ``routes`` holds the JSON API
under ``/api/v1`` (events with keyset pages, one event with its evidence, documents, counts,
timeline, actor pairs), ``exports`` the streamed exports and the actor network as GEXF or
GraphML; ``params`` the bounded query parameters that become an ``EventFilter``; ``views``
the answers' models; ``failures`` the one JSON shape of every error; ``safety`` the Host
check, request bounds and Content-Security-Policy. ``static/`` is the page (plain ES
modules) and its vendored npm assets (``static/vendor``, built by ``web/`` at the root of
the repository).

Public face: ``create_app``, ``is_loopback``.
"""
from .app import create_app
from .safety import is_loopback

__all__ = ["create_app", "is_loopback"]
