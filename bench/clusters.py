#!/usr/bin/env python3
"""Ingest the Wikinews set and print how its events group into clusters (real-world events):
the number of events and clusters, and the largest clusters with their reports and the titles
of their articles, so that the grouping can be judged by eye.

  python bench/clusters.py [--shared ../shared] [--top 15] [--window 1] [--db FILE]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dotterel.ingest import ingest_paths
from dotterel.store import Store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--top", type=int, default=15, help="show this many of the largest clusters")
    ap.add_argument("--window", type=int, default=1, help="cluster date window, days")
    ap.add_argument("--db", type=Path, default=None, help="keep the store here")
    a = ap.parse_args()
    db = a.db or Path(tempfile.mkdtemp()) / "wikinews.duckdb"
    Store(db, cluster_window_days=a.window).close()
    t0 = time.perf_counter()
    summary = ingest_paths([a.shared / "gold" / "wikinews_articles.jsonl"], db=db)
    took = time.perf_counter() - t0
    with Store(db, read_only=True) as store:
        report(store, top=a.top)
    print(f"\n{summary.articles_new} articles ingested in {took:.1f} s into {db}")


def report(store: Store, *, top: int) -> None:
    con = store.connection
    n_events, n_clusters, multi, cross = con.execute("""
        SELECT (SELECT count(*) FROM events), count(*), count(*) FILTER (WHERE num_mentions > 1),
               count(*) FILTER (WHERE num_articles > 1)
        FROM event_clusters""").fetchone()
    print(f"events {n_events}, clusters {n_clusters} ({n_events - n_clusters} reports merged; "
          f"{multi} clusters of 2+ reports, {cross} spanning 2+ articles)")
    largest = con.execute("""
        SELECT id, event_date, actor_code, recipient_code, cameo, plover_type, location_name,
               num_mentions, num_articles
        FROM event_clusters ORDER BY num_mentions DESC, num_articles DESC, id LIMIT ?""",
                          [top]).fetchall()
    for cid, day, actor, rec, cameo, plover, place, mentions, articles in largest:
        print(f"\n[{mentions} reports, {articles} articles] {day} {actor or '?'} -> {rec or '-'} "
              f"{cameo} {plover or '-'} @ {place or '-'}  (cluster {cid})")
        for title, sentence, trigger in con.execute("""
                SELECT a.title, e.sentence, e.trigger FROM events e JOIN articles a
                ON a.id = e.article_id WHERE e.cluster_id = ?
                ORDER BY a.date, a.id, e.sentence, e.trigger_start""", [cid]).fetchall():
            print(f"    s{sentence:<3} {trigger!r:<16} {title}")


if __name__ == "__main__":
    main()
