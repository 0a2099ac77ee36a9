"""The ``depeche`` command line: a thin edge over the library."""
from __future__ import annotations

import sys
from contextlib import nullcontext

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .. import api
from ..errors import EXIT_OK, EXIT_SOME_FAILED, DepecheError, InputError
from .common import (NamedErrors, comparison_table, fail_usage, report, settings_from, source_option,
                     split_option, stderr)
from ..inputs import FORMATS, count_inputs


def progress_bar(total: int | None, min_inputs: int):
    if total is not None and total < min_inputs:
        return nullcontext(None)
    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=stderr, transient=False,
    )


@click.group(cls=NamedErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="TOML configuration file (default: ./depeche.toml when present).")
@click.version_option(package_name="depeche")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """depeche: dated French news dispatches into a record of events."""
    ctx.obj = {"config": config_path}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (an object, or an array for several documents).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON document per line.")
@click.option("--model", type=click.Choice(["md", "sm"]), default=None, help="spaCy French model (setting: model).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Input format; default: by file extension (.txt, .jsonl, .html).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help="Documents per batch (setting: batch_size).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Largest accepted document (setting: max_bytes).")
@source_option
@click.pass_context
def analyze(ctx, paths, as_json, as_jsonl, model, fmt, batch_size, max_bytes, source):
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
            results = api.analyze_paths(paths, settings=settings, fmt=fmt, source=source)
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
    from ..schema import schema_json, write_schema
    from pathlib import Path

    if out:
        write_schema(Path(out))
    else:
        sys.stdout.write(schema_json())


@main.group("eval")
def eval_group():
    """Evaluate against the gold data in ../shared/data (setting: data_dir)."""


@eval_group.command("dct")
@click.argument("path", required=False, type=click.Path())
@click.option("--limit", type=int, default=None, help="Only the first N day-dated articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_dct(ctx, path, limit, as_json):
    """Month-date narrowing: hide the day of dated articles (default: <data_dir>/orangesum/articles.jsonl)."""
    import json
    from pathlib import Path

    from ..evaluation import narrowing as evaluator

    settings = settings_from(ctx)
    where = Path(path) if path else Path(settings.data_dir) / "orangesum" / "articles.jsonl"
    if not where.is_file():
        fail_usage(f"{where}: no JSON Lines articles here (clone the shared data beside the repo, or give PATH)")
    result = evaluator.evaluate_narrowing(where, limit)
    errors = result.pop("errors")
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    for key, value in result["metrics"].items():
        Console().print(f"{key:28} {value}", highlight=False)
    for source, real, got in errors:
        stderr.print(f"{source}\treal day {real}\tgot {got}", highlight=False)


@eval_group.command("time")
@click.argument("path", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every missed, spurious or wrong expression.")
@click.option("--no-baseline", is_flag=True, help="Skip the dateparser baseline.")
@split_option
@click.pass_context
def eval_time(ctx, path, as_json, show_errors, no_baseline, split):
    """Time expressions on French TimeBank (.tml files; default: <data_dir>/fr-timebank), and, without
    PATH, on the French article gold of --split (eval/gold/articles/timex.jsonl) when it has some."""
    import json
    from pathlib import Path

    from ..evaluation import timebank as evaluator
    from ..evaluation import article_places_times as french_gold

    settings = settings_from(ctx)
    where = Path(path) if path else Path(settings.data_dir) / "fr-timebank"
    if not where.exists():
        fail_usage(f"{where}: no French TimeBank here (clone the shared data beside the repo, or give PATH)")
    try:
        result = evaluator.evaluate(where, baseline=not no_baseline)
        french = None if path else french_gold.eval_times(Path(settings.data_dir), settings, split,
                                                          baseline=not no_baseline)
    except (evaluator.GoldFormatError, french_gold.ArticleGoldError) as exc:
        fail_usage(str(exc))
    errors = result.pop("errors") + (french.pop("errors") if french else [])
    if not path:
        result["french"] = french or {"skipped": french_gold.skipped("timex", split)}
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        Console().print(comparison_table(f"French TimeBank: {result['docs']} documents", result["metrics"],
                                         result.get("baseline"), "dateparser"))
        if french:
            Console().print(comparison_table(f"French article gold, {split}: {french['docs']} articles",
                                             french["metrics"], french.get("baseline"), "dateparser"))
        elif not path:
            stderr.print(french_gold.skipped("timex", split), highlight=False)
    if show_errors:
        for doc, text, gold, got in errors:
            stderr.print(f"{doc}\t{text!r}\tgold: {gold}\tgot: {got}", highlight=False)


@eval_group.command("ner")
@click.argument("path", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: metrics, baseline, metonymy, docs, seconds.")
@click.pass_context
def eval_ner(ctx, path, as_json):
    """Named entities on HIPE-2020 French (default: <data_dir>/hipe2020-fr/...-dev-fr.tsv), against bare spaCy."""
    import json
    from pathlib import Path

    from ..evaluation import ner as evaluator

    settings = settings_from(ctx)
    where = Path(path) if path else Path(settings.data_dir) / evaluator.DEFAULT
    try:
        result = evaluator.evaluate(where, settings)
    except evaluator.NerDataError as exc:
        fail_usage(f"{exc} (clone the shared data beside the repo, or give PATH)")
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    Console().print(comparison_table(f"HIPE-2020 French: {result['docs']} documents, {result['seconds']} s",
                                     result["metrics"], result["baseline"], "spaCy md"))
    m = result["metonymy"]
    Console().print(f"metonymy: {m['coded_as_actors']} of {m['metonymic']} metonymic mentions coded as actors ({m['rate']:.1%})")
    n = result["names_only"]
    Console().print(f"without HIPE's titles and functions around person names: strict F1 {n['strict_f1']:.4f}")
    o = result["analyze_output"]
    Console().print(f"what `depeche analyze` outputs (entity names and places, no projection): strict F1 "
                    f"{o['strict_f1']:.4f}, fuzzy F1 {o['fuzzy_f1']:.4f}")


def _add_commands() -> None:
    """Commands kept in their own modules: ``setup`` and ``eval geo`` (geo), ``eval events`` (eval_events), ``ingest``,
    ``events``, ``show``, ``stats``, ``export`` (record), ``eval quantities`` (quantities),
    ``watch`` and ``sources`` (watch), ``serve`` (serve)."""
    from .eval_events import eval_events
    from .geo import eval_geo, setup
    from .quantities import eval_quantities
    from .record import COMMANDS
    from .scale import load
    from .serve import serve
    from .watch import COMMANDS as WATCH_COMMANDS

    main.add_command(setup)
    eval_group.add_command(eval_geo)
    eval_group.add_command(eval_quantities)
    eval_group.add_command(eval_events)
    for command in (*COMMANDS, *WATCH_COMMANDS):
        main.add_command(command)
    main.add_command(load)
    main.add_command(serve)


_add_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
