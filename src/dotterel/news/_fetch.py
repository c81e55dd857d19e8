"""``dotterel fetch``: download pages by URL, extract, code and store them."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpx

from dotterel.errors import FetchError
from dotterel.news._batches import StoreOptions, fetch_ahead, store_pages
from dotterel.news._http import Client
from dotterel.news._pages import download_page, extract_page
from dotterel.news._polite import Polite
from dotterel.news._pool import ordered_map
from dotterel.news._records import NewsSummary, PageResult
from dotterel.news._settings import FetchSettings
from dotterel.news._urls import canonical_url, check_url
from dotterel.records import Failure


def fetch_urls(urls: Iterable[str], *, pipeline: Any, settings: FetchSettings,
               options: StoreOptions, source: str | None = None,
               transport: httpx.BaseTransport | None = None) -> NewsSummary:
    """Fetch each URL (each once, by canonical URL) politely, and code and store its article
    in batches; every failure (a bad URL [E610], a fetch error [E6xx], no main text [E107],
    not English [E108]) is recorded and the batch goes on."""
    started = time.perf_counter()
    options.open().close()  # create or migrate the store now, and fail before fetching
    summary = NewsSummary()
    with Client(settings, transport=transport) as client:
        polite = Polite(client)
        wanted, bad = _checked(urls)
        downloads = ordered_map(lambda u: download_page(polite, u), wanted,
                                workers=settings.connections,
                                window=fetch_ahead(settings.connections))
        pages = (extract_page(d, source=source) for _, d in downloads)  # in this thread
        store_pages(_chain(bad, pages), pipeline=pipeline, options=options, summary=summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _checked(urls: Iterable[str]) -> tuple[list[str], list[PageResult]]:
    """The fetchable URLs, each once, and a failed page for each one that is not a URL."""
    wanted: dict[str, str] = {}
    bad = []
    for url in urls:
        try:
            good = check_url(url)
        except FetchError as exc:
            bad.append(PageResult(url=url, failure=Failure(origin=url or "-", code=exc.code,
                                                           message=exc.reason)))
            continue
        wanted.setdefault(canonical_url(good), good)
    return list(wanted.values()), bad


def _chain(first: list[PageResult], rest: Iterable[PageResult]) -> Iterator[PageResult]:
    yield from first
    yield from rest
