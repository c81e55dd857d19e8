"""scale/: records cross process boundaries intact, Spark's rows follow the store's columns, and
``load_parquet`` stores exactly what ``Store.write_batch`` stores. No model, no Spark."""
from __future__ import annotations

import pickle
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dotterel.scale as scale
from dotterel import query
from dotterel.errors import StoreError
from dotterel.pipeline import Pipeline
from dotterel.records import Actor, Article, ArticleResult, Claim, Event, Failure, Place
from dotterel.scale import ParallelPipeline, PipelineSettings, load_parquet
from dotterel.scale._rows import OUTPUT_TABLES, result_rows
from dotterel.scale._workers import _chunks
from dotterel.store import Store

NOW = datetime(2024, 3, 14, 12, 0, 0)
STAMPS = {"ingested_at", "recorded_at", "run_id", "written_at"}
IRN = Actor(text="Iran", code="IRN", sector="GOV", name="Iran", start=0, end=4, kind="country")
AFG = Actor(text="The Taliban", code="AFG", sector="GOV", name="Taliban", start=20, end=31)
KABUL = Place(name="Kabul", country="AFG", lat=34.53, lon=69.17, geonameid=1138958,
              feature="city", start=40, end=45)


def result(n: int, *, day: str | None = "2023-06-10") -> ArticleResult:
    aid = f"a{n}"
    art = Article(id=aid, text=f"Iran accused the Taliban in Kabul ({n}).", title=f"T{n}", date=day,
                  source="Reuters", input_id=f"in-{n}", origin=f"news.jsonl:{n}")
    ev = Event(id=f"{aid}-e", sentence=0, sentence_text=art.text, trigger="accused",
               trigger_start=5, trigger_end=12, actor=IRN, recipient=AFG, cameo="112",
               plover_type="ACCUSE", plover_mode=None, goldstein=-2.0, quad_class=3,
               location=KABUL, confidence=0.8)
    cl = Claim(id=f"{aid}-c", sentence=0, speaker=IRN, cue="accused", content="the Taliban",
               content_start=20, content_end=31, stance="asserts", cue_start=5, about=("AFG",))
    return ArticleResult(article=art, events=(ev,), claims=(cl,), places=(KABUL,))


FAILURE = Failure(origin="news.jsonl", code="E104", message="broken JSON", line=7)


def write_parquet(folder: Path, items: list[ArticleResult | Failure]) -> None:
    """What ``dotterel spark`` writes: one folder per table, part files in it."""
    rows: dict[str, list[tuple]] = {t.name: [] for t in OUTPUT_TABLES}
    for item in items:
        for name, values in result_rows(item, now=NOW):
            rows[name].append(values)
    for table in OUTPUT_TABLES:
        (folder / table.name).mkdir(parents=True)
        cols = list(zip(*rows[table.name])) or [[] for _ in table.names]
        data = pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in
                                     zip(cols, table.arrow)], schema=table.arrow)
        pq.write_table(data, folder / table.name / "part-00000.parquet")


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for table in OUTPUT_TABLES:
        cur = store.connection.execute(f'SELECT * FROM "{table.name}" ORDER BY id')
        names = [d[0] for d in cur.description]
        out[table.name] = [{k: v for k, v in zip(names, r) if k not in STAMPS}
                           for r in cur.fetchall()]
    return out


def test_public_surface():
    assert scale.__all__ == ["ParallelPipeline", "PipelineSettings", "load_parquet", "run_spark"]


def test_records_survive_pickling():
    for item in (result(1), FAILURE):
        assert pickle.loads(pickle.dumps(item)) == item


def test_rows_follow_the_store_columns():
    by_table: dict[str, list[tuple]] = {}
    for name, values in [*result_rows(result(1), now=NOW), *result_rows(FAILURE, now=NOW)]:
        by_table.setdefault(name, []).append(values)
    assert sorted(by_table) == sorted(t.name for t in OUTPUT_TABLES)
    for table in OUTPUT_TABLES:
        for values in by_table[table.name]:
            assert len(values) == len(table.columns)
            row = dict(zip(table.names, values))
            assert row.get("run_id") is None
    event = dict(zip(OUTPUT_TABLES[1].names, by_table["events"][0]))
    assert (event["article_id"], event["cameo"], event["actor_code"], event["recipient_code"]) == (
        "a1", "112", "IRN", "AFG")
    assert isinstance(event["goldstein"], float) and event["location_name"] == "Kabul"


