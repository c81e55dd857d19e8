"""Fetching in threads, in order: ``ordered_map`` runs a function over items with at most
``workers`` calls at once (the cap on requests over all hosts) and yields the results in the
items' order, at most ``window`` ahead of the consumer, so that pages are fetched while the
previous ones are coded, and memory stays bounded."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int,
                window: int) -> Iterator[tuple[T, R]]:
    """(item, fn(item)) in the order of ``items``. An exception from ``fn`` is raised where
    its result would have been yielded. Closing the iterator early cancels what has not
    started and waits for the calls under way."""
    source = iter(items)
    pending: deque[tuple[T, Future[R]]] = deque()
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="dotterel-fetch")
    try:
        for item in source:
            pending.append((item, pool.submit(fn, item)))
            if len(pending) >= max(1, window):
                break
        while pending:
            item, future = pending.popleft()
            for more in source:
                pending.append((more, pool.submit(fn, more)))
                break
            yield item, future.result()
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
