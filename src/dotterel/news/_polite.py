"""Every request dotterel sends goes through ``Polite``, which keeps the rules of a good crawler:

- robots.txt: read once per host (and again after ``ROBOTS_TTL_S``), with ``urllib.robotparser``;
  a URL it disallows for dotterel is E608. A robots.txt that is missing (4xx) allows all; one
  that answers 401 or 403 disallows all; one that cannot be read (5xx, unreachable) stops the
  host's requests for this run with that error, as its rules are unknown.
- One request at a time per host, ``delay`` seconds apart (robots.txt's Crawl-delay if longer).
- Back-off: a 429 or 5xx answer is retried ``retries`` times, after its Retry-After, else 2, 4,
  ... seconds; the whole host waits meanwhile. A host that asks for more than
  ``max_retry_wait`` seconds is skipped until then (E603).
- Redirects are followed hop by hop, at most ``max_redirects``, each hop by the same rules; a
  loop is E605.

The cap on requests over all hosts is the caller's pool size (``_pool.ordered_map``). A
``stop`` event cuts every wait short (``Stopped``)."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.robotparser import RobotFileParser

from dotterel.errors import E603, E605, E608, E610, FetchError
from dotterel.news._http import Client, StatusError
from dotterel.news._records import Fetched
from dotterel.news._settings import ROBOTS_AGENT
from dotterel.news._urls import absolute, host_key

ROBOTS_TTL_S = 3600.0  # how long a host's robots.txt is trusted
ROBOTS_ERROR_TTL_S = 60.0  # how long a robots.txt that could not be read stops the host
ROBOTS_MAX_BYTES = 512_000  # what crawlers read of a robots.txt (Google: 500 KiB)
FIRST_BACKOFF_S = 2.0
DISALLOW_ALL = ["User-agent: *", "Disallow: /"]  # what a robots.txt behind 401 or 403 means


class Stopped(Exception):
    """A wait was cut short: the job was asked to stop."""


@dataclass(slots=True)
class Host:
    """One host's turn: its lock, when its next request may go, and its robots.txt."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    robots: RobotFileParser | None = None
    robots_error: FetchError | None = None
    robots_until: float = 0.0
    crawl_delay: float = 0.0


class Polite:
    def __init__(self, client: Client, *, stop: threading.Event | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.settings = client.settings
        self.stop = stop or threading.Event()
        self._clock = clock
        self._hosts: dict[str, Host] = {}
        self._mutex = threading.Lock()

    def get(self, url: str, *, headers: dict[str, str] | None = None,
            types: Iterable[str] | None = None) -> Fetched:
        """GET ``url``, following redirects, by the rules above. Raises ``FetchError``."""
        hops = [url]
        for _ in range(self.settings.max_redirects + 1):
            fetched = self._get_once(hops[-1], headers=headers, types=types)
            if fetched.location is None:
                return replace(fetched, url=url)
            target = absolute(fetched.location, hops[-1])
            if not target.lower().startswith(("http://", "https://")):
                raise FetchError(f"redirects to {target!r}, not an http(s) URL", code=E610,
                                 url=url)
            if target in hops:
                raise FetchError("a redirect loop: " + " -> ".join([*hops, target]), code=E605,
                                 url=url)
            hops.append(target)
        raise FetchError(f"more than {self.settings.max_redirects} redirects", code=E605,
                         url=url)

    def _host(self, url: str) -> Host:
        key = host_key(url)
        with self._mutex:
            return self._hosts.setdefault(key, Host())

    def _get_once(self, url: str, *, headers: dict[str, str] | None,
                  types: Iterable[str] | None) -> Fetched:
        host = self._host(url)
        self._obey_robots(host, url)
        for attempt in range(self.settings.retries + 1):
            with host.lock:
                self._wait_turn(host, url)
                try:
                    return self.client.get(url, headers=headers, types=types)
                except StatusError as exc:
                    if not exc.retryable or attempt == self.settings.retries:
                        raise
                    self._back_off(host, exc, url=url, attempt=attempt)
                finally:
                    host.next_at = max(host.next_at, self._clock() + self._delay(host))
        raise AssertionError("unreachable")

    def _back_off(self, host: Host, exc: StatusError, *, url: str, attempt: int) -> None:
        wait = exc.retry_after if exc.retry_after is not None else FIRST_BACKOFF_S * 2 ** attempt
        host.next_at = max(host.next_at, self._clock() + wait)
        if wait > self.settings.max_retry_wait:
            raise FetchError(f"HTTP {exc.status}, and the server asks to wait {wait:g} s, over "
                             f"the {self.settings.max_retry_wait:g} s we wait; its host is "
                             "skipped until then", code=E603, url=url) from exc

    def _wait_turn(self, host: Host, url: str) -> None:
        """Sleep until the host's next request may go (the caller holds its lock)."""
        wait = host.next_at - self._clock()
        if wait > self.settings.max_retry_wait:
            raise FetchError(f"its host asked us to wait {wait:.0f} s more; skipped for now",
                             code=E603, url=url)
        if wait > 0 and self.stop.wait(wait):
            raise Stopped()
        if self.stop.is_set():
            raise Stopped()

    def _delay(self, host: Host) -> float:
        return max(self.settings.delay, host.crawl_delay)

    # --- robots.txt ---------------------------------------------------------------------

    def _obey_robots(self, host: Host, url: str) -> None:
        with host.lock:
            if self._clock() >= host.robots_until:
                self._read_robots(host, url)
            if host.robots_error is not None:
                raise FetchError(f"robots.txt could not be read ({host.robots_error.reason}), so "
                                 "its rules are unknown; not fetched", code=host.robots_error.code,
                                 url=url)
        robots = host.robots
        if robots is not None and not robots.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"robots.txt disallows it for {ROBOTS_AGENT}", code=E608, url=url)

    def _read_robots(self, host: Host, url: str) -> None:
        """Fetch and parse the host's robots.txt (the caller holds the host's lock)."""
        robots_url = host_key(url) + "/robots.txt"
        host.robots, host.robots_error = RobotFileParser(robots_url), None
        try:
            lines = self._robots_lines(host, robots_url)
        except FetchError as exc:
            host.robots, host.robots_error = None, exc
            host.robots_until = self._clock() + ROBOTS_ERROR_TTL_S
            return
        host.robots.parse(DISALLOW_ALL if lines is None else lines)
        host.robots.modified()  # can_fetch answers only once the file has been read
        host.crawl_delay = float(host.robots.crawl_delay(ROBOTS_AGENT) or 0.0)
        host.robots_until = self._clock() + ROBOTS_TTL_S

    def _robots_lines(self, host: Host, robots_url: str) -> list[str] | None:
        """The lines of robots.txt ([] when missing: all allowed; None: all disallowed)."""
        url = robots_url
        for _ in range(self.settings.max_redirects + 1):
            self._wait_turn(host, url)
            try:
                fetched = self.client.get(url, max_bytes=ROBOTS_MAX_BYTES)
            except StatusError as exc:
                if exc.status in (401, 403):
                    return None
                if not exc.retryable:
                    return []
                raise
            finally:
                host.next_at = max(host.next_at, self._clock() + self.settings.delay)
            if fetched.location is None:
                return fetched.body.decode("utf-8", errors="replace").splitlines()
            url = absolute(fetched.location, url)
        return []
