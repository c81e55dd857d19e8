"""The REST API, end to end: a store built by ingesting the bundled example and our undated
story of a disputed claim (tests/data/claim_dispute.txt) with the real model, answered through
FastAPI's TestClient, and a real ``dotterel serve`` for what needs a process (locks, ingest
while serving)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from dotterel.api import MAX_BODY_BYTES, create_app
from dotterel.ingest import ingest_paths
from tests.conftest import DATA
from tests.e2e._server import serving

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "dotterel" / "examples" / "border_dispute.txt"
DISPUTE = DATA / "claim_dispute.txt"  # Egypt's claim, Ethiopia's denial and demand for proof
ENDPOINTS = ["/api/events", "/api/dyads", "/api/dyads/{a}/{b}/series", "/api/claims",
             "/api/claims/{claim_id}", "/api/articles/{article_id}", "/api/code", "/api/status"]


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    summary = ingest_paths([EXAMPLE, DISPUTE], db=path,
                           pipeline=pipeline)
    assert summary.articles_new == 2 and not summary.failures
    return path


@pytest.fixture(scope="module")
def client(db, pipeline) -> TestClient:
    return TestClient(create_app(db, pipeline=pipeline), raise_server_exceptions=False)


@pytest.fixture
def writable_db(db, tmp_path) -> Path:
    copy = tmp_path / "rw.duckdb"
    shutil.copy(db, copy)
    return copy


def ok(client: TestClient, url: str) -> dict:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def error(r: httpx.Response, status: int, kind: str, code: str) -> dict:
    """The one error shape: the catalogue's code, the kind in words, a message with the fix."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["kind"] == kind, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    return body["error"]


def dispute_id(client: TestClient) -> str:
    claims = ok(client, "/api/claims?speaker=EGY&q=drones&stance=asserts")["items"]
    return claims[0]["article"]["id"]


# ---------- the spec ----------

def test_openapi_documents_every_endpoint_and_the_error_shape(client) -> None:
    spec = ok(client, "/openapi.json")
    assert set(ENDPOINTS) <= set(spec["paths"])
    assert "ErrorOut" in spec["components"]["schemas"]
    events = spec["paths"]["/api/events"]["get"]
    assert {p["name"] for p in events["parameters"]} >= {
        "actor", "recipient", "type", "cameo", "since", "until", "limit", "offset"}
    assert "503" in events["responses"] and "413" in spec["paths"]["/api/code"]["post"]["responses"]


def test_openapi_documents_the_error_codes(client) -> None:
    """Every error body carries its catalogue code and its kind; the spec says which exist."""
    from dotterel.api._errors import KINDS
    from dotterel.errors import CATALOGUE

    body = ok(client, "/openapi.json")["components"]["schemas"]["ErrorBody"]
    assert {"code", "kind", "message"} <= set(body["required"])
    assert body["properties"]["code"]["pattern"] == r"^E\d{3}$"
    assert set(body["properties"]["kind"]["enum"]) == set(KINDS)
    for code in ("E401", "E402", "E403", "E404", "E405", "E406", "E301", "E900"):
        assert code in CATALOGUE and code in body["properties"]["code"]["description"], code


def test_no_cdn_pages(client) -> None:
    for path in ("/docs", "/redoc"):  # FastAPI's pages load their scripts from a CDN
        error(client.get(path), 404, "not_found", "E405")


# ---------- events ----------

def test_events_filters(client) -> None:
    rows = ok(client, "/api/events?actor=afg&recipient=PAK")["items"]
    assert rows and all(r["actor"]["code"] == "AFG" and r["recipient"]["code"] == "PAK"
                        for r in rows)
    both = ok(client, "/api/events?actor=AFG&recipient=PAK&undirected=true")
    assert both["total"] > len(rows)
    assert {(r["actor"]["code"], r["recipient"]["code"]) for r in both["items"]} == {
        ("AFG", "PAK"), ("PAK", "AFG")}
    rejects = ok(client, "/api/events?type=REJECT")["items"]
    assert rejects and all(r["plover"]["type"] == "REJECT" for r in rejects)
    cameo = ok(client, "/api/events?cameo=12")["items"]
    assert cameo and all(r["cameo"].startswith("12") for r in cameo)
    dated = ok(client, "/api/events?since=2024-03-13&until=2024-03-14")["items"]
    assert dated and all("2024-03-13" <= r["date"] <= "2024-03-14" for r in dated)


