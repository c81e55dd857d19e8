"""dotterel.store: schema, idempotent transactional writes, queries and exports. No spaCy."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

import dotterel.store as store_pkg
from dotterel import query
from dotterel.errors import StoreError
from dotterel.records import Actor, Article, ArticleResult, Claim, Event, Failure, Place
from dotterel.store import SCHEMA_VERSION, Store, WriteSummary
from dotterel.store import _writer

AFG = Actor(text="The Taliban", code="AFG", sector="GOV", name="Taliban", start=40, end=51,
            kind="group")
IRN = Actor(text="Iran's foreign minister", code="IRN", sector="GOV",
            name="Hossein Amir Abdollahian", start=0, end=23, kind="person")
USA = Actor(text="the United States", code="USA", sector="GOV")
KABUL = Place(name="Kabul", country="AFG", lat=34.53, lon=69.17, geonameid=1138958,
              feature="city", start=60, end=65)


def event(eid: str, *, actor: Actor | None = AFG, recipient: Actor | None = IRN,
          cameo: str = "120", plover: str | None = "REJECT", day: str | None = None) -> Event:
    return Event(id=eid, sentence=3, sentence_text="The Taliban rejected the claim.",
                 trigger="rejected", trigger_start=52, trigger_end=60, actor=actor,
                 recipient=recipient, cameo=cameo, plover_type=plover, plover_mode=None,
                 goldstein=-4.0, quad_class=3, location=KABUL, negated=False,
                 hypothetical=True, confidence=0.8, sentence_start=40, date=day)


def claim(cid: str, *, stance: str = "asserts", responds_to: str | None = None) -> Claim:
    return Claim(id=cid, sentence=2, speaker=IRN, cue="stated",
                 content="leaders of ISIS have moved to Afghanistan", content_start=30,
                 content_end=71, stance=stance, responds_to=responds_to, cue_start=24)


def result(aid: str, *, day: str | None = "2023-06-10", title: str = "Taliban reject claim",
           events: tuple[Event, ...] | None = None,
           claims: tuple[Claim, ...] | None = None) -> ArticleResult:
    article = Article(id=aid, text=f"text of {aid}", title=title, date=day, source="Reuters",
                      url=f"https://example.org/{aid}", input_id=f"in-{aid}",
                      origin=f"news.jsonl:{aid}", body_start=5)
    if events is None:
        events = (event(f"{aid}-e1"), event(f"{aid}-e2", actor=USA, recipient=AFG, cameo="1121",
                                                   plover="ACCUSE", day="2023-06-09"))
    if claims is None:
        claims = (claim(f"{aid}-c1"), claim(f"{aid}-c2", stance="denies",
                                            responds_to=f"{aid}-c1"))
    return ArticleResult(article=article, events=events, claims=claims, places=(KABUL,))


@pytest.fixture
def db(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.duckdb") as s:
        yield s  # type: ignore[misc]


def rows(s: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = s.connection.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def test_public_surface() -> None:
    assert store_pkg.__all__ == ["DATA_TABLES", "SCHEMA_VERSION", "STAGED_TABLES", "FeedState",
                                 "FeedUpdate", "ItemMark", "Store", "Table", "WriteSummary",
                                 "event_row", "record_rows"]


def test_the_store_has_no_read_path() -> None:
    """Reads are dotterel.query's: the store offers no event list, count or export of its own."""
    for name in ("events", "counts", "export", "claims"):
        assert not hasattr(Store, name), name
    assert not (Path(store_pkg.__file__).parent / "_queries.py").exists()


def test_no_spacy_import() -> None:
    code = "import sys, dotterel.store; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_schema_created_and_versioned(db: Store) -> None:
    assert db.schema_version == SCHEMA_VERSION >= 2
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        {"value": str(SCHEMA_VERSION)}]
    tables = {r["table_name"] for r in rows(
        db, "SELECT table_name FROM information_schema.tables")}
    assert {"meta", "articles", "events", "claims", "places", "failures", "runs"} <= tables


