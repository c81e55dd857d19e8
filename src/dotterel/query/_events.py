"""Events filtered by actor, recipient, PLOVER type, CAMEO prefix and date range, a page at a
time."""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from dotterel.query import _rows
from dotterel.store._queries import event_source
from dotterel.query._types import Page, StoredEvent

ORDER = "e.event_date NULLS LAST, e.article_id, e.sentence, e.trigger_start, e.id"


def events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None,
           recipient: str | None = None, type: str | None = None,  # noqa: A002
           cameo: str | None = None, since: date | None = None, until: date | None = None,
           undirected: bool = False, article_id: str | None = None, limit: int = 100,
           offset: int = 0, mentions: bool = False) -> Page[StoredEvent]:
    """Events matching every filter, oldest first (undated last). Codes match in any case;
    ``type`` is a PLOVER type, ``cameo`` a CAMEO code prefix; ``undirected`` also matches
    actor and recipient the other way round. One row per real-world event (a cluster of
    reports, shown by its first report), or per report with ``mentions``."""
    _rows.check_page(limit, offset)
    where, params = _where(actor=actor, recipient=recipient, undirected=undirected)
    for clause, value in (("upper(e.plover_type) = upper(?)", type),
                          ("starts_with(e.cameo, ?)", cameo), ("e.event_date >= ?", since),
                          ("e.event_date <= ?", until), ("e.article_id = ?", article_id)):
        if value is not None and value != "":
            where.append(clause)
            params.append(value)
    sql_where = " AND ".join(where)
    source = event_source(mentions=mentions or article_id is not None)
    total = con.execute(f"SELECT count(*) FROM {source} e WHERE {sql_where}", params).fetchall()
    rows = _rows.fetch(
        con, f"SELECT e.*, a.title AS article_title, a.date AS article_date FROM {source} e "
        f"JOIN articles a ON a.id = e.article_id WHERE {sql_where} ORDER BY {ORDER} "
        "LIMIT ? OFFSET ?", [*params, limit, offset])
    items = tuple(StoredEvent(event=_rows.event(r), article=_rows.article_ref(r)) for r in rows)
    return Page(items=items, total=int(total[0][0]), limit=limit, offset=offset)


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
