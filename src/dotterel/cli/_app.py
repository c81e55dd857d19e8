"""Typer commands: code, ingest, events, export."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dotterel.cli import _output as out

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles -> political event data and a ledger of contested claims.")

DB_HELP = "DuckDB file (created if missing)."
DbOpt = Annotated[Path, typer.Option("--db", help=DB_HELP)]
DictOpt = Annotated[Optional[list[Path]], typer.Option(
    "--dict", help="Extra dictionary/lexicon TSV file (repeatable).", exists=True, dir_okay=False)]


class CodeFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


def _pipeline(dicts: list[Path] | None):
    from dotterel.pipeline import Pipeline

    return Pipeline(dict_paths=dicts or ())


@app.command()
def code(paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
         format: Annotated[CodeFormat, typer.Option("--format", "-f")] = CodeFormat.json,
         dict: DictOpt = None) -> None:
    """Code articles and print events and claims; no database.

    Example: dotterel code article.txt --format json
    """
    from dotterel.articles import read_inputs

    results = _pipeline(dict).process(read_inputs(paths))
    failed = out.print_results(results, format.value)
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
           db: DbOpt = Path("dotterel.duckdb"),
           batch: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
           dict: DictOpt = None) -> None:
    """Code articles and store them; the same article twice is stored once.

    Example: dotterel ingest news/ --db news.duckdb
    """
    from dotterel.ingest import ingest_paths

    summary = ingest_paths(paths, db=db, pipeline=_pipeline(dict), batch_size=batch,
                           progress=sys.stderr.isatty())
    out.print_summary(summary, db)
    raise typer.Exit(1 if summary.failures else 0)


@app.command()
def events(db: DbOpt = Path("dotterel.duckdb"),
           actor: Annotated[Optional[str], typer.Option(help="Actor code, e.g. AFG.")] = None,
           recipient: Annotated[Optional[str], typer.Option(help="Recipient code.")] = None,
           type: Annotated[Optional[str], typer.Option(help="PLOVER type or CAMEO prefix.")] = None,
           since: Annotated[Optional[str], typer.Option(help="From date, YYYY-MM-DD.")] = None,
           until: Annotated[Optional[str], typer.Option(help="To date, YYYY-MM-DD.")] = None,
           limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
           format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """List stored events, filtered.

    Example: dotterel events --actor AFG --recipient IRN --since 2023-01-01
    """
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        rows = store.events(actor=actor, recipient=recipient, type=type, since=since,
                            until=until, limit=limit)
    out.print_rows(rows, format.value, columns=out.EVENT_COLUMNS)


@app.command()
def export(out_path: Annotated[Path, typer.Option("--out", help="Output folder.")],
           format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
           db: DbOpt = Path("dotterel.duckdb")) -> None:
    """Export every table to Parquet, CSV or JSONL files in a folder.

    Example: dotterel export --format parquet --out exports/
    """
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        store.export(format.value, out_path)
    typer.echo(f"exported {db} to {out_path} ({format.value})")


@app.command()
def version() -> None:
    """Print the version.

    Example: dotterel version
    """
    from importlib.metadata import version as v

    typer.echo(json.dumps({"dotterel": v("dotterel")}))


@app.command()
def demo(db: DbOpt = Path("dotterel.duckdb")) -> None:
    """Ingest the bundled example story into the database and print its events and claims.

    Example: dotterel demo --db demo.duckdb
    """
    from importlib.resources import as_file, files

    from dotterel.ingest import ingest_paths
    from dotterel.store import Store

    with as_file(files("dotterel") / "examples" / "border_dispute.txt") as path:
        summary = ingest_paths([path], db=db, pipeline=_pipeline(None))
    out.print_summary(summary, db)
    with Store(db, read_only=True) as store:
        out.print_rows(store.events(limit=500), "table", columns=out.EVENT_COLUMNS)
        out.print_claims(store.claims(limit=500))
    raise typer.Exit(1 if summary.failures else 0)
from dotterel.cli import _claims  # noqa: E402,F401  (registers claims, claim)
