"""One way to run a statement: execute it and read it to the end. Newer DuckDB refuses the next
statement on a connection while a result is left half-read (``fetchone``)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def run(con: duckdb.DuckDBPyConnection, sql: str,
        params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> Any:
    found = run(con, sql, params)
    return found[0][0] if found else None


def unregister(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a registered Arrow view. After a failed statement the transaction is aborted and
    DuckDB refuses even this; the error that aborted it is the one to report, and the
    caller's rollback and close drop the view."""
    try:
        con.unregister(name)
    except duckdb.TransactionException:
        pass
