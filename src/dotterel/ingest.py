"""Read, code and store: the ``ingest`` job, in transactional batches."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotterel.records import ArticleResult, Failure


@dataclass(slots=True)
class IngestSummary:
    articles_seen: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    events: int = 0
    claims: int = 0
    failures: int = 0
    failure_samples: list[Failure] = field(default_factory=list)
    seconds: float = 0.0  # the whole job: read, code, store
    store_seconds: float = 0.0  # of which in the store: opening it, write_batch, closing it


def _batches(items: Iterable[ArticleResult | Failure], size: int
             ) -> Iterator[tuple[list[ArticleResult], list[Failure]]]:
    results: list[ArticleResult] = []
    failures: list[Failure] = []
    for item in items:
        (failures if isinstance(item, Failure) else results).append(item)
        if len(results) >= size:
            yield results, failures
            results, failures = [], []
    if results or failures:
        yield results, failures


def ingest_paths(paths: Iterable[str | Path], *, db: str | Path, pipeline: Any = None,
                 batch_size: int = 64, progress: bool = False) -> IngestSummary:
    """Code every input under ``paths`` and store it in ``db``, one transaction per batch."""
    from dotterel.articles import read_inputs
    from dotterel.pipeline import default_pipeline
    from dotterel.store import Store

    started = time.perf_counter()
    pipeline = pipeline or default_pipeline()
    summary = IngestSummary()
    stream = pipeline.process(read_inputs(paths))
    opening = time.perf_counter()
    with Store(db) as store, _progress(progress) as tick:
        summary.store_seconds += time.perf_counter() - opening
        for results, failures in _batches(stream, batch_size):
            writing = time.perf_counter()
            written = store.write_batch(results, failures)
            summary.store_seconds += time.perf_counter() - writing
            summary.articles_seen += len(results)
            summary.articles_new += written.articles_new
            summary.articles_skipped += written.articles_skipped
            summary.events += written.events
            summary.claims += written.claims
            summary.failures += len(failures)
            summary.failure_samples.extend(failures[: max(0, 20 - len(summary.failure_samples))])
            tick(len(results) + len(failures))
        closing = time.perf_counter()
    summary.store_seconds += time.perf_counter() - closing
    summary.seconds = time.perf_counter() - started
    return summary


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
