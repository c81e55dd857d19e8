"""Run ``dotterel serve`` in a subprocess on a free loopback port, for the API and browser
tests."""
from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(bin_: str, db: Path, *args: str, log: Path, timeout: float = 60) -> Iterator[str]:
    """Start the server, wait until it answers, yield its base URL, stop it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:
        proc = subprocess.Popen([bin_, "serve", "--db", str(db), "--port", str(port), *args],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"dotterel serve exited {proc.returncode}: {log.read_text()}")
            try:
                if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"dotterel serve did not answer in {timeout} s: "
                                   f"{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        stop(proc, timeout=10)


def stop(proc: subprocess.Popen, *, timeout: float) -> None:
    """Terminate a server process; kill it if it does not exit within ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
