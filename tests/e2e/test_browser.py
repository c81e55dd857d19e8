"""The dashboard in a real headless Chromium (Debian's ``chromium`` and ``chromium-driver``,
driven by Selenium), against ``dotterel serve`` over a store of the bundled example and our own
stories in tests/data/ (an undated disputed claim, eight dated wire stories). One store, one
server and one browser for the module.

Set DOTTEREL_SCREENSHOTS=folder to save a screenshot of each page there (the README's are
made this way)."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dotterel.ingest import ingest_paths
from tests.conftest import DATA
from tests.e2e._server import serving

pytestmark = pytest.mark.model
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--window-size=1280,1000")
WAIT_S = 30
SHOTS = os.environ.get("DOTTEREL_SCREENSHOTS")
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "examples" / "border_dispute.txt"
DISPUTE = DATA / "claim_dispute.txt"  # Egypt's claim, Ethiopia's denial and demand for proof


@pytest.fixture(scope="module")
def base(tmp_path_factory, pipeline, dotterel_bin) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "news.duckdb"
    summary = ingest_paths([EXAMPLE, DISPUTE, DATA / "wire.jsonl"], db=db, pipeline=pipeline)
    assert summary.articles_new == 10 and not summary.failures
    with serving(dotterel_bin, db, log=folder / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for exe in (CHROMIUM, CHROMEDRIVER):
        assert Path(exe).exists(), (f"{exe} is missing: install it with "
                                    "apt-get install -y chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="dotterel-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, css: str, *, count: int = 1) -> list:
    from selenium.webdriver.support.ui import WebDriverWait

    def found(d):
        error = d.find_elements("css selector", "#app .error")
        if error:
            raise AssertionError(f"the page shows an error: {error[0].text}")
        hits = d.find_elements("css selector", css)
        return hits if len(hits) >= count else False

    return WebDriverWait(driver, WAIT_S).until(found, f"no {css} on {driver.current_url}")


def text(element) -> str:
    return (element.get_attribute("textContent") or "").strip()


def no_console_errors(driver) -> None:
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def screenshot(driver, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 2400))
    driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))
    driver.set_window_size(1280, 1000)


def test_dyad_page_chart_and_rejection(browser, base) -> None:
    browser.get(f"{base}/dyad/EGY/ETH")
    bars = wait_for(browser, "svg.chart rect.bar")
    assert all(float(b.get_attribute("height")) > 0 for b in bars)
    assert browser.find_elements("css selector", "svg.chart circle.gs-point")
    rows = wait_for(browser, "table.events tbody tr", count=3)
    rejections = [r for r in rows if "REJECT" in text(r) and "claim" in text(r).lower()
                  and text(r.find_element("css selector", "mark.trigger")).startswith("reject")]
    assert rejections, [text(r) for r in rows]
    cells = rejections[0].find_elements("css selector", "td")
    assert "ETH" in text(cells[1]) and "EGY" in text(cells[3])
    # the chart is built from the series JSON the page links to
    link = browser.find_element("css selector", "section h2 a.json").get_attribute("href")
    series = httpx.get(link).json()
    assert series["a"] == "EGY" and (series["points"] or series["undated"])
    # where: the dyad's events by place, country-level ones listed apart
    wait_for(browser, ".map-box h3")
    places = httpx.get(f"{base}/api/places",
                       params={"actor": "EGY", "recipient": "ETH", "undirected": "true"}).json()
    drawn = browser.find_elements("css selector", ".map-box svg.map circle.place")
    assert len(drawn) == sum(p["level"] != "country" and p["lat"] is not None
                             for p in places["items"])
    no_console_errors(browser)
    screenshot(browser, "dyad")


def test_dyad_page_switches_period(browser, base) -> None:
    dyads = httpx.get(f"{base}/api/dyads").json()["items"]
    dated = next(d for d in dyads if d["first"] and d["first"] != d["last"])
    browser.get(f"{base}/dyad/{dated['a']}/{dated['b']}")
    wait_for(browser, "svg.chart rect.bar")
    browser.find_element("css selector", ".periods button[data-by='day']").click()
    wait_for(browser, ".periods button.on[data-by='day']")
    wait_for(browser, "svg.chart g.bucket", count=2)
    no_console_errors(browser)


def test_claim_thread_page(browser, base) -> None:
    claims = httpx.get(f"{base}/api/claims",
                       params={"speaker": "EGY", "q": "drones", "stance": "asserts"}).json()
    egypt = max(claims["items"], key=lambda c: c["challenges"])
    browser.get(f"{base}/claims/{egypt['id']}")
    items = wait_for(browser, "ol.timeline li.claim", count=3)
    badges = {text(b).lower() for b in browser.find_elements("css selector", "li.claim .stance")}
    assert {"asserted", "denied", "evidence demanded"} <= badges
    current = browser.find_element("css selector", "li.claim.current")
    assert egypt["content"] in text(current)
    assert any("s-denies" in i.get_attribute("class") for i in items)
    assert any("s-demands_evidence" in i.get_attribute("class") for i in items)
    no_console_errors(browser)
    screenshot(browser, "claim-thread")


def test_home_page(browser, base) -> None:
    browser.get(f"{base}/")
    links = wait_for(browser, "table.dyads a")
    assert any(text(a) == "EGY – ETH" for a in links)
    wait_for(browser, "ul.claims li.claim")
    box = browser.find_element("css selector", "form.search input")
    box.send_keys("drones")
    browser.find_element("css selector", "form.search button").click()
    found = wait_for(browser, ".results li.claim")
    assert all("drones" in text(f).lower() for f in found)
    no_console_errors(browser)
    screenshot(browser, "home")


def test_article_page_highlights(browser, base) -> None:
    claims = httpx.get(f"{base}/api/claims", params={"speaker": "EGY", "q": "drones"}).json()
    browser.get(f"{base}/article/{claims['items'][0]['article']['id']}")
    triggers = wait_for(browser, ".article-text .hl-trigger", count=5)
    assert any(text(t) == "rejected" for t in triggers)
    assert browser.find_elements("css selector", ".article-text .hl-claim.s-denies")
    assert text(browser.find_element("css selector", "h1")).startswith(
        "Ethiopia Rejects Egypt's Claim")
    no_console_errors(browser)
    screenshot(browser, "article")


def test_code_page(browser, base) -> None:
    story = DISPUTE.read_text(encoding="utf-8")
    browser.get(f"{base}/code")
    area = wait_for(browser, "form.code-form textarea")[0]
    browser.execute_script("arguments[0].value = arguments[1];", area, story)  # a paste
    browser.find_element("css selector", "form.code-form button[type=submit]").click()
    rows = wait_for(browser, ".coded table.events tbody tr", count=5)
    assert any("REJECT" in text(r) for r in rows)
    assert "events" in text(browser.find_element("css selector", ".coded .summary"))
    assert browser.find_elements("css selector", ".coded .article-text .hl-trigger")
    no_console_errors(browser)
    screenshot(browser, "code")


def test_map_page_points_and_country_level_events(browser, base) -> None:
    """Towns, sites and regions are points sized by reports on the bundled outline; events
    placed only in a country, or in a region with no point of its own ("northern Syria"), are
    listed in a table, never drawn at the capital."""
    found = httpx.get(f"{base}/api/places").json()["items"]
    points = [p for p in found if p["level"] != "country" and p["lat"] is not None]
    countries = [p for p in found if p["level"] == "country" or p["lat"] is None]
    assert points and countries, found  # the fixture store has both
    browser.get(f"{base}/map")
    circles = wait_for(browser, "svg.map circle.place", count=len(points))
    assert len(circles) == len(points)
    assert browser.find_element("css selector", "svg.map path.land").get_attribute("d")
    assert {c.get_attribute("data-name") for c in circles} == {p["name"] for p in points}
    radius = {c.get_attribute("data-name"): float(c.get_attribute("r")) for c in circles}
    most = max(points, key=lambda p: p["mentions"])
    least = min(points, key=lambda p: p["mentions"])
    assert radius[most["name"]] >= radius[least["name"]] > 0
    for c in circles:  # equirectangular: x = lon + 180, y = 90 - lat
        p = next(p for p in points if p["name"] == c.get_attribute("data-name"))
        assert float(c.get_attribute("cx")) == pytest.approx(p["lon"] + 180, abs=0.01)
        assert float(c.get_attribute("cy")) == pytest.approx(90 - p["lat"], abs=0.01)
    rows = wait_for(browser, "table.country-places tbody tr", count=len(countries))
    listed = [text(r.find_elements("css selector", "td")[0]) for r in rows]
    assert len(rows) == len(countries)
    for p in countries:
        assert any(p["country"] in cell and p["name"] in cell for cell in listed), listed
    # no point stands for a country-level place
    centres = {(c.get_attribute("cx"), c.get_attribute("cy")) for c in circles
               if c.get_attribute("data-name") in {p["name"] for p in countries}}
    assert not centres
    no_console_errors(browser)
    screenshot(browser, "map")


def test_latest_page(browser, base) -> None:
    """The articles stored in the last day (all of the fixture's), newest first, each with its
    events linking to their dyad and its claims linking to their thread."""
    latest = httpx.get(f"{base}/api/articles", params={"limit": 100}).json()
    assert latest["total"] == 10
    browser.get(f"{base}/latest")
    items = wait_for(browser, "li.latest-article", count=10)
    assert len(items) == 10
    titles = [text(i.find_element("css selector", "h2 a")) for i in items]
    assert titles[0].startswith((latest["items"][0]["title"] or "")[:60])
    dyads = browser.find_elements("css selector", "ul.latest-events a.dyad")
    assert dyads and all(re.fullmatch(r"/dyad/[A-Z]{3}/[A-Z]{3}",
                                      d.get_attribute("pathname")) for d in dyads)
    threads = browser.find_elements("css selector", "ul.latest-claims a.thread")
    assert len(threads) == sum(len(a["claims"]) for a in latest["items"])
    egypt = next(t for t in threads if "drones" in text(t))
    egypt.click()
    wait_for(browser, "ol.timeline li.claim", count=2)
    assert "/claims/" in browser.current_url
    no_console_errors(browser)
    screenshot(browser, "latest")


# -- a real denial thread from the shared article dev set --------------------------------------

NAVALNY = "wikinews:Germany_says_Alexei_Navalny_poisoned_with_Novichok"


@pytest.fixture(scope="module")
def dev_base(tmp_path_factory, pipeline, dotterel_bin, shared) -> Iterator[str]:
    """A store of one hand-coded dev article (../shared/gold/articles/wikinews_dev.jsonl): the
    German government says Navalny was poisoned, Russia dismisses the claim as groundless."""
    import json

    folder = tmp_path_factory.mktemp("browser-dev")
    rows = [json.loads(line) for line in
            (shared / "gold" / "articles" / "wikinews_dev.jsonl").read_text().splitlines()]
    (article,) = [r for r in rows if r["id"] == NAVALNY]
    path = folder / "navalny.jsonl"
    path.write_text(json.dumps({k: article[k] for k in ("id", "title", "date", "text")}) + "\n")
    summary = ingest_paths([path], db=folder / "dev.duckdb", pipeline=pipeline)
    assert summary.articles_new == 1 and not summary.failures
    with serving(dotterel_bin, folder / "dev.duckdb", log=folder / "serve.log") as url:
        yield url


def test_real_denial_thread_from_the_dev_set(browser, dev_base) -> None:
    # the home page lists only claims someone challenged: Germany's, denied by Russia
    browser.get(f"{dev_base}/")
    listed = wait_for(browser, "ul.claims li.claim")
    assert all(item.find_elements("css selector", ".challenged") for item in listed)
    german = [i for i in listed if "DEU" in text(i.find_element("css selector", ".speaker"))]
    assert german, [text(i) for i in listed]
    assert "RUS" in text(german[0].find_element("css selector", ".challenged"))
    # its thread shows the claim and Russia's denial pointing at it
    german[0].find_element("css selector", "blockquote a").click()
    items = wait_for(browser, "ol.timeline li.claim", count=2)
    denial = [i for i in items if "s-denies" in (i.get_attribute("class") or "")]
    assert denial and "RUS" in text(denial[0].find_element("css selector", ".speaker"))
    assert "poison" in text(browser.find_element("css selector", "li.claim.current")).lower()
    no_console_errors(browser)
