"""Feeds: the feeds file, and one feed fetched and parsed into items: RSS (0.9x, 1.0, 2.0) and
Atom with feedparser, JSON Feed by hand (``_jsonfeed``; feedparser does not read it).

The feeds file holds one feed a line: its URL, then optionally the source name its articles
take (``https://example.org/rss.xml  Example Times``); blank lines and ``#`` comments are
skipped."""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from dotterel.errors import E101, E102, E609, FetchError, InputError
from dotterel.news._jsonfeed import json_entries, looks_like_json
from dotterel.news._polite import Polite
from dotterel.news._records import FeedItem, FeedOutcome, FeedSpec, Fetched
from dotterel.news._urls import absolute, canonical_url, check_url
from dotterel.records import Failure

log = logging.getLogger(__name__)
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1")


def read_feeds_file(path: str | Path) -> list[FeedSpec]:
    """The feeds of a feeds file, in order, each URL once. Raises ``InputError`` [E101] for a
    file that cannot be read, [E102] for one without feeds, and ``FetchError`` [E610] naming
    the file and line of a URL that is not http(s)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the feeds file: {exc}", code=E101, origin=str(p)) from exc
    feeds: dict[str, FeedSpec] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, *source = line.split(None, 1)
        url = check_url(url, where=f"{p}:{n}")
        feeds.setdefault(url, FeedSpec(url=url, source=source[0].strip() if source else None,
                                       line=n))
    if not feeds:
        raise InputError("no feed URLs in the file: write one URL a line, optionally followed "
                         "by a source name", code=E102, origin=str(p))
    return list(feeds.values())


def fetch_feed(polite: Polite, spec: FeedSpec, *, etag: str | None = None,
               last_modified: str | None = None) -> FeedOutcome:
    """Fetch a feed, conditionally when validators are known, and parse it; never raises a
    ``FetchError`` (it becomes the outcome's failure)."""
    headers = {"Accept": FEED_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        fetched = polite.get(spec.url, headers=headers)
        items = () if fetched.status == 304 else tuple(parse_feed(fetched, spec=spec))
    except FetchError as exc:
        status = getattr(exc, "status", None)
        return FeedOutcome(spec=spec, status=status, failure=Failure(
            origin=spec.url, code=exc.code, message=f"feed: {exc.reason}"))
    return FeedOutcome(spec=spec, status=fetched.status, items=items,
                       etag=fetched.etag or etag, last_modified=fetched.last_modified or last_modified)


def parse_feed(fetched: Fetched, *, spec: FeedSpec) -> list[FeedItem]:
    """The items of a fetched feed, with links made absolute against the feed's URL. Raises
    ``FetchError`` [E609] for a document that is not a feed, or too broken to list items."""
    problem = None
    if looks_like_json(fetched.body, fetched.content_type):
        entries = json_entries(fetched.body, url=spec.url)
    else:
        entries, problem = _xml_entries(fetched)
    items = []
    for entry in entries:
        item = _item(entry, base=fetched.final_url, spec=spec)
        if item is not None:
            items.append(item)
    if problem and not items:  # broken, or not a feed: a feed with small faults still counts
        raise FetchError(f"not a feed that can be read: {problem}", code=E609, url=spec.url)
    return items


def _xml_entries(fetched: Fetched) -> tuple[list[Any], str | None]:
    """RSS or Atom entries, by feedparser, and what is wrong with the document (feedparser
    reads a feed with small faults, and says ``bozo``), if anything."""
    import feedparser

    doc = feedparser.parse(fetched.body, response_headers={
        "content-location": fetched.final_url,
        "content-type": fetched.content_type or "application/xml"})
    problem = None
    if doc.get("bozo") or not doc.get("version"):
        problem = str(doc.get("bozo_exception") or "no RSS or Atom document")
    return list(doc.get("entries") or []), problem


def _item(entry: Any, *, base: str, spec: FeedSpec) -> FeedItem | None:
    link = entry.get("link") or _url_id(entry.get("id"))
    if not link:
        log.warning("%s: an item without a link (%r) is skipped", spec.url, entry.get("title"))
        return None
    link = absolute(link, base)
    if not link.lower().startswith(("http://", "https://")):
        log.warning("%s: an item links to %r, not an http(s) URL; skipped", spec.url, link)
        return None
    return FeedItem(url=canonical_url(link), link=link, feed_url=spec.url, source=spec.source,
                    title=(entry.get("title") or "").strip() or None, date=_date(entry))


def _url_id(value: Any) -> str | None:
    """An item's id when it is a URL (RSS guid isPermaLink, Atom ids that are links)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _date(entry: Any) -> str | None:
    if entry.get("date"):  # a JSON Feed item's, already ISO
        return str(entry["date"])
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)
