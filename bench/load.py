#!/usr/bin/env python3
"""A bounded load test of ``dotterel serve`` on loopback: concurrent clients for a fixed time
against ``GET /api/events`` and ``POST /api/code``, then errors and latency per endpoint.

  python bench/load.py                       # 50 clients, 30 s, on a fresh demo database
  python bench/load.py --clients 50 --seconds 30 --db news.duckdb
  python bench/load.py --with-ingest         # and a `dotterel ingest` writing meanwhile

It starts ``dotterel serve`` on a free port of 127.0.0.1 (never another address), builds the
database first when none is given (the bundled example story and, where ../shared is there, the
founding article), and stops the server at the end. Each client is an asyncio task on one
``httpx.AsyncClient``; half the clients ask for events (a page of 20, filters varied), the
others post a short article to be coded (not stored); ``--only`` puts them all on one. The run stops by itself
after ``--seconds``; requests in flight then finish (each has a 60 s timeout).

An error is a transport error or any status but 200. With ``--with-ingest``, ``dotterel ingest``
adds generated articles to the database during the run; ``503 database_busy`` answers (with
``Retry-After``) are the documented answer while it writes, and are counted apart, not as
errors. Printed: requests, errors, 503s, requests/s, and p50/p90/p99/max latency per endpoint,
and the machine it ran on. Not a test: its figures depend on the machine.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "dotterel"
EXAMPLE = ROOT / "src" / "dotterel" / "examples" / "border_dispute.txt"
SEED = ROOT.parent / "shared" / "gold" / "seed" / "article.txt"
EVENT_QUERIES = ("/api/events?limit=20", "/api/events?limit=20&actor=AFG",
                 "/api/events?limit=20&undirected=true&actor=IRN&recipient=AFG",
                 "/api/events?limit=20&type=ACCUSE", "/api/events?limit=20&offset=5")
TEXTS = ("Pakistani troops shelled villages in eastern Afghanistan on Monday.",
         "Iran's foreign minister said that ISIS leaders had moved to Afghanistan. The Taliban "
         "rejected the claim and asked for evidence.",
         "Kenyan police arrested ten protesters in Nairobi, officials said.",
         "The United Nations condemned the attack on Hazara civilians in Kabul.")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, of the 200 answers
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def summary(self, seconds: float) -> dict:
        lat = sorted(self.latencies)
        def pct(p: float) -> float:
            return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else 0.0
        n = sum(self.statuses.values()) + sum(1 for e in self.errors if e.startswith("transport"))
        return {"requests": n, "ok": self.statuses[200],
                "errors": n - self.statuses[200] - self.statuses[503],
                "busy_503": self.statuses[503], "per_second": round(n / seconds, 1),
                "p50_ms": pct(0.50), "p90_ms": pct(0.90), "p99_ms": pct(0.99),
                "max_ms": round(1000 * lat[-1], 1) if lat else 0.0,
                "mean_ms": round(1000 * statistics.fmean(lat), 1) if lat else 0.0,
                "error_samples": self.errors[:5]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_db(folder: Path) -> Path:
    db = folder / "load.duckdb"
    inputs = [str(EXAMPLE)] + ([str(SEED)] if SEED.exists() else [])
    subprocess.run([str(BIN), "ingest", *inputs, "--db", str(db)], check=True,
                   capture_output=True, text=True)
    return db


def serve(db: Path, port: int, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:
        proc = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"dotterel serve exited: {log.read_text()}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"dotterel serve did not answer in 60 s: {log.read_text()}")
        time.sleep(0.2)


async def client(n: int, http: httpx.AsyncClient, until: float, tallies: dict[str, Tally],
                 kinds: tuple[str, ...]) -> None:
    kind = kinds[n % len(kinds)]
    tally, i = tallies[kind], n
    while time.monotonic() < until:
        i += 1
        started = time.perf_counter()
        try:
            if kind == "events":
                r = await http.get(EVENT_QUERIES[i % len(EVENT_QUERIES)])
            else:
                r = await http.post("/api/code", json={"text": TEXTS[i % len(TEXTS)]})
        except httpx.HTTPError as exc:
            tally.errors.append(f"transport: {type(exc).__name__}: {exc}")
            continue
        elapsed = time.perf_counter() - started
        tally.statuses[r.status_code] += 1
        if r.status_code == 200:
            tally.latencies.append(elapsed)
        elif r.status_code == 503 and r.headers.get("retry-after") and \
                r.json().get("error", {}).get("code") == "database_busy":
            pass  # the documented answer while an ingest writes
        else:
            tally.errors.append(f"{r.status_code}: {r.text[:200]}")


async def load(base: str, clients: int, seconds: float,
               kinds: tuple[str, ...]) -> tuple[dict[str, Tally], float]:
    tallies = {"events": Tally(), "code": Tally()}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        await http.post("/api/code", json={"text": TEXTS[0]})  # the model loads here, untimed
        started = time.monotonic()
        await asyncio.gather(*(client(n, http, started + seconds, tallies, kinds)
                               for n in range(clients)))
        return tallies, time.monotonic() - started


def ingest_during(db: Path, folder: Path, articles: int) -> subprocess.Popen:
    lines = []
    for i in range(articles):
        lines.append(json.dumps({"id": f"load{i}", "date": f"2024-04-{1 + i % 28:02d}",
                                 "text": f"{TEXTS[i % len(TEXTS)]} ({i} reported by wire {i % 7}.)"}))
    src = folder / "ingest.jsonl"
    src.write_text("\n".join(lines) + "\n")
    return subprocess.Popen([str(BIN), "ingest", str(src), "--db", str(db), "--batch", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--db", type=Path, help="database to serve (default: a fresh demo one)")
    ap.add_argument("--with-ingest", action="store_true",
                    help="run `dotterel ingest` on the same database during the load")
    ap.add_argument("--ingest-articles", type=int, default=400)
    ap.add_argument("--only", choices=("events", "code"),
                    help="every client on one endpoint (default: half on each)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dotterel-load-"))
    db = args.db or build_db(folder)
    port = free_port()
    server = serve(db, port, folder / "serve.log")
    writer = None
    try:
        if args.with_ingest:
            writer = ingest_during(db, folder, args.ingest_articles)
        kinds = (args.only,) if args.only else ("events", "code")
        tallies, seconds = asyncio.run(load(f"http://127.0.0.1:{port}", args.clients,
                                            args.seconds, kinds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {"clients": args.clients, "seconds": round(seconds, 1),
              "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                         f"Python {platform.python_version()}",
              "endpoints": {name: tallies[kind].summary(seconds) for name, kind in (
                  ("GET /api/events", "events"), ("POST /api/code", "code"))
                  if kind in kinds}}
    if writer is not None:
        out, err = writer.communicate(timeout=900)
        report["ingest"] = {"exit": writer.returncode, "summary": out.strip(),
                            "stderr": err.strip()[-500:]}
    log = (folder / "serve.log").read_text()
    report["server_log_tracebacks"] = log.count("Traceback")
    print(json.dumps(report, indent=2) if args.json else render(report))


def render(report: dict) -> str:
    lines = [f"{report['clients']} clients, {report['seconds']} s, on {report['machine']}",
             f"{'endpoint':<18}{'requests':>9}{'errors':>8}{'503':>6}{'req/s':>8}"
             f"{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
    for name, s in report["endpoints"].items():
        lines.append(f"{name:<18}{s['requests']:>9}{s['errors']:>8}{s['busy_503']:>6}"
                     f"{s['per_second']:>8}{s['p50_ms']:>9}{s['p90_ms']:>9}{s['p99_ms']:>9}"
                     f"{s['max_ms']:>9}")
        lines += [f"  error: {e}" for e in s["error_samples"]]
    if "ingest" in report:
        lines.append(f"ingest during the load: exit {report['ingest']['exit']}: "
                     f"{report['ingest']['summary']}")
    lines.append(f"tracebacks in the server log: {report['server_log_tracebacks']}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
