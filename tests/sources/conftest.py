"""Fixtures: the local feed server and fast settings for polling it."""
from tests.feedserver import fast, server  # noqa: F401 - fixtures
