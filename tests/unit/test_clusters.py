"""Event clusters (store/_clusters.py): one real-world event, many reports. The matching rules
without a database, then the store with hand-built results, then (``model``) the real pipeline
on short bombing stories written for this test."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dotterel.errors import StoreError
from dotterel.records import Actor, Article, ArticleResult, Event, Place
from dotterel.store import Store
from dotterel.store._clusters import (
    DEFAULT_WINDOW_DAYS, Mention, PlaceKey, assign, context_terms, place_relation, same_kind,
    score, within)
from dotterel import query
from dotterel.query import event_source

MAIDUGURI = PlaceKey("maiduguri", "NGA", 2331447, "city")
DAMATURU = PlaceKey("damaturu", "NGA", 2334756, "city")
NIGERIA = PlaceKey("nigeria", "NGA", 2328926, "country")
BORNO = PlaceKey("borno", "NGA", 2346794, "admin1")
YOBE = PlaceKey("yobe", "NGA", 2595344, "admin1")


def mention(eid: str, words: str, *, place: PlaceKey | None = MAIDUGURI, day: str = "2024-03-11",
            actor: str | None = "NGA", recipient: str | None = None, plover: str | None = "ASSAULT",
            root: str | None = "19", negated: bool = False) -> Mention:
    return Mention(id=eid, actor=actor, recipient=recipient, day=date.fromisoformat(day),
                   plover=plover, cameo_root=root, terms=frozenset(words.split()), place=place,
                   negated=negated)


# --- the rules, no database ----------------------------------------------------------------

def test_place_relation() -> None:
    assert place_relation(MAIDUGURI, PlaceKey("maiduguri", "NGA")) == "same"  # by name
    assert place_relation(MAIDUGURI, MAIDUGURI) == "same"
    assert place_relation(MAIDUGURI, None) == place_relation(None, None) == "unknown"
    assert place_relation(MAIDUGURI, NIGERIA) == "unknown"  # the country holds the town
    assert place_relation(BORNO, MAIDUGURI) == "unknown"  # so may its region
    assert place_relation(MAIDUGURI, DAMATURU) == "conflict"
    assert place_relation(MAIDUGURI, PlaceKey("maiduguri", "NGA", 1, "city")) == "conflict"
    assert place_relation(BORNO, YOBE) == "conflict"
    assert place_relation(MAIDUGURI, PlaceKey("kabul", "AFG", 1138958, "city")) == "conflict"
    assert place_relation(NIGERIA, PlaceKey("chad", "TCD", 2434508, "country")) == "conflict"


def test_same_kind_needs_dyad_type_and_polarity() -> None:
    root = mention("r", "bomb market")
    assert same_kind(mention("a", "x", plover="ASSAULT", root="18"), root)  # same PLOVER type
    assert same_kind(mention("a", "x", plover=None, root="19"), root)  # same CAMEO root
    assert not same_kind(mention("a", "x", plover="COERCE", root="17"), root)
    assert same_kind(mention("a", "x", recipient="CMR"), root)  # the root names no target
    targeted = mention("t", "bomb market", recipient="NGA")
    assert not same_kind(mention("a", "x", recipient="CMR"), targeted)
    assert same_kind(mention("a", "x", recipient="NGA"), targeted)
    assert not same_kind(mention("a", "x", actor=None), root)
    assert not same_kind(mention("a", "x", negated=True), root)


def test_within_window() -> None:
    d = date(2024, 3, 11)
    assert within(d, date(2024, 3, 12), 1) and within(d, date(2024, 3, 10), 1)
    assert not within(d, date(2024, 3, 13), 1)
    assert within(d, date(2024, 3, 13), 2)
    assert within(None, None, 1) and not within(d, None, 1)


def test_score_place_and_context() -> None:
    cluster = [mention("r", "bomb crowd market monday")]
    same_place = score(mention("a", "attack market explosive monday"), cluster, window_days=1)
    no_place = score(mention("a", "attack market explosive monday", place=None), cluster,
                     window_days=1)
    assert same_place is not None and no_place is not None and same_place > no_place
    assert score(mention("a", "bomb crowd market monday", place=DAMATURU), cluster,
                 window_days=1) is None  # two towns: two events, whatever the words
    assert score(mention("a", "bomb crowd market monday", day="2024-03-13"), cluster,
                 window_days=1) is None


def test_context_terms_leave_out_coded_actors() -> None:
    text = "Boko Haram militants bombed a crowded market in Maiduguri."
    words = context_terms(text, start=100, spans=[(100, 120)])
    assert "boko" not in words and "militant" not in words
    assert {"bomb", "crowd", "market", "maiduguri"} <= words
    assert "boko" in context_terms(text, start=100, spans=[])


def test_assign_splits_two_attacks_same_day() -> None:
    new = [mention("a", "bomb crowd market monday"),
           mention("b", "attack market explosive monday afternoon"),
           mention("c", "bomb shopper busy market monday blast", day="2024-03-12"),
           mention("d", "bomb church monday worshipper", place=DAMATURU)]
    got = assign(new, {})
    assert got == {"a": "a", "b": "a", "c": "a", "d": "d"}


def test_assign_without_places_splits_by_context() -> None:
    new = [mention("a", "bomb crowd market monday", place=None),
           mention("b", "bomb crowd market blast monday", place=None),
           mention("c", "gunmen raid church village", place=None)]
    assert assign(new, {}) == {"a": "a", "b": "a", "c": "c"}


def test_assign_joins_stored_clusters_and_is_order_stable() -> None:
    stored = {"old": [mention("old", "bomb crowd market monday")]}
    got = assign([mention("n1", "bomb crowd market blast"), mention("n2", "x y z", place=None)],
                 stored)
    assert got == {"n1": "old", "n2": "n2"}
    assert assign([mention("n1", "bomb crowd market blast")], stored, window_days=0) == {
        "n1": "old"}  # same day
    far = mention("n3", "bomb crowd market blast", day="2024-03-14")
    assert assign([far], stored) == {"n3": "n3"}
    assert assign([far], stored, window_days=3) == {"n3": "old"}


def test_assign_prefers_best_score_then_lowest_id() -> None:
    stored = {"b": [mention("b", "bomb market")], "a": [mention("a", "bomb market")],
              "c": [mention("c", "bomb market crowd monday noon")]}
    assert assign([mention("n", "bomb market crowd monday noon")], stored) == {"n": "c"}
    assert assign([mention("n", "bomb market")], {k: stored[k] for k in "ba"}) == {"n": "a"}


def test_assign_is_linear_in_the_reports_of_a_dense_article(monkeypatch) -> None:
    """One sentence repeated n times is one cluster of n reports; each new report is scored
    against the cluster's distinct wordings and places, not against every report of it."""
    import dotterel.store._clusters as clusters

    calls = 0
    real = clusters.jaccard

    def counted(a: frozenset[str], b: frozenset[str]) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(clusters, "jaccard", counted)
    n = 3000
    new = [mention(f"e{i:05d}", "rebels attacked police post kirkuk monday") for i in range(n)]
    stored = {"old": [mention("old", "rebels attacked police post kirkuk monday")] * n}
    assert set(assign(new, stored).values()) == {"old"}
    assert calls <= 2 * n  # was n * (n + 1) / 2 + n * n


