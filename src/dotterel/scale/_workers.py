"""``--workers N``: the pipeline in N worker processes, each loading the model once.

The parent reads the inputs, sends chunks of articles to the workers and yields their
``ArticleResult``/``Failure`` records in input order; whatever it does with them (print, store)
it does alone, so the store keeps a single writer. A bounded number of chunks is in flight,
so memory stays flat however long the input."""
from __future__ import annotations

import multiprocessing
import os
import resource
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from dotterel.pipeline import PREFILTER_DEFAULT, Pipeline
from dotterel.records import Article, ArticleResult, Failure

Item = Article | Failure
Result = ArticleResult | Failure

# one BLAS thread per worker: N workers on N cores must not each start N threads
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """What a worker needs to build its own ``Pipeline``: plain, picklable settings (a model or
    gazetteer injected into the parent's pipeline is not shipped; workers load the defaults)."""

    dict_paths: tuple[Path, ...] = ()
    batch_size: int = 32
    prefilter: bool = PREFILTER_DEFAULT
    semantic: bool = False
    select: bool = True

    @classmethod
    def of(cls, pipeline: Pipeline) -> PipelineSettings:
        return cls(dict_paths=tuple(pipeline.dict_paths), batch_size=pipeline.batch_size,
                   prefilter=pipeline.prefilter, semantic=pipeline.semantic,
                   select=pipeline.select)

    def build(self) -> Pipeline:
        return Pipeline(dict_paths=self.dict_paths, batch_size=self.batch_size,
                        prefilter=self.prefilter, semantic=self.semantic, select=self.select)


class ParallelPipeline:
    """``Pipeline.process`` over ``workers`` processes, same records in the same order.

    Workers are started with ``spawn``: a script that uses this must guard its entry point with
    ``if __name__ == "__main__":``. ``peak_worker_rss_mb`` is the largest peak resident memory
    any worker reported."""

    def __init__(self, settings: PipelineSettings | None = None, *, workers: int = 2,
                 chunk_size: int = 8, start_method: str = "spawn") -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.settings = settings or PipelineSettings()
        self.workers = workers
        self.chunk_size = max(1, chunk_size)
        self.start_method = start_method
        self.peak_worker_rss_mb = 0.0

    def process(self, items: Iterable[Item]) -> Iterator[Result]:
        context = multiprocessing.get_context(self.start_method)
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start,
                                 initargs=(self.settings,)) as pool:
            pending: deque[Future] = deque()
            for chunk in _chunks(items, self.chunk_size):
                pending.append(pool.submit(_code, chunk))
                if len(pending) >= 3 * self.workers:
                    yield from self._collect(pending.popleft())
            while pending:
                yield from self._collect(pending.popleft())

    def _collect(self, future: Future) -> list[Result]:
        results, rss_kb = future.result()
        self.peak_worker_rss_mb = max(self.peak_worker_rss_mb, rss_kb / 1024)
        return results


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


_PIPELINE: Pipeline | None = None


def _start(settings: PipelineSettings) -> None:
    """Worker initializer: build the pipeline and load everything heavy, once."""
    global _PIPELINE
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")
    _PIPELINE = settings.build()
    _PIPELINE.sentence_filter()  # loads the model and the lexicon now, not in the first chunk


def _code(chunk: list[Item]) -> tuple[list[Result], int]:
    assert _PIPELINE is not None, "worker used before its initializer ran"
    results = list(_PIPELINE.process(chunk))
    return results, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
