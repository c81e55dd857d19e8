"""One article: its text, and its events and claims with their offsets into that text."""
from __future__ import annotations

import duckdb

from dotterel.errors import NotFound
from dotterel.query import _rows
from dotterel.query._types import ArticleView


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> ArticleView:
    """The article whose id (or, failing that, input id) is ``article_id``, with its events
    and claims in text order. Raises ``NotFound`` [E404]."""
    found = _rows.fetch(con, "SELECT * FROM articles WHERE id = ? UNION ALL "
                        "(SELECT * FROM articles WHERE input_id = ? ORDER BY id LIMIT 1)",
                        [article_id, article_id])
    if not found:
        raise NotFound(f"no article with id {article_id!r}; list articles through /api/events "
                       "or the claims search")
    row = found[0]
    events = _rows.fetch(con, "SELECT * FROM events WHERE article_id = ? "
                         "ORDER BY trigger_start, id", [row["id"]])
    claims = _rows.fetch(con, "SELECT * FROM claims WHERE article_id = ? "
                         "ORDER BY content_start, id", [row["id"]])
    return ArticleView(article=_rows.article(row), events=tuple(map(_rows.event, events)),
                       claims=tuple(map(_rows.claim, claims)))
