"""What every command-line module shares: the error console, usage errors, settings, tables."""
from __future__ import annotations

import sys
from typing import NoReturn

import click
from rich.console import Console

from ..config import load_settings
from ..errors import EXIT_INTERNAL, EXIT_OK, EXIT_STORE, EXIT_USAGE, DepecheError, InputError

stderr = Console(stderr=True, soft_wrap=True)
source_option = click.option(
    "--source", default=None,
    help="The name of what standard input (-) holds; default: <stdin>: and a hash of its bytes.")

# The split of the whole-article French gold (eval/gold/articles) that `eval geo`, `eval time`
# and `eval events` measure beside their public corpora. The test split is for the final
# measurement only.
split_option = click.option("--split", type=click.Choice(("train", "dev", "test")), default="dev", show_default=True,
                            help="Split of the French article gold (eval/gold/articles) to measure too.")


def fail_usage(message: str, code: int = EXIT_USAGE) -> NoReturn:
    stderr.print(f"[red]error:[/red] {message}", highlight=False)
    sys.exit(code)


def fail_named(exc: DepecheError) -> None:
    """A depeche error: a database that cannot be used exits with ``EXIT_STORE``, others ``EXIT_USAGE``."""
    fail_usage(f"{exc} ({exc.code})", EXIT_STORE if exc.code == "unusable-store" else EXIT_USAGE)


class NamedErrors(click.Group):
    """The ``depeche`` group: whatever a command did not name itself still ends in one line naming
    it and an exit code, never in a Python traceback (``DEPECHE_DEBUG=1`` shows the traceback)."""

    def invoke(self, ctx: click.Context):
        import os
        import sqlite3

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except DepecheError as exc:
            fail_named(exc)
        except sqlite3.DatabaseError as exc:
            fail_usage(f"the database cannot be read or written: {exc} (unusable-store); `depeche doctor` checks it",
                       EXIT_STORE)
        except BrokenPipeError:  # the reader went away (`depeche events | head`)
            sys.stdout = None
            sys.exit(EXIT_OK)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail_usage(f"{where}{exc.strerror or exc} (io-error)", EXIT_INTERNAL)
        except Exception as exc:  # noqa: BLE001 - named on one line; the traceback on demand
            if os.environ.get("DEPECHE_DEBUG"):
                raise
            fail_usage(f"{type(exc).__name__}: {exc} (internal-error; DEPECHE_DEBUG=1 shows where)", EXIT_INTERNAL)


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