def test_load_stores_what_write_batch_stores(tmp_path):
    items = [result(1), result(2, day=None), result(1), FAILURE]
    write_parquet(tmp_path / "out", items)
    with Store(tmp_path / "loaded.duckdb") as loaded, Store(tmp_path / "written.duckdb") as written:
        summary = load_parquet(tmp_path / "out", loaded)
        expected = written.write_batch([r for r in items if isinstance(r, ArticleResult)], [FAILURE])
        assert summary == expected
        assert dump(loaded) == dump(written)
        assert dump(loaded)["events"][0]["cluster_id"] is not None  # clustered, as on ingest


def test_load_takes_articles_in_the_order_ingest_reads_them(tmp_path):
    """Clusters are rooted in the report stored first: Parquet carries no order, so the store
    takes its articles by origin (file, line number as a number, part), as ingest reads them,
    whatever their dates or the order of the part files."""
    def report(n: int, day: str) -> ArticleResult:
        r = result(n, day=day)
        art = Article(id=f"a{n}", text=r.article.text, title=f"T{n}", date=day, source=f"S{n}",
                      input_id=f"in-{n}", origin=f"news.jsonl:{n}")
        return ArticleResult(article=art, events=r.events, claims=r.claims, places=r.places)

    items = [report(2, "2023-06-11"), report(9, "2023-06-10"), report(10, "2023-06-10")]
    folder = tmp_path / "out"
    write_parquet(folder, items[::-1])  # the part files hold them in another order
    with Store(tmp_path / "loaded.duckdb") as loaded, Store(tmp_path / "written.duckdb") as written:
        load_parquet(folder, loaded)
        written.write_batch(items)
        assert dump(loaded) == dump(written)
        roots = loaded.connection.execute("SELECT DISTINCT cluster_id FROM events").fetchall()
        assert roots == [("a2-e",)]  # line 2 first, not the earliest date, not "10" < "2"


def test_load_and_write_batch_share_one_routine(monkeypatch, tmp_path):
    from dotterel.store import _writer

    calls = []
    real = _writer.write_staged

    def spy(con, sources):
        calls.append(sorted(sources))
        return real(con, sources)

    monkeypatch.setattr(_writer, "write_staged", spy)
    write_parquet(tmp_path / "out", [result(1), FAILURE])
    with Store(tmp_path / "db.duckdb") as store:
        load_parquet(tmp_path / "out", store)
        store.write_batch([result(2)])
    assert len(calls) == 2 and all("articles" in c and "events" in c for c in calls)


def test_spark_refuses_a_file_it_cannot_read_before_starting(tmp_path):
    from dotterel.errors import InputError

    story = tmp_path / "story.txt"
    story.write_text("Chad closed its border.")
    with pytest.raises(InputError) as err:
        scale.run_spark([story], tmp_path / "out", spark=object())
    assert err.value.code == "E106" and "dotterel ingest" in err.value.message


def test_load_twice_stores_once(tmp_path):
    write_parquet(tmp_path / "out", [result(1), result(2), FAILURE])
    with Store(tmp_path / "db.duckdb") as store:
        first = load_parquet(tmp_path / "out", store)
        second = load_parquet(tmp_path / "out", store)
        assert (first.articles_new, first.events, first.failures) == (2, 2, 1)
        assert (second.articles_new, second.articles_skipped, second.events, second.failures) == (
            0, 2, 0, 0)
        assert query.counts(store.connection)["articles"] == 2
        runs = store.connection.execute("SELECT count(*) FROM runs").fetchall()[0][0]
        assert runs == 2


def test_load_of_a_folder_without_output_is_a_coded_error(tmp_path):
    with Store(tmp_path / "db.duckdb") as store, pytest.raises(StoreError) as err:
        load_parquet(tmp_path, store)
    assert err.value.code == "E302" and "dotterel spark" in str(err.value)


def test_settings_rebuild_the_pipeline_in_a_worker(tmp_path):
    extra = tmp_path / "extra.tsv"
    pipeline = Pipeline(dict_paths=[extra], batch_size=8, prefilter=False)
    settings = pickle.loads(pickle.dumps(PipelineSettings.of(pipeline)))
    rebuilt = settings.build()
    assert (rebuilt.dict_paths, rebuilt.batch_size, rebuilt.prefilter) == ((extra,), 8, False)


def test_chunks_cover_the_input_in_order():
    assert [len(c) for c in _chunks(iter(range(10)), 4)] == [4, 4, 2]
    assert [x for c in _chunks(range(10), 3) for x in c] == list(range(10))
    with pytest.raises(ValueError):
        ParallelPipeline(workers=0)


def test_readme_scale_section_uses_real_commands():
    import re

    from dotterel.cli._app import app

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scale", 1)[1]
    used = set(re.findall(r"^dotterel (\w+)", section, re.M))
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert {"code", "ingest", "spark", "load"} <= used <= registered
    import dotterel.scale.submit  # noqa: F401  (the file spark-submit is given)
