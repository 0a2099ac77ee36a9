"""``depeche setup`` (build the gazetteer index) and ``depeche eval geo``: thin edges."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .common import comparison_table, fail_usage, settings_from, split_option, stderr


@click.command()
@click.option("--force", is_flag=True, help="Rebuild even when the index exists.")
@click.pass_context
def setup(ctx, force):
    """Build the gazetteer index in the cache directory (setting: cache_dir)."""
    import sqlite3

    from ..places import Gazetteer, build_index, index_path

    path = index_path(settings_from(ctx).cache_path)
    if path.exists() and not force:
        try:
            stats = Gazetteer(path).stats()
        except sqlite3.DatabaseError as exc:  # another version, or built from other sources
            stderr.print(f"rebuilding the gazetteer index: {exc}")
        else:
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
@split_option
@click.pass_context
def eval_geo(ctx, path, as_json, split):
    """Place resolution on gold toponyms (default: TR-News and GeoVirus in <data_dir>/geoparsing-en, and
    the French article gold of --split, eval/gold/articles/toponyms.jsonl, when it has some)."""
    from ..evaluation import geo as evaluator
    from ..evaluation import article_places_times as french_gold
    from ..places import gazetteer

    settings = settings_from(ctx)
    paths = evaluator.corpus_paths(Path(settings.data_dir), path)
    for p in paths:
        if not p.exists():
            fail_usage(f"{p}: not found (clone the shared data beside the repo, or give PATH)")
    gaz = gazetteer(settings)
    try:
        results = [evaluator.evaluate(p, gaz) for p in paths]
        french = None if path else french_gold.eval_places(Path(settings.data_dir), settings, split)
    except (evaluator.GoldFormatError, french_gold.ArticleGoldError) as exc:
        fail_usage(str(exc))
    if french:
        results.append(french)
    if as_json:
        out = results[0] if path else {"corpora": {r["corpus"]: r for r in results}}
        if not path and not french:
            out["skipped"] = [french_gold.skipped("toponyms", split)]
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    for r in results:
        extra = f", {r['unresolved_gold']} left unresolved by the gold" if "unresolved_gold" in r else ""
        Console().print(comparison_table(f"{r['corpus']}: {r['toponyms']} toponyms{extra}, {r['seconds']} s",
                                         r["metrics"], r["baseline"], "most populous"))
        if "output" in r:
            Console().print(comparison_table(f"{r['corpus']}, as the places stage outputs them (unresolved = miss; "
                                             f"{r['no_gazetteer_id']} gold places have no GeoNames id)",
                                             r["output"], r["baseline"], "most populous"))
    if not path and not french:
        stderr.print(french_gold.skipped("toponyms", split), highlight=False)
