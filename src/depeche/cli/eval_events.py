"""``depeche eval events``: French TimeBank, the title-and-lead PLOVER gold and the whole-article gold."""
from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table

from .common import fail_usage, settings_from, split_option, stderr


def _cell(v) -> str:
    return "-" if v is None else (str(v) if isinstance(v, int) else f"{v:.3f}")


def print_event_evaluation(result: dict, console: Console) -> None:
    if "metrics" in result:
        tb = result["metrics"]["timebank"]
        table = Table(title=f"French TimeBank: {tb['counts']['rep_gold']} reporting, {tb['counts']['neg_gold']} negated events")
        table.add_column("metric")
        table.add_column("depeche", justify="right")
        for key, value in tb.items():
            if key != "counts":
                table.add_row(key, _cell(value))
        console.print(table)
        pl = result["metrics"]["plover"]
        table = Table(title=f"Title-and-lead PLOVER gold: {pl['articles']} articles ({result['seconds']} s in all); "
                            "baseline: one-word triggers by lemma, nearest names, always asserted")
        table.add_column("metric")
        splits = [k for k in pl if isinstance(pl[k], dict)]  # the splits, then "baseline" (all)
        for split in splits:
            table.add_column(split, justify="right")
        for key in pl["all"]:
            table.add_row(key, *(_cell(pl[s][key]) for s in splits))
        console.print(table)
    if "articles" in result:
        wa = result["articles"]
        counts = ", ".join(f"{s} {n}" for s, n in wa["articles"].items())
        table = Table(title=f"Whole-article PLOVER gold ({counts} articles, {wa['seconds']} s): depeche | rules only")
        table.add_column("metric")
        for split in wa["metrics"]:
            table.add_column(split, justify="right")
            table.add_column(f"{split} rules", justify="right", style="dim")
        for key in wa["metrics"]["train"]:
            cells = []
            for split in wa["metrics"]:
                cells += [_cell(wa["metrics"][split][key]), _cell(wa["baseline"][split][key])]
            table.add_row(key, *cells)
        console.print(table)
    dates = result.get("event_dates")
    if dates and "skipped" not in dates:
        console.print(f"Event dates, whole-article gold ({dates['split']}): {dates['matched']} of {dates['gold']} gold "
                      f"event mentions matched; date accuracy {_cell(dates['date_accuracy'])}, on the dated ones "
                      f"{_cell(dates['dated_accuracy'])} ({dates['gold_dated']} dated)")
    elif dates:
        stderr.print(dates["skipped"], highlight=False)


@click.command("events")
@click.argument("path", required=False, type=click.Path())
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False), default=None,
              help="Title-and-lead PLOVER gold annotations (default: eval/gold/plover_fr.jsonl of the repository).")
@click.option("--part", type=click.Choice(["all", "titles", "articles"]), default="all",
              help="titles: French TimeBank and the title-and-lead gold; articles: the whole-article gold; all: both.")
@click.option("--json", "as_json", is_flag=True, help='Print {"metrics": {...}, "articles": {...}, "docs": n, "seconds": s}.')
@click.option("--errors", "show_errors", is_flag=True,
              help="Also list missed, spurious and mislabelled events (whole articles: train and dev only, never test).")
@split_option
@click.pass_context
def eval_events(ctx, path, gold_path, part, as_json, show_errors, split):
    """Events: French TimeBank, the title-and-lead PLOVER gold and the whole-article PLOVER gold, and the
    event dates of the whole-article gold's --split."""
    import json
    from pathlib import Path

    from ..evaluation import articles as article_evaluator
    from ..evaluation import events as evaluator
    from ..evaluation import article_places_times as french_gold

    settings = settings_from(ctx)
    result: dict = {}
    errors: list = []
    try:
        if part in ("all", "titles"):
            result = evaluator.evaluate(Path(settings.data_dir), settings, timebank=Path(path) if path else None,
                                        gold=Path(gold_path) if gold_path else None)
            errors += result.pop("errors")
        if part in ("all", "articles"):
            whole = article_evaluator.evaluate(Path(settings.data_dir), settings,
                                               errors_for=("train", "dev") if show_errors else ())
            errors += whole.pop("errors")
            result["articles"] = whole
            dates = french_gold.eval_event_dates(Path(settings.data_dir), settings, split)
            if dates and show_errors and split != "test":
                errors += [{"article": e["article"], "gold": f"date {e['gold']}", "predicted": f"{e['trigger']!r} {e['got']}"}
                           for e in dates["errors"]]
            if dates:
                dates.pop("errors")
            result["event_dates"] = dates or {"skipped": french_gold.skipped("events", split)}
    except (evaluator.GoldError, french_gold.ArticleGoldError) as exc:
        fail_usage(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        print_event_evaluation(result, Console(highlight=False))
    if show_errors:
        for err in errors:
            extra = " ".join(f"{k}: {v}" for k, v in err.items() if k not in ("article", "gold", "predicted") and v)
            stderr.print(f"{err['article']}: gold {err['gold']} | depeche {err['predicted']} {extra}", highlight=False)
