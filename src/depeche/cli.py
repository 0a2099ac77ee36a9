"""The ``depeche`` command line: a thin edge over the library."""
from __future__ import annotations

import sys
from contextlib import nullcontext

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import api
from .config import load_settings
from .errors import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, DepecheError, InputError
from .readers import FORMATS, count_inputs

stderr = Console(stderr=True, soft_wrap=True)


def fail_usage(message: str) -> None:
    stderr.print(f"[red]error:[/red] {message}")
    sys.exit(EXIT_USAGE)


def report(err: InputError) -> None:
    stderr.print(f"[red]failed[/red] {err.source}: {err.reason} [dim]({err.code})[/dim]", highlight=False)


def progress_bar(total: int | None, min_inputs: int):
    if total is not None and total < min_inputs:
        return nullcontext(None)
    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=stderr, transient=False,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="TOML configuration file (default: ./depeche.toml when present).")
@click.version_option(package_name="depeche")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """depeche: dated French news dispatches into a record of events."""
    ctx.obj = {"config": config_path}


def settings_from(ctx: click.Context, **overrides):
    try:
        return load_settings(ctx.obj["config"], **overrides)
    except DepecheError as exc:
        fail_usage(str(exc))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (an object, or an array for several documents).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON document per line.")
@click.option("--model", type=click.Choice(["md", "sm"]), default=None, help="spaCy French model (setting: model).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Input format; default: by file extension (.txt, .jsonl, .html).")
@click.option("--batch-size", type=int, default=None, help="Documents per batch (setting: batch_size).")
@click.option("--max-bytes", type=int, default=None, help="Largest accepted document (setting: max_bytes).")
@click.pass_context
def analyze(ctx, paths, as_json, as_jsonl, model, fmt, batch_size, max_bytes):
    """Analyze dispatches: files, directories (recursively) or - for standard input."""
    if as_json and as_jsonl:
        fail_usage("--json and --jsonl are exclusive")
    settings = settings_from(ctx, model=model, batch_size=batch_size, max_bytes=max_bytes)
    out = Console(highlight=False, soft_wrap=True)
    total = count_inputs(paths, fmt)
    failed = done = 0
    first = True
    with progress_bar(total, settings.progress_min_inputs) as bar:
        task = bar.add_task("analyzing", total=total, rate="") if bar else None
        try:
            results = api.analyze_paths(paths, settings=settings, fmt=fmt)
            if as_json and (total is None or total > 1):
                sys.stdout.write("[")
            for result in results:
                done += 1
                if isinstance(result, InputError):
                    failed += 1
                    report(result)
                elif as_jsonl:
                    sys.stdout.write(result.to_json() + "\n")
                elif as_json:
                    sep = "" if first else ","
                    sys.stdout.write(sep + result.to_json(indent=2 if total == 1 else None) + ("\n" if total == 1 else ""))
                    first = False
                else:
                    from .render import print_summary
                    print_summary(result, out)
                if bar:
                    elapsed = bar.tasks[0].elapsed or 1e-9
                    bar.update(task, advance=1, rate=f"{done / elapsed:.1f} docs/s")
            if as_json and (total is None or total > 1):
                sys.stdout.write("]\n")
        except DepecheError as exc:
            fail_usage(str(exc))
    if failed:
        stderr.print(f"{done - failed} of {done} documents analyzed, {failed} failed")
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write here instead of standard output.")
def schema(out):
    """Print (or write) the JSON Schema of the output contract."""
    from .schema import schema_json, write_schema
    from pathlib import Path

    if out:
        write_schema(Path(out))
    else:
        sys.stdout.write(schema_json())


@main.group("eval")
def eval_group():
    """Evaluate against the gold data in ../shared/data (setting: data_dir)."""


def _add_record_commands() -> None:
    """``ingest``, ``events``, ``show``, ``stats``, ``export`` (in depeche.cli_record)."""
    from .cli_record import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_record_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
