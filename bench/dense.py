#!/usr/bin/env python3
"""Is the store linear? Two measures, printed in one run.

1. A dense article: one sentence ("Rebels attacked a police post in Kirkuk on Monday.") repeated
   n times, one a line, in one .txt file, through ``dotterel ingest`` as a fresh process: its
   wall time, the store's share (``--timings``) and its peak resident memory. Every report
   is of the same event, so all of them fall into one event cluster: the worst case for
   clustering. (An article over 100,000 characters is stored as parts, so a big file is many
   articles of one cluster.)
2. A growing store: coded articles (our own stories in ``tests/data`` and the bundled example,
   coded once) cloned with new ids, one batch of ``--batch`` articles per day, written with
   ``Store.write_batch`` until the store holds ``--articles`` articles; the time of each batch
   is printed every ``--every`` batches. Coding time does not depend on the store, so only the
   store is timed here.

  .venv/bin/python bench/dense.py                       # n = 2,000 4,000 8,000 16,000; 20,000 articles
  .venv/bin/python bench/dense.py --sizes 160000 --articles 0   # the 5 MB case only
  .venv/bin/python bench/dense.py --sizes "" --articles 5000    # the growing store only

Needs nothing outside this repository.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Rebels attacked a police post in Kirkuk on Monday."
# Run a command and print its peak RSS (KiB on Linux) last on stderr: the wrapper's only child.
_WRAP = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
         "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
         "file=sys.stderr); sys.exit(rc)")


def dense(sizes: list[int], work: Path) -> None:
    exe = str(Path(sys.executable).parent / "dotterel")
    print(f"dense article: '{SENTENCE}' n times, `dotterel ingest` as a fresh process")
    print(f"  {'sentences':>10} {'MB':>6} {'seconds':>8} {'store s':>8} {'peak RSS MB':>12} events")
    for n in sizes:
        src = work / f"dense{n}.txt"
        src.write_text((SENTENCE + "\n") * n, encoding="utf-8")
        db = work / f"dense{n}.duckdb"
        started = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", _WRAP, exe, "ingest", str(src), "--db", str(db),
                            "--timings"], capture_output=True, text=True)
        took = time.perf_counter() - started
        rss = next((int(x.split()[1]) for x in p.stderr.splitlines() if x.startswith("maxrss")), 0)
        timings = next((json.loads(x.split(" ", 1)[1]) for x in p.stderr.splitlines()
                        if x.startswith("timings: ")), {})
        events = next((x.split(" events")[0].rsplit(" ", 1)[1] for x in p.stdout.splitlines()
                       if " events, " in x), "?")
        status = "" if p.returncode == 0 else f"  exit {p.returncode}: {p.stderr[-300:]}"
        print(f"  {n:>10,} {src.stat().st_size / 1e6:>6.2f} {took:>8.1f} "
              f"{timings.get('store_seconds', float('nan')):>8.1f} {rss / 1024:>12.0f} "
              f"{events}{status}", flush=True)
        db.unlink(missing_ok=True)
        src.unlink()


def pool() -> list:
    """Our own stories, coded once."""
    from dotterel import Pipeline, read_path
    from dotterel.records import ArticleResult

    paths = [ROOT / "tests" / "data" / "wire.jsonl", ROOT / "tests" / "data" / "claim_dispute.txt",
             ROOT / "src" / "dotterel" / "examples" / "border_dispute.txt"]
    pipeline = Pipeline()
    out = [r for p in paths for r in pipeline.process(read_path(p))
           if isinstance(r, ArticleResult)]
    return out


def _h(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return value


def clone(r, n: int, day: str, delta: int):
    """Article ``r`` as a new article ``n`` dated ``day``: new ids, dates moved by ``delta``."""
    aid = _h("article", n)
    events = tuple(replace(e, id=_h(aid, e.id), date=_shift(e.date, delta)) for e in r.events)
    ids = {c.id: _h(aid, c.id) for c in r.claims}
    claims = tuple(replace(c, id=ids[c.id], responds_to=ids.get(c.responds_to, c.responds_to))
                   for c in r.claims)
    article = replace(r.article, id=aid, date=day, input_id=f"clone-{n}", origin=f"bench:{n}")
    return replace(r, article=article, events=events, claims=claims)


def growth(articles: int, batch: int, every: int, work: Path) -> None:
    from dotterel import query
    from dotterel.store import Store

    coded = pool()
    db = work / "growth.duckdb"
    start = date(2024, 1, 1)
    print(f"\ngrowing store: {len(coded)} coded stories cloned, {batch} articles a batch (one day "
          f"each), Store.write_batch timed")
    print(f"  {'batch':>6} {'articles':>9} {'events':>8} {'seconds':>8}")
    times: list[float] = []
    n = 0
    for b in range(max(1, articles // batch) if articles else 0):
        day = start + timedelta(days=b)
        results = []
        for _ in range(batch):
            r = coded[n % len(coded)]
            delta = (day - date.fromisoformat(r.article.date)).days if r.article.date else 0
            results.append(clone(r, n, day.isoformat(), delta))
            n += 1
        started = time.perf_counter()
        with Store(db) as store:
            store.write_batch(results)
        times.append(time.perf_counter() - started)
        if b % every == 0 or (b + 1) * batch >= articles:
            with Store(db, read_only=True) as store:
                counts = query.counts(store.connection)
            print(f"  {b + 1:>6} {counts['articles']:>9,} {counts['events']:>8,} "
                  f"{times[-1]:>8.3f}", flush=True)
    if times:
        k = max(1, len(times) // 5)
        first, last = sorted(times[:k])[k // 2], sorted(times[-k:])[k // 2]
        print(f"  median of the first {k} batches {first:.3f} s, of the last {k} {last:.3f} s "
              f"(ratio {last / first:.2f})")
    db.unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="2000,4000,8000,16000",
                    help="sentences per dense article, comma-separated ('' for none)")
    ap.add_argument("--articles", type=int, default=20_000, help="grow the store to this many")
    ap.add_argument("--batch", type=int, default=256, help="articles per batch (ingest's default)")
    ap.add_argument("--every", type=int, default=8, help="print every this many batches")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
        if sizes:
            dense(sizes, Path(tmp))
        if a.articles:
            growth(a.articles, a.batch, a.every, Path(tmp))


if __name__ == "__main__":
    main()
