"""One ``watch`` cycle over the feeds:

1. register the feeds in the store, and read their state (validators, errors);
2. fetch every feed that is not disabled, conditionally (If-None-Match, If-Modified-Since);
3. the new items: by canonical URL, across feeds (the first feed listing one wins), those the
   store has not marked, plus those marked to retry; taken host by host in turn;
4. fetch their pages politely and store them in batches (``_batches``), each item marked in
   the transaction that stores its article or failure;
5. record each feed's fetch: its failure, or its success and, once all its new items are
   marked, its new validators. A feed failing ``max_errors`` times in a row is disabled:
   reported each cycle, no longer fetched.

Steps 1, 3 and 5 each hold the store for a short transaction; coding holds nothing, so
``dotterel serve`` reads the store between batches."""
from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dotterel.news._batches import StoreOptions, fetch_ahead, store_pages
from dotterel.news._feeds import fetch_feed
from dotterel.news._pages import download_page, extract_page
from dotterel.news._polite import Polite, Stopped
from dotterel.news._pool import ordered_map
from dotterel.news._records import CycleSummary, FeedItem, FeedOutcome, FeedSpec
from dotterel.news._urls import host_key
from dotterel.store import FeedState, FeedUpdate

MAX_FEED_ERRORS = 5  # failures in a row after which a feed is disabled


@dataclass(frozen=True, slots=True)
class CycleOptions:
    store: StoreOptions
    max_errors: int = MAX_FEED_ERRORS


def run_cycle(feeds: Sequence[FeedSpec], *, polite: Polite, pipeline: Any,
              options: CycleOptions, number: int = 1) -> CycleSummary:
    started = time.perf_counter()
    summary = CycleSummary(number=number, feeds=len(feeds))
    with options.store.open() as store:
        states = store.register_feeds([(f.url, f.source) for f in feeds])
    active = [f for f in feeds if not states[f.url].disabled]
    summary.disabled = [f.url for f in feeds if states[f.url].disabled]
    outcomes = _fetch_feeds(polite, active, states)
    items, attempts = _new_items(outcomes, options.store)
    summary.new_items = len(items)
    stop = polite.stop
    downloads = ordered_map(lambda i: download_page(polite, i.link, item=i), items,
                            workers=polite.settings.connections,
                            window=fetch_ahead(polite.settings.connections))
    pages = (extract_page(d, source=i.source) for i, d in downloads)  # in this thread
    marked = store_pages(pages, pipeline=pipeline, options=options.store, summary=summary,
                         attempts=attempts, stop=stop)
    _record_feeds(outcomes, items, marked, options=options, summary=summary, states=states)
    summary.stopped = stop.is_set()
    summary.seconds = time.perf_counter() - started
    return summary


def _fetch_feeds(polite: Polite, feeds: list[FeedSpec],
                 states: dict[str, FeedState]) -> list[FeedOutcome]:
    def one(spec: FeedSpec) -> FeedOutcome:
        state = states[spec.url]
        return fetch_feed(polite, spec, etag=state.etag, last_modified=state.last_modified)

    outcomes = []
    try:
        for _, outcome in ordered_map(one, feeds, workers=polite.settings.connections,
                                      window=len(feeds) or 1):
            outcomes.append(outcome)
    except Stopped:
        pass
    return outcomes


def _new_items(outcomes: list[FeedOutcome], options: StoreOptions
               ) -> tuple[list[FeedItem], dict[str, int]]:
    """The items to fetch this cycle, each once, and how often each was tried before."""
    listed: dict[str, FeedItem] = {}
    for outcome in outcomes:
        for item in outcome.items:
            listed.setdefault(item.url, item)
    sources = {o.spec.url: o.spec.source for o in outcomes if o.failure is None}
    with options.open() as store:
        marks = store.item_states(listed)
        retry = [r for r in store.retry_items(sources) if r[0] not in listed]
    items = [i for u, i in listed.items() if not marks.get(u, (False, 0))[0]]
    items += [FeedItem(url=url, link=url, feed_url=feed, source=sources[feed])
              for url, feed, _ in retry]
    attempts = {u: n for u, (_, n) in marks.items()}
    attempts.update({url: n for url, _, n in retry})
    return interleave(items), attempts


def interleave(items: list[FeedItem]) -> list[FeedItem]:
    """The items taken host by host in turn (in the order each host first appears), so that
    the connections fetch from several hosts at once instead of queueing on one."""
    by_host: dict[str, list[FeedItem]] = {}
    for item in items:
        by_host.setdefault(host_key(item.link), []).append(item)
    queues = list(by_host.values())
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def _record_feeds(outcomes: list[FeedOutcome], items: list[FeedItem], marked: set[str], *,
                  options: CycleOptions, summary: CycleSummary,
                  states: dict[str, FeedState]) -> None:
    waiting = {i.feed_url for i in items if i.url not in marked}  # items left for next time
    updates, failures = [], []
    for o in outcomes:
        if o.failure is not None:
            failures.append(o.failure)
            updates.append(FeedUpdate(url=o.spec.url, status=o.status, error_code=o.failure.code,
                                      error=o.failure.message))
            continue
        summary.feeds_not_modified += o.not_modified
        updates.append(FeedUpdate(url=o.spec.url, status=o.status,
                                  validators=o.spec.url not in waiting, etag=o.etag,
                                  last_modified=o.last_modified))
    summary.feeds_failed = len(failures)
    summary.add_failures(failures)
    with options.store.open() as store:
        store.update_feeds(updates, failures, max_errors=options.max_errors)
        after = store.feed_states(o.spec.url for o in outcomes)
    summary.newly_disabled = [u for u, s in after.items()
                              if s.disabled and not states[u].disabled]

