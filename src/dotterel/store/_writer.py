"""Every write of coded articles goes through ``write_staged``: ``dotterel ingest`` (records, as
Arrow tables) and ``dotterel load`` (Spark's Parquet files) only differ in where the rows come
from. For a batch, in the caller's transaction, it

1. stages each input table in a temporary table, one row per id (the first in input order),
   leaving out articles already stored and the events, claims and places of articles that are
   not new, and failures already recorded;
2. inserts the staged rows, stamped with this batch's run id and time;
3. clusters the new events (``_clusters``), in input order: by article, then sentence and
   trigger offset; and threads the new claims (``_threads``);
4. records the batch in ``runs``.

The input order of records is the order they arrive in; Parquet files carry no order, so their
articles are taken by origin (file, then line number, then part), the order ``ingest`` reads them.
DuckDB reads Arrow and Parquet itself, orders of magnitude faster than row-by-row inserts."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dotterel.contract import place_level
from dotterel.records import Actor, ArticleResult, Claim, Event, Failure, Place
from dotterel.store._clusters import cluster_events
from dotterel.store._schema import ARTICLES, CLAIMS, EVENTS, FAILURES, PLACES, RUNS, Table
from dotterel.store._sql import run, scalar, unregister
from dotterel.store._threads import link_claims

# The tables a batch brings (``write_staged``'s inputs, the tables ``dotterel spark`` writes).
STAGED_TABLES: tuple[Table, ...] = (ARTICLES, EVENTS, CLAIMS, PLACES, FAILURES)
_STAMPED = ("ingested_at", "recorded_at", "run_id")  # set by the store when it writes the batch
SEQ = "_seq"  # the input order of a staged row
_ARRIVAL = "_arrival"  # the order records arrived in, a column of their Arrow tables
# Parquet's input order: origin "file:line" (JSONL), "file" (text) or "file#id" (Parquet input),
# then the part number of an article stored as parts ("... (part k of n)"), then id.
PARQUET_ORDER = (
    r"regexp_replace(coalesce(origin, ''), ':[0-9]+$', ''), "
    r"TRY_CAST(regexp_extract(coalesce(origin, ''), ':([0-9]+)$', 1) AS BIGINT) NULLS FIRST, "
    r"TRY_CAST(regexp_extract(coalesce(title, ''), '\(part ([0-9]+) of [0-9]+\)$', 1) AS INTEGER)"
    r" NULLS FIRST, id")
FAILURE_ORDER = "origin, line NULLS FIRST, code, id"


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one batch stored. ``articles_skipped`` counts articles already stored and repeats
    within the batch; ``failures`` counts the failures not recorded before."""

    articles_new: int
    articles_skipped: int
    events: int
    claims: int
    failures: int


@dataclass(frozen=True, slots=True)
class Source:
    """Where a staged table's rows come from: a relation DuckDB can select from (a registered
    Arrow table, ``read_parquet([...])``) with the table's columns, and the SQL order of its
    rows that is the input order."""

    relation: str
    order: str


# --- the one routine -----------------------------------------------------------------------

def write_staged(con: duckdb.DuckDBPyConnection, sources: Mapping[str, Source]) -> WriteSummary:
    """Store one batch, given a ``Source`` for some of ``STAGED_TABLES`` (by name; a missing
    one is empty). The caller owns the transaction. Raises ``duckdb.Error`` on an id that
    clashes with a stored row of another article (the caller rolls back)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    run_id = int(scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM runs"))
    seen = _stage_articles(con, sources.get(ARTICLES.name))
    for table in (EVENTS, CLAIMS, PLACES):
        _stage_children(con, table, sources.get(table.name))
    _stage_failures(con, sources.get(FAILURES.name))
    stamps = {"ingested_at": now, "recorded_at": now, "run_id": run_id}
    counts = {t.name: _insert(con, t, stamps) for t in STAGED_TABLES}
    cluster_events(con, [r[0] for r in run(
        con, f'SELECT id FROM "{_staged(EVENTS)}" ORDER BY {SEQ}')])
    link_claims(con, [r[0] for r in run(
        con, f'SELECT id FROM "{_staged(CLAIMS)}" ORDER BY {SEQ}')])
    for table in STAGED_TABLES:  # on an error, the caller's rollback drops them
        run(con, f'DROP TABLE IF EXISTS "{_staged(table)}"')
    summary = WriteSummary(articles_new=counts[ARTICLES.name],
                           articles_skipped=seen - counts[ARTICLES.name],
                           events=counts[EVENTS.name], claims=counts[CLAIMS.name],
                           failures=counts[FAILURES.name])
    run(con, f'INSERT INTO "runs" ({", ".join(RUNS.names)}) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [run_id, now, summary.articles_new, summary.articles_skipped, summary.events,
         summary.claims, summary.failures])
    return summary


def _staged(table: Table) -> str:
    return f"_dotterel_stage_{table.name}"


def _cols(table: Table, alias: str = "") -> str:
    return ", ".join(f'{alias}"{c}"' for c in table.names)


def _empty(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    run(con, f'CREATE OR REPLACE TEMP TABLE "{_staged(table)}" AS SELECT {_cols(table)}, '
             f'0::BIGINT AS {SEQ} FROM "{table.name}" LIMIT 0')


def _stage_articles(con: duckdb.DuckDBPyConnection, source: Source | None) -> int:
    """Stage the new articles, numbered in input order; return how many the input held."""
    if source is None:
        _empty(con, ARTICLES)
        return 0
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE "{_staged(ARTICLES)}" AS
        SELECT {_cols(ARTICLES, 'x.')}, x.{SEQ} FROM (
            SELECT *, row_number() OVER (ORDER BY {source.order}) AS {SEQ}
            FROM {source.relation}) x
        WHERE NOT EXISTS (SELECT 1 FROM "articles" s WHERE s.id = x.id)
        QUALIFY row_number() OVER (PARTITION BY x.id ORDER BY x.{SEQ}) = 1""")
    return int(scalar(con, f"SELECT count(*) FROM {source.relation}"))


