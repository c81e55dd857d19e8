"""``dotterel fetch`` and ``dotterel watch`` end to end, as processes with the real model,
against the loopback news site (tests/_newssite.py): every outcome recorded with its code, the
one-line cycle summary, SIGKILL in the middle of a cycle and again (nothing lost, nothing
doubled, no item marked that is not stored or failed), SIGTERM, and ``dotterel serve`` reading
the store while ``watch`` writes it."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from dotterel.errors import StoreError
from dotterel.store import Store
from tests._newssite import NewsSite, rss, serving, story_html
from tests._store import rows
from tests.e2e._server import serving as serving_api
from tests.e2e.test_crash import articles as crash_articles

pytestmark = pytest.mark.model
CONTACT = "news-desk@example.org"
ENV = {**os.environ, "DOTTEREL_CONTACT": CONTACT}


def dotterel(bin_: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=timeout, env=ENV)


def test_fetch_records_every_outcome(dotterel_bin, tmp_path) -> None:
    db = tmp_path / "fetch.duckdb"
    with serving() as site:
        b = site.base
        urls = [f"{b}/news/1", f"{b}/news/1?utm_source=mail&gclid=x", f"{b}/news/0",
                f"{b}/latin1", f"{b}/busy", f"{b}/french", f"{b}/private/secret",
                f"{b}/status/404", f"{b}/status/500", f"{b}/slow", f"{b}/loop/a", f"{b}/big",
                f"{b}/pdf", f"{b}/empty", "not-a-url"]
        p = dotterel(dotterel_bin, "fetch", *urls, "--db", str(db), "--timeout", "1.5",
                     "--retries", "1", "--delay", "0")
        assert site.count("/news/1") == 1  # the same page by its canonical URL
    assert p.returncode == 1, p.stderr
    assert re.search(r"14 pages: 4 new articles, 0 already stored, [1-9]\d* events, \d+ claims, "
                     r"10 failures", p.stdout), p.stdout
    codes = dict(rows(db, "SELECT origin, code FROM failures"))
    assert codes == {f"{b}/french": "E108", f"{b}/private/secret": "E608",
                     f"{b}/status/404": "E602", f"{b}/status/500": "E603",
                     f"{b}/slow": "E604", f"{b}/loop/a": "E605", f"{b}/big": "E607",
                     f"{b}/pdf": "E606", f"{b}/empty": "E107", "not-a-url": "E610"}
    for code in codes.values():
        assert f"[{code}]" in p.stderr
    stored = rows(db, "SELECT url, source, title, n_events FROM articles ORDER BY url")
    assert [r[0] for r in stored] == [f"{b}/busy", f"{b}/latin1", f"{b}/news/0", f"{b}/news/1"]
    assert {r[1] for r in stored} == {"The Daily Loopback"}
    assert "Bolivia and Perú sign a trade accord" in {r[2] for r in stored}
    assert rows(db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                    "WHERE a.url LIKE '%/news/1' AND e.actor_code = 'EGY'") != [(0,)]


def test_fetch_reads_urls_from_stdin(dotterel_bin, tmp_path) -> None:
    db = tmp_path / "stdin.duckdb"
    with serving() as site:
        p = subprocess.run([dotterel_bin, "fetch", "-", "--db", str(db), "--delay", "0"],
                           input=f"# to read\nnot-a-url\n\n{site.base}/status/404\n",
                           capture_output=True, text=True, timeout=120, env=ENV)
    assert p.returncode == 1 and "2 pages: 0 new articles" in p.stdout, p.stdout + p.stderr
    assert sorted(rows(db, "SELECT code FROM failures")) == [("E602",), ("E610",)]
    assert "[E610] not-a-url: 'not-a-url' is not an http(s) URL" in p.stderr


def feeds_file(tmp_path: Path, site: NewsSite, *paths: str) -> Path:
    f = tmp_path / "feeds.txt"
    f.write_text("# the loopback wire\n" + "".join(f"{site.base}{p} Loopback Wire\n"
                                                  for p in paths))
    return f


def test_watch_once_prints_a_summary_and_then_finds_nothing_new(dotterel_bin, tmp_path) -> None:
    db = tmp_path / "watch.duckdb"
    with serving() as site:
        feeds = feeds_file(tmp_path, site, "/feeds/rss.xml", "/feeds/atom.xml",
                           "/feeds/feed.json", "/feeds/relative.xml", "/feeds/broken.xml")
        first = dotterel(dotterel_bin, "watch", str(feeds), "--db", str(db), "--once",
                         "--delay", "0")
        assert first.returncode == 0, first.stderr
        assert re.fullmatch(
            r"cycle 1: 5 feeds \(0 not modified, 1 failed, 0 disabled\), 9 new items, "
            r"8 articles stored, 0 already stored, [1-9]\d* events, \d+ claims, 2 failures, "
            r"[\d.]+ s\n", first.stdout), first.stdout
        assert "[E609]" in first.stderr and "broken.xml" in first.stderr
        again = dotterel(dotterel_bin, "watch", str(feeds), "--db", str(db), "--once",
                         "--delay", "0")
        assert again.returncode == 0, again.stderr
        assert "(4 not modified, 1 failed, 0 disabled), 0 new items, 0 articles stored" \
            in again.stdout
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(8, 8)]


def test_watch_without_a_contact_or_with_a_bad_feeds_file(dotterel_bin, tmp_path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/rss.xml\nexample.org/atom.xml Wire\n")
    env = {k: v for k, v in ENV.items() if k != "DOTTEREL_CONTACT"}
    p = subprocess.run([dotterel_bin, "watch", str(feeds), "--db", str(tmp_path / "x.duckdb"),
                        "--once"], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2 and "[E611]" in p.stderr and "--contact" in p.stderr
    p = dotterel(dotterel_bin, "watch", str(feeds), "--db", str(tmp_path / "x.duckdb"), "--once")
    assert p.returncode == 2 and "[E610]" in p.stderr and f"{feeds}:2" in p.stderr
    assert "Traceback" not in p.stderr and not (tmp_path / "x.duckdb").exists()
    p = dotterel(dotterel_bin, "watch", str(feeds), "--every", "soon", "--once")
    assert p.returncode == 2 and "[E611]" in p.stderr


# ---------- crash safety, and serving while watching ----------

N_ITEMS = 20
GONE = {7, 17}  # items whose page is gone (404): failed for good
N_STORED = N_ITEMS - len(GONE)


def crash_site() -> NewsSite:
    """One feed of ``N_ITEMS`` stories, those in ``GONE`` failing for good (404)."""
    site = NewsSite()
    links = []
    for i, a in enumerate(crash_articles(N_ITEMS)):
        title, text = f"Report {i} from the wire desk", a["text"]
        path = f"/wire/{i}"
        if i in GONE:
            path = f"/gone/{i}"
        else:
            site.page(path, story_html(i, (title, [text, f"This is report number {i}."]),
                                       date=a["date"]))
        links.append("{base}" + path + ("?utm_source=rss" if i % 3 == 0 else ""))
    site.feed("/feeds/wire.xml", rss(links), "application/rss+xml")
    return site


@pytest.fixture(scope="module")
def wire():
    with serving(crash_site()) as site:
        yield site


@pytest.fixture(scope="module")
def clean(wire, dotterel_bin, tmp_path_factory) -> dict:
    """A clean ``watch --once`` over the wire feed, with ``dotterel serve`` answering on the
    same database all along (polled meanwhile): what the store then holds, and what the API
    said."""
    folder = tmp_path_factory.mktemp("wire")
    db = folder / "clean.duckdb"
    Store(db).close()
    feeds = feeds_file(folder, wire, "/feeds/wire.xml")
    with serving_api(dotterel_bin, db, log=folder / "serve.log") as api:
        statuses: list[int] = []
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                statuses.append(httpx.get(f"{api}/api/status", timeout=10).status_code)
                time.sleep(0.05)
        poller = threading.Thread(target=poll)
        poller.start()
        try:
            p = watch_proc(dotterel_bin, feeds, db)
            out, err = p.communicate(timeout=600)
        finally:
            done.set()
            poller.join()
        assert p.returncode == 0, err
        latest = httpx.get(f"{api}/api/articles", params={"limit": 100}).json()
        page = httpx.get(f"{api}/latest")
    return {"db": db, "feeds": feeds, "out": out, "snapshot": snapshot(db),
            "statuses": statuses, "latest": latest, "page": page}


def stored(db: Path) -> int:
    try:
        with Store(db, read_only=True) as store:
            return int(store.connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except StoreError:
        return -1


def snapshot(db: Path) -> dict[str, list[tuple]]:
    return {k: sorted(v) for k, v in {
        "articles": rows(db, "SELECT id, url, n_events, n_claims FROM articles"),
        "events": rows(db, "SELECT id, article_id, cluster_id FROM events"),
        "claims": rows(db, "SELECT id, article_id, thread_id FROM claims"),
        "failures": rows(db, "SELECT origin, code FROM failures"),
        "items": rows(db, "SELECT url, status, article_id, code FROM feed_items")}.items()}


def assert_marked_only_when_done(db: Path) -> int:
    """Every item marked is stored (its article is there) or recorded as failed (its failure
    is there); every stored article came from one item. Returns the items marked."""
    assert rows(db, "SELECT count(*) FROM feed_items i WHERE i.status IN ('stored', 'duplicate') "
                    "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = i.article_id)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM feed_items i WHERE i.status IN ('failed', 'retry') "
                    "AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.code = i.code "
                    "AND f.origin LIKE '%/gone/%')") == [(0,)]
    assert rows(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
                    "feed_items i WHERE i.article_id = a.id)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM articles a WHERE n_events <> (SELECT count(*) FROM "
                    "events e WHERE e.article_id = a.id)") == [(0,)]
    return rows(db, "SELECT count(*) FROM feed_items")[0][0]


def watch_proc(bin_: str, feeds: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([bin_, "watch", str(feeds), "--db", str(db), "--once", "--batch", "4",
                             "--delay", "0", "--lock-timeout", "30"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)


def test_serve_and_watch_on_one_database(clean, wire) -> None:
    statuses = clean["statuses"]
    assert statuses and set(statuses) <= {200, 503} and statuses.count(200) > 0, statuses
    assert f"{N_ITEMS} new items, {N_STORED} articles stored" in clean["out"]
    latest = clean["latest"]
    assert latest["total"] == N_STORED and sum(len(a["events"]) for a in latest["items"]) > 0
    assert all(a["url"].startswith(wire.base + "/wire/") and "utm_" not in a["url"]
               for a in latest["items"])
    assert clean["page"].status_code == 200
    assert assert_marked_only_when_done(clean["db"]) == N_ITEMS


def test_sigkill_mid_cycle_then_again_equals_a_clean_run(clean, dotterel_bin, tmp_path) -> None:
    crashed = tmp_path / "crashed.duckdb"
    proc = watch_proc(dotterel_bin, clean["feeds"], crashed)
    deadline = time.monotonic() + 300
    while stored(crashed) <= 4:  # more than the first batch is stored: kill wherever it is
        assert proc.poll() is None, f"watch ended before the kill: {proc.communicate()}"
        assert time.monotonic() < deadline, "no batch was stored in time"
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    marked, seen = assert_marked_only_when_done(crashed), stored(crashed)
    print(f"killed: {seen} articles stored, {marked} items marked")
    assert 4 < seen < N_STORED and marked < N_ITEMS
    assert rows(crashed, "SELECT count(*) FROM feeds WHERE etag IS NOT NULL") == [(0,)]

    again = watch_proc(dotterel_bin, clean["feeds"], crashed)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"{N_ITEMS - marked} new items, {N_STORED - seen} articles stored" in out, out
    assert assert_marked_only_when_done(crashed) == N_ITEMS
    assert snapshot(crashed) == clean["snapshot"]


def test_sigterm_stops_the_loop_cleanly(dotterel_bin, tmp_path) -> None:
    db = tmp_path / "loop.duckdb"
    with serving() as site:
        feeds = feeds_file(tmp_path, site, "/feeds/rss.xml")
        proc = subprocess.Popen([dotterel_bin, "watch", str(feeds), "--db", str(db), "--every",
                                 "1h", "--delay", "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV)
        try:
            line = proc.stdout.readline()  # the first cycle's summary
            assert line.startswith("cycle 1: 1 feeds"), (line, proc.stderr.read())
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, err
        assert time.monotonic() - started < 10 and "Traceback" not in err
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
