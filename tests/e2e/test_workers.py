"""``--workers``: the same output, in the same order, as one process; the parent alone writes."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DATA

pytestmark = pytest.mark.model


def run(bin_: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """Our eight wire stories and a broken line between them."""
    lines = (DATA / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    path = tmp_path_factory.mktemp("workers") / "small.jsonl"
    path.write_text("\n".join(lines[:4] + ['{"id": "broken", "text": '] + lines[4:8]) + "\n",
                    encoding="utf-8")
    return path


def test_code_with_two_workers_prints_what_one_process_prints(dotterel_bin, small):
    one = run(dotterel_bin, "code", str(small), "--format", "jsonl")
    two = run(dotterel_bin, "code", str(small), "--format", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 1, two.stderr  # the broken line
    assert two.stdout == one.stdout
    lines = [json.loads(x) for x in two.stdout.splitlines()]
    assert len(lines) == 9 and lines[4]["error"]["code"] == "E104"
    assert sum(len(x.get("events", ())) for x in lines) > 20


def test_ingest_with_two_workers_stores_what_one_process_stores(dotterel_bin, small, tmp_path):
    def table(db: Path, sql: str) -> list[tuple]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    run(dotterel_bin, "ingest", str(small), "--db", str(one))
    p = run(dotterel_bin, "ingest", str(small), "--db", str(two), "--workers", "2", "--timings")
    assert p.returncode == 1 and "Traceback" not in p.stderr
    timings = json.loads(next(x for x in p.stderr.splitlines() if x.startswith("timings: "))[9:])
    assert timings["workers"] == 2 and 0 < timings["store_share"] < 1
    assert 0 < timings["worker_peak_rss_mb"] < 2000
    events = ("SELECT id, article_id, cameo, actor_code, recipient_code, trigger_start "
              "FROM events ORDER BY id")
    assert table(two, events) == table(one, events)
    assert table(two, "SELECT id, origin FROM articles ORDER BY id") == table(
        one, "SELECT id, origin FROM articles ORDER BY id")
    assert table(two, "SELECT count(*) FROM failures") == [(1,)]
