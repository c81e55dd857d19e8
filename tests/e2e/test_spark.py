"""``dotterel spark`` in local mode gives exactly what one process gives, and ``dotterel load``
stores exactly what ``dotterel ingest`` stores, in every table (clusters and threads included):
the store writes both through one routine. One Spark run (start-up ~5 s) over our own stories
serves the first two tests; the third runs Spark over the 57 shared Wikinews articles."""
from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'dotterel[spark]'")

from dotterel.articles import read_path  # noqa: E402
from dotterel.scale._rows import OUTPUT_TABLES, result_rows  # noqa: E402
from dotterel.store import DATA_TABLES  # noqa: E402
from tests.conftest import DATA  # noqa: E402

pytestmark = pytest.mark.model
STAMPS = {"ingested_at", "recorded_at", "run_id", "written_at", "updated_at"}
ALL_TABLES = ("articles", "events", "claims", "places", "failures", "event_clusters",
              "claim_threads")


def run(bin_: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=900)


def spark(bin_: str, src: Path, out: Path) -> subprocess.CompletedProcess:
    return run(bin_, "spark", str(src), "--out", str(out), "--master", "local[2]")


# Two reports of one bombing (written for this test), the later one first: the cluster's id is
# that of the report stored first, so `load` must take articles in the order `ingest` reads them.
LATE_FIRST = [
    {"id": "late", "date": "2024-05-07", "source": "Evening Wire",
     "text": "Boko Haram militants bombed a crowded market in Maiduguri on Monday, killing "
             "twelve people, officials said on Tuesday."},
    {"id": "early", "date": "2024-05-06", "source": "Morning Wire",
     "text": "Boko Haram fighters bombed a busy market in Maiduguri on Monday."},
]


@pytest.fixture(scope="module")
def coded(dotterel_bin, tmp_path_factory) -> tuple[Path, Path]:
    """(input file, output folder) of one `dotterel spark --master local[2]` run over our wire
    stories, our story of a disputed claim, two reports of one bombing out of date order, a
    repeat and a broken line between them."""
    lines = (DATA / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    dispute = json.dumps({"id": "dispute", "date": "2024-05-20",
                          "text": (DATA / "claim_dispute.txt").read_text(encoding="utf-8")})
    work = tmp_path_factory.mktemp("spark")
    src = work / "in.jsonl"
    src.write_text("\n".join(lines[:3] + ['{"id": "broken"'] + lines[3:] + [dispute]
                             + [json.dumps(x) for x in LATE_FIRST] + [lines[0]]) + "\n",
                   encoding="utf-8")
    p = spark(dotterel_bin, src, work / "out")
    assert p.returncode == 1, p.stdout + p.stderr[-3000:]  # 1: the broken line is a failure
    assert f"{len(lines) + 4} articles" in p.stdout and "1 failures" in p.stdout
    return src, work / "out"


def parquet(folder: Path, table: str) -> list[dict[str, Any]]:
    cur = duckdb.execute(f"SELECT * FROM read_parquet('{folder / table}/*.parquet') ORDER BY id")
    names = [d[0] for d in cur.description]
    return [{k: v for k, v in zip(names, r) if k not in STAMPS} for r in cur.fetchall()]


def test_spark_rows_are_those_of_one_process(coded, pipeline):
    src, out = coded
    expected: dict[str, list[dict[str, Any]]] = {t.name: [] for t in OUTPUT_TABLES}
    columns = {t.name: t.names for t in OUTPUT_TABLES}
    for item in pipeline.process(read_path(src)):
        for name, values in result_rows(item, now=datetime(2000, 1, 1)):
            row = dict(zip(columns[name], values))
            expected[name].append({k: v for k, v in row.items() if k not in STAMPS})
    for table in OUTPUT_TABLES:
        assert parquet(out, table.name) == sorted(expected[table.name], key=lambda r: r["id"]), \
            table.name
    events = {(r["article_id"], r["cameo"], r["actor_code"], r["recipient_code"])
              for r in expected["events"]}
    assert len(events) > 20


def stored(db: Path, table: str) -> list[dict[str, Any]]:
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute(f'SELECT * FROM "{table}" ORDER BY id')
        names = [d[0] for d in cur.description]
        return [{k: v for k, v in zip(names, r) if k not in STAMPS} for r in cur.fetchall()]


def assert_same_store(loaded: Path, ingested: Path) -> dict[str, int]:
    """Every data table equal, row for row, but for the times and run ids; returns the rows."""
    assert set(ALL_TABLES) == set(DATA_TABLES)
    sizes = {}
    for table in ALL_TABLES:
        a, b = stored(loaded, table), stored(ingested, table)
        assert a == b, table
        sizes[table] = len(a)
    return sizes


def test_load_stores_what_ingest_stores(coded, dotterel_bin, tmp_path):
    src, out = coded
    loaded, ingested = tmp_path / "loaded.duckdb", tmp_path / "ingested.duckdb"
    p = run(dotterel_bin, "load", str(out), "--db", str(loaded))
    assert p.returncode == 0 and "11 new articles, 1 already stored" in p.stdout, p.stdout + p.stderr
    run(dotterel_bin, "ingest", str(src), "--db", str(ingested))
    sizes = assert_same_store(loaded, ingested)
    assert sizes["claim_threads"] > 0 and sizes["event_clusters"] > 0 and sizes["failures"] == 1
    with duckdb.connect(str(loaded), read_only=True) as con:
        both = con.execute("SELECT c.num_articles, a.input_id FROM event_clusters c JOIN events e "
                           "ON e.id = c.id JOIN articles a ON a.id = e.article_id "
                           "WHERE c.num_articles = 2").fetchall()
    assert both == [(2, "late")]  # one bombing, rooted in the report read first
    again = run(dotterel_bin, "load", str(out), "--db", str(loaded))  # idempotent, as ingest
    assert again.returncode == 0 and "0 new articles, 12 already stored" in again.stdout
    assert_same_store(loaded, ingested)


def test_load_of_the_wikinews_set_stores_what_ingest_stores(shared, dotterel_bin, tmp_path):
    src = shared / "gold" / "wikinews_articles.jsonl"
    out = tmp_path / "out"
    p = spark(dotterel_bin, src, out)
    assert p.returncode == 0 and "57 articles" in p.stdout, p.stdout + p.stderr[-3000:]
    loaded, ingested = tmp_path / "loaded.duckdb", tmp_path / "ingested.duckdb"
    assert run(dotterel_bin, "load", str(out), "--db", str(loaded)).returncode == 0
    assert run(dotterel_bin, "ingest", str(src), "--db", str(ingested)).returncode == 0
    sizes = assert_same_store(loaded, ingested)
    assert sizes["articles"] == 57 and sizes["event_clusters"] < sizes["events"]
    assert 0 < sizes["claim_threads"] < sizes["claims"]
