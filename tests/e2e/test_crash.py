"""Crash safety with a real process and a real SIGKILL: ``dotterel ingest`` killed part-way
(after its first batch is committed, later wherever it then is, and in the middle of a write,
while its write-ahead log holds data), then run again, ends with exactly the articles, events,
claims, clusters and threads of a clean run. After each kill the file opens (DuckDB replays
its write-ahead log) and holds whole batches only."""
from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from dotterel import query
from dotterel.errors import StoreError
from dotterel.store import Store

pytestmark = pytest.mark.model
ARTICLES = 240
BATCH = 8
COUNTRIES = ("Iran", "Israel", "Pakistan", "Afghanistan", "Nigeria", "Kenya", "Chad", "Sudan",
             "Egypt", "Turkey", "Syria", "Iraq")
ACTIONS = ("{a} accused {b} of violating the ceasefire",
           "{a} condemned {b} over the border clashes",
           "{a} praised {b} for its help after the floods",
           "{a} threatened {b} with new sanctions",
           "Officials from {a} met envoys from {b} to discuss trade")
CITIES = ("Kabul", "Nairobi", "Cairo", "Baghdad", "Lagos", "Khartoum")


def articles(n: int) -> list[dict]:
    out = []
    for i in range(n):
        a, b = COUNTRIES[i % 12], COUNTRIES[(i * 5 + 1) % 12]
        if a == b:
            b = COUNTRIES[(i + 1) % 12]
        action = ACTIONS[i % len(ACTIONS)].format(a=a, b=b)
        text = (f"{action} on Monday, the foreign ministry said. Police in {CITIES[i % 6]} "
                f"arrested {i + 2} protesters outside the embassy.")
        out.append({"id": f"a{i}", "text": text, "date": f"2024-03-{1 + i % 28:02d}",
                    "source": f"wire{i % 3}"})
    return out


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """What a run leaves, without the run ids and times, which differ by design."""
    queries = {
        "articles": "SELECT id, input_id, n_events, n_claims FROM articles",
        "events": "SELECT id, article_id, cameo, actor_code, recipient_code, cluster_id "
                  "FROM events",
        "claims": "SELECT id, article_id, stance, thread_id FROM claims",
        "event_clusters": "SELECT id, num_mentions, num_articles, num_sources "
                          "FROM event_clusters",
        "claim_threads": "SELECT id, n_claims, n_articles FROM claim_threads",
        "places": "SELECT id FROM places",
        "failures": "SELECT id FROM failures",
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(q).fetchall()) for t, q in queries.items()}
    finally:
        con.close()


def assert_whole(db: Path) -> int:
    """Every stored article has all its events and claims and nothing is orphaned; every
    event is in a cluster, every threaded claim in a thread, and their counts add up. Returns
    the number of articles."""
    with Store(db, read_only=True) as store:
        con = store.connection
        def one(sql: str) -> int:
            return con.execute(sql).fetchone()[0]
        assert one("SELECT count(*) FROM articles a WHERE n_events <> (SELECT count(*) FROM "
                   "events e WHERE e.article_id = a.id)") == 0
        assert one("SELECT count(*) FROM articles a WHERE n_claims <> (SELECT count(*) FROM "
                   "claims c WHERE c.article_id = a.id)") == 0
        for child in ("events", "claims", "places"):
            assert one(f"SELECT count(*) FROM {child} x WHERE x.article_id NOT IN "
                       "(SELECT id FROM articles)") == 0, child
        assert one("SELECT count(*) FROM events WHERE cluster_id IS NULL OR cluster_id NOT IN "
                   "(SELECT id FROM event_clusters)") == 0
        assert one("SELECT coalesce(sum(num_mentions), 0) FROM event_clusters") == \
            one("SELECT count(*) FROM events")
        assert one("SELECT coalesce(sum(articles_new), 0) FROM runs") == \
            one("SELECT count(*) FROM articles")
        assert one("SELECT count(*) FROM claims WHERE thread_id IS NOT NULL AND thread_id NOT IN "
                   "(SELECT id FROM claim_threads)") == 0
        assert one("SELECT coalesce(sum(n_claims), 0) FROM claim_threads") == \
            one("SELECT count(*) FROM claims WHERE thread_id IS NOT NULL")
        return one("SELECT count(*) FROM articles")


def stored(db: Path) -> int:
    """Articles stored so far, or -1 while the file is missing or held by the writer."""
    try:
        with Store(db, read_only=True) as store:
            return query.counts(store.connection)["articles"]
    except StoreError:
        return -1


def ingest(bin_: str, src: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([bin_, "ingest", str(src), "--db", str(db), "--batch", str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_after(proc: subprocess.Popen, db: Path, *, more_than: int, delay: float) -> None:
    """SIGKILL ``proc`` ``delay`` seconds after the store holds over ``more_than`` articles."""
    deadline = time.monotonic() + 240
    while stored(db) <= more_than:
        assert proc.poll() is None, f"ingest ended before the kill: {proc.communicate()}"
        assert time.monotonic() < deadline, "no batch was committed in time"
        time.sleep(0.02)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL


def kill_in_write(proc: subprocess.Popen, db: Path, *, wal_over: int) -> int:
    """SIGKILL ``proc`` the moment its write-ahead log holds over ``wal_over`` bytes: in a
    commit, or between a commit and the checkpoint that folds the log into the file. Returns
    the log's size after the kill."""
    wal, deadline = db.with_name(db.name + ".wal"), time.monotonic() + 240

    def wal_size() -> int:
        try:
            return wal.stat().st_size
        except FileNotFoundError:
            return 0
    for done in (lambda: wal_size() == 0,  # the log a kill left is replayed and folded in
                 lambda: wal_size() > wal_over):  # then a write of this run
        while not done():
            assert proc.poll() is None, f"ingest ended before the kill: {proc.communicate()}"
            assert time.monotonic() < deadline, "no write seen in time"
            time.sleep(0.0005)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    return wal.stat().st_size if wal.exists() else 0


def test_sigkill_part_way_then_again_equals_a_clean_run(dotterel_bin, tmp_path) -> None:
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles(ARTICLES)))
    clean = tmp_path / "clean.duckdb"
    done = ingest(dotterel_bin, src, clean)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    expected = snapshot(clean)
    assert len(expected["articles"]) == ARTICLES and len(expected["events"]) >= ARTICLES

    crashed, seen = tmp_path / "crashed.duckdb", 0
    for delay in (0.0, 0.35):  # right after a commit, then wherever the next kill lands
        kill_after(ingest(dotterel_bin, src, crashed), crashed, more_than=seen, delay=delay)
        wal = crashed.with_name(crashed.name + ".wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        now = assert_whole(crashed)  # the file opens after the kill, and holds whole batches
        print(f"killed {delay} s after a commit: {now} of {ARTICLES} articles stored, "
              f"write-ahead log {wal_bytes} bytes")
        assert seen < now < ARTICLES, (seen, now)
        seen = now

    for wal_over in (0, 4096):  # as a write begins; once a batch is (partly) in the log
        wal_bytes = kill_in_write(ingest(dotterel_bin, src, crashed), crashed, wal_over=wal_over)
        now = assert_whole(crashed)  # the log is replayed, or its torn tail dropped
        print(f"killed while writing: {now} of {ARTICLES} articles stored, write-ahead log "
              f"{wal_bytes} bytes at the kill")
        assert seen <= now < ARTICLES
        seen = now

    again = ingest(dotterel_bin, src, crashed)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"{ARTICLES - seen} new articles, {seen} already stored" in out
    assert_whole(crashed)
    assert snapshot(crashed) == expected
