"""The application: the ``/api`` routes, the dashboard pages, the error shape and the request
size limit, over one database file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI

from dotterel.api import _errors, _routes
from dotterel.api._coder import Coder
from dotterel.api._db import Database
from dotterel.api._limits import MAX_BODY_BYTES, BodyLimit


def create_app(db: str | Path, *, allow_writes: bool = False, pipeline: Any = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The API and dashboard over the store ``db``, read-only unless ``allow_writes``.
    ``pipeline`` codes posted texts (default: a ``Pipeline`` loaded on first use)."""
    from dotterel import web

    app = FastAPI(title="dotterel", version=_version(),
                  description="Political events and contested claims coded from news articles.",
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN
    app.state.database = Database(db, writable=allow_writes)
    app.state.coder = Coder(pipeline)
    _errors.install(app)
    app.include_router(_routes.router)
    web.install(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dotterel")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
