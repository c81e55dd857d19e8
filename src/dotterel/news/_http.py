"""One HTTP request with httpx, read within the limits: the size limit (a declared length over
it is refused unread; a body is streamed and dropped past it), the time limit (for the whole
answer, not only between bytes), and httpx's errors mapped to ``FetchError`` codes. Redirects
are not followed here: ``_polite`` follows them hop by hop, each obeying the same rules."""
from __future__ import annotations

import email.utils
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import httpx

from dotterel.errors import E601, E602, E603, E604, E606, E607, E610, FetchError
from dotterel.news._records import Fetched
from dotterel.news._settings import FetchSettings

REDIRECTS = (301, 302, 303, 307, 308)


class StatusError(FetchError):
    """An HTTP error status: E603 (worth retrying: 5xx, 429) or E602 (4xx). ``retry_after``:
    the seconds the server asked us to wait, when it said."""

    def __init__(self, status: int, *, url: str, retry_after: float | None = None) -> None:
        self.status = status
        self.retry_after = retry_after
        retryable = status == 429 or status >= 500
        what = "too many requests" if status == 429 else (
            "a server error" if status >= 500 else "a client error" if status >= 400
            else "an answer that is not a page")
        super().__init__(f"HTTP {status} ({what})", code=E603 if retryable else E602, url=url)

    @property
    def retryable(self) -> bool:
        return self.code == E603


class Client:
    """An httpx client (connection pooling) with dotterel's User-Agent; ``transport`` replaces
    the network in tests. Close it, or use it as a context manager."""

    def __init__(self, settings: FetchSettings, *, transport: httpx.BaseTransport | None = None
                 ) -> None:
        self.settings = settings
        limits = httpx.Limits(max_connections=settings.connections * 2,
                              max_keepalive_connections=settings.connections)
        self._http = httpx.Client(headers={"User-Agent": settings.user_agent},
                                  timeout=httpx.Timeout(settings.timeout), limits=limits,
                                  follow_redirects=False, transport=transport)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(self, url: str, *, headers: dict[str, str] | None = None,
            types: Iterable[str] | None = None, max_bytes: int | None = None) -> Fetched:
        """GET ``url`` once. ``types``: the media types accepted (another declared type is
        E606 before the body is read). Raises ``FetchError``: E601 unreachable, E602/E603 an
        error status (``StatusError``), E604 too slow, E606, E607 too large, E610 a bad URL."""
        limit = max_bytes or self.settings.max_bytes
        deadline = time.monotonic() + self.settings.timeout
        try:
            with self._http.stream("GET", url, headers=headers or {}) as r:
                return self._answer(r, url=url, types=types, limit=limit, deadline=deadline)
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            raise FetchError(f"no answer within {self.settings.timeout:g} s ({_kind(exc)})",
                             code=E604, url=url) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"not a URL that can be fetched: {exc}", code=E610, url=url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"unreachable: {_kind(exc)}: {exc}", code=E601, url=url) from exc

    def _answer(self, r: httpx.Response, *, url: str, types: Iterable[str] | None, limit: int,
                deadline: float) -> Fetched:
        status = r.status_code
        if status in REDIRECTS and r.headers.get("location"):
            return _fetched(r, url, location=r.headers["location"])
        if status == 304:
            return _fetched(r, url)
        if not 200 <= status < 300:
            raise StatusError(status, url=url, retry_after=retry_after(r.headers.get("retry-after")))
        media, charset = _media_type(r.headers.get("content-type", ""))
        allowed = tuple(types or ())
        if allowed and media and media not in allowed:
            raise FetchError(f"not HTML but {media}", code=E606, url=url)
        body = _read(r, url=url, limit=limit, deadline=deadline, timeout=self.settings.timeout)
        return _fetched(r, url, content_type=media, charset=charset, body=body)


def _fetched(r: httpx.Response, url: str, **more: Any) -> Fetched:
    return Fetched(url=url, final_url=str(r.url), status=r.status_code,
                   etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
                   **more)


def _read(r: httpx.Response, *, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    declared = r.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and not r.headers.get("content-encoding"):
        raise FetchError(f"{int(declared):,} bytes, over the limit of {limit:,}; not read",
                         code=E607, url=url)
    chunks, size = [], 0
    for chunk in r.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"over the limit of {limit:,} bytes; stopped reading", code=E607,
                             url=url)
        if time.monotonic() > deadline:
            raise FetchError(f"the answer took over {timeout:g} s; stopped reading", code=E604,
                             url=url)
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(header: str) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> ("text/html", "iso-8859-1")."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("'\"").lower()
    return media.strip().lower(), charset


def retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: a number of seconds, or an HTTP date; None when
    missing or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _kind(exc: Exception) -> str:
    return type(exc).__name__
