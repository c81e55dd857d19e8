"""Read side of the store: event filters, counts and exports. Parameterised SQL only; table and
column names come from the schema declaration, never from the caller."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import duckdb

from dotterel.store._schema import DATA_TABLES
from dotterel.store._sql import run, scalar

ExportFormat = Literal["parquet", "csv", "jsonl"]
EXPORT_FORMATS: dict[str, tuple[str, str]] = {  # format -> (file suffix, COPY options)
    "parquet": (".parquet", "FORMAT parquet"),
    "csv": (".csv", "FORMAT csv, HEADER true"),
    "jsonl": (".jsonl", "FORMAT json"),  # DuckDB writes newline-delimited JSON
}
COUNTED = ("articles", "events", "claims", "failures")


def events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None,
           recipient: str | None = None, type: str | None = None,  # noqa: A002
           since: str | date | None = None, until: str | date | None = None,
           limit: int | None = None) -> list[dict[str, Any]]:
    """Events matching every given filter, oldest first, as JSON-ready dicts."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if actor:
        where.append("upper(actor_code) = upper(?)")
        params.append(actor)
    if recipient:
        where.append("upper(recipient_code) = upper(?)")
        params.append(recipient)
    if type:
        where.append("(upper(plover_type) = upper(?) OR starts_with(cameo, ?))")
        params += [type, type]
    if since is not None:
        where.append("event_date >= ?")
        params.append(_date(since, "since"))
    if until is not None:
        where.append("event_date <= ?")
        params.append(_date(until, "until"))
    sql = (f"SELECT * FROM events WHERE {' AND '.join(where)} "
           "ORDER BY event_date NULLS LAST, article_id, sentence, trigger_start, id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(_limit(limit))
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, map(_json_ready, row))) for row in cur.fetchall()]


def claims(con: duckdb.DuckDBPyConnection, *, speaker: str | None = None,
           stance: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Claims, optionally by speaker code and stance, in article and sentence order."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if speaker:
        where.append("upper(speaker_code) = upper(?)")
        params.append(speaker)
    if stance:
        where.append("stance = ?")
        params.append(stance)
    sql = (f"SELECT * FROM claims WHERE {' AND '.join(where)} "
           "ORDER BY article_id, sentence, content_start, id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(_limit(limit))
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, map(_json_ready, row))) for row in cur.fetchall()]


def _date(value: str | date, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be an ISO date (yyyy-mm-dd), got {value!r}") from None


def _limit(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"limit must be a whole number >= 0, got {value!r}")
    return value


def _json_ready(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: int(scalar(con, f'SELECT count(*) FROM "{t}"')) for t in COUNTED}


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    """Write every data table to ``out/<table><suffix>``; return the files written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    suffix, options = EXPORT_FORMATS[fmt]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in DATA_TABLES:
        path = out / f"{table}{suffix}"
        target = str(path).replace("'", "''")  # COPY takes no parameter for its target
        run(con, f"COPY (SELECT * FROM \"{table}\" ORDER BY id) TO '{target}' ({options})")
        written.append(path)
    return written
