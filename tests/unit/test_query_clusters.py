"""Named queries count real-world events (clusters of reports) unless asked for mentions."""
from __future__ import annotations

from dotterel import query
from dotterel.records import Actor, Article, ArticleResult, Event, Place
from dotterel.store import Store

ISKP = Actor(text="ISKP", code="IMG", sector="REB")
AFG = Actor(text="Taliban officials", code="AFG", sector="GOV")
KABUL = Place(name="Kabul", country="AFG", lat=34.5, lon=69.2, feature="city")


def report(aid: str, day: str, text: str) -> ArticleResult:
    ev = Event(id=f"{aid}-e", sentence=0, sentence_text=text, trigger="attacked", trigger_start=5,
               trigger_end=13, actor=ISKP, recipient=AFG, cameo="190", plover_type="ASSAULT",
               plover_mode=None, goldstein=-10.0, quad_class=4, location=KABUL, date=day)
    return ArticleResult(article=Article(id=aid, text=text, title=aid, date=day, source=aid),
                         events=(ev,))


def test_events_and_series_count_clusters_by_default(tmp_path):
    with Store(tmp_path / "q.duckdb") as s:
        s.write_batch([report("a1", "2024-03-11", "ISKP attacked Taliban officials in Kabul."),
                       report("a2", "2024-03-11", "ISKP militants attacked Taliban officials "
                                                  "in Kabul on Monday.")])
        con = s.connection
        assert query.events(con).total == 1
        assert query.events(con, mentions=True).total == 2
        series = query.dyad_series(con, "AFG", "IMG", by="day")
        assert sum(p.events for p in series.points) == 1
        series = query.dyad_series(con, "AFG", "IMG", by="day", mentions=True)
        assert sum(p.events for p in series.points) == 2
        assert query.top_dyads(con)[0].events == 1
