"""Evaluation: depeche's figures against gold data (``../shared/data`` and ``eval/gold``).

One module per evaluator, each with an ``evaluate`` function returning plain figures beside a
baseline measured in the same run: ``timebank`` (time expressions on French TimeBank),
``narrowing`` (month-dated articles: hiding the day), ``ner`` (entities on HIPE-2020 French),
``geo`` (place resolution on gold toponyms), ``events`` (PLOVER events on the team's French
gold and French TimeBank's events), ``articles`` (PLOVER events on the whole-article gold, per
split, against the rule-only pipeline), ``quantities`` (hand-checked quantities and checks);
``metrics`` holds the shared scores.

Public face: the evaluator modules themselves (``from depeche.evaluation import geo``).
"""
from . import articles, events, geo, narrowing, ner, quantities, timebank

__all__ = ["articles", "events", "geo", "narrowing", "ner", "quantities", "timebank"]
