"""``dotterel spark``: ``pipeline.process_batch`` inside Spark partitions, Parquet out.

Inputs are JSONL files (read as text, each line numbered as ``dotterel code`` numbers it, so
articles, failures and their origins are the same) or Parquet files with the JSONL fields as
columns. Each Python worker builds its pipeline once and keeps it for every partition it runs.
The coded rows are cached, counted, and written to ``DIR/<table>`` in the store's layout
(``_rows.OUTPUT_TABLES``); ``dotterel load DIR`` puts them in a store.

pyspark is imported here only, and only when a job runs: ``pip install 'dotterel[spark]'``."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from dotterel import errors as E
from dotterel.articles import make_article, read_jsonl
from dotterel.errors import DotterelError, InputError
from dotterel.pipeline import Pipeline, process_batch
from dotterel.records import Article, Failure
from dotterel.scale._rows import OUTPUT_TABLES, result_rows
from dotterel.scale._workers import PipelineSettings
from dotterel.store import Table

PARQUET_SUFFIXES = (".parquet", ".parq")
SPARK_SUFFIXES = (".jsonl", ".ndjson", *PARQUET_SUFFIXES)  # the files taken from a folder
NOT_FOR_SPARK = (".txt", ".text", ".html", ".htm", ".md")  # articles one a file: E106
CHUNK = 64  # articles per process_batch call inside a partition
_SPARK_TYPES = {"VARCHAR": "StringType", "INTEGER": "IntegerType", "BIGINT": "LongType",
                "DOUBLE": "DoubleType", "BOOLEAN": "BooleanType", "DATE": "DateType",
                "TIMESTAMP": "TimestampNTZType"}


def run_spark(inputs: Sequence[str | Path], out: str | Path, *, master: str | None = None,
              settings: PipelineSettings | None = None, partitions: int | None = None,
              spark: Any = None) -> dict[str, int]:
    """Code ``inputs`` on Spark and write Parquet under ``out``; return the rows per table.

    ``master`` is a Spark master URL (``local[4]``, ``spark://host:7077``); without it, the
    session's own (``spark-submit --master``), else ``local[*]``. ``partitions`` is the least
    number of partitions per input file. Raises ``DotterelError`` [E003] without pyspark."""
    paths = _expand([str(p) for p in inputs])  # a bad input fails before Spark starts
    spark = spark or session(master)
    settings = settings or PipelineSettings()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    items = _read(spark, paths, partitions)
    rows = items.mapPartitions(partial(code_partition, settings=settings, now=now))
    rows = rows.persist(_storage_level())
    try:
        counts = {name: int(n) for name, n in rows.countByKey().items()}
        for table in OUTPUT_TABLES:
            part = rows.filter(partial(_is, table.name)).map(_values)
            frame = spark.createDataFrame(part, schema=spark_schema(table), verifySchema=False)
            frame.write.mode("overwrite").parquet(f"{str(out).rstrip('/')}/{table.name}")
    finally:
        rows.unpersist()
    return {t.name: counts.get(t.name, 0) for t in OUTPUT_TABLES}


def session(master: str | None = None) -> Any:
    """A SparkSession; a local one talks over the loopback interface only, without its web UI."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DotterelError("pyspark is not installed; install it with: "
                            "pip install 'dotterel[spark]'", code=E.E003) from exc
    from pyspark import SparkConf

    if not master or master.startswith("local"):  # before the JVM starts; under spark-submit
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # it has, and this changes nothing
    builder = SparkSession.builder.appName("dotterel")
    if master:
        builder = builder.master(master)
    if (master or SparkConf().get("spark.master", "local[*]")).startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this Python
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def spark_schema(table: Table) -> Any:
    """The Spark schema of one of the store's tables (same names, same types)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, getattr(T, _SPARK_TYPES[kind])(), True)
                         for name, kind in table.columns])


# -- reading ------------------------------------------------------------------------------------

def _read(spark: Any, inputs: list[str], partitions: int | None) -> Any:
    """One RDD of ``Article | Failure`` over every input file (``_expand``ed), in input order."""
    sc = spark.sparkContext
    parts = []
    for path in inputs:
        if path.lower().endswith(PARQUET_SUFFIXES):
            frame = spark.read.parquet(path)
            parts.append(frame.rdd.map(partial(_parquet_item, origin=path, columns=frame.columns)))
        else:
            lines = sc.textFile(path, minPartitions=partitions) if partitions else sc.textFile(path)
            parts.append(lines.zipWithIndex().mapPartitions(partial(_jsonl_items, origin=path)))
    if not parts:
        raise DotterelError(f"no input files found in {', '.join(inputs)}", code=E.E101)
    return parts[0] if len(parts) == 1 else sc.union(parts)


def _expand(inputs: Iterable[str]) -> list[str]:
    """Local folders become their JSONL and Parquet files (sorted, hidden ones skipped); other
    paths (files, globs, hdfs:// or s3a:// URLs) go to Spark as they are. Raises
    ``InputError`` [E106] for a local file that is plainly not JSONL or Parquet (a .txt or
    .html article is for ``dotterel ingest``: Spark would read each of its lines as JSON)."""
    out = []
    for raw in inputs:
        p = Path(raw)
        if "://" not in raw and p.is_dir():
            out += [str(f) for f in sorted(p.rglob("*")) if f.is_file()
                    and f.suffix.lower() in SPARK_SUFFIXES
                    and not any(x.startswith((".", "_")) for x in f.relative_to(p).parts)]
            continue
        if "://" not in raw and p.suffix.lower() in NOT_FOR_SPARK:
            raise InputError("dotterel spark reads JSONL and Parquet files only; code this "
                             f"{p.suffix} file with dotterel ingest or dotterel code, or turn it "
                             "into JSONL lines of {\"id\", \"text\"}", code=E.E106, origin=str(p))
        out.append(raw if "://" in raw else str(p))
    return out


def _jsonl_items(lines: Iterable[tuple[str, int]], *, origin: str) -> Iterator[Article | Failure]:
    for line, index in lines:
        n = index + 1
        if index == 0:
            line = line.lstrip("\ufeff")
        for item in read_jsonl([line], origin):  # numbered 1; renumber as the file's line n
            if isinstance(item, Failure):
                yield replace(item, line=n)
            else:
                yield replace(item, origin=f"{origin}:{n}")


def _parquet_item(row: Any, *, origin: str, columns: list[str]) -> Article | Failure:
    """A Parquet row as ``make_article`` would have it from a JSONL line; its origin is
    ``file#id`` (a row has no line number)."""
    get = row.asDict()
    ident = str(get["id"]) if get.get("id") is not None else None
    where = f"{origin}#{ident}" if ident is not None else origin
    text = get.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(origin=where, code=E.E105, message="the row has no 'text'")
    opt = {k: (str(get[k]) if get.get(k) is not None else None)
           for k in ("title", "date", "source", "url") if k in columns}
    return make_article(text, input_id=ident, origin=where, headline_in_text=False, **opt)


# -- coding -------------------------------------------------------------------------------------

_PIPELINES: dict[PipelineSettings, Pipeline] = {}


def code_partition(items: Iterable[Article | Failure], *, settings: PipelineSettings,
                   now: datetime) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Code one partition with this worker's pipeline (built on first use, then kept)."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = _PIPELINES[settings] = settings.build()
    it = iter(items)
    while chunk := list(islice(it, CHUNK)):
        for result in process_batch(chunk, pipeline=pipeline):
            yield from result_rows(result, now=now)


def _is(name: str, row: tuple[str, tuple[Any, ...]]) -> bool:
    return row[0] == name


def _values(row: tuple[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    return row[1]


def _storage_level() -> Any:
    from pyspark import StorageLevel

    return StorageLevel.MEMORY_AND_DISK
