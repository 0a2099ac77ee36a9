"""``depeche serve``: the HTTP API and the web page over a record (``depeche.web``)."""
from __future__ import annotations

import click

from . import common as base
from .record import db_option


@click.command()
@db_option
@click.option("--host", default=None, help="Address to bind (setting: host, default 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port (setting: port, default 8000).")
@click.option("--public", is_flag=True,
              help="Allow an address other than loopback: anyone who reaches it reads the record.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Another host name that requests may carry (a name this machine is reached by).")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="An origin (https://example.org) whose pages may call the API; none by default.")
@click.option("--query-seconds", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Time limit of one query (setting: query_seconds, default 5).")
@click.pass_context
def serve(ctx, db, host, port, public, allow_hosts, cors_origins, query_seconds):
    """Serve the record: a JSON API under /api/v1 and a web page at /, read-only."""
    import os

    import uvicorn

    from ..errors import DepecheError
    from ..web import create_app, is_loopback

    settings = base.settings_from(ctx, db=db, host=host, port=port, query_seconds=query_seconds)
    if not is_loopback(settings.host):
        if not public:
            base.fail_usage(f"--host {settings.host} is not a loopback address: anyone who reaches it could read "
                            "the record; add --public if that is meant")
        base.stderr.print(f"[yellow]warning:[/yellow] serving {settings.db} to the network on {settings.host}; "
                          "the API has no authentication", highlight=False)
    if not os.path.isfile(settings.db) and "://" not in settings.db:
        base.fail_usage(f"{settings.db}: no such database (run `depeche ingest` first)")
    try:
        app = create_app(settings.db, settings=settings, hosts=allow_hosts, cors_origins=cors_origins)
    except DepecheError as exc:
        base.fail_usage(str(exc))
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    base.stderr.print(f"serving {settings.db} on http://{shown}:{settings.port}/ "
                      f"(API: /api/v1, schema: /openapi.json); Ctrl-C stops", highlight=False, soft_wrap=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", server_header=False,
                proxy_headers=False, access_log=False)
