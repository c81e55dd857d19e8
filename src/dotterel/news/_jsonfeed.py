"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1), read by hand: feedparser reads RSS and
Atom only. Its items come out as the plain entries ``_feeds`` reads feedparser's as: ``link``,
``id``, ``title`` and ``date`` (ISO yyyy-mm-dd)."""
from __future__ import annotations

import json
from typing import Any

from dotterel.articles import parse_date
from dotterel.errors import E609, FetchError

VERSION_PREFIX = "https://jsonfeed.org/version/"


def looks_like_json(body: bytes, content_type: str) -> bool:
    return "json" in content_type or body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def json_entries(body: bytes, *, url: str) -> list[dict[str, Any]]:
    """The items of a JSON Feed. Raises ``FetchError`` [E609] for broken JSON or a JSON
    document that is not a JSON Feed."""
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(f"not a feed that can be read: broken JSON ({exc})", code=E609,
                         url=url) from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(VERSION_PREFIX) \
            or not isinstance(doc.get("items", []), list):
        raise FetchError("not a feed that can be read: JSON, but not a JSON Feed (no version "
                         f"{VERSION_PREFIX}1.1 and items list)", code=E609, url=url)
    return [_entry(item) for item in doc.get("items", []) if isinstance(item, dict)]


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    link = item.get("url") or item.get("external_url")
    when = item.get("date_published") or item.get("date_modified")
    return {"link": link if isinstance(link, str) else None,
            "id": str(item.get("id", "")), "title": item.get("title") if isinstance(
                item.get("title"), str) else None,
            "date": parse_date(when) if isinstance(when, str) else None}
