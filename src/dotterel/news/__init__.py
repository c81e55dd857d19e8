"""Following the news: fetch pages and feeds, and keep a store current.

    fetch_urls(urls, pipeline=, settings=, options=)    ``dotterel fetch``: pages -> the store
    watch(feeds_file, pipeline=, settings=, options=, every=, once=)
                                                        ``dotterel watch``: cycles until stopped
    run_cycle(feeds, polite=, pipeline=, options=)      one cycle
    read_feeds_file(path) -> [FeedSpec]                 URL [source name], one a line
    parse_feed(fetched, spec=) -> [FeedItem]            RSS, Atom, JSON Feed (feedparser)
    page_articles(fetched, origin=) -> (Article, ...)   main text and metadata (trafilatura)
    canonical_url(url)                                  what items are de-duplicated by
    FetchSettings(contact=, timeout=, ...)              what every request obeys

The flow: feeds file -> ``_feeds`` (conditional requests, items) -> ``_cycle`` (new items) ->
``_pages`` (fetch, decode, extract) -> the pipeline -> ``_batches`` (the store, one transaction
per batch, items marked in it). Every request goes through ``_polite`` (robots.txt, one request
at a time per host with a delay, back-off on 429 and 5xx honouring Retry-After, redirects hop
by hop) and ``_http`` (httpx: timeouts, the size limit, errors mapped). Failures are
``FetchError`` with codes E601-E611 (``dotterel.errors``); a batch records each as a failure
and goes on.
"""
from dotterel.news._batches import TRANSIENT, StoreOptions
from dotterel.news._cycle import MAX_FEED_ERRORS, CycleOptions, run_cycle
from dotterel.news._feeds import parse_feed, read_feeds_file
from dotterel.news._fetch import fetch_urls
from dotterel.news._http import Client
from dotterel.news._pages import decode_html, page_articles
from dotterel.news._polite import Polite
from dotterel.news._records import (
    CycleSummary,
    FeedItem,
    FeedOutcome,
    FeedSpec,
    Fetched,
    NewsSummary,
    PageResult,
)
from dotterel.news._settings import CONTACT_ENV, FetchSettings, setting_default, setting_help
from dotterel.news._urls import canonical_url
from dotterel.news._watch import parse_every, watch

__all__ = ["CONTACT_ENV", "MAX_FEED_ERRORS", "TRANSIENT", "Client", "CycleOptions", "CycleSummary",
           "FeedItem", "FeedOutcome", "FeedSpec", "FetchSettings", "Fetched", "NewsSummary",
           "PageResult", "Polite", "StoreOptions", "canonical_url", "decode_html", "fetch_urls",
           "page_articles", "parse_every", "parse_feed", "read_feeds_file", "run_cycle",
           "setting_default", "setting_help", "watch"]
