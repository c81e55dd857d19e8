"""The articles stored since a time, newest first, each with its events and claims: what the
API's ``/api/articles?since=`` and the dashboard's Latest page show."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import duckdb

from dotterel.errors import QueryError
from dotterel.query import _rows
from dotterel.query._types import Page
from dotterel.records import Article, Claim, Event


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article with when it was stored (ISO, UTC) and its events and claims, in text order."""

    article: Article
    stored_at: str
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]


def articles(con: duckdb.DuckDBPyConnection, *, since: datetime | date | str,
             limit: int = 50, offset: int = 0) -> Page[StoredArticle]:
    """The articles stored at ``since`` or later (a datetime, with or without a time zone;
    without one it is UTC; a date is its midnight), newest first. Raises ``QueryError``
    [E401]."""
    _rows.check_page(limit, offset)
    start = as_utc(since)
    total = int(_rows.run(con, "SELECT count(*) FROM articles WHERE ingested_at >= ?",
                          [start])[0][0])
    found = _rows.fetch(con, "SELECT * FROM articles WHERE ingested_at >= ? "
                             "ORDER BY ingested_at DESC, id LIMIT ? OFFSET ?",
                        [start, limit, offset])
    ids = [r["id"] for r in found]
    events = _children(con, "events", "trigger_start", ids)
    claims = _children(con, "claims", "content_start", ids)
    items = tuple(StoredArticle(
        article=_rows.article(r), stored_at=r["ingested_at"],
        events=tuple(map(_rows.event, events.get(r["id"], []))),
        claims=tuple(map(_rows.claim, claims.get(r["id"], [])))) for r in found)
    return Page(items=items, total=total, limit=limit, offset=offset)


def _children(con: duckdb.DuckDBPyConnection, table: str, order: str,
              ids: list[str]) -> dict[str, list[_rows.Row]]:
    if not ids:
        return {}
    out: dict[str, list[_rows.Row]] = {}
    for row in _rows.fetch(con, f'SELECT * FROM "{table}" WHERE article_id IN '
                                f"(SELECT unnest(?::VARCHAR[])) ORDER BY article_id, {order}, id",
                           [ids]):
        out.setdefault(row["article_id"], []).append(row)
    return out


def as_utc(value: datetime | date | str) -> datetime:
    """A time as naive UTC (how the store keeps ``ingested_at``). A string is ISO 8601: a date,
    or a date and time with an optional offset. Raises ``QueryError`` [E401]."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise QueryError(f"since must be a time as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z], "
                             f"got {value!r}") from None
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:
        raise QueryError(f"since is out of range: {value.isoformat()}") from None
