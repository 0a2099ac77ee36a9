"""Fixtures: the local feed server."""
from tests.feedserver import fast, server  # noqa: F401 - fixtures
