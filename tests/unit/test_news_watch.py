"""``watch`` cycles without the model: a stand-in pipeline (no events, the real language
screen) over a real store and the loopback news site. New items only, de-duplication by
canonical URL and by text, conditional requests, failing feeds disabled, transient failures
retried, and the crash rule: no item marked that is not stored or recorded as failed."""
from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from dotterel.news import CycleOptions, FetchSettings, StoreOptions, watch
from dotterel.pipeline import screen_language
from dotterel.records import ArticleResult
from dotterel.store import Store
from tests._newssite import NewsSite, Response, serving, story_html
from tests._store import rows

CONTACT = "news-desk@example.org"


class StandIn:
    """What the pipeline does that the cycle relies on: one output per article, in order;
    not English is a failure [E108]. ``stop_after`` articles, it raises (a crash)."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.coded: list[str] = []
        self.stop_after = stop_after

    def process(self, articles):
        for a in articles:
            if self.stop_after is not None and len(self.coded) >= self.stop_after:
                raise KeyboardInterrupt("killed")
            self.coded.append(a.url)
            item = screen_language(a)
            yield item if not isinstance(item, type(a)) else ArticleResult(
                article=item, events=(), claims=())


def feeds_file(tmp_path: Path, site: NewsSite, *paths: str) -> Path:
    f = tmp_path / "feeds.txt"
    f.write_text("".join(f"{site.base}{p} Loopback Wire\n" for p in paths))
    return f


def run(feeds: Path, db: Path, pipeline=None, *, max_errors: int = 5, batch: int = 3):
    settings = FetchSettings(contact=CONTACT, delay=0.0, timeout=5.0, retries=0)
    options = CycleOptions(store=StoreOptions(db=db, batch=batch, lock_timeout=5),
                           max_errors=max_errors)
    return watch(feeds, pipeline=pipeline or StandIn(), settings=settings, options=options,
                 once=True)[0]


ALL = ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/feeds/relative.xml",
       "/feeds/broken.xml", "/feeds/missing.xml")


def test_a_cycle_then_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serving() as site:
        feeds = feeds_file(tmp_path, site, *ALL)
        first = run(feeds, db)
        # rss 0 1 2, atom 3 4 (and 1 again, with tracking parameters), json 5 6, relative 7
        # and feeds/news/8 (a 404)
        assert (first.feeds, first.feeds_failed, first.new_items) == (6, 2, 9)
        assert (first.articles_new, first.failures) == (8, 3)
        assert site.count("/news/1") == 1  # listed twice, fetched once
        line = first.line()
        assert "6 feeds" in line and "9 new items" in line and "8 articles stored" in line
        stored = rows(db, "SELECT url, source FROM articles ORDER BY url")
        assert [u for u, _ in stored] == [f"{site.base}/news/{n}" for n in range(8)]
        assert {s for _, s in stored} == {"Loopback Wire"}
        codes = rows(db, "SELECT origin, code FROM failures ORDER BY code, origin")
        assert codes == [(f"{site.base}/feeds/missing.xml", "E602"),
                         (f"{site.base}/feeds/news/8", "E602"),
                         (f"{site.base}/feeds/broken.xml", "E609")]
        feeds_state = dict(rows(db, "SELECT id, etag IS NOT NULL FROM feeds"))
        assert feeds_state[f"{site.base}/feeds/rss.xml"] is True
        assert rows(db, "SELECT count(*) FROM feed_items WHERE status = 'stored'") == [(8,)]

        second = run(feeds, db)
        assert (second.new_items, second.articles_new, second.feeds_not_modified) == (0, 0, 4)
        assert site.requests("/feeds/rss.xml")[-1].headers.get("if-none-match")
        assert site.count("/news/0") == 1  # never fetched again
        assert rows(db, "SELECT count(*) FROM articles") == [(8,)]
        assert rows(db, "SELECT id, items_seen FROM feeds WHERE id LIKE '%rss.xml'") == [
            (f"{site.base}/feeds/rss.xml", 3)]


def test_the_same_text_at_two_urls_is_stored_once(tmp_path: Path) -> None:
    site = NewsSite()
    site.page("/copy/1", story_html(2))  # the story of /news/2, syndicated
    site.feed("/feeds/dup.xml", _rss(["{base}/news/2", "{base}/copy/1"]), "application/rss+xml")
    db = tmp_path / "news.duckdb"
    with serving(site):
        pipeline = StandIn()
        summary = run(feeds_file(tmp_path, site, "/feeds/dup.xml"), db, pipeline)
        assert summary.articles_new == 1 and summary.articles_skipped == 1
        assert len(pipeline.coded) == 1
        assert sorted(r[0] for r in rows(db, "SELECT status FROM feed_items")) == [
            "duplicate", "stored"]


def test_a_feed_that_keeps_failing_is_disabled_and_reported(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serving() as site:
        feeds = feeds_file(tmp_path, site, "/feeds/broken.xml", "/feeds/feed.json")
        run(feeds, db, max_errors=2)
        second = run(feeds, db, max_errors=2)
        assert second.newly_disabled == [f"{site.base}/feeds/broken.xml"]
        third = run(feeds, db, max_errors=2)
        assert third.disabled == [f"{site.base}/feeds/broken.xml"]
        assert "1 disabled" in third.line() and site.count("/feeds/broken.xml") == 2
        assert rows(db, "SELECT consecutive_errors, last_error_code FROM feeds "
                        "WHERE id LIKE '%broken.xml'") == [(2, "E609")]
        assert rows(db, "SELECT count(*) FROM failures WHERE code = 'E609'") == [(1,)]
        with Store(db) as store:
            store.enable_feeds([f"{site.base}/feeds/broken.xml"])
        run(feeds, db, max_errors=2)
        assert site.count("/feeds/broken.xml") == 3


def test_transient_failures_are_retried_then_given_up(tmp_path: Path) -> None:
    site = NewsSite()
    site.route("/flaky", Response(status=503))
    site.feed("/feeds/flaky.xml", _rss(["{base}/flaky", "{base}/news/3"]), "application/rss+xml")
    db = tmp_path / "news.duckdb"
    with serving(site):
        feeds = feeds_file(tmp_path, site, "/feeds/flaky.xml")
        for _ in range(4):  # three attempts in all (StoreOptions.max_attempts), then no more
            run(feeds, db)
        assert site.count("/flaky") == 3 and site.count("/news/3") == 1
        assert rows(db, "SELECT status, code, attempts FROM feed_items WHERE url LIKE '%flaky'"
                    ) == [("failed", "E603", 3)]
        # the feed answered 304 from the second cycle on: the retries came from the store
        assert rows(db, "SELECT count(*) FROM failures WHERE code = 'E603'") == [(1,)]


def test_not_english_and_robots_are_recorded(tmp_path: Path) -> None:
    site = NewsSite()
    site.feed("/feeds/mixed.xml", _rss(["{base}/french", "{base}/private/secret",
                                         "{base}/latin1"]), "application/rss+xml")
    db = tmp_path / "news.duckdb"
    with serving(site):
        summary = run(feeds_file(tmp_path, site, "/feeds/mixed.xml"), db)
        assert summary.articles_new == 1
        assert sorted(rows(db, "SELECT code, status FROM feed_items WHERE code IS NOT NULL")) == [
            ("E108", "failed"), ("E608", "failed")]


def test_a_crash_marks_no_item_it_did_not_store(tmp_path: Path) -> None:
    """The pipeline dies while coding the second batch: the first batch and its items are
    stored, no other item is marked, the feeds keep no validators; the next cycle stores the
    rest once."""
    db = tmp_path / "news.duckdb"
    with serving() as site:
        feeds = feeds_file(tmp_path, site, "/feeds/rss.xml", "/feeds/atom.xml",
                           "/feeds/feed.json")
        with pytest.raises(KeyboardInterrupt):
            run(feeds, db, StandIn(stop_after=4), batch=3)
        assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
        marked = rows(db, "SELECT i.url, a.url FROM feed_items i LEFT JOIN articles a "
                          "ON a.id = i.article_id ORDER BY i.url")
        assert len(marked) == 3 and all(item == article for item, article in marked)
        assert rows(db, "SELECT count(*) FROM feeds WHERE etag IS NOT NULL") == [(0,)]
        again = run(feeds, db)
        assert again.new_items == 4 and again.articles_new == 4
        assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(7, 7)]
        assert rows(db, "SELECT count(*) FROM feed_items WHERE status = 'stored'") == [(7,)]


def test_stop_ends_the_loop_after_the_batch_under_way(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    stop = threading.Event()
    with serving() as site:
        feeds = feeds_file(tmp_path, site, "/feeds/rss.xml")
        settings = FetchSettings(contact=CONTACT, delay=0.0, timeout=5.0)
        options = CycleOptions(store=StoreOptions(db=db, batch=1, lock_timeout=5))
        reported = []

        def report(summary) -> None:
            reported.append(summary)
            stop.set()  # as SIGTERM does, after the first cycle
        done = watch(feeds, pipeline=StandIn(), settings=settings, options=options,
                     every=3600, report=report, stop=stop)
        assert len(done) == 1 and reported == done and done[0].articles_new == 3


def test_a_schema_4_store_gets_the_feeds_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE feeds")
    con.execute("DROP TABLE feed_items")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    with Store(path) as store:
        assert store.schema_version == 5
        assert store.register_feeds([("https://a.example/rss.xml", "A")])[
            "https://a.example/rss.xml"].source == "A"


def _rss(links: list[str]) -> str:
    from tests._newssite import rss

    return rss(links)


def test_items_are_taken_host_by_host() -> None:
    from dotterel.news import FeedItem
    from dotterel.news._cycle import interleave

    def item(link: str) -> FeedItem:
        return FeedItem(url=link, link=link, feed_url="f")
    links = ["http://a.example/1", "http://a.example/2", "http://a.example/3",
             "http://b.example/1", "https://c.example/1", "http://b.example/2"]
    assert [i.link for i in interleave([item(u) for u in links])] == [
        "http://a.example/1", "http://b.example/1", "https://c.example/1",
        "http://a.example/2", "http://b.example/2", "http://a.example/3"]
    assert interleave([]) == []
