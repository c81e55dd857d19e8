"""``Store``: the DuckDB file, opened once, with its schema checked or created."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import duckdb

from dotterel.errors import E301, E302, StoreError
from dotterel.records import ArticleResult, Failure
from dotterel.store import _clusters, _feeds, _schema, _writer
from dotterel.store._feeds import FeedState, FeedUpdate, ItemMark
from dotterel.store._lock import WriterGate, check_gate, duckdb_busy, open_waiting
from dotterel.store._writer import WriteSummary

log = logging.getLogger(__name__)
MEMORY = ":memory:"
T = TypeVar("T")


class Store:
    """A dotterel store in one DuckDB file (``":memory:"`` for a throwaway one). The store
    writes every row (``write_batch`` for coded records, ``write_parquet`` for what
    ``dotterel spark`` wrote, both through one routine); ``dotterel.query`` reads them
    through ``connection``.

    Raises ``StoreError`` [E301] when the file cannot be opened: not a DuckDB file, not a
    dotterel store, written by a newer dotterel, or held by another process.

    One process at a time may write the file, and none may read it meanwhile (see
    ``store/_lock.py``). ``lock_timeout``: how many seconds to wait for a process that holds it
    (0: do not wait); ``on_wait`` is told once, in words, that the store is waiting.

    ``cluster_window_days`` (default 1, kept in the store) is how many days apart two reports of
    one event may be dated; it applies to the batches written from then on."""

    def __init__(self, path: str | Path = "dotterel.duckdb", *, read_only: bool = False,
                 cluster_window_days: int | None = None, lock_timeout: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._gate = None if read_only or self.path == MEMORY else WriterGate(self.path)
        try:
            self._con = open_waiting(self._open_once, db=self.path, timeout=lock_timeout,
                                     on_wait=on_wait)
        except BaseException:
            self._release()
            raise
        try:
            self.schema_version = _schema.ensure(self._con, path=self.path, read_only=read_only)
            if not read_only:
                self._prepare_clusters(cluster_window_days)
        except BaseException:
            self.close()
            raise

    def _open_once(self) -> duckdb.DuckDBPyConnection:
        if self._gate is not None:
            self._gate.acquire()  # held while waiting for the readers already in
        elif self.read_only and self.path != MEMORY:
            check_gate(self.path)  # a writer is in or waiting: let it go first
        return _connect(self.path, read_only=self.read_only)

    def _release(self) -> None:
        if self._gate is not None:
            self._gate.release()

    def _prepare_clusters(self, window_days: int | None) -> None:
        """Record the cluster window, and cluster the events of a store migrated from schema 2."""
        self._con.begin()
        try:
            if window_days is not None:
                _clusters.set_window_days(self._con, window_days)
            _clusters.cluster_unassigned(self._con)
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._con.close()
        finally:
            self._release()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, for named queries (``dotterel.query``)."""
        return self._con

    def write_batch(self, results: Sequence[ArticleResult],
                    failures: Sequence[Failure] = (), *,
                    items: Sequence[ItemMark] = ()) -> WriteSummary:
        """Store a batch in one transaction. Articles already stored (by id) and repeats within
        the batch are skipped; failures are kept once per (origin, line, code). ``items``: the
        feed items the batch came from, marked in the same transaction (``dotterel watch``).
        On any error nothing of the batch is kept and ``StoreError`` [E302] is raised."""
        def write() -> WriteSummary:
            summary = _writer.write_batch(self._con, results, failures)
            _feeds.mark_items(self._con, items)
            return summary
        return self._write(write, f"a batch of {len(results)} articles")

    # --- the feeds that dotterel watch follows (store/_feeds.py); the reads here are the
    # watch job's own bookkeeping, as the writer's are (surfaces read through dotterel.query)

    def register_feeds(self, feeds: Sequence[tuple[str, str | None]]) -> dict[str, FeedState]:
        """Add the feeds (url, source name) not known yet; return the state of each."""
        self._write(lambda: _feeds.register(self._con, feeds), "the feeds")
        return _feeds.states(self._con, (url for url, _ in feeds))

    def update_feeds(self, updates: Sequence[FeedUpdate], failures: Sequence[Failure] = (), *,
                     max_errors: int) -> None:
        """Record a cycle's fetch of each feed, and the failures of the feeds that failed, in
        one transaction; see ``_feeds.update``."""
        def write() -> None:
            if failures:
                _writer.write_batch(self._con, [], failures)
            _feeds.update(self._con, updates, max_errors=max_errors)
        self._write(write, "the feeds' state")

    def enable_feeds(self, urls: Iterable[str]) -> None:
        """Clear the errors of these feeds, so that disabled ones are fetched again."""
        self._write(lambda: _feeds.enable(self._con, urls), "the feeds' state")

    def feed_states(self, urls: Iterable[str]) -> dict[str, FeedState]:
        """The state of each of these feeds that the store knows."""
        return _feeds.states(self._con, urls)

    def item_states(self, urls: Iterable[str]) -> dict[str, tuple[bool, int]]:
        """(done, attempts) of each feed item (by canonical URL) already marked; a done item
        is stored or failed for good, one not done is to be tried again."""
        return _feeds.item_states(self._con, urls)

    def retry_items(self, feeds: Iterable[str]) -> list[tuple[str, str, int]]:
        """(url, feed url, attempts) of the items of these feeds to be tried again."""
        return _feeds.retry_items(self._con, feeds)

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are stored articles."""
        return _feeds.known_articles(self._con, ids)

    def write_parquet(self, files: Mapping[str, Iterable[str | Path]]) -> WriteSummary:
        """Store Parquet files in the store's layout (``dotterel spark``'s output: files for
        some of ``articles``, ``events``, ``claims``, ``places``, ``failures``, by table name)
        in one transaction, as ``write_batch`` stores records: the same skipping of stored
        articles, the same clusters and threads. Raises ``StoreError`` [E302] as it does."""
        return self._write(lambda: _writer.write_parquet(self._con, files), "the Parquet files")

    def _write(self, write: Callable[[], T], what: str) -> T:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it without read_only to write",
                             code=E302)
        self._con.begin()
        try:
            summary = write()
            self._con.commit()
        except Exception as exc:
            self._con.rollback()
            raise StoreError(f"writing {what} to {self.path} failed, nothing of it was stored: "
                             f"{exc}. Run it again; if it fails again, report it", code=E302) from exc
        log.debug("stored %s", summary)
        return summary


def _connect(path: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path != MEMORY:
        file = Path(path)
        if read_only and not file.exists():
            raise StoreError(f"no database at {path}; check the path, or write to it first",
                             code=E301)
        if not read_only:
            file.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(path, read_only=read_only,
                              config={"autoinstall_known_extensions": False})
    except duckdb.Error as exc:
        busy = duckdb_busy(exc)
        if busy is not None:
            raise busy from exc
        raise StoreError(_open_message(path, exc), code=E301) from exc


def _open_message(path: str, exc: Exception) -> str:
    text = str(exc)
    if "not a valid duckdb" in text.lower() or "database file" in text.lower():
        return (f"cannot open {path}: it is not a DuckDB database, or one written by an "
                f"incompatible DuckDB version ({text}). Pass another path, or move the file away")
    return f"cannot open {path}: {text}. Check the path and its permissions"
