"""End to end: our story of a disputed claim (tests/data/claim_dispute.txt), ingested and
exported in GDELT 2.0's layout through the installed ``dotterel`` command, read back with the
csv module into GDELT's column names."""
from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DATA

pytestmark = pytest.mark.model
STORY = DATA / "claim_dispute.txt"

# GDELT 2.0 event table, in GDELT's order (GDELT 2.0 Event Codebook)
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]


def run(bin_: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=300)


def read_tsv(path: Path, names: list[str]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, fieldnames=names, delimiter="\t"))
    assert all(None not in r and None not in r.values() for r in rows), "a row of the wrong width"
    return rows


@pytest.fixture(scope="module")
def exported(dotterel_bin: str, tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("gdelt")
    db = work / "story.duckdb"
    p = run(dotterel_bin, "ingest", str(STORY), "--db", str(db))
    assert p.returncode == 0, p.stderr
    p = run(dotterel_bin, "export", "--db", str(db), "--format", "gdelt", "--out",
            str(work / "out"))
    assert p.returncode == 0, p.stderr
    return db, work / "out"


def test_headers_are_gdelts(exported) -> None:
    _, out = exported
    events = (out / "gdelt.export.headers.txt").read_text(encoding="utf-8").rstrip("\n")
    mentions = (out / "gdelt.mentions.headers.txt").read_text(encoding="utf-8").rstrip("\n")
    assert events.split("\t") == GDELT_EVENT_COLUMNS and len(GDELT_EVENT_COLUMNS) == 61
    assert mentions.split("\t") == GDELT_MENTION_COLUMNS


def test_event_table_columns_hold_the_right_values(exported) -> None:
    db, out = exported
    rows = read_tsv(out / "gdelt.export.CSV", GDELT_EVENT_COLUMNS)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("""
            SELECT coalesce(r.actor_code, '') || coalesce(r.actor_sector, ''),
                   coalesce(r.recipient_code, '') || coalesce(r.recipient_sector, ''),
                   c.cameo, c.quad_class, c.goldstein, c.num_mentions
            FROM event_clusters c JOIN events r ON r.id = c.id""").fetchall()
        n_events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    finally:
        con.close()
    assert len(rows) == len(stored) < n_events  # one row per cluster; some reports merged
    got = sorted((r["Actor1Code"], r["Actor2Code"], r["EventCode"], int(r["QuadClass"]),
                  float(r["GoldsteinScale"]), int(r["NumMentions"])) for r in rows)
    assert got == sorted(stored)
    assert sum(int(r["NumMentions"]) for r in rows) == n_events
    for r in rows:
        for n in ("1", "2"):
            country = r[f"Actor{n}CountryCode"]
            assert country == "" or (len(country) == 3 and r[f"Actor{n}Code"].startswith(country))
        assert r["EventBaseCode"] == r["EventCode"][:3] and r["EventRootCode"] == r["EventCode"][:2]
        assert len(r["SQLDATE"]) == 8 and r["MonthYear"] == r["SQLDATE"][:6]
        assert r["IsRootEvent"] in ("0", "1") and r["NumArticles"] == r["NumSources"] == "1"
    # Ethiopia rejects Egypt's claim: CAMEO 120, REJECT, quad class 3, Goldstein -4
    reject = [r for r in rows if (r["Actor1CountryCode"], r["Actor2CountryCode"],
                                  r["EventRootCode"]) == ("ETH", "EGY", "12")]
    assert reject, "the rejection of Egypt's claim is missing"
    top = max(reject, key=lambda r: int(r["NumMentions"]))
    assert (top["EventCode"], top["QuadClass"], float(top["GoldsteinScale"])) == ("120", "3", -4.0)
    assert top["Actor1Code"].startswith("ETH") and top["Actor2Code"].startswith("EGY")
    assert int(top["NumMentions"]) >= 2 and top["IsRootEvent"] == "1"  # headline and body


def test_mentions_table_links_every_report(exported) -> None:
    _, out = exported
    events = read_tsv(out / "gdelt.export.CSV", GDELT_EVENT_COLUMNS)
    mentions = read_tsv(out / "gdelt.mentions.CSV", GDELT_MENTION_COLUMNS)
    ids = {r["GLOBALEVENTID"]: int(r["NumMentions"]) for r in events}
    assert len(mentions) == sum(ids.values())
    for gid, n in ids.items():
        assert sum(m["GLOBALEVENTID"] == gid for m in mentions) == n
    text = STORY.read_text(encoding="utf-8")
    for m in mentions:
        assert int(m["SentenceID"]) >= 1 and 0 <= int(m["ActionCharOffset"]) < len(text)
        assert 0 < int(m["Confidence"]) <= 100 and m["MentionIdentifier"].endswith(STORY.name)


def test_events_command_counts_clusters(dotterel_bin: str, exported) -> None:
    db, out = exported
    base = ["events", "--db", str(db), "--limit", "1000", "--format", "json"]
    clustered = json.loads(run(dotterel_bin, *base).stdout)
    mentions = json.loads(run(dotterel_bin, *base, "--mentions").stdout)
    assert len(clustered) == len(read_tsv(out / "gdelt.export.CSV", GDELT_EVENT_COLUMNS))
    assert len(clustered) < len(mentions)
    assert sum(r["num_mentions"] for r in clustered) == len(mentions)


def test_levels_map_to_action_geo_types(tmp_path: Path) -> None:
    """ActionGeo_Type from each location's level (GDELT 2.0 codebook): 1 country, 2 US state,
    3 US city, 4 world city (a town or a site), 5 world state; ADM1 is the country's FIPS code
    for a country and FIPS + the state's code for a US state. Hand-made records, no model."""
    from dotterel import query
    from dotterel.records import Actor, Article, ArticleResult, Event, Place
    from dotterel.store import Store

    where = {
        "country": Place("Afghanistan", "AFG", 34.53, 69.17, 1149361, "country"),
        "us-state": Place("Texas", "USA", 31.2, -97.8, 4736286, "admin1"),
        "us-city": Place("El Paso", "USA", 31.76, -106.49, 5520993, "city"),
        "world-city": Place("Kabul", "AFG", 34.53, 69.17, 1138958, "city"),
        "world-site": Place("Bagram Air Base", "AFG", 34.95, 69.27, None, "site"),
        "world-state": Place("Helmand", "AFG", 31.4, 64.0, None, "admin1"),
    }
    afg, usa = Actor(text="Taliban", code="AFG"), Actor(text="US", code="USA")
    events = tuple(
        Event(id=f"e-{name}", sentence=i, sentence_text="x", trigger="attacked",
              trigger_start=0, trigger_end=8, actor=afg, recipient=usa, cameo="190",
              plover_type="ASSAULT", plover_mode=None, goldstein=-10.0, quad_class=4,
              location=place, date=f"2024-0{1 + i % 9}-1{i}")
        for i, (name, place) in enumerate(where.items()))
    result = ArticleResult(article=Article(id="a1", text="x", date="2024-01-10"), events=events)
    with Store(tmp_path / "geo.duckdb") as store:
        store.write_batch([result])
        query.export(store.connection, "gdelt", tmp_path / "out")
    rows = read_tsv(tmp_path / "out" / "gdelt.export.CSV", GDELT_EVENT_COLUMNS)
    by_name = {r["ActionGeo_FullName"].split(",")[0]: r for r in rows}
    got = {n: (by_name[p.name]["ActionGeo_Type"], by_name[p.name]["ActionGeo_ADM1Code"])
           for n, p in where.items()}
    assert got == {"country": ("1", "AF"), "us-state": ("2", "USTX"), "us-city": ("3", ""),
                   "world-city": ("4", ""), "world-site": ("4", ""), "world-state": ("5", "")}
    assert by_name["Texas"]["ActionGeo_FeatureID"] == "USTX"
    assert by_name["Kabul"]["ActionGeo_CountryCode"] == "AF"
