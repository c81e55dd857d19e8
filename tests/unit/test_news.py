"""Following the news without the model: URLs, settings, the feeds file, and every fetch
outcome against a real HTTP server on loopback (tests/_newssite.py). Nothing leaves the
machine."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from dotterel.errors import DotterelError, FetchError, InputError
from dotterel.news import (
    Client,
    FeedSpec,
    FetchSettings,
    Polite,
    canonical_url,
    decode_html,
    parse_every,
    read_feeds_file,
)
from dotterel.news._feeds import fetch_feed
from dotterel.news._http import retry_after
from dotterel.news._pages import fetch_page
from tests._newssite import BIG_BYTES, NewsSite, Response, serving

CONTACT = "news-desk@example.org"


def settings(**kw) -> FetchSettings:
    base = dict(contact=CONTACT, timeout=5.0, delay=0.0, connections=4, retries=1)
    return FetchSettings(**{**base, **kw})


@pytest.fixture(scope="module")
def site():
    with serving() as s:
        yield s


def page(site: NewsSite, path: str, **kw):
    with Client(settings(**kw)) as client:
        return fetch_page(Polite(client), site.base + path)


def failed(result) -> str:
    assert result.failure is not None and not result.articles, result
    assert result.failure.origin == result.url and result.failure.message
    return result.failure.code


# ---------- URLs and settings ----------

def test_canonical_url_strips_tracking_and_sorts() -> None:
    assert canonical_url("HTTPS://News.Example.ORG:443/a/b?utm_source=x&b=2&fbclid=q&a=1#top") == \
        "https://news.example.org/a/b?a=1&b=2"
    assert canonical_url("http://example.org?gclid=1&UTM_Medium=e&mc_eid=3") == "http://example.org/"
    assert canonical_url("http://example.org:8080/x?id=7") == "http://example.org:8080/x?id=7"
    assert canonical_url("http://example.org/x?id=7") != canonical_url("http://example.org/x?id=8")


def test_settings_need_a_contact_and_name_dotterel(monkeypatch) -> None:
    with pytest.raises(FetchError) as err:
        FetchSettings(contact="  ")
    assert err.value.code == "E611" and "--contact" in err.value.message
    with pytest.raises(FetchError) as err:
        FetchSettings(contact="me@example.org\r\nX-Evil: 1")
    assert err.value.code == "E611"
    ua = settings().user_agent
    assert ua.startswith("dotterel/") and CONTACT in ua


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("1h30m", 5400),
                                               ("2h", 7200), ("600", 600), ("1d", 86400)])
def test_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "-5m", "1s", "0"])
def test_every_rejects(text: str) -> None:
    with pytest.raises(FetchError) as err:
        parse_every(text)
    assert err.value.code == "E611" and repr(text) in err.value.message


def test_feeds_file(tmp_path: Path) -> None:
    f = tmp_path / "feeds.txt"
    f.write_text("# world news\n\nhttps://a.example/rss.xml  Example Times\n"
                 "https://b.example/atom.xml\thttps://b.example/ Wire\n"
                 "https://a.example/rss.xml Again\nhttp://c.example/feed.json\n")
    feeds = read_feeds_file(f)
    assert feeds == [FeedSpec("https://a.example/rss.xml", "Example Times", 3),
                     FeedSpec("https://b.example/atom.xml", "https://b.example/ Wire", 4),
                     FeedSpec("http://c.example/feed.json", None, 6)]


def test_feeds_file_errors_name_the_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "feeds.txt"
    f.write_text("https://a.example/rss.xml\nftp://b.example/feed Wire\n")
    with pytest.raises(FetchError) as err:
        read_feeds_file(f)
    assert err.value.code == "E610" and f"{f}:2" in err.value.message
    f.write_text("# nothing but comments\n\n")
    with pytest.raises(InputError) as err2:
        read_feeds_file(f)
    assert err2.value.code == "E102" and str(f) in str(err2.value)
    with pytest.raises(InputError) as err3:
        read_feeds_file(tmp_path / "missing.txt")
    assert err3.value.code == "E101"


def test_retry_after_seconds_and_dates() -> None:
    from datetime import datetime, timezone

    now = datetime(2024, 3, 4, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after("7") == 7.0
    assert retry_after("Mon, 04 Mar 2024 12:00:30 GMT", now=now) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None


# ---------- pages: every outcome ----------

def test_a_page_with_heavy_boilerplate(site: NewsSite) -> None:
    result = page(site, "/news/0")
    assert result.failure is None and len(result.articles) == 1
    a = result.articles[0]
    assert a.title == "Kenya accuses Uganda of moving troops to the border"
    assert "summoned the Ugandan ambassador" in a.text and "talks in Kampala" in a.text
    for junk in ("cookies", "newsletter", "Most read", "Popular story", "Copyright",
                 "Reader one", "Section 3", "Privacy policy"):
        assert junk not in a.text, junk
    assert a.url == f"{site.base}/news/0" and a.source == "The Daily Loopback"
    assert a.origin == f"{site.base}/news/0" and a.date == "2024-03-04"


def test_the_user_agent_names_dotterel_and_the_contact(site: NewsSite) -> None:
    page(site, "/news/1")
    agent = site.requests("/news/1")[-1].headers["user-agent"]
    assert agent.startswith("dotterel/") and CONTACT in agent


def test_latin1_page(site: NewsSite) -> None:
    a = page(site, "/latin1").articles[0]
    assert "Perú's minister praised Bolivia" in a.text and "café" in a.text
    assert "Ã" not in a.text


def test_decode_html_by_header_meta_or_guess() -> None:
    text = "<p>Perú café</p>"
    assert decode_html(text.encode("latin-1"), "iso-8859-1") == text
    meta = f'<meta charset="windows-1252">{text}'
    assert decode_html(meta.encode("cp1252"), None) == meta
    assert decode_html(text.encode("utf-8"), None) == text
    assert decode_html(text.encode("latin-1"), None) == text  # not UTF-8: Windows-1252


@pytest.mark.parametrize(("path", "code"), [
    ("/status/404", "E602"), ("/pdf", "E606"), ("/empty", "E107"), ("/loop/a", "E605")])
def test_page_failures(site: NewsSite, path: str, code: str) -> None:
    assert failed(page(site, path)) == code


def test_server_error_is_retried_then_recorded(site: NewsSite, monkeypatch) -> None:
    monkeypatch.setattr("dotterel.news._polite.FIRST_BACKOFF_S", 0.05)
    before = site.count("/status/500")
    result = page(site, "/status/500", retries=2)
    assert failed(result) == "E603" and "HTTP 500" in result.failure.message
    assert site.count("/status/500") - before == 3  # the first try and two retries


def test_429_waits_for_retry_after(site: NewsSite) -> None:
    started = time.monotonic()
    result = page(site, "/busy")
    assert result.failure is None and result.articles
    hits = site.requests("/busy")
    assert len(hits) == 2 and hits[1].at - hits[0].at >= 0.95
    assert time.monotonic() - started >= 0.95


def test_429_asking_too_long_is_not_waited_for() -> None:
    site = NewsSite()
    site.route("/later", Response(status=429, headers={"Retry-After": "3600"}))
    with serving(site):
        started = time.monotonic()
        result = page(site, "/later", max_retry_wait=5)
        assert failed(result) == "E603" and "3600" in result.failure.message
        assert time.monotonic() - started < 2 and site.count("/later") == 1


def test_slow_answer_times_out(site: NewsSite) -> None:
    started = time.monotonic()
    assert failed(page(site, "/slow", timeout=1.0)) == "E604"
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path", ["/big", "/big-declared"])
def test_a_50_mb_body_is_refused(site: NewsSite, path: str) -> None:
    started = time.monotonic()
    result = page(site, path)  # the default limit
    assert failed(result) == "E607" and "limit" in result.failure.message
    assert settings().max_bytes < BIG_BYTES and time.monotonic() - started < 10


def test_robots_txt_disallows_a_path(site: NewsSite) -> None:
    assert failed(page(site, "/private/secret")) == "E608"
    assert site.count("/private/secret") == 0 and site.count("/robots.txt") >= 1


def test_unreachable() -> None:
    from tests.e2e._server import free_port

    result = fetch_page(Polite(Client(settings())), f"http://127.0.0.1:{free_port()}/x")
    assert failed(result) == "E601"


def test_redirect_is_followed_and_the_url_is_where_it_landed(site: NewsSite) -> None:
    result = page(site, "/moved")
    assert result.failure is None and result.articles[0].url == f"{site.base}/news/2"
    assert result.articles[0].origin == f"{site.base}/moved"


def test_one_request_at_a_time_per_host_with_a_delay() -> None:
    from dotterel.news._pool import ordered_map

    with serving() as site, Client(settings(delay=0.3, connections=4)) as client:
        polite = Polite(client)
        paths = ["/news/1", "/news/2", "/news/3", "/news/4"]
        done = list(ordered_map(lambda p: fetch_page(polite, site.base + p), paths, workers=4,
                                window=4))
        assert [r.url for _, r in done] == [site.base + p for p in paths]  # in order
        times = sorted(h.at for h in site.hits if h.path.startswith("/news/"))
        assert all(b - a >= 0.28 for a, b in zip(times, times[1:])), times
        assert site.count("/robots.txt") == 1


# ---------- feeds ----------

def feed(site: NewsSite, path: str, **kw):
    with Client(settings()) as client:
        return fetch_feed(Polite(client), FeedSpec(site.base + path, "Loopback Wire"), **kw)


def test_rss_atom_and_json_feeds(site: NewsSite) -> None:
    rss = feed(site, "/feeds/rss.xml")
    assert rss.failure is None and [i.link for i in rss.items] == [
        f"{site.base}/news/{n}" for n in (0, 1, 2)]
    assert rss.items[0].date == "2024-03-04" and rss.items[0].source == "Loopback Wire"
    atom = feed(site, "/feeds/atom.xml")
    assert [i.url for i in atom.items] == [f"{site.base}/news/{n}" for n in (3, 4, 1)]
    assert "fbclid" in atom.items[2].link  # fetched as listed, de-duplicated as canonical
    js = feed(site, "/feeds/feed.json")
    assert [i.url for i in js.items] == [f"{site.base}/news/5", f"{site.base}/news/6"]
    assert js.items[0].date == "2024-03-06" and js.items[0].title == "Item 0"


def test_relative_links_resolve_against_the_feed(site: NewsSite) -> None:
    rel = feed(site, "/feeds/relative.xml")
    assert [i.url for i in rel.items] == [f"{site.base}/news/7", f"{site.base}/feeds/news/8"]


def test_malformed_feed_and_missing_feed(site: NewsSite) -> None:
    broken = feed(site, "/feeds/broken.xml")
    assert broken.failure is not None and broken.failure.code == "E609" and not broken.items
    missing = feed(site, "/feeds/none.xml")
    assert missing.failure is not None and missing.failure.code == "E602"
    assert missing.status == 404


def test_conditional_request_answers_not_modified(site: NewsSite) -> None:
    first = feed(site, "/feeds/rss.xml")
    assert first.etag and first.last_modified
    again = feed(site, "/feeds/rss.xml", etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.items == () and again.failure is None
    sent = site.requests("/feeds/rss.xml")[-1].headers
    assert sent["if-none-match"] == first.etag and sent["if-modified-since"] == first.last_modified


def test_fetch_errors_are_dotterel_errors() -> None:
    assert issubclass(FetchError, DotterelError)
    from dotterel.errors import CATALOGUE

    assert all(f"E6{n:02d}" in CATALOGUE for n in range(1, 12))
