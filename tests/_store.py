"""Reading a test's store back: a read-only DuckDB connection, closed after the query."""
from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
