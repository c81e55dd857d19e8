"""Fetched pages -> coded articles -> the store, one transaction per batch, as ``ingest`` does.

Pages stream into the pipeline as they are fetched, in groups of ``GROUP``: the articles whose
text is stored already (by id, the text's hash) are not coded again. Every ``batch`` pages,
the articles, the failures and what became of each feed item (``ItemMark``) are written in one
transaction. A kill at any point leaves whole batches, and no item marked that is not stored
or recorded as failed."""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotterel.errors import E601, E603, E604
from dotterel.news._polite import Stopped
from dotterel.news._records import NewsSummary, PageResult
from dotterel.records import Article, ArticleResult, Failure
from dotterel.store import ItemMark, Store


def fetch_ahead(connections: int) -> int:
    """How many pages may be downloaded ahead of the coder: a few per connection, so that it
    rarely waits for one, and memory stays bounded (each is kept whole until extracted, up to
    the size limit)."""
    return 4 * connections


# pages checked against the store at once before they are coded (one short opening of the
# store each, 50-100 ms), at most a batch; the pipeline codes 32 articles at a time. Measured
# with bench/news.py: at 32, the openings took 6% of a cycle's time
GROUP = 64
# failures that may pass (unreachable, 5xx or 429, timeout): the item is tried again next
# cycle, up to ``max_attempts`` times in all
TRANSIENT = frozenset({E601, E603, E604})


@dataclass(frozen=True, slots=True)
class StoreOptions:
    """Where and how pages are stored: ``batch`` pages per transaction; each opening of the
    store waits up to ``lock_timeout`` s for another process (``on_wait`` is told)."""

    db: str | Path
    batch: int = 64
    lock_timeout: float = 60.0
    on_wait: Callable[[str], None] | None = None
    max_attempts: int = 3

    def open(self) -> Store:
        return Store(self.db, lock_timeout=self.lock_timeout, on_wait=self.on_wait)


def store_pages(pages: Iterable[PageResult], *, pipeline: Any, options: StoreOptions,
                summary: NewsSummary, attempts: Mapping[str, int] | None = None,
                stop: threading.Event | None = None) -> set[str]:
    """Code and store ``pages``, written ``options.batch`` pages a transaction; return the
    canonical URLs of the feed items marked. ``attempts``: how often each item was tried
    before. Pages are coded as they arrive, so fetching overlaps coding. Stops after the batch
    under way when ``stop`` is set."""
    marked: set[str] = set()
    waiting: list[_Group] = []
    for group in _coded(pages, pipeline=pipeline, options=options):
        waiting.append(group)
        if sum(len(g.pages) for g in waiting) >= options.batch:
            marked |= _write(waiting, options=options, summary=summary, attempts=attempts or {})
            waiting = []
            if stop is not None and stop.is_set():
                return marked
    if waiting:
        marked |= _write(waiting, options=options, summary=summary, attempts=attempts or {})
    return marked


@dataclass(slots=True)
class _Group:
    """Pages checked against the store together, their articles to code (those whose text is
    not stored yet), and what coding them gave, in order."""

    pages: list[PageResult]
    fresh: list[Article]
    outputs: list[ArticleResult | Failure] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return len(self.outputs) >= len(self.fresh)


def _coded(pages: Iterable[PageResult], *, pipeline: Any,
           options: StoreOptions) -> Iterator[_Group]:
    """Groups of ``GROUP`` pages, each once its articles are coded. The articles stream
    through one ``pipeline.process``, which gives one output per article, in order."""
    queue: deque[_Group] = deque()
    taken: set[str] = set()  # ids coded in this run: a text met twice is coded once

    def articles() -> Iterator[Article]:
        for chunk in _chunks(pages, min(GROUP, options.batch)):
            group = _Group(pages=chunk, fresh=_fresh(chunk, options=options, taken=taken))
            queue.append(group)
            yield from group.fresh

    for output in pipeline.process(articles()):
        while queue and queue[0].done:
            yield queue.popleft()
        queue[0].outputs.append(output)
        while queue and queue[0].done:
            yield queue.popleft()
    yield from queue


def _fresh(chunk: list[PageResult], *, options: StoreOptions, taken: set[str]) -> list[Article]:
    articles = [a for page in chunk for a in page.articles]
    if not articles:
        return []
    with options.open() as store:
        taken |= store.known_articles(a.id for a in articles)
    fresh = []
    for article in articles:
        if article.id not in taken:
            fresh.append(article)
            taken.add(article.id)
    return fresh


def _chunks(pages: Iterable[PageResult], size: int) -> Iterator[list[PageResult]]:
    """Lists of ``size`` pages; when fetching is stopped, the pages fetched so far."""
    chunk: list[PageResult] = []
    try:
        for page in pages:
            chunk.append(page)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except Stopped:
        pass
    if chunk:
        yield chunk


def _write(groups: list[_Group], *, options: StoreOptions, summary: NewsSummary,
           attempts: Mapping[str, int]) -> set[str]:
    """One transaction: the groups' articles, failures and item marks."""
    pages = [p for g in groups for p in g.pages]
    outputs = [o for g in groups for o in g.outputs]
    results = [o for o in outputs if isinstance(o, ArticleResult)]
    failed = {f.origin: f for f in outputs if isinstance(f, Failure)}
    failures = [p.failure for p in pages if p.failure is not None] + list(failed.values())
    coded = {r.article.id: r.article.origin for r in results}
    marks = [_mark(p, coded=coded, failed=failed, tried=attempts.get(p.item.url, 0),
                   max_attempts=options.max_attempts)
             for p in pages if p.item is not None]
    with options.open() as store:
        written = store.write_batch(results, failures, items=marks)
    summary.pages += len(pages)
    summary.articles_new += written.articles_new
    summary.articles_skipped += written.articles_skipped + sum(
        1 for m in marks if m.status == "duplicate")
    summary.events += written.events
    summary.claims += written.claims
    summary.add_failures(failures)
    return {m.url for m in marks}


def _mark(page: PageResult, *, coded: Mapping[str, str | None], failed: Mapping[str, Failure],
          tried: int, max_attempts: int) -> ItemMark:
    assert page.item is not None
    url, feed = page.item.url, page.item.feed_url
    failure = page.failure or failed.get(page.url)
    ids = [a.id for a in page.articles]
    if ids and any(coded.get(i) == page.url for i in ids):
        return ItemMark(url=url, feed_url=feed, status="stored", article_id=ids[0])
    if failure is None:  # its text was stored already, or coded from another page
        return ItemMark(url=url, feed_url=feed, status="duplicate", article_id=ids[0] if ids else None)
    again = failure.code in TRANSIENT and tried + 1 < max_attempts
    return ItemMark(url=url, feed_url=feed, status="retry" if again else "failed",
                    code=failure.code)
