"""``dotterel spark`` in local mode gives exactly what one process gives, and ``dotterel load``
stores exactly what ``dotterel ingest`` stores. One Spark run (start-up ~5 s) serves both tests."""
from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'dotterel[spark]'")

from dotterel.articles import read_path  # noqa: E402
from dotterel.scale._rows import OUTPUT_TABLES, result_rows  # noqa: E402
from tests.conftest import DATA  # noqa: E402

pytestmark = pytest.mark.model
STAMPS = {"ingested_at", "recorded_at", "run_id", "written_at"}


def run(bin_: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def coded(dotterel_bin, tmp_path_factory) -> tuple[Path, Path]:
    """(input file, output folder) of one `dotterel spark --master local[2]` run over six of
    our wire stories and a broken line between them."""
    lines = (DATA / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    work = tmp_path_factory.mktemp("spark")
    src = work / "in.jsonl"
    src.write_text("\n".join(lines[:3] + ['{"id": "broken"'] + lines[3:6]) + "\n", encoding="utf-8")
    p = run(dotterel_bin, "spark", str(src), "--out", str(work / "out"), "--master", "local[2]")
    assert p.returncode == 1, p.stdout + p.stderr[-3000:]  # 1: the broken line is a failure
    assert "6 articles" in p.stdout and "1 failures" in p.stdout
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


def test_load_stores_what_ingest_stores(coded, dotterel_bin, tmp_path):
    src, out = coded
    loaded, ingested = tmp_path / "loaded.duckdb", tmp_path / "ingested.duckdb"
    p = run(dotterel_bin, "load", str(out), "--db", str(loaded))
    assert p.returncode == 0 and "6 new articles" in p.stdout, p.stdout + p.stderr
    run(dotterel_bin, "ingest", str(src), "--db", str(ingested))
    for table in ("articles", "events", "claims", "places", "failures"):
        assert stored(loaded, table) == stored(ingested, table), table