def test_event_columns_are_pinned(db: Store) -> None:
    cols = [r["column_name"] for r in rows(
        db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
            "ORDER BY ordinal_position")]
    for required in ("id", "article_id", "sentence", "sentence_text", "sentence_start", "trigger",
                     "trigger_start", "trigger_end", "actor_text", "actor_code", "actor_sector",
                     "actor_name", "recipient_text", "recipient_code", "recipient_sector",
                     "recipient_name", "cameo", "cameo_root", "plover_type", "plover_mode",
                     "goldstein", "quad_class", "location_name", "location_country",
                     "location_lat", "location_lon", "negated", "hypothetical", "confidence",
                     "event_date", "reported_by"):
        assert required in cols


def test_reopen_keeps_data(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as s:
        s.write_batch([result("a1")])
    with Store(tmp_path / "x.duckdb") as s:
        assert query.counts(s.connection)["articles"] == 1
    with Store(tmp_path / "x.duckdb", read_only=True) as s:
        assert query.counts(s.connection) == {"articles": 1, "events": 2, "claims": 2, "failures": 0}


def test_write_rows_and_columns(db: Store) -> None:
    summary = db.write_batch([result("a1")])
    assert summary == WriteSummary(articles_new=1, articles_skipped=0, events=2, claims=2,
                                   failures=0)
    [art] = rows(db, "SELECT * FROM articles")
    assert art["id"] == "a1" and art["input_id"] == "in-a1" and art["date"] == date(2023, 6, 10)
    assert (art["n_events"], art["n_claims"], art["language"]) == (2, 2, "en")
    assert art["text"] == "text of a1" and art["ingested_at"] is not None
    e1, e2 = rows(db, "SELECT * FROM events ORDER BY id")
    assert (e1["actor_code"], e1["actor_name"], e1["recipient_code"]) == ("AFG", "Taliban", "IRN")
    assert (e1["cameo"], e1["cameo_root"], e1["plover_type"]) == ("120", "12", "REJECT")
    assert (e1["goldstein"], e1["quad_class"], e1["hypothetical"]) == (-4.0, 3, True)
    assert (e1["location_name"], e1["location_country"]) == ("Kabul", "AFG")
    assert e1["location_lat"] == pytest.approx(34.53)
    assert e1["event_date"] == date(2023, 6, 10)  # the article's date
    assert e2["event_date"] == date(2023, 6, 9)  # the event's own date
    assert e2["cameo_root"] == "11"
    c1, c2 = rows(db, "SELECT * FROM claims ORDER BY id")
    assert (c1["speaker_code"], c1["cue"], c1["stance"]) == ("IRN", "stated", "asserts")
    assert (c2["stance"], c2["responds_to"]) == ("denies", "a1-c1")
    [place] = rows(db, "SELECT * FROM places")
    assert (place["name"], place["start_char"], place["end_char"]) == ("Kabul", 60, 65)
    assert (place["level"], e1["location_level"]) == ("city", "city")


def test_missing_actor_and_location_are_null(db: Store) -> None:
    bare = Event(id="b-e1", sentence=0, sentence_text="x", trigger="x", trigger_start=0,
                 trigger_end=1, actor=None, recipient=None, cameo="010", plover_type=None,
                 plover_mode=None, goldstein=0.0, quad_class=1)
    db.write_batch([result("b", day=None, events=(bare,), claims=())])
    [e] = rows(db, "SELECT * FROM events")
    assert e["actor_text"] is None and e["recipient_code"] is None
    assert e["location_name"] is None and e["event_date"] is None


def test_bad_article_date_is_stored_as_null(db: Store) -> None:
    db.write_batch([result("a1", day="last Tuesday")])
    assert rows(db, "SELECT date FROM articles") == [{"date": None}]


def test_same_batch_twice_is_idempotent(db: Store) -> None:
    batch = [result("a1"), result("a2")]
    db.write_batch(batch)
    before = query.counts(db.connection)
    again = db.write_batch(batch)
    assert again == WriteSummary(articles_new=0, articles_skipped=2, events=0, claims=0,
                                 failures=0)
    assert query.counts(db.connection) == before == {"articles": 2, "events": 4, "claims": 4, "failures": 0}


def test_stored_article_is_not_rewritten(db: Store) -> None:
    db.write_batch([result("a1", title="first")])
    db.write_batch([result("a1", title="second", events=(), claims=())])
    assert rows(db, "SELECT title, n_events FROM articles") == [{"title": "first", "n_events": 2}]
    assert query.counts(db.connection)["events"] == 2


def test_duplicates_within_a_batch_are_stored_once(db: Store) -> None:
    summary = db.write_batch([result("a1", title="first"), result("a2"),
                              result("a1", title="again")])
    assert (summary.articles_new, summary.articles_skipped, summary.events) == (2, 1, 4)
    assert query.counts(db.connection) == {"articles": 2, "events": 4, "claims": 4, "failures": 0}
    assert rows(db, "SELECT title FROM articles WHERE id = 'a1'") == [{"title": "first"}]


def test_failure_mid_write_leaves_nothing(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    db.write_batch([result("a0")])
    real = _writer._insert

    def broken(con: duckdb.DuckDBPyConnection, table: Any, data: list[dict[str, Any]]) -> None:
        if table.name == "claims":
            raise RuntimeError("disk full")
        real(con, table, data)

    monkeypatch.setattr(_writer, "_insert", broken)
    with pytest.raises(StoreError) as err:
        db.write_batch([result("a1"), result("a2")], [Failure("x.jsonl", "E104", "bad", 3)])
    assert err.value.code == "E302"
    assert "disk full" in err.value.message and "nothing of it was stored" in err.value.message
    assert query.counts(db.connection) == {"articles": 1, "events": 2, "claims": 2, "failures": 0}
    assert rows(db, "SELECT count(*) AS n FROM runs") == [{"n": 1}]
    monkeypatch.setattr(_writer, "_insert", real)
    assert db.write_batch([result("a1"), result("a2")]).articles_new == 2  # the batch can retry


def test_event_id_collision_rolls_back(db: Store) -> None:
    db.write_batch([result("a1")])
    clash = result("a2", events=(event("a1-e1"),))
    with pytest.raises(StoreError) as err:
        db.write_batch([result("a3"), clash])
    assert err.value.code == "E302" and "a1-e1" in err.value.message, err.value.message
    assert query.counts(db.connection) == {"articles": 1, "events": 2, "claims": 2, "failures": 0}


def test_failures_are_deduplicated(db: Store) -> None:
    f1 = Failure(origin="in.jsonl", code="E104", message="broken JSON", line=7)
    f1b = Failure(origin="in.jsonl", code="E104", message="broken JSON again", line=7)
    f2 = Failure(origin="in.jsonl", code="E105", message="no text", line=7)
    f3 = Failure(origin="page.html", code="E107", message="no main text")
    assert db.write_batch([], [f1, f1b, f2, f3]).failures == 3
    assert db.write_batch([], [f1, f3]).failures == 0
    got = rows(db, "SELECT origin, line, code, message FROM failures ORDER BY code")
    assert got == [
        {"origin": "in.jsonl", "line": 7, "code": "E104", "message": "broken JSON"},
        {"origin": "in.jsonl", "line": 7, "code": "E105", "message": "no text"},
        {"origin": "page.html", "line": None, "code": "E107", "message": "no main text"}]


def test_runs_record_each_batch(db: Store) -> None:
    db.write_batch([result("a1")])
    db.write_batch([result("a1"), result("a2")], [Failure("f", "E102", "empty")])
    got = rows(db, "SELECT id, articles_new, articles_skipped, failures FROM runs ORDER BY id")
    assert got == [{"id": 1, "articles_new": 1, "articles_skipped": 0, "failures": 0},
                   {"id": 2, "articles_new": 1, "articles_skipped": 1, "failures": 1}]
    assert rows(db, "SELECT id, run_id FROM articles ORDER BY id") == [
        {"id": "a1", "run_id": 1}, {"id": "a2", "run_id": 2}]


@pytest.fixture
def filled(db: Store) -> Store:
    db.write_batch([result("a1", day="2023-06-10"), result("a2", day="2023-07-01"),
                    result("a3", day="2023-08-15", events=(event("a3-e1", actor=IRN,
                                                                 recipient=USA, cameo="0211",
                                                                 plover="COOPERATE"),))])
    return db


def ids(found: query.Page[query.StoredEvent]) -> list[str]:
    return [s.event.id for s in found.items]


def events(s: Store, **kwargs: Any) -> query.Page[query.StoredEvent]:
    return query.events(s.connection, **kwargs)


def test_events_unfiltered_oldest_first(filled: Store) -> None:
    assert ids(events(filled, mentions=True)) == [
        "a1-e2", "a2-e2", "a1-e1", "a2-e1", "a3-e1"]  # e2: 06-09
    assert ids(events(filled)) == ["a1-e2", "a1-e1", "a2-e1", "a3-e1"]  # one per cluster


def test_events_by_actor_any_case(filled: Store) -> None:
    assert ids(events(filled, actor="afg")) == ["a1-e1", "a2-e1"]
    assert ids(events(filled, actor="IRN")) == ["a3-e1"]
    assert ids(events(filled, actor="FRA")) == []


def test_events_by_recipient(filled: Store) -> None:
    assert ids(events(filled, recipient="AFG", mentions=True)) == ["a1-e2", "a2-e2"]
    assert ids(events(filled, actor="USA", recipient="afg", mentions=True)) == ["a1-e2", "a2-e2"]


def test_events_by_type_and_cameo(filled: Store) -> None:
    assert ids(events(filled, type="reject")) == ["a1-e1", "a2-e1"]
    assert ids(events(filled, cameo="11", mentions=True)) == ["a1-e2", "a2-e2"]
    assert ids(events(filled, cameo="02")) == ["a3-e1"]
    assert set(ids(events(filled, cameo="1", mentions=True))) == {
        "a1-e1", "a1-e2", "a2-e1", "a2-e2"}


def test_events_by_dates(filled: Store) -> None:
    assert ids(events(filled, since="2023-07-01")) == ["a2-e1", "a3-e1"]
    assert ids(events(filled, until="2023-06-10", mentions=True)) == ["a1-e2", "a2-e2", "a1-e1"]
    assert ids(events(filled, since=date(2023, 6, 10), until="2023-07-01")) == ["a1-e1", "a2-e1"]


def test_events_limit_and_values(filled: Store) -> None:
    [first] = events(filled, limit=1).items
    assert first.event.id == "a1-e2" and first.event.date == "2023-06-09"
    assert first.event.actor.code == "USA" and first.event.location.lat == pytest.approx(34.53)
    assert first.article.input_id == "in-a1" and first.num_mentions == 2
    assert events(filled, limit=0).items == ()


@pytest.mark.parametrize("kwargs", [{"since": "June"}, {"until": "2023-13-45"}, {"limit": -1}])
def test_events_bad_arguments_are_coded(filled: Store, kwargs: dict[str, Any]) -> None:
    with pytest.raises(query.QueryError) as err:
        events(filled, **kwargs)
    assert err.value.code == "E401" and next(iter(kwargs)) in err.value.message


def test_events_parameters_are_not_sql(filled: Store) -> None:
    assert ids(events(filled, actor="AFG' OR '1'='1")) == []
    assert ids(events(filled, type="'; DROP TABLE events; --")) == []
    assert query.counts(filled.connection)["events"] == 5


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export(filled: Store, tmp_path: Path, fmt: str) -> None:
    filled.write_batch([], [Failure("x.jsonl", "E104", "broken", 2)])
    out = tmp_path / "o'ut"  # a quote in the path must not break COPY
    written = query.export(filled.connection, fmt, out)
    names = {p.name for p in written}
    suffix = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}[fmt]
    assert {f"{t}{suffix}" for t in ("articles", "events", "claims", "failures")} <= names
    expected = {"articles": 3, "events": 5, "claims": 6, "failures": 1}
    for table, n in expected.items():
        back = read_back(out / f"{table}{suffix}", fmt)
        assert len(back) == n
    events = read_back(out / f"events{suffix}", fmt)
    assert str(events[0]["actor_code"]) in {"USA", "AFG", "IRN"}
    assert str(events[0]["event_date"]).startswith("2023-")


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_names_both_article_ids(filled: Store, tmp_path: Path, fmt: str) -> None:
    """``article_id`` (and ``articles.id``) is the hash, ``input_id`` the input record's id,
    which ``dotterel code`` prints as ``article.id``: every table of an article has both."""
    query.export(filled.connection, fmt, tmp_path)
    suffix = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}[fmt]
    articles = {str(r["id"]): str(r["input_id"]) for r in read_back(
        tmp_path / f"articles{suffix}", fmt)}
    assert articles == {"a1": "in-a1", "a2": "in-a2", "a3": "in-a3"}
    for table in ("events", "claims", "places"):
        for row in read_back(tmp_path / f"{table}{suffix}", fmt):
            assert str(row["input_id"]) == articles[str(row["article_id"])], table


