"""What ``dotterel watch`` keeps between cycles: the ``feeds`` and ``feed_items`` tables.

A feed row holds its validators (ETag, Last-Modified) for conditional requests, when it was
last fetched, and its consecutive errors; at ``max_errors`` it is disabled (reported, no longer
fetched) until ``enable_feeds``. A feed item is marked in the transaction that stores its
article or its failure (``Store.write_batch(..., items=)``), so that no item is ever marked
seen without being stored or recorded as failed, whatever kills the process. The caller owns
every transaction."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb
import pyarrow as pa

from dotterel.store._schema import FEED_ITEMS, FEEDS
from dotterel.store._sql import run, unregister

# what becomes of a feed item: its article was stored, its text was stored already (from
# another URL), it failed for good, or it failed in a way that may pass (tried again next cycle)
ITEM_STATUSES = ("stored", "duplicate", "failed", "retry")
DONE_STATUSES = ("stored", "duplicate", "failed")


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed as the store knows it. ``disabled_at`` is set once it failed ``max_errors``
    times in a row."""

    url: str
    source: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetch_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_status: int | None = None
    consecutive_errors: int = 0
    last_error_code: str | None = None
    last_error: str | None = None
    items_seen: int = 0
    disabled_at: datetime | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


@dataclass(frozen=True, slots=True)
class ItemMark:
    """What became of one feed item (by canonical URL): ``status`` is one of
    ``ITEM_STATUSES``; ``article_id`` names its article (stored or duplicate), ``code`` its
    failure's code."""

    url: str
    feed_url: str
    status: str
    article_id: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """One fetch of a feed: its HTTP status (None when there was no answer), its error code
    and message when it failed, and, with ``validators``, the ETag and Last-Modified to send
    next time (set only once every new item of the feed is stored or recorded)."""

    url: str
    status: int | None = None
    error_code: str | None = None
    error: str | None = None
    validators: bool = False
    etag: str | None = None
    last_modified: str | None = None


def item_id(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:20]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def register(con: duckdb.DuckDBPyConnection, feeds: Sequence[tuple[str, str | None]]) -> None:
    """Add the feeds not yet known; a known feed takes the source name given now."""
    named = dict(feeds)
    rows = {"id": list(named), "source": list(named.values())}
    with _view(con, "_dotterel_feeds", pa.table(rows, schema=pa.schema(
            [("id", pa.string()), ("source", pa.string())]))) as view:
        run(con, 'INSERT INTO "feeds" (id, source, added_at, consecutive_errors, items_seen) '
                 f'SELECT id, source, ?::TIMESTAMP, 0, 0 FROM "{view}" '
                 "ON CONFLICT (id) DO UPDATE SET source = excluded.source", [_now()])


def states(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, FeedState]:
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    cols = ", ".join(f'"{c}"' for c in FEEDS.names)
    found = run(con, f'SELECT {cols} FROM "feeds" WHERE id IN (SELECT unnest(?::VARCHAR[]))',
                [wanted])
    out = {}
    for row in found:
        r = dict(zip(FEEDS.names, row))
        out[r["id"]] = FeedState(
            url=r["id"], source=r["source"], etag=r["etag"], last_modified=r["last_modified"],
            last_fetch_at=r["last_fetch_at"], last_ok_at=r["last_ok_at"],
            last_status=r["last_status"], consecutive_errors=r["consecutive_errors"] or 0,
            last_error_code=r["last_error_code"], last_error=r["last_error"],
            items_seen=r["items_seen"] or 0, disabled_at=r["disabled_at"])
    return out


