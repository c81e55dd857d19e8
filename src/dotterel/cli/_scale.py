"""``dotterel spark`` and ``dotterel load``: the pipeline on Spark, and its output into a store."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from dotterel.cli._options import DbOpt, DictOpt, PrefilterOpt, app
from dotterel.pipeline import PREFILTER_DEFAULT


@app.command()
def spark(inputs: Annotated[list[str], typer.Argument(
              help="JSONL or Parquet files, or folders of them (local paths or Spark URLs).")],
          out_dir: Annotated[str, typer.Option(
              "--out", help="Output folder for the Parquet (a path or a Spark URL).")],
          master: Annotated[Optional[str], typer.Option(
              help="Spark master URL: local[4], spark://host:7077 (default: the session's, "
                   "else local[*]).")] = None,
          partitions: Annotated[Optional[int], typer.Option(
              min=1, help="Least number of partitions per input file.")] = None,
          dict: DictOpt = None, prefilter: PrefilterOpt = PREFILTER_DEFAULT) -> None:
    """Code articles on Spark; write Parquet under OUT/articles, events, claims, places, failures.

    Needs the spark extra (pip install 'dotterel[spark]') and Java 17. Load the result into a
    store with: dotterel load OUT --db news.duckdb

    Example: dotterel spark articles.jsonl --out coded/ --master "local[2]"
    """
    from dotterel.scale import PipelineSettings, run_spark

    settings = PipelineSettings(dict_paths=tuple(dict or ()), prefilter=prefilter)
    counts = run_spark(inputs, out_dir, master=master, settings=settings, partitions=partitions)
    typer.echo(f"wrote {out_dir}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    raise typer.Exit(1 if counts.get("failures") else 0)


@app.command()
def load(folder: Annotated[Path, typer.Argument(
             help="A folder written by dotterel spark.", exists=True, file_okay=False)],
         db: DbOpt = Path("dotterel.duckdb")) -> None:
    """Load the Parquet written by dotterel spark into the store, in one transaction.

    Articles already stored are skipped, as with ingest.

    Example: dotterel load coded/ --db news.duckdb
    """
    from dotterel.cli import _output as out
    from dotterel.ingest import IngestSummary
    from dotterel.scale import load_parquet
    from dotterel.store import Store

    with Store(db) as store:
        w = load_parquet(folder, store)
    out.print_summary(IngestSummary(articles_new=w.articles_new, articles_skipped=w.articles_skipped,
                                    events=w.events, claims=w.claims, failures=w.failures), db)


def print_timings(summary: Any, *, workers: int, worker_rss_mb: float | None) -> None:
    """One JSON line on stderr: where an ingest spent its time (read by bench/speed.py)."""
    share = summary.store_seconds / summary.seconds if summary.seconds else 0.0
    typer.echo("timings: " + json.dumps({
        "seconds": round(summary.seconds, 3), "store_seconds": round(summary.store_seconds, 3),
        "store_share": round(share, 4), "workers": workers,
        "worker_peak_rss_mb": round(worker_rss_mb, 1) if worker_rss_mb else None}), err=True)
