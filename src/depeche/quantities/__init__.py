"""Quantities: how many, how far, how much.

``numbers`` reads French numbers in digits and words ("1.200", "trois mille"), ``units``
their units; the ``quantities`` stage (``stage``) outputs numbers with unit, qualifier,
range and casualty category; the ``checks`` stage compares a document's quantities
(travel times, parts against a total, shares, repeated counts).

Public face: ``QuantityStage``, ``CheckStage``, ``sizes_for`` (the sizes an event reports).
"""
from .checks import CheckStage
from .stage import QuantityStage, sizes_for

__all__ = ["CheckStage", "QuantityStage", "sizes_for"]