def item_states(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, tuple[bool, int]]:
    """(done, attempts) of each of ``urls`` the store has marked: done when its status is one
    of ``DONE_STATUSES`` (not to be fetched again)."""
    ids = {item_id(u): u for u in urls}
    if not ids:
        return {}
    found = run(con, 'SELECT id, status, attempts FROM "feed_items" '
                     "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])
    return {ids[i]: (status in DONE_STATUSES, int(attempts or 0)) for i, status, attempts in found}


def retry_items(con: duckdb.DuckDBPyConnection, feeds: Iterable[str]) -> list[tuple[str, str, int]]:
    """(url, feed url, attempts) of the items of ``feeds`` marked to be tried again."""
    wanted = list(feeds)
    if not wanted:
        return []
    found = run(con, 'SELECT url, feed_id, attempts FROM "feed_items" WHERE status = \'retry\' '
                     "AND feed_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY first_seen_at, url",
                [wanted])
    return [(url, feed, int(n or 0)) for url, feed, n in found]


def known_articles(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    wanted = list(set(ids))
    if not wanted:
        return set()
    return {r[0] for r in run(con, 'SELECT id FROM "articles" '
                                   "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted])}


def mark_items(con: duckdb.DuckDBPyConnection, marks: Sequence[ItemMark]) -> None:
    """Record what became of each item; an item tried before counts one more attempt."""
    if not marks:
        return
    now = _now()
    latest = {item_id(m.url): m for m in marks}  # one row per item: the last word wins
    rows = [{"id": i, "url": m.url, "feed_id": m.feed_url, "status": _status(m.status),
             "article_id": m.article_id, "code": m.code, "attempts": 1, "first_seen_at": now,
             "updated_at": now} for i, m in latest.items()]
    cols = ", ".join(f'"{c}"' for c in FEED_ITEMS.names)
    with _view(con, "_dotterel_marks", pa.Table.from_pylist(rows, schema=FEED_ITEMS.arrow)) as view:
        run(con, f'INSERT INTO "feed_items" ({cols}) SELECT {cols} FROM "{view}" '
                 "ON CONFLICT (id) DO UPDATE SET status = excluded.status, "
                 "article_id = excluded.article_id, code = excluded.code, "
                 'attempts = "feed_items".attempts + 1, updated_at = excluded.updated_at')


@contextmanager
def _view(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[str]:
    """``table`` as a view DuckDB reads in bulk (row by row inserts take ~10 ms each)."""
    con.register(name, table)
    try:
        yield name
    finally:
        unregister(con, name)


def _status(status: str) -> str:
    if status not in ITEM_STATUSES:
        raise ValueError(f"unknown feed item status {status!r}; one of {ITEM_STATUSES}")
    return status


def update(con: duckdb.DuckDBPyConnection, updates: Sequence[FeedUpdate], *,
           max_errors: int) -> None:
    """Record one fetch of each feed: a success clears its errors (and, with ``validators``,
    keeps its new ETag and Last-Modified); a failure counts one more error, and the
    ``max_errors``-th in a row disables the feed."""
    now = _now()
    for u in updates:
        if u.error_code is None:
            run(con, 'UPDATE "feeds" SET last_fetch_at = ?, last_ok_at = ?, last_status = ?, '
                     "consecutive_errors = 0, last_error_code = NULL, last_error = NULL, "
                     "etag = CASE WHEN ? THEN ? ELSE etag END, "
                     "last_modified = CASE WHEN ? THEN ? ELSE last_modified END WHERE id = ?",
                [now, now, u.status, u.validators, u.etag, u.validators, u.last_modified, u.url])
        else:
            run(con, 'UPDATE "feeds" SET last_fetch_at = ?, last_status = ?, '
                     "consecutive_errors = consecutive_errors + 1, last_error_code = ?, "
                     "last_error = ?, disabled_at = CASE WHEN consecutive_errors + 1 >= ? "
                     "THEN coalesce(disabled_at, ?) ELSE disabled_at END WHERE id = ?",
                [now, u.status, u.error_code, u.error, max_errors, now, u.url])
    if updates:
        run(con, 'UPDATE "feeds" SET items_seen = (SELECT count(*) FROM "feed_items" i '
                 "WHERE i.feed_id = feeds.id AND i.status <> 'retry') "
                 "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [[u.url for u in updates]])


def enable(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> None:
    """Clear the errors of these feeds (disabled ones are fetched again)."""
    wanted = list(urls)
    if wanted:
        run(con, 'UPDATE "feeds" SET consecutive_errors = 0, disabled_at = NULL '
                 "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted])
