"""``depeche setup`` (build the gazetteer index) and ``depeche eval geo``: thin edges."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .config import load_settings
from .errors import EXIT_USAGE, DepecheError

stderr = Console(stderr=True)


def _settings(ctx: click.Context):
    try:
        return load_settings((ctx.find_root().obj or {}).get("config"))
    except DepecheError as exc:
        stderr.print(f"[red]error:[/red] {exc}")
        sys.exit(EXIT_USAGE)


@click.command()
@click.option("--force", is_flag=True, help="Rebuild even when the index exists.")
@click.pass_context
def setup(ctx, force):
    """Build the gazetteer index in the cache directory (setting: cache_dir)."""
    from .gazetteer import Gazetteer, build_index, index_path

    path = index_path(_settings(ctx).cache_path)
    if path.exists() and not force:
        stats = Gazetteer(path).stats()
        stderr.print(f"gazetteer index ready: {path} ({stats['places']:,} places, {stats['names']:,} names)")
        return
    t0 = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=stderr) as bar:
        task = bar.add_task("building the gazetteer", total=1.0)
        build_index(path, lambda step, fraction: bar.update(task, completed=fraction, description=step))
    stats = Gazetteer(path).stats()
    stderr.print(f"built {path} in {time.perf_counter() - t0:.1f} s "
                 f"({stats['places']:,} places, {stats['names']:,} names)")


@click.command("geo")
@click.argument("path", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_geo(ctx, path, as_json):
    """Place resolution on gold toponyms (default: TR-News and GeoVirus in <data_dir>/geoparsing-en)."""
    from .evaluation.geo import GoldFormatError, corpus_paths, evaluate
    from .gazetteer import gazetteer

    settings = _settings(ctx)
    paths = corpus_paths(Path(settings.data_dir), path)
    for p in paths:
        if not p.exists():
            stderr.print(f"[red]error:[/red] {p}: not found (clone the shared data beside the repo, or give PATH)")
            sys.exit(EXIT_USAGE)
    gaz = gazetteer(settings)
    try:
        results = [evaluate(p, gaz) for p in paths]
    except GoldFormatError as exc:
        stderr.print(f"[red]error:[/red] {exc}")
        sys.exit(EXIT_USAGE)
    if as_json:
        out = results[0] if path else {"corpora": {r["corpus"]: r for r in results}}
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    from rich.table import Table

    for r in results:
        table = Table(title=f"{r['corpus']}: {r['toponyms']} toponyms, {r['seconds']} s")
        for col, justify in (("metric", "left"), ("depeche", "right"), ("most populous", "right")):
            table.add_column(col, justify=justify)
        for key, value in r["metrics"].items():
            table.add_row(key, str(value), str(r["baseline"][key]))
        Console().print(table)
