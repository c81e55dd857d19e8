"""dotterel.query: the named read-only queries, on a store written from hand-made records.
No spaCy."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import dotterel.query as Q
from dotterel.query import _claims, _rows
from dotterel.records import Actor, Article, ArticleResult, Claim, Event, Place
from dotterel.store import Store

AFG = Actor(text="The Taliban", code="AFG", sector="GOV", name="Taliban", start=0, end=11)
IRN = Actor(text="Iran", code="IRN", sector="GOV", name="Iran", start=0, end=4)
USA = Actor(text="Washington", code="USA", sector="GOV", name="United States", start=0, end=10)
TEXT = "The Taliban rejected the claim.\nIran said ISIS moved there."


def ev(eid: str, actor: Actor | None, recipient: Actor | None, *, cameo: str = "120",
       plover: str | None = "REJECT", quad: int = 3, goldstein: float = -4.0,
       day: str | None = None) -> Event:
    return Event(id=eid, sentence=0, sentence_text="The Taliban rejected the claim.",
                 trigger="rejected", trigger_start=12, trigger_end=20, actor=actor,
                 recipient=recipient, cameo=cameo, plover_type=plover, plover_mode=None,
                 goldstein=goldstein, quad_class=quad, sentence_start=0, date=day)


def cl(cid: str, speaker: Actor, content: str, *, stance: str = "asserts",
       responds_to: str | None = None, sentence: int = 1) -> Claim:
    return Claim(id=cid, sentence=sentence, speaker=speaker, cue="said", content=content,
                 content_start=42, content_end=59, stance=stance, responds_to=responds_to,
                 cue_start=37)


def art(aid: str, day: str | None, events: tuple[Event, ...], claims: tuple[Claim, ...] = ()
        ) -> ArticleResult:
    article = Article(id=aid, text=TEXT, title=f"Title {aid}", date=day, input_id=f"in-{aid}",
                      source="Wire")
    return ArticleResult(article=article, events=events, claims=claims)


RESULTS = [
    art("a1", "2023-06-10", (
        ev("e1", AFG, IRN, day="2023-06-10"),
        ev("e2", IRN, AFG, cameo="111", plover="ACCUSE", goldstein=-2.0, day="2023-06-10"),
        ev("e3", AFG, IRN, cameo="020", plover="REQUEST", quad=1, goldstein=3.0,
           day="2023-06-12"),
        ev("e4", USA, AFG, cameo="190", plover="ASSAULT", quad=4, goldstein=-10.0,
           day="2023-06-11")),
        (cl("c1", IRN, "ISIS leaders moved to Afghanistan"),
         cl("c2", AFG, "ISIS leaders moved to Afghanistan", stance="denies", responds_to="c1"),
         cl("c3", AFG, "proof from Iran", stance="demands_evidence", responds_to="c1",
            sentence=2))),
    art("a2", "2023-08-01", (
        ev("e5", AFG, IRN, cameo="057", plover="AGREE", quad=2, goldstein=8.0,
           day="2023-08-01"),),
        (cl("c4", USA, "100% of tariffs_stay in place"),
         cl("c5", IRN, "the denial is false", stance="denies"))),
    art("a3", None, (ev("e6", AFG, IRN), ev("e7", IRN, IRN, cameo="173", plover="COERCE",
                                            quad=4, goldstein=-5.0))),
]


@pytest.fixture
def con(tmp_path: Path):
    with Store(tmp_path / "q.duckdb") as store:
        store.write_batch(RESULTS)
        # the reply chain c1 <- c2 <- c5 crosses articles; without a thread table the queries
        # follow responds_to alone
        store.connection.execute(
            "UPDATE claims SET thread_id = NULL, responds_to = CASE id WHEN 'c5' THEN 'c2' "
            "WHEN 'c2' THEN 'c1' WHEN 'c3' THEN 'c1' ELSE NULL END")
        yield store.connection


def test_public_surface() -> None:
    assert Q.__all__ == [
        "DATA_TABLES", "E401", "E404", "EXPORT_FORMATS", "LEVELS", "MAX_LIMIT", "PERIODS",
        "QUAD_CLASSES", "ArticleRef", "ArticleView", "ClaimThread", "DyadSeries", "DyadSummary",
        "EventPlace", "NotFound", "Page", "QueryError", "SeriesPoint", "StoredArticle",
        "StoredClaim", "StoredEvent", "ThreadEntry", "article", "articles", "as_utc", "claim_id",
        "claim_thread", "claims", "counts", "dyad_series", "event_places", "event_source",
        "events", "export", "top_dyads"]


def test_query_errors_live_in_the_catalogue() -> None:
    from dotterel import errors

    assert Q.QueryError is errors.QueryError and Q.NotFound is errors.NotFound
    assert (Q.E401, Q.E404) == (errors.E401, errors.E404)
    assert issubclass(Q.NotFound, errors.DotterelError)


def test_no_spacy_or_web_import() -> None:
    code = ("import sys, dotterel.query; bad = {'spacy', 'fastapi'} & set(sys.modules); "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def ids(page: Q.Page) -> list[str]:
    return [x.event.id if isinstance(x, Q.StoredEvent) else x.claim.id for x in page.items]


def test_events_filters(con) -> None:
    assert ids(Q.events(con, actor="afg", recipient="IRN")) == ["e1", "e3", "e5", "e6"]
    assert ids(Q.events(con, actor="AFG", recipient="IRN", undirected=True)) == [
        "e1", "e2", "e3", "e5", "e6"]
    assert ids(Q.events(con, actor="IRN", undirected=True)) == ["e1", "e2", "e3", "e5", "e6", "e7"]
    assert ids(Q.events(con, type="request")) == ["e3"]
    assert ids(Q.events(con, cameo="1")) == ["e1", "e2", "e4", "e6", "e7"]
    assert ids(Q.events(con, since=date(2023, 6, 11), until=date(2023, 6, 30))) == ["e4", "e3"]
    assert ids(Q.events(con, article_id="a3")) == ["e6", "e7"]


def test_events_records_and_order(con) -> None:
    page = Q.events(con, actor="AFG", recipient="IRN")
    first, last = page.items[0], page.items[-1]
    assert first.article == Q.ArticleRef(id="a1", title="Title a1", date="2023-06-10",
                                         input_id="in-a1")
    assert first.event.actor == AFG and first.event.recipient == IRN
    assert first.event.date == "2023-06-10" and last.event.date is None  # undated last


def test_events_pages(con) -> None:
    whole = Q.events(con, limit=100)
    pages = [Q.events(con, limit=3, offset=o) for o in (0, 3, 6)]
    assert [p.total for p in pages] == [7, 7, 7] and whole.total == 7
    assert sum((ids(p) for p in pages), []) == ids(whole)
    assert Q.events(con, limit=0).items == ()


@pytest.mark.parametrize("kwargs", [{"limit": Q.MAX_LIMIT + 1}, {"limit": -1}, {"offset": -1},
                                    {"since": "2023-13-45"}, {"until": "June"},
                                    {"since": "2023-6-1"}])
def test_events_page_bounds(con, kwargs) -> None:
    with pytest.raises(Q.QueryError) as err:
        Q.events(con, **kwargs)
    assert err.value.code == Q.E401


def test_top_dyads(con) -> None:
    top = Q.top_dyads(con)
    assert [(d.a, d.b, d.events) for d in top] == [("AFG", "IRN", 5), ("AFG", "USA", 1)]
    assert top[0].conflict == 3 and top[0].first == "2023-06-10" and top[0].last == "2023-08-01"
    assert top[0].mean_goldstein == pytest.approx((-4 - 2 + 3 + 8 - 4) / 5, abs=1e-3)
    assert ("IRN", "IRN") in [(d.a, d.b) for d in Q.top_dyads(con, internal=True)]
    assert [d.a for d in Q.top_dyads(con, since=date(2023, 7, 1))] == ["AFG"]
    assert len(Q.top_dyads(con, limit=1)) == 1


def test_series_by_month_fills_gaps_and_keeps_undated_apart(con) -> None:
    s = Q.dyad_series(con, "afg", "irn", by="month")
    assert (s.a, s.b, s.by, s.directed) == ("AFG", "IRN", "month", False)
    assert [p.period for p in s.points] == ["2023-06-01", "2023-07-01", "2023-08-01"]
    june, july, aug = s.points
    assert june.events == 3 and june.quad_counts == (1, 0, 2, 0)
    assert june.mean_goldstein == pytest.approx(-1.0)
    assert july == Q.SeriesPoint("2023-07-01", 0, (0, 0, 0, 0), None)
    assert aug.quad_counts == (0, 1, 0, 0)
    assert s.undated == Q.SeriesPoint(None, 1, (0, 0, 1, 0), -4.0)


def test_series_directed_and_by_week_and_day(con) -> None:
    directed = Q.dyad_series(con, "IRN", "AFG", by="month", directed=True)
    assert [p.events for p in directed.points] == [1] and directed.undated is None
    weeks = Q.dyad_series(con, "AFG", "IRN", by="week")
    assert weeks.points[0].period == "2023-06-05" and weeks.points[1].period == "2023-06-12"
    assert weeks.points[-1].period == "2023-07-31" and len(weeks.points) == 9
    days = Q.dyad_series(con, "AFG", "IRN", by="day")
    assert days.points[0].period == "2023-06-10" and len(days.points) == 53
    assert sum(p.events for p in days.points) == 4


def test_series_of_no_events_and_bad_period(con) -> None:
    empty = Q.dyad_series(con, "FRA", "DEU")
    assert empty.points == () and empty.undated is None
    with pytest.raises(Q.QueryError):
        Q.dyad_series(con, "AFG", "IRN", by="year")


def test_series_too_long_by_day(con) -> None:
    con.execute("UPDATE events SET event_date = DATE '1900-01-01' WHERE id = 'e1'")
    with pytest.raises(Q.QueryError, match="by week or month"):
        Q.dyad_series(con, "AFG", "IRN", by="day")
    assert len(Q.dyad_series(con, "AFG", "IRN", by="month").points) == 1484


def test_article_by_id_or_input_id(con) -> None:
    view = Q.article(con, "a1")
    assert view.article.text == TEXT and view.article.title == "Title a1"
    assert [e.id for e in view.events] == ["e1", "e2", "e3", "e4"]
    assert {c.id for c in view.claims} == {"c1", "c2", "c3"}
    assert Q.article(con, "in-a2").article.id == "a2"
    with pytest.raises(Q.NotFound) as err:
        Q.article(con, "nope")
    assert err.value.code == Q.E404


def test_claims_filters(con) -> None:
    assert set(ids(Q.claims(con, speaker="irn"))) == {"c1", "c5"}
    assert set(ids(Q.claims(con, q="isis"))) == {"c1", "c2"}
    assert set(ids(Q.claims(con, q="Taliban"))) == {"c2", "c3"}  # the speaker's words
    assert ids(Q.claims(con, stance="demands_evidence")) == ["c3"]
    assert Q.claims(con, speaker="IRN", q="ISIS").total == 1


def test_claims_free_text_is_literal(con) -> None:
    assert ids(Q.claims(con, q="100%")) == ["c4"]
    assert ids(Q.claims(con, q="s_stay")) == ["c4"]
    assert ids(Q.claims(con, q="%")) == ["c4"] and Q.claims(con, q="_").total == 1
    assert Q.claims(con, q="'; DROP TABLE claims; --").total == 0
    assert Q.claims(con).total == 5


def test_claims_disputed_most_recently_challenged_first(con) -> None:
    page = Q.claims(con, disputed=True)
    assert ids(page) == ["c2", "c1"]  # c2 denied in August, c1 in June
    c2, c1 = page.items
    assert (c1.responses, c1.challenges, c1.challenged_by) == (2, 2, ("AFG",))
    assert (c2.challenges, c2.challenged_by) == (1, ("IRN",))
    assert c1.article.date == "2023-06-10"


def test_thread_follows_replies_both_ways(con) -> None:
    for asked in ("c1", "c3", "c5"):
        thread = Q.claim_thread(con, asked)
        assert thread.claim_id == asked and thread.root_id == "c1"
        assert thread.source == "responds_to" and thread.thread_id is None
        assert [(e.stored.claim.id, e.depth) for e in thread.entries] == [
            ("c1", 0), ("c2", 1), ("c3", 1), ("c5", 2)]
    alone = Q.claim_thread(con, "c4")
    assert [e.stored.claim.id for e in alone.entries] == ["c4"] and alone.root_id == "c4"


def test_thread_survives_a_reply_cycle(con) -> None:
    con.execute("UPDATE claims SET responds_to = 'c5' WHERE id = 'c1'")
    thread = Q.claim_thread(con, "c3")
    assert {e.stored.claim.id for e in thread.entries} == {"c1", "c2", "c3", "c5"}


def test_thread_uses_the_store_thread_id(con) -> None:
    con.execute("UPDATE claims SET thread_id = 't1' WHERE id IN ('c1', 'c2', 'c3', 'c4')")
    thread = Q.claim_thread(con, "c2")
    assert thread.source == "thread_id" and thread.thread_id == "t1"
    assert [e.stored.claim.id for e in thread.entries] == ["c1", "c2", "c3", "c4"]
    assert thread.entries[0].stored.thread_id == "t1"
    assert Q.claim_thread(con, "c5").source == "responds_to"  # no thread: follow the replies


def test_thread_of_unknown_claim(con) -> None:
    with pytest.raises(Q.NotFound):
        Q.claim_thread(con, "nope")


def test_thread_depth_and_root_ignore_cycles() -> None:
    parents = {"a": None, "b": "a", "c": "b", "x": "y", "y": "x"}
    assert _claims._depth("c", parents) == 2 and _claims._root("c", parents) == "a"
    assert _claims._depth("x", parents) == 1 and _claims._root("x", parents) == "y"


def test_like_escapes_wildcards() -> None:
    assert _rows.like("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_claim_id_from_a_unique_prefix(con) -> None:
    assert Q.claim_id(con, "c1") == "c1"
    assert Q.claim_id(con, "c4") == "c4"
    with pytest.raises(Q.QueryError) as err:
        Q.claim_id(con, "c")  # c1 ... c5
    assert err.value.code == "E401" and "more of the id" in err.value.message
    with pytest.raises(Q.NotFound) as err:
        Q.claim_id(con, "zz")
    assert err.value.code == "E404"


def test_counts(con) -> None:
    assert Q.counts(con) == {"articles": 3, "events": 7, "claims": 5, "failures": 0}


def test_the_cli_offers_the_export_formats_of_query() -> None:
    from dotterel.cli._app import ExportFormat

    assert [f.value for f in ExportFormat] == list(Q.EXPORT_FORMATS)


# --- places: located events by place, for the map ------------------------------------------

KABUL = Place(name="Kabul", country="AFG", lat=34.53, lon=69.17, geonameid=1138958,
              feature="city")
HELMAND = Place(name="Helmand", country="AFG", lat=31.4, lon=64.0, feature="admin1")
AFGHANISTAN = Place(name="Afghanistan", country="AFG", lat=34.53, lon=69.17, geonameid=1149361,
                    feature="country")


def test_event_places_by_level(tmp_path: Path) -> None:
    from dataclasses import replace

    kinds = [("120", "REJECT"), ("111", "ACCUSE"), ("190", "ASSAULT"), ("173", "COERCE"),
             ("057", "AGREE")]  # one real-world event each: no two cluster
    placed = [replace(ev(f"p{i}", AFG, IRN, cameo=cameo, plover=plover, day=f"2023-0{i + 1}-10"),
                      location=where, sentence=i)
              for i, (where, (cameo, plover)) in enumerate(zip(
                  (KABUL, KABUL, HELMAND, AFGHANISTAN, None), kinds))]
    with Store(tmp_path / "p.duckdb") as store:
        store.write_batch([art("pa", "2023-06-10", tuple(placed))])
        con = store.connection
        assert con.execute("SELECT location_level FROM events ORDER BY sentence").fetchall() == [
            ("city",), ("city",), ("region",), ("country",), (None,)]
        found = Q.event_places(con, actor="AFG", recipient="IRN")
        assert [(p.name, p.level, p.events) for p in found] == [
            ("Kabul", "city", 2), ("Afghanistan", "country", 1), ("Helmand", "region", 1)]
        assert [p.name for p in Q.event_places(con, level="country")] == ["Afghanistan"]
        assert Q.event_places(con, actor="USA") == ()
        with pytest.raises(Q.QueryError):
            Q.event_places(con, level="continent")