def read_back(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_unknown_format(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(query.QueryError, match="parquet") as err:
        query.export(filled.connection, "xlsx", tmp_path)
    assert err.value.code == "E401"


def test_export_to_unwritable_place(filled: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as err:
        query.export(filled.connection, "parquet", blocker / "sub")
    assert err.value.code == "E303"


def test_non_duckdb_file_is_e301(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "E301"
    assert str(path) in err.value.message and "not a DuckDB database" in err.value.message
    assert path.read_text().startswith("these are my notes")  # left as it was


def test_foreign_duckdb_is_e301(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "E301" and "not a dotterel store" in err.value.message


def test_newer_schema_is_e301(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as s:
        s.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "E301" and "upgrade dotterel" in err.value.message


def test_locked_file_is_e301(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as err:
            Store(path)
        assert err.value.code == "E301" and "another process" in err.value.message
    finally:
        holder.communicate("")


def test_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert err.value.code == "E301"
    assert not (tmp_path / "missing.duckdb").exists()
    Store(tmp_path / "ro.duckdb").close()
    with Store(tmp_path / "ro.duckdb", read_only=True) as s:
        with pytest.raises(StoreError) as err:
            s.write_batch([result("a1")])
        assert err.value.code == "E302"


def test_in_memory_store() -> None:
    with Store(":memory:") as s:
        s.write_batch([result("a1")])
        assert query.counts(s.connection)["events"] == 2


def test_a_schema_3_store_gets_levels(tmp_path: Path) -> None:
    """Schema 3 -> 4: the level column of places, events and event clusters, filled in from
    the stored feature."""
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write_batch([result("a1")])
    con = duckdb.connect(str(path))  # take it back to schema 3
    for table, col in (("events", "location_level"), ("event_clusters", "location_level"),
                       ("places", "level")):
        con.execute(f'ALTER TABLE "{table}" DROP COLUMN "{col}"')
    con.execute("UPDATE events SET location_feature = 'admin1' WHERE id = 'a1-e2'")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError) as err:
        Store(path, read_only=True)
    assert err.value.code == "E301" and "older" in err.value.message
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION >= 4
        assert rows(s, "SELECT id, location_level FROM events ORDER BY id") == [
            {"id": "a1-e1", "location_level": "city"}, {"id": "a1-e2", "location_level": "region"}]
        assert rows(s, "SELECT level FROM places") == [{"level": "city"}]
        assert {r["location_level"] for r in rows(s, "SELECT * FROM event_clusters")} == {"city"}
