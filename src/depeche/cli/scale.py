"""``depeche ingest --engine ray`` and ``depeche load``: thin edges over ``depeche.scale``."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from . import common as base
from ..errors import EXIT_OK, EXIT_SOME_FAILED, DepecheError


def ingest_on_ray(ctx: click.Context, paths, settings, out: str | None, open_store) -> None:
    """Analyze ``paths`` on Ray into the database, or into a Parquet record at ``out``."""
    from ..scale import RayOptions, ray_ingest

    options = RayOptions(address=settings.ray_address, actors=settings.ray_actors,
                         actor_cpus=settings.ray_actor_cpus, object_store_mb=settings.ray_object_store_mb)
    store = None if out else open_store(ctx, settings.db, readonly=False)[0]
    where = out or settings.db
    try:
        report = ray_ingest(paths, settings=settings, options=options, store=store, out=out, on_error=base.report)
    except DepecheError as exc:
        base.fail_usage(str(exc))
    except KeyboardInterrupt:
        base.stderr.print(f"interrupted: what was written to {where} is whole; run again to complete it")
        sys.exit(130)
    finally:
        if store is not None:
            store.close()
    Console(highlight=False, soft_wrap=True).print(f"{where}: {report.summary()}")
    sys.exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


@click.command()
@click.argument("parquet_dir", type=click.Path(file_okay=False))
@click.option("--db", default=None, help="The store to merge into (setting: db, default depeche.db).")
@click.pass_context
def load(ctx, parquet_dir, db):
    """Merge a Parquet record (from `ingest --engine ray --out`) into the database, idempotently."""
    from .record import open_store
    from ..scale import load_parquet

    store, settings = open_store(ctx, db, readonly=False)
    with store:
        try:
            docs, failures = load_parquet(parquet_dir, store)
        except DepecheError as exc:
            base.fail_usage(str(exc))
    Console(highlight=False, soft_wrap=True).print(
        f"{settings.db}: {docs} documents and {failures} failures merged from {parquet_dir}")
