"""Records -> rows in the store's column layout, for the Parquet that Spark writes.

The rows are the store's own (``dotterel.store.record_rows``), so the Parquet files and the
DuckDB tables can never disagree on a column; what the store assigns when it loads them
(``run_id``, times, event clusters, claim threads) is left empty here."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dotterel.records import ArticleResult, Failure
from dotterel.store import STAGED_TABLES, Table, record_rows

# the tables Spark writes, each to DIR/<name>
OUTPUT_TABLES: tuple[Table, ...] = STAGED_TABLES
_TABLES = {t.name: t for t in STAGED_TABLES}
_CASTS = {"DOUBLE": float, "INTEGER": int, "BIGINT": int}


_CODED_AT = ("ingested_at", "recorded_at")  # the job's time; the store stamps its own on load


def result_rows(item: ArticleResult | Failure, *, now: datetime
                ) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table name, row values in the table's column order) for one coded article or failure,
    stamped with the time of the job, ``now``."""
    for name, row in record_rows(item):
        for stamp in _CODED_AT:
            if stamp in row:
                row[stamp] = now
        yield name, _values(_TABLES[name], row)


def _values(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_cast(row.get(name), kind) for name, kind in table.columns)


def _cast(value: Any, kind: str) -> Any:
    cast = _CASTS.get(kind)
    return cast(value) if cast is not None and value is not None else value
