#!/usr/bin/env python3
"""What following the news costs over coding the same pages from disk, in one run.

  python bench/news.py [--feeds 200] [--items 20] [--repeat 3] [--batch 256]

A news site on loopback (tests/_newssite.py, in this process) serves ``--feeds`` RSS feeds of
``--items`` pages each: our own invented stories, every page unique. The same pages are also
written to a folder as .html files. Then, each as a fresh process (start-up included) and
``--repeat`` times, alternating, medians quoted:

  watch    ``dotterel watch FEEDS --once --delay 0`` into a fresh store: feeds fetched and
           parsed, robots.txt read, every page fetched (one request at a time: the site is one
           host), extracted, coded and stored
  ingest   ``dotterel ingest FOLDER`` into a fresh store: the same pages read from disk,
           extracted, coded and stored

Both write batches of ``--batch`` articles (ingest's default, 256), so that the difference is
the fetching and the feed handling. The target: watch at most 1.25 times ingest's time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import machine  # bench/ is on the path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent / "dotterel"
TARGET = 1.25

from tests._newssite import STORIES, NewsSite, rss, serving, story_html  # noqa: E402


def build(site: NewsSite, folder: Path, *, feeds: int, items: int) -> None:
    """The feeds and pages on the site, and the same pages in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(feeds):
        links = []
        for i in range(items):
            n = f * items + i
            title, paragraphs = STORIES[n % len(STORIES)]
            html = story_html(n, (f"{title} (report {n})",
                                  [*paragraphs, f"This is report number {n} of the desk."]),
                              heavy=n % 2 == 0)
            path = f"/p/{f}/{i}"
            site.page(path, html)
            (folder / f"{f:03d}-{i:03d}.html").write_text(html, encoding="utf-8")
            links.append("{base}" + path)
        site.feed(f"/feeds/{f}.xml", rss(links, title=f"Desk {f}"), "application/rss+xml")


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True,
                       env={**os.environ, "DOTTEREL_CONTACT": "bench@localhost"})
    seconds = time.perf_counter() - started
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    print(f"    {Path(cmd[0]).name} {cmd[1]}: {seconds:.1f} s  {p.stdout.strip()[-160:]}",
          flush=True)
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()
    print(machine())
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    site = NewsSite()
    with tempfile.TemporaryDirectory(prefix="dotterel-news-bench-") as tmp, serving(site):
        work = Path(tmp)
        pages = work / "pages"
        build(site, pages, feeds=args.feeds, items=args.items)
        feeds = work / "feeds.txt"
        feeds.write_text("".join(f"{site.base}/feeds/{f}.xml Desk {f}\n"
                                 for f in range(args.feeds)))
        n = args.feeds * args.items
        print(f"{args.feeds} feeds x {args.items} items = {n} pages, batches of {args.batch}")
        runs: dict[str, list[float]] = {"watch": [], "ingest": []}
        for r in range(args.repeat):
            order = ("watch", "ingest") if r % 2 == 0 else ("ingest", "watch")
            for name in order:
                db = work / f"{name}-{r}.duckdb"
                cmd = ([str(BIN), "watch", str(feeds), "--db", str(db), "--once", "--delay", "0",
                        "--batch", str(args.batch)] if name == "watch" else
                       [str(BIN), "ingest", str(pages), "--db", str(db), "--batch",
                        str(args.batch)])
                runs[name].append(timed(cmd))
        same = {name: _counts(work / f"{name}-0.duckdb") for name in runs}
    watch_s, ingest_s = (statistics.median(runs[k]) for k in ("watch", "ingest"))
    ratio = watch_s / ingest_s
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print("| run | median s | pages/s | runs |\n|---|---|---|---|")
    for name, secs in (("watch", watch_s), ("ingest", ingest_s)):
        print(f"| {name} | {secs:.1f} | {n / secs:.1f} | "
              + ", ".join(f"{s:.1f}" for s in runs[name]) + " |")
    print(f"articles, events, claims: watch {same['watch']}, ingest {same['ingest']}"
          f" ({'the same' if same['watch'] == same['ingest'] else 'DIFFERENT'})")
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"watch / ingest = {ratio:.3f} (fetching and feed handling add {100 * (ratio - 1):.1f}%);"
          f" {verdict} the target of at most {TARGET:.2f}")


def _counts(db: Path) -> tuple[int, ...]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "events", "claims"))
    finally:
        con.close()


if __name__ == "__main__":
    main()
