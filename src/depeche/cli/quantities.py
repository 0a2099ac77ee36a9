"""``depeche eval quantities``: a thin edge over depeche.evaluation.quantities."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table


@click.command("quantities")
@click.option("--limit", type=int, default=5000, show_default=True, help="Read this many OrangeSum articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--sample", type=int, default=0, help="Also print this many quantities drawn with --seed, to check by hand.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the sample.")
@click.option("--failed", "show_failed", is_flag=True, help="Also list every failed check.")
@click.pass_context
def eval_quantities(ctx, limit, as_json, sample, seed, show_failed):
    """Quantities and checks on <data_dir>/orangesum/articles.jsonl, and the hand-check precision."""
    from .common import fail_usage, settings_from
    from ..evaluation import quantities as ev

    settings = settings_from(ctx)
    data_dir = Path(settings.data_dir)
    try:
        result = ev.evaluate(data_dir, settings, limit)
        drawn = ev.sample(data_dir, settings, sample, seed, limit) if sample else []
        failed = ev.failed_checks(data_dir, settings, limit) if show_failed else []
    except ev.QuantityDataError as exc:
        fail_usage(f"{exc} (clone the shared data beside the repo)")
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        _print(result)
    out = Console(highlight=False, soft_wrap=True, stderr=as_json)
    for line in failed:
        out.print(line)
    for doc, start, end, what, context in drawn:
        out.print(f"{doc}\t{start}\t{end}\t{what} | {context!r}")


def _print(result: dict) -> None:
    console = Console(highlight=False)
    console.print(f"{result['docs']} documents, {result['quantities']} quantities, {result['checks']} checks "
                  f"({result['failed_checks']} failed) in {result['seconds']} s")
    console.print("units: " + ", ".join(f"{u} {n}" for u, n in result["units"].items()))
    console.print("categories: " + ", ".join(f"{c} {n}" for c, n in result["categories"].items()))
    console.print("checks: " + ", ".join(f"{k} {n} ({result['failed_by_kind'].get(k, 0)} failed)"
                                         for k, n in result["checks_by_kind"].items()))
    hc = result.get("handcheck")
    if not hc:
        return
    table = Table(title="hand check (eval/quantities_handcheck.tsv)")
    for col in ("round", "checked", "ok", "partial", "wrong", "precision", "value+unit right"):
        table.add_column(col, justify="right")
    for r, f in hc["rounds"].items():
        table.add_row(r, str(f["n"]), str(f["ok"]), str(f["partial"]), str(f["wrong"]),
                      f"{f['precision']:.2f}", f"{f['precision_value_unit']:.2f}")
    console.print(table)
    console.print(f"hand-checked ok quantities still found unchanged: {hc['ok_kept']:.1%}; "
                  f"wrong ones still produced: {hc['wrong_still_found']} of {hc['wrong']}")
