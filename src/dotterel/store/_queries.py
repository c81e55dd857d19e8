"""Read side of the store: event filters, counts and exports. Parameterised SQL only; table and
column names come from the schema declaration, never from the caller."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import duckdb

from dotterel.store._schema import DATA_TABLES
from dotterel.store._sql import run, scalar

ExportFormat = Literal["parquet", "csv", "jsonl", "gdelt"]  # gdelt: see store/_gdelt.py
EXPORT_FORMATS: dict[str, tuple[str, str]] = {  # format -> (file suffix, COPY options)
    "parquet": (".parquet", "FORMAT parquet"),
    "csv": (".csv", "FORMAT csv, HEADER true"),
    "jsonl": (".jsonl", "FORMAT json"),  # DuckDB writes newline-delimited JSON
}
COUNTED = ("articles", "events", "claims", "failures")


def event_source(*, mentions: bool = False) -> str:
    """The relation (a parenthesised SELECT, to use as ``FROM {event_source()} e``) that event
    lists, counts and series read from. By default one row per event cluster, i.e. per
    real-world event: its first report, with the cluster's ``num_mentions``, ``num_articles``
    and ``num_sources``. With ``mentions``, one row per report (every ``events`` row), each with
    its cluster's counts. Columns are those of ``events`` plus the three counts."""
    one_per_cluster = "" if mentions else "WHERE e.cluster_id IS NULL OR e.id = e.cluster_id"
    return ("(SELECT e.*, coalesce(c.num_mentions, 1) AS num_mentions, "
            "coalesce(c.num_articles, 1) AS num_articles, "
            "coalesce(c.num_sources, 1) AS num_sources "
            f"FROM events e LEFT JOIN event_clusters c ON c.id = e.cluster_id {one_per_cluster})")


def events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None,
           recipient: str | None = None, type: str | None = None,  # noqa: A002
           since: str | date | None = None, until: str | date | None = None,
           limit: int | None = None, mentions: bool = False) -> list[dict[str, Any]]:
    """Events matching every given filter, oldest first, as JSON-ready dicts: one per event
    cluster (its first report, with the cluster's counts), or with ``mentions`` one per report."""
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
    sql = (f"SELECT * FROM {event_source(mentions=mentions)} e WHERE {' AND '.join(where)} "
           "ORDER BY event_date NULLS LAST, article_id, sentence, trigger_start, id")
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
    """Write every data table to ``out/<table><suffix>`` (``gdelt``: GDELT's event and mentions
    tables, see store/_gdelt.py); return the files written."""
    if fmt == "gdelt":
        from dotterel.store._gdelt import export as export_gdelt

        return export_gdelt(con, out)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of "
                         f"{', '.join([*EXPORT_FORMATS, 'gdelt'])}")
    suffix, options = EXPORT_FORMATS[fmt]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in DATA_TABLES:
        path = out / f"{table}{suffix}"
        target = str(path).replace("'", "''")  # COPY takes no parameter for its target
        run(con, f"COPY (SELECT * FROM \"{table}\" ORDER BY id) TO '{target}' ({options})")
        written.append(path)
    return written
