"""The database, opened for each request and closed after it.

DuckDB lets one process write a file, and no other process open it meanwhile. Holding no
connection between requests lets ``dotterel ingest`` write the file while the server runs;
while it writes, a request retries briefly, then gets a 503 with ``Retry-After``.
The server opens the file read-only unless writes are enabled."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dotterel.api._errors import busy
from dotterel.errors import StoreError
from dotterel.store import Store

OPEN_TRIES = 4
OPEN_BACKOFF_S = 0.05  # doubled after each try: 0.05 + 0.1 + 0.2 s before giving up


class Database:
    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable

    def check(self) -> int:
        """Open once to check the file is a store (creating it when writable); return the
        schema version. Raises ``StoreError`` [E301]."""
        with self.open() as store:
            return store.schema_version

    @contextmanager
    def open(self) -> Iterator[Store]:
        store = self._connect()
        try:
            yield store
        finally:
            store.close()

    def _connect(self) -> Store:
        delay = OPEN_BACKOFF_S
        for attempt in range(OPEN_TRIES):
            try:
                return Store(self.path, read_only=not self.writable)
            except StoreError as exc:
                if not _locked(exc):
                    raise
                if attempt == OPEN_TRIES - 1:
                    raise busy(f"{self.path.name} is being written by another process "
                               "(dotterel ingest?)") from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")


def _locked(exc: StoreError) -> bool:
    cause = exc.__cause__
    return "lock" in (str(cause) if cause is not None else str(exc)).lower()
