"""``dotterel serve``: the REST API and the dashboard over one database file."""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from dotterel.cli._options import app

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@app.command()
def serve(db: Annotated[Path, typer.Option("--db", help="DuckDB file to serve.")] = Path(
              "dotterel.duckdb"),
          host: Annotated[str, typer.Option(help="Address to bind; loopback by default.")] = (
              "127.0.0.1"),
          port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
          allow_writes: Annotated[bool, typer.Option(
              "--allow-writes", help="Let POST /api/code?store=true write to the database "
                                     "(read-only otherwise).")] = False) -> None:
    """Serve the REST API (/api, spec at /openapi.json) and the dashboard.

    The database is opened read-only for each request, so `dotterel ingest` can add to it
    while the server runs (requests answer 503 with Retry-After while it writes).

    Example: dotterel serve --db news.duckdb --port 8000
    """
    import uvicorn

    from dotterel.api import Database, create_app
    from dotterel.cli._output import require_db

    if not allow_writes:
        require_db(db)
    version = Database(db, writable=allow_writes).check()  # fail now, not on the first request
    if not _loopback(host):
        typer.echo(f"dotterel: warning: serving on {host}, reachable from other machines; "
                   "the API has no authentication", err=True)
    mode = "read-write" if allow_writes else "read-only"
    typer.echo(f"serving {db} (schema {version}, {mode}) on http://{_url_host(host)}:{port}/",
               err=True)
    uvicorn.run(create_app(db, allow_writes=allow_writes), host=host, port=port,
                log_level="info", server_header=False)


def _loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