def test_event_json_is_the_contract_plus_its_article(client) -> None:
    row = ok(client, "/api/events?limit=1")["items"][0]
    for key in ("id", "sentence", "sentence_text", "trigger", "trigger_start", "trigger_end",
                "actor", "recipient", "cameo", "plover", "goldstein", "quad_class", "location",
                "negated", "hypothetical", "confidence", "date"):
        assert key in row
    assert set(row["article"]) == {"id", "input_id", "title", "date"}
    assert row["num_mentions"] >= 1 and row["cluster_id"]
    start = row["trigger_start"] - row["sentence_start"]
    assert row["sentence_text"][start:start + len(row["trigger"])] == row["trigger"]


def test_events_pages(client) -> None:
    whole = ok(client, "/api/events?limit=1000")
    a = ok(client, "/api/events?limit=5&offset=0")
    b = ok(client, "/api/events?limit=5&offset=5")
    assert a["total"] == b["total"] == whole["total"] > 10
    assert [r["id"] for r in a["items"] + b["items"]] == [r["id"] for r in whole["items"][:10]]
    assert (a["limit"], b["offset"]) == (5, 5)


@pytest.mark.parametrize("query", ["limit=1001", "limit=-1", "offset=-3", "since=yesterday",
                                   "cameo=12;drop", "undirected=perhaps", "actor=" + "A" * 40])
def test_events_bad_parameters(client, query) -> None:
    err = error(client.get("/api/events?" + query), 422, "invalid_request", "E402")
    assert err["details"]


def test_events_parameters_are_never_sql(client) -> None:
    body = ok(client, "/api/events?actor=AFG'%20OR%20'1'='1")
    assert body["total"] == 0
    assert ok(client, "/api/events?limit=1")["total"] > 0


# ---------- dyads ----------

def test_dyads_most_active_first(client) -> None:
    items = ok(client, "/api/dyads")["items"]
    pairs = [(d["a"], d["b"]) for d in items]
    assert ("EGY", "ETH") in pairs and ("AFG", "PAK") in pairs
    assert all(d["a"] < d["b"] for d in items)
    assert [d["events"] for d in items] == sorted((d["events"] for d in items), reverse=True)
    assert len(ok(client, "/api/dyads?limit=1")["items"]) == 1


@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_dyad_series(client, by) -> None:
    s = ok(client, f"/api/dyads/AFG/PAK/series?by={by}")
    assert (s["a"], s["b"], s["by"], s["directed"]) == ("AFG", "PAK", by, False)
    n = ok(client, "/api/events?actor=AFG&recipient=PAK&undirected=true")["total"]
    undated = s["undated"]["events"] if s["undated"] else 0
    assert sum(p["events"] for p in s["points"]) + undated == n
    point = next(p for p in s["points"] if p["events"])
    assert set(point["quad_counts"]) == {"verbal_cooperation", "material_cooperation",
                                         "verbal_conflict", "material_conflict"}
    assert sum(point["quad_counts"].values()) == point["events"]
    assert -10 <= point["mean_goldstein"] <= 10


def test_dyad_series_of_the_undated_story(client) -> None:
    s = ok(client, "/api/dyads/egy/eth/series?by=month")
    assert s["points"] == [] and s["undated"]["events"] >= 3
    directed = ok(client, "/api/dyads/ETH/EGY/series?directed=true")
    assert directed["undated"]["events"] <= s["undated"]["events"]


def test_dyad_series_bad_period(client) -> None:
    error(client.get("/api/dyads/EGY/ETH/series?by=year"), 422, "invalid_request", "E402")


# ---------- claims ----------

def test_claims_filters(client) -> None:
    found = ok(client, "/api/claims?speaker=egy&q=drones")["items"]
    assert found and all(c["speaker"]["code"] == "EGY" and "drones" in c["content"].lower()
                         for c in found)
    assert any("Gallabat" in c["content"] for c in found)
    denials = ok(client, "/api/claims?stance=denies")["items"]
    assert denials and all(c["stance"] == "denies" and c["responds_to"] for c in denials)
    error(client.get("/api/claims?stance=maybe"), 422, "invalid_request", "E402")


def test_claims_disputed(client) -> None:
    body = ok(client, "/api/claims?disputed=true")
    assert body["total"] >= 2
    assert all(c["challenges"] > 0 and c["challenged_by"] for c in body["items"])
    who = {w for c in body["items"] for w in c["challenged_by"]}
    assert {"ETH", "PAK"} <= who  # Ethiopia rejects Egypt; Pakistan rejects Kabul
    assert body["total"] < ok(client, "/api/claims")["total"]


