"""``dotterel watch``: a cycle over the feeds every interval, until stopped.

SIGINT or SIGTERM sets the stop event: the batch under way is stored, the feeds' state is
recorded, and the loop ends (a second SIGINT interrupts at once). The feeds file is read again
at each cycle, so edits take effect without a restart."""
from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

from dotterel.errors import E611, DotterelError, FetchError
from dotterel.news._cycle import CycleOptions, run_cycle
from dotterel.news._feeds import read_feeds_file
from dotterel.news._http import Client
from dotterel.news._polite import Polite
from dotterel.news._records import CycleSummary, FeedSpec
from dotterel.news._settings import FetchSettings

MIN_EVERY_S = 10.0
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_every(text: str) -> float:
    """``15m``, ``90s``, ``1h30m``, ``2h``, ``1d`` or a number of seconds -> seconds. Raises
    ``FetchError`` [E611] for anything else, or under ``MIN_EVERY_S``."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        seconds = float(value)
    elif value and re.fullmatch(rf"(?:{_EVERY.pattern})+", value):
        seconds = sum(float(n) * _UNITS[u] for n, u in _EVERY.findall(value))
    else:
        raise FetchError(f"--every {text!r} is not an interval; write 15m, 90s, 1h30m or 2h",
                         code=E611)
    if seconds < MIN_EVERY_S:
        raise FetchError(f"--every {text!r} is under {MIN_EVERY_S:g} s; feeds rarely change "
                         "that fast, and sites do not like being polled so often", code=E611)
    return seconds


def watch(feeds_file: str | Path, *, pipeline: Any, settings: FetchSettings,
          options: CycleOptions, every: float = 900.0, once: bool = False,
          report: Callable[[CycleSummary], None] = lambda s: None,
          warn: Callable[[str], None] = lambda message: None,
          stop: threading.Event | None = None,
          transport: httpx.BaseTransport | None = None) -> list[CycleSummary]:
    """Run a cycle now, then one every ``every`` seconds (from the start of the last), until
    ``stop`` is set (SIGINT, SIGTERM) or, with ``once``, after the first. ``report`` is given
    each cycle's summary, ``warn`` a feeds file spoilt between cycles (the last good one is
    kept). Returns the summaries."""
    stop = stop or threading.Event()
    feeds = read_feeds_file(feeds_file)  # a bad feeds file stops here, before the store is touched
    options.store.open().close()  # create or migrate the store now
    done: list[CycleSummary] = []
    with _signals(stop), Client(settings, transport=transport) as client:
        polite = Polite(client, stop=stop)
        while not stop.is_set():
            feeds = _reread(feeds_file, feeds, warn) if done else feeds
            summary = run_cycle(feeds, polite=polite, pipeline=pipeline, options=options,
                                number=len(done) + 1)
            done.append(summary)
            report(summary)
            if once or stop.wait(max(0.0, every - summary.seconds)):
                break
    return done


def _reread(feeds_file: str | Path, last: list[FeedSpec], warn: Callable[[str], None]
            ) -> list[FeedSpec]:
    try:
        return read_feeds_file(feeds_file)
    except DotterelError as exc:
        warn(f"{exc}; following the feeds it listed before")
        return last


@contextmanager
def _signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (in the main thread only: elsewhere, signals cannot be
    caught, and the caller sets ``stop``); a second SIGINT interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    before = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
