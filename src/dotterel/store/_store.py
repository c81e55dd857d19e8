"""``Store``: the DuckDB file, opened once, with its schema checked or created."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from dotterel.errors import E301, E302, StoreError
from dotterel.records import ArticleResult, Failure
from dotterel.store import _clusters, _queries, _schema, _writer
from dotterel.store._queries import ExportFormat
from dotterel.store._writer import WriteSummary

log = logging.getLogger(__name__)
MEMORY = ":memory:"


class Store:
    """A dotterel store in one DuckDB file (``":memory:"`` for a throwaway one).

    Raises ``StoreError`` [E301] when the file cannot be opened: locked by another process, not
    a DuckDB file, not a dotterel store, or written by a newer dotterel.

    ``cluster_window_days`` (default 1, kept in the store) is how many days apart two reports of
    one event may be dated; it applies to the batches written from then on."""

    def __init__(self, path: str | Path = "dotterel.duckdb", *, read_only: bool = False,
                 cluster_window_days: int | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con = _connect(self.path, read_only=read_only)
        try:
            self.schema_version = _schema.ensure(self._con, path=self.path, read_only=read_only)
            if not read_only:
                self._prepare_clusters(cluster_window_days)
        except BaseException:
            self._con.close()
            raise

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
        self._con.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, for named queries (``dotterel.query``)."""
        return self._con

    def write_batch(self, results: Sequence[ArticleResult],
                    failures: Sequence[Failure] = ()) -> WriteSummary:
        """Store a batch in one transaction. Articles already stored (by id) and repeats within
        the batch are skipped; failures are kept once per (origin, line, code). On any error
        nothing of the batch is kept and ``StoreError`` [E302] is raised."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it without read_only to write",
                             code=E302)
        self._con.begin()
        try:
            summary = _writer.write_batch(self._con, results, failures)
            self._con.commit()
        except Exception as exc:
            self._con.rollback()
            raise StoreError(f"writing a batch of {len(results)} articles to {self.path} failed, "
                             f"nothing of it was stored: {exc}", code=E302) from exc
        log.debug("stored %s", summary)
        return summary

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               type: str | None = None,  # noqa: A002 - the CLI's name for it
               since: str | date | None = None, until: str | date | None = None,
               limit: int | None = None, mentions: bool = False) -> list[dict[str, Any]]:
        """Events filtered by actor/recipient code (any case), PLOVER type or CAMEO prefix, and
        an inclusive ISO date range on ``event_date``: one row per event cluster (a real-world
        event, with ``num_mentions``, ``num_articles``, ``num_sources``), or with ``mentions``
        one row per report."""
        return _queries.events(self._con, actor=actor, recipient=recipient, type=type,
                               since=since, until=until, limit=limit, mentions=mentions)

    def claims(self, *, speaker: str | None = None, stance: str | None = None,
               about: str | None = None, disputed: bool = False, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Claims filtered by speaker code (any case), stance, free text and disputed threads."""
        return _queries.claims(self._con, speaker=speaker, stance=stance, about=about,
                               disputed=disputed, limit=limit, offset=offset)

    def claim_thread(self, ident: str) -> dict[str, Any] | None:
        """The thread of a claim (or thread id) as a timeline, or None."""
        return _queries.claim_thread(self._con, ident)

    def counts(self) -> dict[str, int]:
        """Rows in articles, events, claims and failures."""
        return _queries.counts(self._con)

    def export(self, fmt: ExportFormat, out: str | Path) -> list[Path]:
        """Write each table to the directory ``out`` as ``<table>.parquet``, ``.csv`` or
        ``.jsonl``, or (``gdelt``) GDELT 2.0's event and mentions tables; return the files. Raises ``StoreError`` [E302] when a file cannot be written."""
        try:
            return _queries.export(self._con, fmt, Path(out))
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"exporting {self.path} as {fmt} to {out} failed: {exc}",
                             code=E302) from exc


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
        raise StoreError(_open_message(path, exc), code=E301) from exc


def _open_message(path: str, exc: Exception) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return (f"cannot open {path}: another process is using it ({text}). Wait for that "
                "process to finish or stop it, then try again")
    if "not a valid duckdb" in text.lower() or "database file" in text.lower():
        return (f"cannot open {path}: it is not a DuckDB database, or one written by an "
                f"incompatible DuckDB version ({text}). Pass another path, or move the file away")
    return f"cannot open {path}: {text}. Check the path and its permissions"