def test_claim_thread(client) -> None:
    egypt = max(ok(client, "/api/claims?speaker=EGY&q=drones&stance=asserts")["items"],
                key=lambda c: c["challenges"])
    thread = ok(client, f"/api/claims/{egypt['id']}")
    assert thread["claim_id"] == egypt["id"] and thread["source"] in ("responds_to", "thread_id")
    stances = {e["stance"] for e in thread["entries"]}
    assert {"asserts", "denies", "demands_evidence"} <= stances
    ids = [e["id"] for e in thread["entries"]]
    assert egypt["id"] in ids and thread["root_id"] in ids
    replies = [e for e in thread["entries"] if e["responds_to"] == egypt["id"]]
    assert replies and all(e["depth"] == 1 for e in replies)


def test_claim_thread_unknown(client) -> None:
    error(client.get("/api/claims/0000000000000000"), 404, "not_found", "E404")


# ---------- articles ----------

def test_article_with_offsets(client) -> None:
    view = ok(client, f"/api/articles/{dispute_id(client)}")
    text = view["article"]["text"]
    assert view["article"]["title"].startswith("Ethiopia Rejects Egypt's Claim")
    assert len(view["events"]) >= 5 and len(view["claims"]) >= 3
    for e in view["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"]
        assert text[e["sentence_start"]:].startswith(e["sentence_text"])
    for c in view["claims"]:
        assert text[c["content_start"]:c["content_end"]] == c["content"]


def test_article_unknown(client) -> None:
    error(client.get("/api/articles/nope"), 404, "not_found", "E404")
    error(client.get("/api/articles/no/such/thing"), 404, "not_found", "E404")


# ---------- coding ----------

def test_code_without_storing(client) -> None:
    before = ok(client, "/api/status")["counts"]
    r = client.post("/api/code", json={"text": "Kenyan police arrested ten protesters in "
                                               "Nairobi on Monday.", "date": "2024-05-06"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["article"]["text"].startswith("Kenyan police") and body["stored"] is None
    assert body["article"]["date"] == "2024-05-06"
    assert body["events"][0]["actor"]["code"] == "KEN"
    assert ok(client, "/api/status")["counts"] == before


def test_code_a_whole_story(client) -> None:
    text = DISPUTE.read_text(encoding="utf-8")
    body = client.post("/api/code", json={"text": text}).json()
    assert body["article"]["title"].startswith("Ethiopia Rejects Egypt's Claim")
    assert any(e["plover"]["type"] == "REJECT" and e["recipient"] and
               e["recipient"]["code"] == "EGY" for e in body["events"])


def test_code_store_needs_writes(client) -> None:
    error(client.post("/api/code?store=true", json={"text": "Chad closed its border."}),
          403, "forbidden", "E403")


def test_code_store_with_writes(writable_db, pipeline) -> None:
    rw = TestClient(create_app(writable_db, allow_writes=True, pipeline=pipeline))
    text = {"text": "Chad closed its border with Sudan on Friday.", "date": "2024-02-02"}
    first = rw.post("/api/code?store=true", json=text).json()
    assert first["stored"]["articles_new"] == 1
    assert rw.post("/api/code?store=true", json=text).json()["stored"]["articles_skipped"] == 1
    assert rw.get("/api/status").json()["writes"] is True
    assert rw.get(f"/api/articles/{first['article']['hash']}").status_code == 200


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "   \n "}, {"title": "no text"},
                                  {"text": 42}, []])
def test_code_bad_bodies(client, body) -> None:
    error(client.post("/api/code", json=body), 422, "invalid_request",
          "E102" if body == {"text": "   \n "} else "E402")


def test_code_body_not_json(client) -> None:
    error(client.post("/api/code", content=b"{broken",
                      headers={"content-type": "application/json"}), 400, "bad_request", "E402")


def test_code_body_too_large(client) -> None:
    big = b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}'
    error(client.post("/api/code", content=big, headers={"content-type": "application/json"}),
          413, "payload_too_large", "E406")

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(20):
            yield b"a" * 100_000

    error(client.post("/api/code", content=chunks(), headers={"content-type": "application/json"}),
          413, "payload_too_large", "E406")


