"""The application: ``create_app(db)`` builds the API, the page and their guards over one record."""
from __future__ import annotations

from collections.abc import Iterable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Settings
from . import exports, failures, routes
from .pool import StorePool
from .safety import Guard, allowed_hosts

POOL_SIZE = 8  # read-only connections: as many requests query at once


def static_dir() -> str:
    return str(resources.files("depeche.web").joinpath("static"))


def create_app(db: str, *, settings: Settings | None = None, hosts: Iterable[str] = (),
               cors_origins: Iterable[str] = (), pool_size: int = POOL_SIZE) -> FastAPI:
    """The server of the record at ``db`` (opened read-only, ``pool_size`` connections).

    ``hosts``: host names accepted besides the loopback ones and ``settings.host``;
    ``cors_origins``: origins allowed to call the API from their pages (none by default).
    """
    settings = settings or Settings()
    pool = StorePool(db, pool_size, settings.query_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="depeche", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="The record of events found in French news dispatches: filters, pages, counts, "
                              "documents and exports. Every error is `{\"error\": {code, input, reason}}`.")
    app.state.pool = pool
    failures.install(app)
    app.include_router(routes.router)
    app.include_router(exports.router)
    folder = static_dir()
    app.mount("/static", StaticFiles(directory=folder), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(f"{folder}/index.html", media_type="text/html; charset=utf-8")

    origins = list(cors_origins)
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET"], allow_credentials=False)
    app.add_middleware(Guard, hosts=allowed_hosts(settings.host, tuple(hosts)))
    return app
