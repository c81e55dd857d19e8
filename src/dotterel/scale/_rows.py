"""Records -> rows in the store's column layout, for the Parquet that Spark writes.

The row builders are the store writer's own (``dotterel.store._writer``), so the Parquet files
and the DuckDB tables can never disagree on a column; only what the store assigns when it
loads them (``run_id``, event clusters, claim threads) is left empty here."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dotterel.records import ArticleResult, Failure
from dotterel.store import _writer
from dotterel.store._schema import ARTICLES, CLAIMS, EVENTS, FAILURES, PLACES, Table

# the tables Spark writes, each to DIR/<name>
OUTPUT_TABLES: tuple[Table, ...] = (ARTICLES, EVENTS, CLAIMS, PLACES, FAILURES)
_CASTS = {"DOUBLE": float, "INTEGER": int, "BIGINT": int}


def result_rows(item: ArticleResult | Failure, *, now: datetime
                ) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table name, row values in the table's column order) for one coded article or failure."""
    if isinstance(item, Failure):
        yield FAILURES.name, _values(FAILURES, failure_row(item, now=now))
        return
    yield ARTICLES.name, _values(ARTICLES, _writer._article_row(item, now=now, run_id=None))
    for table, rows in ((EVENTS, _writer._event_rows(item)), (CLAIMS, _writer._claim_rows(item)),
                        (PLACES, _writer._place_rows(item))):
        for row in rows:
            yield table.name, _values(table, row)


def failure_row(f: Failure, *, now: datetime) -> dict[str, Any]:
    return {"id": _writer.failure_id(f), "origin": f.origin, "line": f.line, "code": f.code,
            "message": f.message, "recorded_at": now, "run_id": None}


def _values(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_cast(row.get(name), kind) for name, kind in table.columns)


def _cast(value: Any, kind: str) -> Any:
    cast = _CASTS.get(kind)
    return cast(value) if cast is not None and value is not None else value
