"""Read, code and store: the ``ingest`` job, in transactional batches."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotterel.errors import E108
from dotterel.records import ArticleResult, Failure

# How long each batch waits for a database that another process holds (``dotterel serve``
# answering a request, another ``ingest``); then the job stops with StoreError [E301].
LOCK_TIMEOUT_S = 60.0


@dataclass(slots=True)
class IngestSummary:
    articles_seen: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    events: int = 0
    claims: int = 0
    failures: int = 0
    not_english: int = 0  # of the failures, the articles skipped as not English [E108]
    failure_samples: list[Failure] = field(default_factory=list)
    seconds: float = 0.0  # the whole job: read, code, store
    store_seconds: float = 0.0  # of which in the store: opening it, write_batch, closing it


def _batches(items: Iterable[ArticleResult | Failure], size: int, *,
             max_events: int | None = None
             ) -> Iterator[tuple[list[ArticleResult], list[Failure]]]:
    """Batches of at most ``size`` articles, and (but for a single article) at most
    ``max_events`` events, with the failures met on the way."""
    results: list[ArticleResult] = []
    failures: list[Failure] = []
    events = 0
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if results and max_events is not None and events + len(item.events) > max_events:
            yield results, failures
            results, failures, events = [], [], 0
        results.append(item)
        events += len(item.events)
        if len(results) >= size:
            yield results, failures
            results, failures, events = [], [], 0
    if results or failures:
        yield results, failures


# Articles per transaction. Calibrated with bench/speed.py: the store links each batch to what
# it holds (event clusters, claim threads), and at 64 that took 10% of ingest time, at 256 under 5%.
BATCH = 256
# Events per transaction, whatever the number of articles: what the store holds in memory for a
# batch grows with its events (~10 KB each while it writes them), and a dense file has many (8 MB
# of one-line event sentences is 160,000 of them, stored as 82 parts). Calibrated with
# bench/dense.py on that file: at 5,000, peak RSS 704 MB and the store 5% of the time (at
# 10,000: 815 MB). A news batch of 256 articles holds ~1,700 events, so this rarely applies; the
# same articles in one batch or several give the same clusters. Re-run bench/dense.py after
# changing it.
BATCH_EVENTS = 5_000


def ingest_paths(paths: Iterable[str | Path], *, db: str | Path, pipeline: Any = None,
                 batch_size: int = BATCH, batch_events: int | None = BATCH_EVENTS,
                 progress: bool = False,
                 lock_timeout: float = LOCK_TIMEOUT_S,
                 on_wait: Callable[[str], None] | None = None) -> IngestSummary:
    """Code every input under ``paths`` and store it in ``db``, one transaction per batch.

    The store is opened for each batch and closed after it, so that other processes (the
    server) can read the file while the next batch is coded. A batch holds ``batch_size``
    articles, fewer when they hold over ``batch_events`` events. Each opening waits up to
    ``lock_timeout`` seconds for a process that holds the file; ``on_wait`` is told once."""
    from dotterel.articles import read_inputs
    from dotterel.pipeline import default_pipeline
    from dotterel.store import Store

    started = time.perf_counter()
    pipeline = pipeline or default_pipeline()
    summary = IngestSummary()
    tell = _once(on_wait)

    def store() -> Store:
        return Store(db, lock_timeout=lock_timeout, on_wait=tell)

    opening = time.perf_counter()
    store().close()  # create or migrate it now, and fail before coding anything
    summary.store_seconds += time.perf_counter() - opening
    stream = pipeline.process(read_inputs(paths))
    with _progress(progress) as tick:
        for results, failures in _batches(stream, batch_size, max_events=batch_events):
            writing = time.perf_counter()
            with store() as opened:
                written = opened.write_batch(results, failures)
            summary.store_seconds += time.perf_counter() - writing
            _add(summary, results, failures, written)
            tick(len(results) + len(failures))
    summary.seconds = time.perf_counter() - started
    return summary


def _add(summary: IngestSummary, results: list[ArticleResult], failures: list[Failure],
         written: Any) -> None:
    summary.articles_seen += len(results)
    summary.articles_new += written.articles_new
    summary.articles_skipped += written.articles_skipped
    summary.events += written.events
    summary.claims += written.claims
    summary.failures += len(failures)
    summary.not_english += sum(1 for f in failures if f.code == E108)
    summary.failure_samples.extend(failures[: max(0, 20 - len(summary.failure_samples))])


def _once(tell: Callable[[str], None] | None) -> Callable[[str], None] | None:
    """``tell``, passing on only the first message (every batch may have to wait)."""
    if tell is None:
        return None
    told: list[str] = []

    def once(message: str) -> None:
        if not told:
            told.append(message)
            tell(message)
    return once


class _progress:
    """A transient progress counter on stderr, shown only when asked (a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda n: None
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("coding"), BarColumn(), TextColumn("{task.completed} inputs"),
                             TimeElapsedColumn(), transient=True)
        self._bar.__enter__()
        task = self._bar.add_task("coding", total=None)
        return lambda n: self._bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