def _stage_children(con: duckdb.DuckDBPyConnection, table: Table, source: Source | None) -> None:
    """Stage the rows of the new articles, one per id, numbered by article, then text order."""
    if source is None:
        _empty(con, table)
        return
    within = {"events": "x.sentence, x.trigger_start, x.id",
              "claims": "x.sentence, x.content_start, x.id"}.get(table.name, "x.id")
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE "{_staged(table)}" AS
        SELECT {_cols(table, 'x.')}, row_number() OVER (ORDER BY a.{SEQ}, {within}) AS {SEQ}
        FROM {source.relation} x JOIN "{_staged(ARTICLES)}" a ON a.id = x.article_id
        QUALIFY row_number() OVER (PARTITION BY x.id ORDER BY a.{SEQ}, {within}) = 1""")


def _stage_failures(con: duckdb.DuckDBPyConnection, source: Source | None) -> None:
    if source is None:
        _empty(con, FAILURES)
        return
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE "{_staged(FAILURES)}" AS
        SELECT {_cols(FAILURES, 'x.')}, row_number() OVER (ORDER BY {source.order}) AS {SEQ}
        FROM {source.relation} x
        WHERE NOT EXISTS (SELECT 1 FROM "failures" s WHERE s.id = x.id)
        QUALIFY row_number() OVER (PARTITION BY x.id ORDER BY {source.order}) = 1""")


def _insert(con: duckdb.DuckDBPyConnection, table: Table, stamps: Mapping[str, Any]) -> int:
    """Insert the staged rows of ``table``, stamped with this batch's run and time; return how
    many. An id already stored (by another article) fails the statement."""
    kinds = dict(table.columns)
    values = ", ".join(f"?::{kinds[c]}" if c in _STAMPED else f'"{c}"' for c in table.names)
    params = [stamps[c] for c in table.names if c in _STAMPED]
    run(con, f'INSERT INTO "{table.name}" ({_cols(table)}) SELECT {values} '
             f'FROM "{_staged(table)}" ORDER BY {SEQ}', params)
    return int(scalar(con, f'SELECT count(*) FROM "{_staged(table)}"'))


# --- records in ----------------------------------------------------------------------------

def write_batch(con: duckdb.DuckDBPyConnection, results: Sequence[ArticleResult],
                failures: Sequence[Failure]) -> WriteSummary:
    """Store coded records: the articles in the order given (the first of repeats wins) and
    the failures. The caller owns the transaction."""
    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in STAGED_TABLES}
    first: set[str] = set()
    for r in results:
        if r.article.id in first:  # a repeat: counted, and its rows are the first one's
            tables[ARTICLES.name].append(_article_row(r))
            continue
        first.add(r.article.id)
        for name, row in record_rows(r):
            tables[name].append(row)
    for f in failures:
        tables[FAILURES.name].append(failure_row(f))
    views = []
    try:
        sources = {}
        for table in STAGED_TABLES:
            rows = tables[table.name]
            data = pa.Table.from_pylist(rows, schema=table.arrow).append_column(
                _ARRIVAL, pa.array(range(len(rows)), pa.int64()))
            view = f"_dotterel_in_{table.name}"
            con.register(view, data)
            views.append(view)
            sources[table.name] = Source(relation=f'"{view}"', order=_ARRIVAL)
        summary = write_staged(con, sources)
    finally:
        for view in views:
            unregister(con, view)
    return summary


