"""Typer commands: code, ingest, events, export, version, demo."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dotterel.cli import _output as out
from dotterel.cli._options import (
    LLM_TIMEOUT,
    CodeFormat,
    CodeFormatOpt,
    Coder,
    CoderOpt,
    DbOpt,
    DictOpt,
    ExportFormat,
    ExportFormatOpt,
    LlmModelOpt,
    LlmTimeoutOpt,
    LlmUrlOpt,
    PrefilterOpt,
    SemanticOpt,
    TableFormat,
    TableFormatOpt,
    WorkersOpt,
    app,
)
from dotterel.errors import E507, LLMError
from dotterel.ingest import BATCH, LOCK_TIMEOUT_S
from dotterel.llm import LLMSettings
from dotterel.pipeline import PREFILTER_DEFAULT


def _llm(coder: Coder, url: str | None, model: str | None, timeout: float,
         workers: int) -> LLMSettings | None:
    if coder is Coder.rules:
        return None
    if workers > 1:
        raise LLMError("--coder llm runs in one process (the server is the bottleneck); "
                       "leave out --workers", code=E507)
    return LLMSettings(base_url=url or "", model=model or "", timeout=timeout)


def _pipeline(dicts: list[Path] | None, *, workers: int = 1, prefilter: bool = PREFILTER_DEFAULT,
              llm: LLMSettings | None = None, semantic: bool = False, select: bool = True):
    from dotterel.pipeline import Pipeline

    pipeline = Pipeline(dict_paths=dicts or (), prefilter=prefilter, llm=llm, semantic=semantic,
                        select=select)
    if semantic:
        pipeline._coders()  # a missing extra is a clear error now, not one failure per article
    if workers <= 1:
        return pipeline
    from dotterel.scale import ParallelPipeline, PipelineSettings

    return ParallelPipeline(PipelineSettings.of(pipeline), workers=workers)


@app.command()
def code(paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
         format: CodeFormatOpt = CodeFormat("json"),
         dict: DictOpt = None, workers: WorkersOpt = 1,
         prefilter: PrefilterOpt = PREFILTER_DEFAULT, coder: CoderOpt = Coder.rules,
         llm_url: LlmUrlOpt = None, llm_model: LlmModelOpt = None,
         llm_timeout: LlmTimeoutOpt = LLM_TIMEOUT, semantic: SemanticOpt = False,
         candidates: Annotated[bool, typer.Option(
             "--candidates", help="Also print the events selection dropped (statements, "
             "negated, hypothetical, uncoded doers, background, duplicates), each with its "
             "reason in 'dropped'.")] = False,
         select: Annotated[bool, typer.Option(
             "--select/--all-candidates", help="Events are what an expert codes (default); "
             "--all-candidates puts every candidate in 'events', flagged negated or "
             "hypothetical where so, as the sentence-level gold sets score.")] = True) -> None:
    """Code articles and print events and claims; no database.

    Example: dotterel code article.txt --format json
    """
    from dotterel.articles import read_inputs

    llm = _llm(coder, llm_url, llm_model, llm_timeout, workers)
    results = _pipeline(dict, workers=workers, prefilter=prefilter, llm=llm,
                        semantic=semantic, select=select).process(read_inputs(paths))
    failed = out.print_results(results, format.value, candidates=candidates)
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
           db: DbOpt = Path("dotterel.duckdb"),
           batch: Annotated[int, typer.Option(help="Articles per transaction.")] = BATCH,
           dict: DictOpt = None, workers: WorkersOpt = 1,
           prefilter: PrefilterOpt = PREFILTER_DEFAULT,
           timings: Annotated[bool, typer.Option(
               "--timings", help="Print the time spent writing to the store, on stderr.")] = False,
           lock_timeout: Annotated[float, typer.Option(
               "--lock-timeout", min=0, help="Seconds to wait, at each batch, while another "
               "process holds the database.")] = LOCK_TIMEOUT_S,
           coder: CoderOpt = Coder.rules, llm_url: LlmUrlOpt = None,
           llm_model: LlmModelOpt = None, llm_timeout: LlmTimeoutOpt = LLM_TIMEOUT,
           semantic: SemanticOpt = False) -> None:
    """Code articles and store them; the same article twice is stored once. Exits 1 when
    some inputs failed (each is in the failures table), 2 when the database cannot be used.

    Example: dotterel ingest news/ --db news.duckdb --workers 2
    """
    from dotterel.ingest import ingest_paths

    llm = _llm(coder, llm_url, llm_model, llm_timeout, workers)
    pipeline = _pipeline(dict, workers=workers, prefilter=prefilter, llm=llm, semantic=semantic)
    summary = ingest_paths(paths, db=db, pipeline=pipeline, batch_size=batch,
                           progress=sys.stderr.isatty(), lock_timeout=lock_timeout,
                           on_wait=lambda message: typer.echo(f"dotterel: {message}", err=True))
    out.print_summary(summary, db)
    if timings:
        from dotterel.cli._scale import print_timings

        print_timings(summary, workers=workers,
                      worker_rss_mb=getattr(pipeline, "peak_worker_rss_mb", None))
    raise typer.Exit(1 if summary.failures else 0)


@app.command()
def events(db: DbOpt = Path("dotterel.duckdb"),
           actor: Annotated[Optional[str], typer.Option(help="Actor code, e.g. AFG.")] = None,
           recipient: Annotated[Optional[str], typer.Option(help="Recipient code.")] = None,
           type: Annotated[Optional[str], typer.Option(
               help="PLOVER type, e.g. ASSAULT (digits are taken as --cameo).")] = None,
           cameo: Annotated[Optional[str], typer.Option(help="CAMEO code prefix, e.g. 19.")] = None,
           since: Annotated[Optional[str], typer.Option(help="From date, YYYY-MM-DD.")] = None,
           until: Annotated[Optional[str], typer.Option(help="To date, YYYY-MM-DD.")] = None,
           limit: Annotated[int, typer.Option(min=0, help="At most this many rows.")] = 200,
           mentions: Annotated[bool, typer.Option(
               "--mentions", help="One row per report, not per real-world event.")] = False,
           format: TableFormatOpt = TableFormat("table")) -> None:
    """List stored events, filtered: one row per real-world event (a cluster of reports, with
    its number of mentions), or per report with --mentions.

    Example: dotterel events --actor AFG --recipient IRN --since 2023-01-01
    """
    from dotterel.store import Store

    if type is not None and type.isdigit():  # --type 19 meant a CAMEO prefix before --cameo
        type, cameo = None, cameo or type
    out.require_db(db)
    with Store(db, read_only=True) as store:
        found = out.all_events(store.connection, limit=limit, actor=actor, recipient=recipient,
                               type=type, cameo=cameo, since=since, until=until,
                               mentions=mentions)
    out.print_rows([out.event_row(s) for s in found], format.value,
                   columns=(*out.EVENT_COLUMNS, "num_mentions"))


@app.command()
def export(out_path: Annotated[Path, typer.Option("--out", help="Output folder.")],
           format: ExportFormatOpt = ExportFormat("parquet"),
           db: DbOpt = Path("dotterel.duckdb")) -> None:
    """Export every table to Parquet, CSV or JSONL files in a folder, or (gdelt) GDELT 2.0's
    tab-separated event and mentions tables, one event per cluster of reports. In the files,
    article_id is the article's hash and input_id the id its input record gave.

    Example: dotterel export --format parquet --out exports/
    """
    from dotterel import query
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        query.export(store.connection, format.value, out_path)
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
    from dotterel import query

    with Store(db, read_only=True) as store:
        found = out.all_events(store.connection, limit=500)
        out.print_rows([out.event_row(s) for s in found], "table", columns=out.EVENT_COLUMNS)
        out.print_claims(query.claims(store.connection, limit=query.MAX_LIMIT).items)
    raise typer.Exit(1 if summary.failures else 0)