def test_code_uncodable_text_is_a_422(db) -> None:
    from dotterel.records import Failure

    class Refuses:
        def process(self, items):
            return [Failure(origin="api", code="E108", message="the text is not English")]

    refuses = TestClient(create_app(db, pipeline=Refuses()))
    err = error(refuses.post("/api/code", json={"text": "Der Hund bellt."}), 422, "uncodable_text", "E108")
    assert "E108" in err["message"]


def test_code_failure_is_a_clean_500(db) -> None:
    class Broken:
        def process(self, items):
            raise RuntimeError("secret internals /etc/passwd")

    broken = TestClient(create_app(db, pipeline=Broken()), raise_server_exceptions=False)
    err = error(broken.post("/api/code", json={"text": "Chad closed its border."}),
                500, "internal_error", "E900")
    assert "secret" not in err["message"]


# ---------- errors, status, limits ----------

def test_status(client) -> None:
    body = ok(client, "/api/status")
    assert body["writes"] is False and body["counts"]["articles"] == 2


def test_unknown_path_and_method(client) -> None:
    error(client.get("/api/nothing"), 404, "not_found", "E405")
    error(client.post("/api/events"), 405, "method_not_allowed", "E405")
    error(client.delete("/api/claims/x"), 405, "method_not_allowed", "E405")


def test_database_locked_by_a_writer_is_a_503(client, db) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        r = client.get("/api/events")
        err = error(r, 503, "database_busy", "E301")
        assert r.headers["retry-after"].isdigit() and "retry" in err["message"]
    finally:
        holder.communicate("", timeout=30)
    assert client.get("/api/events").status_code == 200


def test_missing_database_is_a_503(tmp_path, pipeline) -> None:
    gone = TestClient(create_app(tmp_path / "gone.duckdb", pipeline=pipeline))
    error(gone.get("/api/events"), 503, "database_unavailable", "E301")


def test_pages_escape_their_parameters(client) -> None:
    r = client.get('/article/"><script>alert(1)</script>')
    assert r.status_code == 200 and "<script>alert" not in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_dashboard_needs_no_network() -> None:
    web = ROOT / "src" / "dotterel" / "web"
    for f in [*web.glob("static/*"), *web.glob("templates/*")]:
        text = f.read_text().replace("http://www.w3.org/2000/svg", "")
        assert "://" not in text and "//cdn" not in text, f


# ---------- the command ----------

def test_serve_help_ends_with_example(dotterel_bin) -> None:
    p = subprocess.run([dotterel_bin, "serve", "--help"], capture_output=True, text=True)
    assert p.returncode == 0 and "Example: dotterel serve" in p.stdout


def test_serve_without_database_is_a_clear_error(dotterel_bin, tmp_path) -> None:
    p = subprocess.run([dotterel_bin, "serve", "--db", str(tmp_path / "none.duckdb")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode != 0 and "E301" in p.stderr and "Traceback" not in p.stderr


def test_ingest_while_serving(dotterel_bin, writable_db, tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Nigerian troops freed 20 hostages held by Boko Haram on Sunday.")
    with serving(dotterel_bin, writable_db, log=tmp_path / "serve.log") as base:
        before = httpx.get(f"{base}/api/status").json()["counts"]["articles"]
        p = subprocess.run([dotterel_bin, "ingest", str(story), "--db", str(writable_db)],
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stderr
        after = httpx.get(f"{base}/api/status").json()
        assert after["counts"]["articles"] == before + 1 and after["writes"] is False
        assert httpx.get(f"{base}/").headers["content-type"].startswith("text/html")
        r = httpx.post(f"{base}/api/code?store=true", json={"text": "x"})
        assert r.status_code == 403


def test_readme_documents_the_api_and_its_screenshots() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## API and dashboard", 1)[1].split("\n## ", 1)[0]
    for endpoint in ENDPOINTS:
        shown = endpoint.replace("{claim_id}", "{id}").replace("{article_id}", "{id}")
        assert f"`{'POST' if endpoint == '/api/code' else 'GET'} {shown}" in section, endpoint
    for image in ("docs/screenshots/dyad.png", "docs/screenshots/claim-thread.png"):
        assert f"]({image})" in section and (ROOT / image).stat().st_size > 10_000


def test_dates_are_iso_only(client) -> None:
    assert client.get("/api/events?until=2030-01-01").status_code == 200
    bad = client.get("/api/events?until=0")
    assert bad.status_code == 422 and "error" in bad.json()