def record_rows(item: ArticleResult | Failure) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table name, row) for one coded article or failure, in the store's column layout; what
    the store stamps when it writes the batch (``run_id``, times, clusters, threads) is empty.
    ``dotterel spark`` writes these rows to Parquet."""
    if isinstance(item, Failure):
        yield FAILURES.name, failure_row(item)
        return
    yield ARTICLES.name, _article_row(item)
    for e in item.events:
        yield EVENTS.name, event_row(e, article_id=item.article.id, article_date=item.article.date)
    for c in item.claims:
        yield CLAIMS.name, _claim_row(c, article_id=item.article.id)
    for row in _place_rows(item):
        yield PLACES.name, row


def _iso_date(value: str | None) -> date | None:
    """``yyyy-mm-dd`` (a time after it is ignored) as a date; anything else is no date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article_row(r: ArticleResult) -> dict[str, Any]:
    a = r.article
    return {"id": a.id, "input_id": a.input_id, "title": a.title, "date": _iso_date(a.date),
            "source": a.source, "url": a.url, "origin": a.origin, "text": a.text,
            "body_start": a.body_start, "language": r.language, "n_events": len(r.events),
            "n_claims": len(r.claims), "ingested_at": None, "run_id": None}


def _actor(role: str, actor: Actor | None) -> dict[str, Any]:
    a = actor or Actor(text="", code=None)
    present = actor is not None
    return {f"{role}_text": a.text if present else None, f"{role}_code": a.code,
            f"{role}_sector": a.sector, f"{role}_name": a.name, f"{role}_kind": a.kind,
            f"{role}_start": a.start, f"{role}_end": a.end}


def _location(place: Place | None) -> dict[str, Any]:
    p = place or Place(name="", country=None, lat=None, lon=None)
    return {"location_name": p.name if place else None, "location_country": p.country,
            "location_lat": p.lat, "location_lon": p.lon, "location_geonameid": p.geonameid,
            "location_feature": p.feature,
            "location_level": place_level(place) if place else None}


def event_row(e: Event, *, article_id: str, article_date: str | None = None) -> dict[str, Any]:
    """One event as a row of the ``events`` table (its date, else the article's); its
    cluster is the store's to set."""
    return {"id": e.id, "article_id": article_id, "sentence": e.sentence,
            "sentence_text": e.sentence_text, "sentence_start": e.sentence_start,
            "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
            **_actor("actor", e.actor), **_actor("recipient", e.recipient),
            "cameo": e.cameo, "cameo_root": e.cameo[:2] or None, "plover_type": e.plover_type,
            "plover_mode": e.plover_mode, "goldstein": e.goldstein, "quad_class": e.quad_class,
            **_location(e.location), "negated": e.negated, "hypothetical": e.hypothetical,
            "confidence": e.confidence, "event_date": _iso_date(e.date or article_date),
            "reported_by": e.reported_by, "cluster_id": None}


def _claim_row(c: Claim, *, article_id: str) -> dict[str, Any]:
    return {"id": c.id, "article_id": article_id, "sentence": c.sentence,
            **_actor("speaker", c.speaker), "cue": c.cue, "cue_start": c.cue_start,
            "content": c.content, "content_start": c.content_start,
            "content_end": c.content_end, "stance": c.stance, "responds_to": c.responds_to,
            "about": " ".join(c.about) or None, "thread_id": None}


def _place_rows(r: ArticleResult) -> list[dict[str, Any]]:
    return [{"id": f"{r.article.id}:{n}", "article_id": r.article.id, "name": p.name,
             "country": p.country, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
             "feature": p.feature, "start_char": p.start, "end_char": p.end,
             "level": place_level(p)}
            for n, p in enumerate(r.places)]


def failure_id(f: Failure) -> str:
    """Failures are the same when origin, line and code are: their id is a hash of the three."""
    raw = f"{f.origin}\x1f{'' if f.line is None else f.line}\x1f{f.code}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def failure_row(f: Failure) -> dict[str, Any]:
    return {"id": failure_id(f), "origin": f.origin, "line": f.line, "code": f.code,
            "message": f.message, "recorded_at": None, "run_id": None}


# --- Parquet in ----------------------------------------------------------------------------

def write_parquet(con: duckdb.DuckDBPyConnection,
                  files: Mapping[str, Iterable[str | Path]]) -> WriteSummary:
    """Store the Parquet files of each of ``STAGED_TABLES`` (by name) as one batch; DuckDB
    reads them itself, no row passes through Python. The caller owns the transaction."""
    sources = {}
    for table in STAGED_TABLES:
        parts = sorted(str(p) for p in files.get(table.name, ()))
        if parts:
            listed = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in parts) + "]"
            order = {ARTICLES.name: PARQUET_ORDER, FAILURES.name: FAILURE_ORDER}.get(
                table.name, "id")
            sources[table.name] = Source(relation=f"read_parquet({listed})", order=order)
    return write_staged(con, sources)
