"""``/api/articles?since=`` and the Latest page, over a store of hand-made records (no model):
the articles stored since a time, newest first, each with its events and claims."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from dotterel.api import create_app
from dotterel.store import Store
from tests.unit.test_query import RESULTS


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    db = tmp_path_factory.mktemp("latest") / "latest.duckdb"
    with Store(db) as store:
        store.write_batch(RESULTS[:1])
        store.write_batch(RESULTS[1:2])
    con = duckdb.connect(str(db))  # the first batch was stored three days ago
    con.execute("UPDATE articles SET ingested_at = ingested_at - INTERVAL 3 DAY WHERE id = 'a1'")
    con.close()
    return TestClient(create_app(db), raise_server_exceptions=False)


def ago(days: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_default_is_the_last_day(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert [a["id"] for a in body["items"]] == ["a2"] and body["total"] == 1
    a2 = body["items"][0]
    assert a2["source"] == "Wire" and a2["stored_at"] and [e["id"] for e in a2["events"]] == ["e5"]
    assert body["since"] < datetime.now(timezone.utc).replace(tzinfo=None).isoformat()


def test_since_a_time_newest_first_with_events_and_claims(client: TestClient) -> None:
    body = client.get("/api/articles", params={"since": ago(4)}).json()
    assert [a["id"] for a in body["items"]] == ["a2", "a1"]
    a1 = body["items"][1]
    assert {e["id"] for e in a1["events"]} == {"e1", "e2", "e3", "e4"}
    assert {c["id"] for c in a1["claims"]} == {"c1", "c2", "c3"}
    assert a1["claims"][0]["stance"] in {"asserts", "denies", "demands_evidence"}
    page = client.get("/api/articles", params={"since": ago(4), "limit": 1, "offset": 1}).json()
    assert [a["id"] for a in page["items"]] == ["a1"] and page["total"] == 2


def test_since_with_an_offset_or_a_date(client: TestClient) -> None:
    later = (datetime.now(timezone(timedelta(hours=5))) + timedelta(minutes=10))
    assert client.get("/api/articles", params={"since": later.isoformat()}).json()["total"] == 0
    assert client.get("/api/articles", params={"since": "2000-01-01"}).json()["total"] == 2


@pytest.mark.parametrize("since", ["yesterday", "2023-02-30", "0", "1700000000",
                                   "0001-01-01T00:00+01:00", "2023-06-10T25:00"])
def test_bad_since_is_a_422(client: TestClient, since: str) -> None:
    r = client.get("/api/articles", params={"since": since})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "E402" and "Traceback" not in r.text


def test_the_spec_documents_it(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/articles"]["get"]["parameters"]}
    assert params == {"since", "limit", "offset"}


def test_latest_page_and_nav(client: TestClient) -> None:
    r = client.get("/latest")
    assert r.status_code == 200 and 'data-page="latest"' in r.text
    assert '<a href="/latest">Latest</a>' in client.get("/").text
    script = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "web" / "static" / "app.js"
    assert "/api/articles?limit=100&since=" in script.read_text()
