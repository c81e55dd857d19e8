"""``dotterel load DIR``: the Parquet that ``dotterel spark`` wrote, into a store, in bulk.

It does what ``Store.write_batch`` does, for the whole folder in one transaction: articles
already stored (by id) are skipped with their events, claims and places, repeats are stored
once, failures once per id; then the new events are clustered and the new claims threaded, and
one ``runs`` row records the load. DuckDB reads the Parquet itself: no row passes through Python.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from dotterel.errors import E302, StoreError
from dotterel.scale._rows import OUTPUT_TABLES
from dotterel.store import Store, WriteSummary
from dotterel.store._clusters import cluster_events
from dotterel.store._schema import ARTICLES, CLAIMS, EVENTS, FAILURES, PLACES, RUNS, Table
from dotterel.store._sql import run, scalar
from dotterel.store._threads import link_claims

_STAMPED = {"ingested_at", "recorded_at", "run_id"}  # set by the load, not by the job


def load_parquet(folder: str | Path, store: Store) -> WriteSummary:
    """Load ``folder/<table>/*.parquet`` into ``store`` in one transaction.

    Raises ``StoreError`` [E302] when the folder holds no articles or failures, or the load
    fails (then nothing of it is kept)."""
    folder = Path(folder)
    found = {t.name: _files(folder, t) for t in OUTPUT_TABLES}
    if not found[ARTICLES.name] and not found[FAILURES.name]:
        raise StoreError(f"{folder} holds no Parquet written by dotterel spark (looked for "
                         f"{folder / 'articles'} and {folder / 'failures'})", code=E302)
    con = store.connection
    con.begin()
    try:
        summary = _load(con, found)
        con.commit()
    except Exception as exc:
        con.rollback()
        raise StoreError(f"loading {folder} into {store.path} failed, nothing of it was "
                         f"stored: {exc}", code=E302) from exc
    return summary


def _files(folder: Path, table: Table) -> str | None:
    """A read_parquet() argument for the table's part files, or None when there are none."""
    parts = sorted(str(p) for p in (folder / table.name).glob("*.parquet"))
    if not parts:
        return None
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in parts) + "]"


def _load(con: duckdb.DuckDBPyConnection, found: dict[str, str | None]) -> WriteSummary:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    run_id = int(scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM runs"))
    stamps = {"ingested_at": now, "recorded_at": now, "run_id": run_id}
    seen = _stage(con, ARTICLES, found, order="origin NULLS LAST")
    run(con, 'DELETE FROM "_load_articles" WHERE id IN (SELECT id FROM "articles")')
    counts = {ARTICLES.name: _insert(con, ARTICLES, stamps)}
    for table in (EVENTS, CLAIMS, PLACES):
        _stage(con, table, found, order="id")
        run(con, f'DELETE FROM "_load_{table.name}" WHERE article_id NOT IN '
                 f'(SELECT id FROM "_load_articles") OR id IN (SELECT id FROM "{table.name}")')
        counts[table.name] = _insert(con, table, stamps)
    _stage(con, FAILURES, found, order="id")
    run(con, 'DELETE FROM "_load_failures" WHERE id IN (SELECT id FROM "failures")')
    counts[FAILURES.name] = _insert(con, FAILURES, stamps)
    cluster_events(con, [r[0] for r in run(con, """
        SELECT e.id FROM "_load_events" e JOIN "_load_articles" a ON a.id = e.article_id
        ORDER BY a.date NULLS LAST, a.origin NULLS LAST, a.id, e.sentence, e.trigger_start, e.id""")])
    link_claims(con, [r[0] for r in run(con, 'SELECT id FROM "_load_claims" ORDER BY id')])
    summary = WriteSummary(articles_new=counts["articles"], articles_skipped=seen - counts["articles"],
                           events=counts["events"], claims=counts["claims"],
                           failures=counts["failures"])
    run(con, f'INSERT INTO "runs" ({", ".join(RUNS.names)}) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [run_id, now, summary.articles_new, summary.articles_skipped, summary.events,
         summary.claims, summary.failures])
    for table in OUTPUT_TABLES:
        run(con, f'DROP TABLE IF EXISTS "_load_{table.name}"')
    return summary


def _stage(con: duckdb.DuckDBPyConnection, table: Table, found: dict[str, str | None], *,
           order: str) -> int:
    """Copy the table's Parquet rows, one per id, into a temporary table; return the rows read."""
    cols = ", ".join(f'"{c}"' for c in table.names)
    stage = f'"_load_{table.name}"'
    run(con, f"DROP TABLE IF EXISTS {stage}")
    source = found[table.name]
    if source is None:
        run(con, f'CREATE TEMP TABLE {stage} AS SELECT {cols} FROM "{table.name}" LIMIT 0')
        return 0
    run(con, f"CREATE TEMP TABLE {stage} AS SELECT {cols} FROM read_parquet({source}) "
             f"QUALIFY row_number() OVER (PARTITION BY id ORDER BY {order}) = 1")
    return int(scalar(con, f"SELECT count(*) FROM read_parquet({source})"))


def _insert(con: duckdb.DuckDBPyConnection, table: Table, stamps: dict[str, object]) -> int:
    """Insert the staged rows, stamped with this load's time and run; return how many."""
    kinds = dict(table.columns)
    names = ", ".join(f'"{c}"' for c in table.names)
    values = ", ".join(f"?::{kinds[c]}" if c in _STAMPED else f'"{c}"' for c in table.names)
    params = [stamps[c] for c in table.names if c in _STAMPED]
    run(con, f'INSERT INTO "{table.name}" ({names}) SELECT {values} FROM "_load_{table.name}"',
        params)
    return int(scalar(con, f'SELECT count(*) FROM "_load_{table.name}"'))
