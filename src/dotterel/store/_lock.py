"""Sharing one DuckDB file between processes: a writer gate and waiting for the file.

DuckDB lets one process open a file for writing, and then no other process may open it, not
even to read; several processes may read it at once. ``dotterel ingest`` (a writer) and
``dotterel serve`` (a reader, once per request) therefore take turns, and two things make the
turns fair and the waits clean:

- The writer gate. A writer takes an exclusive ``flock`` on ``FILE.lock`` beside the database
  before it opens the file, and holds it until it closes the store. A reader that finds the gate
  taken does not open the file. A stream of short reads (the API's requests) then cannot keep a
  writer out: the writer waits only for the reads already under way. The kernel drops the lock
  when its process dies, even by SIGKILL, so a crash never leaves the gate closed.
- Waiting. ``open_waiting`` opens again, with back-off, while the file or the gate is taken,
  says once through ``on_wait`` that it is waiting and for whom, and gives up after
  ``timeout`` seconds with ``StoreError`` [E301].

Where ``fcntl`` is missing (Windows) the gate is skipped; DuckDB's own lock still keeps the file
whole, only without the fairness.
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from dotterel.errors import E301, StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
FIRST_DELAY_S = 0.02
MAX_DELAY_S = 0.5
_PID = re.compile(r"\(pid (\d+)\)")
# how DuckDB says that another process holds the file, or that this process has it open
# with other settings (read-only, say, while a writer asks)
_LOCKED = ("could not set lock", "conflicting lock", "different configuration")


class Busy(Exception):
    """The file or its gate is held by another process (``holder``: its pid, when known)."""

    def __init__(self, what: str, holder: int | None = None) -> None:
        self.what = what
        self.holder = holder
        super().__init__(f"the database is locked by {_who(self)}")


def gate_path(db: str) -> str:
    return f"{db}.lock"


class WriterGate:
    """The exclusive gate of a writer on database ``db``; ``acquire`` does not block. The
    writers of one process share it (DuckDB lets them share the file too)."""

    _held: dict[str, list[int]] = {}  # lock file -> [fd, writers of this process holding it]
    _mutex = threading.Lock()

    def __init__(self, db: str) -> None:
        self.path = gate_path(db)
        self._holding = False

    def acquire(self) -> None:
        """Take the gate, or raise ``Busy``. Without ``fcntl``, or where the lock file cannot
        be created (a read-only folder), there is no gate and this always succeeds."""
        if fcntl is None or self._holding:
            return
        with self._mutex:
            held = self._held.get(self.path)
            if held is None:
                fd = self._take()
                if fd is None:
                    return
                held = self._held[self.path] = [fd, 0]
            held[1] += 1
            self._holding = True

    def _take(self) -> int | None:
        try:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise Busy("another writer", holder=_read_pid(self.path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        return fd

    def release(self) -> None:
        if not self._holding:
            return
        with self._mutex:
            self._holding = False
            held = self._held[self.path]
            held[1] -= 1
            if held[1] == 0:
                del self._held[self.path]
                fcntl.flock(held[0], fcntl.LOCK_UN)
                os.close(held[0])


def check_gate(db: str) -> None:
    """For a reader: raise ``Busy`` when a writer holds (or waits at) the gate of ``db``."""
    if fcntl is None:
        return
    try:
        fd = os.open(gate_path(db), os.O_RDONLY)
    except OSError:
        return  # no gate file: no writer has come this way
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        raise Busy("a writer", holder=_read_pid(gate_path(db))) from None
    finally:
        os.close(fd)


def _read_pid(path: str) -> int | None:
    try:
        with open(path, "rb") as f:
            text = f.read(32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def duckdb_busy(exc: Exception) -> Busy | None:
    """DuckDB's "Could not set lock on file" (or a conflicting connection in this process) as
    ``Busy``; None for any other error."""
    text = str(exc).lower()
    if not any(sign in text for sign in _LOCKED):
        return None
    m = _PID.search(text)
    return Busy("another process", holder=int(m.group(1)) if m else None)


def open_waiting(open_once: Callable[[], T], *, db: str, timeout: float,
                 on_wait: Callable[[str], None] | None = None) -> T:
    """``open_once()``, again while it raises ``Busy``, for up to ``timeout`` seconds (0: once).
    Raises ``StoreError`` [E301] when the time is up."""
    deadline = time.monotonic() + max(0.0, timeout)
    delay, told = FIRST_DELAY_S, False
    while True:
        try:
            return open_once()
        except Busy as busy:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreError(busy_message(db, busy, waited=timeout), code=E301) from busy
            if on_wait is not None and not told:
                on_wait(f"{db} is in use by {_who(busy)}; waiting up to {timeout:g} s for it")
                told = True
            time.sleep(min(delay, left))
            delay = min(delay * 2, MAX_DELAY_S)


def busy_message(db: str, busy: Busy, *, waited: float) -> str:
    waited_for = f" for {waited:g} s" if waited > 0 else ""
    longer = ", or let dotterel ingest wait longer with --lock-timeout SECONDS" if waited else ""
    return (f"cannot open {db}: it is locked by {_who(busy)}{waited_for}. While a process "
            "writes a dotterel database (dotterel ingest, dotterel serve --allow-writes), no "
            f"other process may open it. Try again when it has finished{longer}")


def _who(busy: Busy) -> str:
    return f"{busy.what} (pid {busy.holder})" if busy.holder else busy.what
