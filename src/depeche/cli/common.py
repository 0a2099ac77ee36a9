"""What every command-line module shares: the error console, usage errors, settings, tables."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from ..config import load_settings
from ..errors import EXIT_USAGE, DepecheError, InputError

stderr = Console(stderr=True, soft_wrap=True)

# The split of the whole-article French gold (eval/gold/articles) that `eval geo`, `eval time`
# and `eval events` measure beside their public corpora. The test split is for the final
# measurement only.
split_option = click.option("--split", type=click.Choice(("train", "dev", "test")), default="dev", show_default=True,
                            help="Split of the French article gold (eval/gold/articles) to measure too.")


def fail_usage(message: str) -> None:
    stderr.print(f"[red]error:[/red] {message}")
    sys.exit(EXIT_USAGE)


def report(err: InputError) -> None:
    stderr.print(f"[red]failed[/red] {err.source}: {err.reason} [dim]({err.code})[/dim]", highlight=False)


def settings_from(ctx: click.Context, **overrides):
    try:
        return load_settings((ctx.find_root().obj or {}).get("config"), **overrides)
    except DepecheError as exc:
        fail_usage(str(exc))


def comparison_table(title: str, metrics: dict, baseline: dict | None, baseline_label: str):
    """An evaluation's figures beside its baseline's, from the same run."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column("metric")
    table.add_column("depeche", justify="right")
    if baseline is not None:
        table.add_column(baseline_label, justify="right")
    for key, value in metrics.items():
        row = [key, _figure(value)]
        if baseline is not None:
            row.append(_figure(baseline.get(key, "")))
        table.add_row(*row)
    return table


def _figure(value) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)
