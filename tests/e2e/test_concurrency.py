"""Concurrent use of one database file by several processes (see ``store/_lock.py`` and the
README's "Reliability"): a writer waits for the file with a clear message and a timeout, a
writer at the gate is not starved by a stream of readers, the gate dies with its process,
two ``dotterel ingest`` at once store the union of their inputs, and ``dotterel serve`` answers
200 or a clean 503 while ``dotterel ingest`` writes, never a raw lock error."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import httpx
import pytest

from dotterel import query
from dotterel.errors import StoreError
from dotterel.store import Store
from dotterel.store._lock import check_gate, duckdb_busy, gate_path
from tests.e2e._server import serving
from tests.e2e.test_crash import articles, assert_whole, snapshot

# a process holding the store open: a writer (Store), a reader, or DuckDB itself, until stdin
HOLD = """
import sys, time
import duckdb
from dotterel.store import Store
kind, path = sys.argv[1], sys.argv[2]
if kind == "duckdb":
    held = duckdb.connect(path)
else:
    held = Store(path, read_only=kind == "reader", lock_timeout=float(sys.argv[3]))
print("holding", flush=True)
sys.stdin.readline()
held.close()
"""


def hold(kind: str, db: Path, timeout: float = 0.0) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, kind, str(db), str(timeout)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return proc


def wait_holding(proc: subprocess.Popen) -> None:
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"


def release(proc: subprocess.Popen) -> None:
    proc.communicate("\n", timeout=60)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "shared.duckdb"
    Store(path).close()
    return path


# ---------- the lock and the gate, without the model ----------

def test_a_held_file_is_a_clear_e301_naming_the_holder(db) -> None:
    writer = hold("writer", db)
    try:
        wait_holding(writer)
        for read_only in (False, True):
            with pytest.raises(StoreError) as err:
                Store(db, read_only=read_only)
            assert err.value.code == "E301"
            assert f"locked by another writer (pid {writer.pid})" in err.value.message \
                or f"locked by a writer (pid {writer.pid})" in err.value.message
        told: list[str] = []
        started = time.monotonic()
        with pytest.raises(StoreError) as err:
            Store(db, lock_timeout=0.6, on_wait=told.append)
        assert 0.5 < time.monotonic() - started < 5
        assert "for 0.6 s" in err.value.message and "--lock-timeout" in err.value.message
        assert told == [f"{db} is in use by another writer (pid {writer.pid}); waiting up to "
                        "0.6 s for it"]
    finally:
        release(writer)


def test_a_waiting_writer_gets_in_when_the_holder_leaves(db) -> None:
    holder = hold("duckdb", db)  # DuckDB's own lock, no gate: any other program
    wait_holding(holder)
    threading.Timer(0.8, release, args=(holder,)).start()
    told: list[str] = []
    with Store(db, lock_timeout=30, on_wait=told.append) as store:
        assert query.counts(store.connection)["articles"] == 0
    assert len(told) == 1 and f"(pid {holder.pid})" in told[0]


def test_the_gate_dies_with_its_process(db) -> None:
    writer = hold("writer", db)
    wait_holding(writer)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    check_gate(str(db))  # open
    with Store(db) as store:
        assert query.counts(store.connection)["articles"] == 0


def test_readers_let_a_waiting_writer_go_first(db) -> None:
    """A writer that waits for the readers already in holds the gate: new readers are
    turned away until it has written, so a stream of reads cannot starve it."""
    reader = hold("reader", db)
    wait_holding(reader)
    writer = hold("writer", db, timeout=60)  # waits at the gate for the reader
    try:
        deadline = time.monotonic() + 60
        while Path(gate_path(str(db))).read_text() != str(writer.pid):
            assert time.monotonic() < deadline, "the writer never took the gate"
            time.sleep(0.05)
        with pytest.raises(StoreError) as err:
            Store(db, read_only=True)
        assert f"locked by a writer (pid {writer.pid})" in err.value.message
        release(reader)
        wait_holding(writer)  # in, once the reader that was there has left
    finally:
        if reader.poll() is None:
            release(reader)
        release(writer)
    with Store(db, read_only=True) as store:
        assert query.counts(store.connection)["articles"] == 0


def test_only_lock_errors_are_waited_for() -> None:
    held = duckdb_busy(Exception('IO Error: Could not set lock on file "/x.duckdb": Conflicting '
                                 "lock is held in /usr/bin/python3 (PID 4321). See also ..."))
    assert held is not None and held.holder == 4321
    assert duckdb_busy(Exception("Corrupt block 12 in /x.duckdb")) is None
    assert duckdb_busy(Exception("IO Error: Cannot open file: Permission denied")) is None


# ---------- the commands, with the model ----------

def ingest(bin_: str, src: Path, db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([bin_, "ingest", str(src), "--db", str(db), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.model
def test_ingest_gives_up_cleanly_when_the_file_stays_locked(dotterel_bin, db, tmp_path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles(2))
    holder = hold("duckdb", db)
    try:
        wait_holding(holder)
        p = ingest(dotterel_bin, src, db, "--lock-timeout", "1")
        out, err = p.communicate(timeout=300)
    finally:
        release(holder)
    assert p.returncode == 2 and "Traceback" not in err + out
    assert "waiting up to 1 s" in err and "[E301]" in err
    assert f"locked by another process (pid {holder.pid}) for 1 s" in err


@pytest.mark.model
def test_two_ingests_at_once_store_the_union(dotterel_bin, tmp_path) -> None:
    rows = articles(64)
    left = write_jsonl(tmp_path / "left.jsonl", rows[:40])
    right = write_jsonl(tmp_path / "right.jsonl", rows[24:])  # 16 articles in both
    both = write_jsonl(tmp_path / "both.jsonl", rows)
    clean, shared = tmp_path / "clean.duckdb", tmp_path / "shared.duckdb"
    assert ingest(dotterel_bin, both, clean).wait(timeout=600) == 0
    runs = [ingest(dotterel_bin, src, shared, "--batch", "4") for src in (left, right)]
    outs = [p.communicate(timeout=600) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outs
    got, expected = snapshot(shared), snapshot(clean)
    for table in ("articles", "places", "failures"):
        assert got[table] == expected[table], table
    # the same events and claims. Event clusters and claim threads are built incrementally in
    # arrival order (README: "without re-clustering"): a report that names no target joins the
    # first compatible cluster, so which ingest wrote first can change the grouping. Their
    # integrity is checked (assert_whole), and every cluster holds one actor's reports.
    for table in ("events", "claims"):
        assert [row[:-1] for row in got[table]] == [row[:-1] for row in expected[table]]
    assert _single_actor_clusters(shared)
    assert_whole(shared)


def _single_actor_clusters(db: Path) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        mixed = con.execute("SELECT count(*) FROM (SELECT cluster_id FROM events GROUP BY "
                            "cluster_id HAVING count(DISTINCT coalesce(actor_code, '-')) > 1)")
        return mixed.fetchall()[0][0] == 0
    finally:
        con.close()


@pytest.mark.model
def test_serve_answers_while_ingest_writes(dotterel_bin, db, tmp_path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", articles(48))
    answers: Counter[str] = Counter()
    problems: list[str] = []
    stop = threading.Event()

    def read(base: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                for url in ("/api/events?limit=5", "/api/status", "/api/dyads"):
                    r = client.get(url)
                    answers[str(r.status_code)] += 1
                    if r.status_code == 503:
                        body = r.json()
                        if set(body) != {"error"} or body["error"]["kind"] != "database_busy" \
                                or body["error"]["code"] != "E301" \
                                or not r.headers.get("retry-after", "").isdigit():
                            problems.append(r.text)
                    elif r.status_code != 200:
                        problems.append(f"{r.status_code}: {r.text}")

    with serving(dotterel_bin, db, log=tmp_path / "serve.log") as base:
        readers = [threading.Thread(target=read, args=(base,)) for _ in range(4)]
        for t in readers:
            t.start()
        try:
            p = ingest(dotterel_bin, src, db, "--batch", "4", "--lock-timeout", "60")
            out, err = p.communicate(timeout=600)
        finally:
            stop.set()
            for t in readers:
                t.join(timeout=60)
        status = httpx.get(f"{base}/api/status").json()
    print(f"answers while ingest wrote 48 articles in batches of 4: {dict(answers)}")
    assert p.returncode == 0, err
    assert "Traceback" not in err
    assert problems == []
    assert answers["200"] > 20, answers  # the server kept answering between batches
    assert status["counts"]["articles"] == 48
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log and "IO Error" not in log


def test_the_readme_documents_the_scheme_with_its_numbers() -> None:
    from dotterel.api._db import OPEN_BACKOFF_S, OPEN_TRIES
    from dotterel.api._errors import RETRY_AFTER_S
    from dotterel.articles import MAX_ARTICLE_CHARS
    from dotterel.ingest import LOCK_TIMEOUT_S
    from dotterel.nlp._parse import MAX_UNIT_CHARS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("\n## Reliability\n", 1)[1].split("\n## ", 1)[0]
    assert f"`--lock-timeout`\n   seconds (default {LOCK_TIMEOUT_S:g})" in section
    assert f"`Retry-After: {RETRY_AFTER_S}`" in section and "`503`" in section
    assert 0.3 < sum(OPEN_BACKOFF_S * 2 ** k for k in range(OPEN_TRIES - 1)) < 0.4  # "a third"
    assert f"over {MAX_ARTICLE_CHARS:,} characters" in section
    assert f"over {MAX_UNIT_CHARS:,} characters" in section
    assert f"`news.duckdb{gate_path('')}`" in section
    assert "skipped: language is fr, not English" in section
    for test in ("test_reliability.py", "test_crash.py", "test_concurrency.py"):
        assert test in section and (Path(__file__).parent / test).exists()
