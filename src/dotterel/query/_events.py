"""Events filtered by actor, recipient, PLOVER type, CAMEO prefix and date range, a page at a
time; one row per real-world event (a cluster of reports) or per report."""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from dotterel.query import _rows
from dotterel.query._types import Page, StoredEvent

ORDER = "e.event_date NULLS LAST, e.article_id, e.sentence, e.trigger_start, e.id"


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
           cameo: str | None = None, since: date | str | None = None,
           until: date | str | None = None, undirected: bool = False,
           article_id: str | None = None, limit: int = 100, offset: int = 0,
           mentions: bool = False) -> Page[StoredEvent]:
    """Events matching every filter, oldest first (undated last). Codes match in any case;
    ``type`` is a PLOVER type, ``cameo`` a CAMEO code prefix; ``since`` and ``until`` are
    inclusive dates (``YYYY-MM-DD`` strings or dates); ``undirected`` also matches actor and
    recipient the other way round. One row per real-world event (a cluster of reports, shown
    by its first report, with the cluster's counts), or per report with ``mentions``.
    Raises ``QueryError`` [E401] for a malformed date or a page out of range."""
    _rows.check_page(limit, offset)
    where, params = _where(actor=actor, recipient=recipient, undirected=undirected)
    for clause, value in (("upper(e.plover_type) = upper(?)", type),
                          ("starts_with(e.cameo, ?)", cameo),
                          ("e.event_date >= ?", _rows.as_date(since, "since")),
                          ("e.event_date <= ?", _rows.as_date(until, "until")),
                          ("e.article_id = ?", article_id)):
        if value is not None and value != "":
            where.append(clause)
            params.append(value)
    sql_where = " AND ".join(where)
    source = event_source(mentions=mentions or article_id is not None)
    total = con.execute(f"SELECT count(*) FROM {source} e WHERE {sql_where}", params).fetchall()
    rows = _rows.fetch(
        con, f"SELECT e.*, a.title AS article_title, a.date AS article_date, "
        f"a.input_id AS article_input_id FROM {source} e "
        f"JOIN articles a ON a.id = e.article_id WHERE {sql_where} ORDER BY {ORDER} "
        "LIMIT ? OFFSET ?", [*params, limit, offset])
    items = tuple(_stored(r) for r in rows)
    return Page(items=items, total=int(total[0][0]), limit=limit, offset=offset)


def _stored(row: _rows.Row) -> StoredEvent:
    return StoredEvent(event=_rows.event(row), article=_rows.article_ref(row),
                       cluster_id=row.get("cluster_id"), num_mentions=row["num_mentions"],
                       num_articles=row["num_articles"], num_sources=row["num_sources"])


def _where(*, actor: str | None, recipient: str | None,
           undirected: bool) -> tuple[list[str], list[Any]]:
    pairs = [("e.actor_code", actor), ("e.recipient_code", recipient)]
    forward = [(f"upper({col}) = upper(?)", v) for col, v in pairs if v]
    if not forward:
        return ["TRUE"], []
    clause = " AND ".join(c for c, _ in forward)
    params: list[Any] = [v for _, v in forward]
    if not undirected:
        return [clause], params
    backward = [(f"upper({col}) = upper(?)", v) for col, (_, v) in
                zip(("e.recipient_code", "e.actor_code"), pairs) if v]
    clause = f"(({clause}) OR ({' AND '.join(c for c, _ in backward)}))"
    return [clause], params + [v for _, v in backward]