def test_a_stored_cluster_is_read_once_per_wording_and_place(db: Store) -> None:
    """What a new batch reads of a big stored cluster does not grow with its reports."""
    from dotterel.store._clusters import _candidates

    line = ("Boko Haram militants bombed a crowded market in Maiduguri on Monday.", "bombed",
            "Maiduguri")
    db.write_batch([story("dense", [line] * 400)])
    [c] = clusters(db)
    assert c["num_mentions"] == 400
    con = db.connection
    ids = [r[0] for r in con.execute("SELECT id FROM events").fetchall()]
    con.register("_dotterel_new_events", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        found = _candidates(con, 1)
    finally:
        con.unregister("_dotterel_new_events")
    assert [len(m) for m in found.values()] == [1] and list(found) == ["dense-0"]
    db.write_batch([story("again", [line] * 3)])
    assert {c["id"]: c["num_mentions"] for c in clusters(db)} == {"dense-0": 403}


# --- the store, hand-built results ---------------------------------------------------------

BOKO = Actor(text="Boko Haram", code="NGA", sector="REB", name="Boko Haram", kind="group")
PLACES = {"Maiduguri": Place("Maiduguri", "NGA", 11.85, 13.16, 2331447, "city"),
          "Damaturu": Place("Damaturu", "NGA", 11.75, 11.96, 2334756, "city")}


def story(aid: str, sentences: list[tuple[str, str, str | None]], *, day: str = "2024-03-11",
          source: str | None = "Reuters", title: str | None = None,
          cameo: str = "195") -> ArticleResult:
    """An article of one sentence per line; each sentence (text, trigger, town) is one event by
    Boko Haram, its actor the first two words."""
    text = "\n".join(s for s, _, _ in sentences)
    events, start = [], 0
    for n, (sentence, trigger, town) in enumerate(sentences):
        t = start + sentence.index(trigger)
        actor = Actor(BOKO.text, BOKO.code, BOKO.sector, BOKO.name, start, start + 10, "group")
        events.append(Event(
            id=f"{aid}-{n}", sentence=n, sentence_text=sentence, trigger=trigger,
            trigger_start=t, trigger_end=t + len(trigger), actor=actor, recipient=None,
            cameo=cameo, plover_type="ASSAULT", plover_mode=None, goldstein=-10.0, quad_class=4,
            location=PLACES.get(town or ""), confidence=0.75, sentence_start=start))
        start += len(sentence) + 1
    body = len(sentences[0][0]) + 1 if len(sentences) > 1 else 0
    article = Article(id=aid, text=text, title=title or sentences[0][0], date=day, source=source,
                      url=f"https://news.example/{aid}", origin=f"test:{aid}", body_start=body)
    return ArticleResult(article=article, events=tuple(events))


SAME = [
    story("a", [("Boko Haram militants bombed a crowded market in Maiduguri on Monday.",
                 "bombed", "Maiduguri")], source="Daily Trust"),
    story("b", [("Boko Haram attacked the fish market in Maiduguri with explosives on Monday.",
                 "attacked", "Maiduguri")], cameo="190"),
    story("c", [("Boko Haram bombed shoppers at a busy Maiduguri market on Monday.",
                 "bombed", "Maiduguri")], day="2024-03-12"),
]
OTHER = story("d", [("Boko Haram gunmen bombed a church in Damaturu on Monday.", "bombed",
                     "Damaturu")], source="Premium Times")


def clusters(s: Store) -> list[dict[str, Any]]:
    cur = s.connection.execute("SELECT * FROM event_clusters ORDER BY id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def members(s: Store) -> dict[str, str]:
    return dict(s.connection.execute("SELECT id, cluster_id FROM events ORDER BY id").fetchall())


@pytest.fixture
def db(tmp_path: Path) -> Store:
    with Store(tmp_path / "c.duckdb") as s:
        yield s  # type: ignore[misc]


def test_two_bombings_two_clusters_with_gdelt_counts(db: Store) -> None:
    db.write_batch([*SAME, OTHER])
    got = {c["id"]: c for c in clusters(db)}
    assert set(got) == {"a-0", "d-0"}
    assert members(db) == {"a-0": "a-0", "b-0": "a-0", "c-0": "a-0", "d-0": "d-0"}
    a, d = got["a-0"], got["d-0"]
    assert (a["num_mentions"], a["num_articles"], a["num_sources"]) == (3, 3, 2)  # 2 Reuters
    assert (d["num_mentions"], d["num_articles"], d["num_sources"]) == (1, 1, 1)
    assert (a["event_date"], a["first_date"], a["last_date"]) == (
        date(2024, 3, 11), date(2024, 3, 11), date(2024, 3, 12))
    assert (a["actor_code"], a["cameo"], a["plover_type"], a["location_name"]) == (
        "NGA", "195", "ASSAULT", "Maiduguri")
    assert a["first_article_id"] == "a"


def test_reingest_changes_no_cluster(db: Store) -> None:
    db.write_batch([*SAME, OTHER])
    before = (clusters(db), members(db))
    assert db.write_batch([*SAME, OTHER]).articles_new == 0
    db.write_batch([SAME[1]])
    assert (clusters(db), members(db)) == before


def test_two_batches_give_the_same_clusters_as_one(tmp_path: Path) -> None:
    with Store(tmp_path / "one.duckdb") as one:
        one.write_batch([*SAME, OTHER])
        expected = (clusters(one), members(one))
    with Store(tmp_path / "two.duckdb") as two:
        two.write_batch(SAME[:2])
        two.write_batch([SAME[2], OTHER])
        assert (clusters(two), members(two)) == expected


def test_headline_and_body_of_one_article_are_one_event(db: Store) -> None:
    db.write_batch([story("h", [
        ("Boko Haram bombs crowded Maiduguri market", "bombs", "Maiduguri"),
        ("Boko Haram militants bombed a crowded market in Maiduguri on Monday, police said.",
         "bombed", "Maiduguri")])])
    [c] = clusters(db)
    assert (c["num_mentions"], c["num_articles"], c["num_sources"]) == (2, 1, 1)


def test_window_is_configurable_and_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb", cluster_window_days=0) as s:
        s.write_batch(SAME)
        assert sorted(c["num_mentions"] for c in clusters(s)) == [1, 2]  # c is a day later
    with Store(tmp_path / "w.duckdb") as s:  # the window is the store's
        assert s.connection.execute(
            "SELECT value FROM meta WHERE key = 'cluster_window_days'").fetchall() == [("0",)]
    with pytest.raises(StoreError, match="whole number") as err:
        Store(tmp_path / "w2.duckdb", cluster_window_days=-1)
    assert err.value.code == "E303"
    assert DEFAULT_WINDOW_DAYS == 1


def events(db: Store, **kwargs: Any) -> list[query.StoredEvent]:
    return list(query.events(db.connection, limit=query.MAX_LIMIT, **kwargs).items)


def test_events_count_clusters_unless_mentions(db: Store) -> None:
    db.write_batch([*SAME, OTHER])
    rows = events(db)
    assert [(r.event.id, r.num_mentions, r.num_articles) for r in rows] == [
        ("a-0", 3, 3), ("d-0", 1, 1)]
    assert len(events(db, mentions=True)) == 4
    assert all(r.cluster_id for r in events(db, mentions=True))
    assert [r.event.id for r in events(db, since="2024-03-12", mentions=True)] == ["c-0"]
    assert events(db, since="2024-03-12") == []  # the cluster's date is its first report's
    n = db.connection.execute(f"SELECT count(*) FROM {event_source()} e").fetchall()[0][0]
    m = db.connection.execute(
        f"SELECT count(*) FROM {event_source(mentions=True)} e").fetchall()[0][0]
    assert (n, m) == (2, 4)


def test_parquet_export_carries_cluster_id(db: Store, tmp_path: Path) -> None:
    db.write_batch([*SAME, OTHER])
    query.export(db.connection, "parquet", tmp_path / "out")
    events = pq.read_table(tmp_path / "out" / "events.parquet").to_pylist()
    assert {e["id"]: e["cluster_id"] for e in events} == members(db)
    found = pq.read_table(tmp_path / "out" / "event_clusters.parquet").to_pylist()
    assert sorted(c["num_mentions"] for c in found) == [1, 3]


def test_gdelt_export_layout(db: Store, tmp_path: Path) -> None:
    import csv

    db.write_batch([*SAME, OTHER])
    written = query.export(db.connection, "gdelt", tmp_path / "g")
    names = sorted(p.name for p in written)
    assert names == ["gdelt.export.CSV", "gdelt.export.headers.txt", "gdelt.mentions.CSV",
                     "gdelt.mentions.headers.txt"]
    heads = (tmp_path / "g" / "gdelt.export.headers.txt").read_text().rstrip("\n").split("\t")
    assert len(heads) == 61 and heads[0] == "GLOBALEVENTID" and heads[-1] == "SOURCEURL"
    with (tmp_path / "g" / "gdelt.export.CSV").open(newline="") as fh:
        rows = list(csv.DictReader(fh, fieldnames=heads, delimiter="\t"))
    assert all(None not in r for r in rows) and len(rows) == 2  # 61 fields a row, no more
    top = max(rows, key=lambda r: int(r["NumMentions"]))
    assert (top["SQLDATE"], top["MonthYear"], top["Year"]) == ("20240311", "202403", "2024")
    assert (top["Actor1Code"], top["Actor1CountryCode"], top["Actor1Type1Code"]) == (
        "NGAREB", "NGA", "REB")
    assert top["Actor1Name"] == "BOKO HARAM" and top["Actor2Code"] == ""
    assert (top["EventCode"], top["EventBaseCode"], top["EventRootCode"]) == ("195", "195", "19")
    assert (top["QuadClass"], float(top["GoldsteinScale"])) == ("4", -10.0)
    assert (top["NumMentions"], top["NumSources"], top["NumArticles"]) == ("3", "2", "3")
    assert (top["ActionGeo_Type"], top["ActionGeo_CountryCode"]) == ("4", "NI")  # FIPS
    assert top["ActionGeo_FullName"] == "Maiduguri, Nigeria"
    assert top["IsRootEvent"] == "1" and top["SOURCEURL"] == "https://news.example/a"
    assert top["AvgTone"] == "" and len(top["DATEADDED"]) == 14
    mheads = (tmp_path / "g" / "gdelt.mentions.headers.txt").read_text().rstrip("\n").split("\t")
    assert len(mheads) == 16 and mheads[:3] == ["GLOBALEVENTID", "EventTimeDate",
                                                "MentionTimeDate"]
    with (tmp_path / "g" / "gdelt.mentions.CSV").open(newline="") as fh:
        mentions = list(csv.DictReader(fh, fieldnames=mheads, delimiter="\t"))
    assert len(mentions) == 4
    of_top = [m for m in mentions if m["GLOBALEVENTID"] == top["GLOBALEVENTID"]]
    assert sorted(m["MentionSourceName"] for m in of_top) == ["Daily Trust", "Reuters", "Reuters"]
    first = next(m for m in of_top if m["MentionIdentifier"] == "https://news.example/a")
    assert (first["SentenceID"], first["Actor1CharOffset"], first["Actor2CharOffset"],
            first["ActionCharOffset"], first["Confidence"]) == ("1", "0", "-1", "21", "75")


def test_migrates_a_schema_2_store_and_clusters_its_events(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write_batch([*SAME, OTHER])
        expected = members(s)
    con = duckdb.connect(str(path))  # take it back to schema 2
    con.execute("DROP TABLE event_clusters")
    con.execute("ALTER TABLE events DROP COLUMN cluster_id")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError) as err:
        Store(path, read_only=True)
    assert err.value.code == "E301" and "older" in err.value.message
    with Store(path) as s:
        assert members(s) == expected
        assert sorted(c["num_mentions"] for c in clusters(s)) == [1, 3]
    with Store(path, read_only=True) as s:
        assert query.events(s.connection).total == 2


# --- the real pipeline (model) -------------------------------------------------------------

BOMBINGS = [  # three reports of one bombing, in different words; a fourth of another one
    {"id": "trust", "date": "2024-03-11", "source": "Daily Trust",
     "title": "Suicide blasts hit Maiduguri market",
     "text": "Boko Haram militants bombed a crowded market in Maiduguri on Monday. "
             "Rescue workers searched the rubble for survivors until nightfall."},
    {"id": "wire", "date": "2024-03-11", "source": "Reuters",
     "title": "Explosives tear through Nigerian market",
     "text": "Boko Haram attacked the fish market in Maiduguri with explosives on Monday "
             "afternoon. Dozens of stalls were destroyed."},
    {"id": "gulf", "date": "2024-03-12", "source": "Al Jazeera",
     "title": "Market bombing in north-east Nigeria",
     "text": "Boko Haram bombed shoppers at a busy Maiduguri market on Monday, the deadliest "
             "blast in the city this year."},
    {"id": "church", "date": "2024-03-11", "source": "Premium Times",
     "title": "Church bombed in Damaturu",
     "text": "Boko Haram gunmen bombed a church in Damaturu on Monday. "
             "The building was badly damaged."},
]


def write_jsonl(path: Path, items: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


@pytest.mark.model
def test_bombing_reports_through_the_pipeline(pipeline, tmp_path: Path) -> None:
    from dotterel.ingest import ingest_paths

    src = write_jsonl(tmp_path / "bombings.jsonl", BOMBINGS)
    db = tmp_path / "one.duckdb"
    ingest_paths([src], db=db, pipeline=pipeline)
    with Store(db) as s:
        found = clusters(s)
        assert sorted(c["num_mentions"] for c in found) == [1, 3]
        assert sorted(c["num_articles"] for c in found) == [1, 3]
        assert {c["location_name"] for c in found} == {"Maiduguri", "Damaturu"}
        big = next(c for c in found if c["num_mentions"] == 3)
        assert (big["actor_code"], big["plover_type"], big["num_sources"]) == ("NGA", "ASSAULT", 3)
        before = (found, members(s))
    again = ingest_paths([src], db=db, pipeline=pipeline)
    assert again.articles_new == 0
    with Store(db) as s:
        assert (clusters(s), members(s)) == before
    # in two batches, in two runs: the same clusters
    two = tmp_path / "two.duckdb"
    ingest_paths([write_jsonl(tmp_path / "first.jsonl", BOMBINGS[:2])], db=two, pipeline=pipeline)
    ingest_paths([write_jsonl(tmp_path / "second.jsonl", BOMBINGS[2:])], db=two,
                 pipeline=pipeline)
    with Store(two) as s:
        assert (clusters(s), members(s)) == before


CAR_BOMBINGS = [  # one car bombing told three ways (one claimed afterwards); another elsewhere
    {"id": "claimed", "date": "2024-05-06", "source": "Kirkuk Now",
     "text": "A car bomb exploded outside a police post in Kirkuk on Monday, killing four "
             "officers. Islamic State claimed responsibility for the attack."},
    {"id": "detonated", "date": "2024-05-06", "source": "Shafaq",
     "text": "Islamic State militants detonated a car bomb at a police post in Kirkuk on "
             "Monday, police said."},
    {"id": "bombed", "date": "2024-05-07", "source": "Rudaw",
     "text": "Islamic State bombed a police post in Kirkuk on Monday."},
    {"id": "tikrit", "date": "2024-05-06", "source": "Rudaw",
     "text": "Islamic State militants bombed a checkpoint in Tikrit on Monday."},
]


@pytest.mark.model
def test_claimed_car_bombing_is_one_cluster_with_the_group_as_actor(pipeline, tmp_path: Path) -> None:
    """A claim of responsibility makes the group the doer of the unnamed bombing, so the three
    reports meet in one cluster; the same group's attack in another town stays apart."""
    from dotterel.ingest import ingest_paths

    src = write_jsonl(tmp_path / "car.jsonl", CAR_BOMBINGS)
    db = tmp_path / "car.duckdb"
    ingest_paths([src], db=db, pipeline=pipeline)
    with Store(db) as s:
        violent = [c for c in clusters(s) if c["plover_type"] == "ASSAULT"]
        assert sorted(c["num_mentions"] for c in violent) == [1, 3]
        big = next(c for c in violent if c["num_mentions"] == 3)
        assert (big["actor_code"], big["recipient_code"]) == ("IMG", "IRQ")
        assert big["location_name"] == "Kirkuk"
        small = next(c for c in violent if c["num_mentions"] == 1)
        assert small["location_name"].startswith("Tikr")  # GeoNames spells it Tikrīt
        # the police's report of who did it stays an accusation of its own
        kinds = {(r[0], r[1]) for r in s.connection.execute(
            "SELECT plover_type, recipient_code FROM events WHERE plover_type = 'ACCUSE'").fetchall()}
        assert kinds == {("ACCUSE", "IMG")}
