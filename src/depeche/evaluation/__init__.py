"""Evaluations against the shared gold data (../shared/data)."""
