"""Times: when things happen, always resolved against the document's own date.

``rules`` recognises French time expressions, ``timex`` normalises them to TIMEX3 values,
``calendar`` does date arithmetic at a precision (a day, a month, a year), ``units``
reads durations, ``tense`` finds the tense of a clause; the ``times`` stage (``stage``)
tags every expression and dates the document.

Public face: ``tag``, ``event_time`` (the date of an event), ``share_dates`` (mentions of one
event share its date), ``period`` (a value's first
and last day), ``document_interval``.
"""
from .governing import share_dates
from .stage import document_interval, event_time, period, tag

__all__ = ["document_interval", "event_time", "period", "share_dates", "tag"]
