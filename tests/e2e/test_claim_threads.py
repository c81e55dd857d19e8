"""A claim and its answers across articles on different dates, through the real pipeline and
the CLI: one thread, in date order. The articles are short stories written for this test."""
from __future__ import annotations

import json
import subprocess

import pytest

pytestmark = pytest.mark.model

STORIES = [
    {"id": "ven-1", "date": "2024-05-02", "source": "Andean Wire",
     "title": "Venezuela accuses Guyana of hosting US troops",
     "text": "Venezuela's defence minister Vladimir Padrino said on Thursday that Guyana had "
             "allowed American troops to set up a military base in the Essequibo region. He "
             "called the base a threat to the whole continent."},
    {"id": "guy-1", "date": "2024-05-03", "source": "Georgetown Daily",
     "title": "Guyana rejects Caracas claim",
     "text": "Guyana's government rejected Venezuela's claim that American troops had set up a "
             "military base in the Essequibo region. Foreign Minister Hugh Todd said the country "
             "hosts no foreign base."},
    {"id": "usa-1", "date": "2024-05-04", "source": "Capitol Report",
     "title": "Washington disputes Venezuelan account",
     "text": "The United States disputed Venezuela's claim that American troops had set up a "
             "base in Essequibo, saying that only two military advisers had visited Georgetown "
             "last month."},
    {"id": "bra-1", "date": "2024-05-06", "source": "Brasilia Post",
     "title": "Brazil asks Caracas for evidence",
     "text": "Brazil asked Venezuela to provide evidence of the American base in the Essequibo "
             "region, a foreign ministry spokesman said on Monday."},
]


def run(bin_: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def db(dotterel_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("threads")
    src = folder / "stories.jsonl"
    src.write_text("".join(json.dumps(s) + "\n" for s in STORIES))
    path = folder / "t.duckdb"
    assert run(dotterel_bin, "ingest", str(src), "--db", str(path)).returncode == 0
    return path


def test_one_thread_in_date_order(dotterel_bin, db):
    claims = json.loads(run(dotterel_bin, "claims", "--db", str(db), "--speaker", "VEN",
                            "-f", "json").stdout)
    first = min(claims, key=lambda c: c["article"]["date"])
    assert first["article"]["date"] == "2024-05-02" and first["stance"] == "asserts"
    thread = json.loads(run(dotterel_bin, "claim", first["id"], "--db", str(db), "-f", "json").stdout)
    entries = [(e["article"]["date"], e["speaker"]["code"], e["stance"]) for e in thread["entries"]]
    assert entries == sorted(entries, key=lambda e: e[0])
    answers = {(code, stance) for _, code, stance in entries}
    assert {("GUY", "denies"), ("USA", "disputes"), ("BRA", "demands_evidence")} <= answers
    assert entries[0] == ("2024-05-02", "VEN", "asserts")


def test_timeline_reads_as_a_ledger(dotterel_bin, db):
    claims = json.loads(run(dotterel_bin, "claims", "--db", str(db), "--disputed", "-f", "json").stdout)
    assert claims and all(c["challenges"] > 0 for c in claims)
    out = run(dotterel_bin, "claim", claims[0]["id"], "--db", str(db)).stdout
    for words in ("asserted", "denied", "disputed", "demanded evidence"):
        assert words in out, words


def test_reingest_keeps_the_thread(dotterel_bin, db, tmp_path):
    before = run(dotterel_bin, "claims", "--db", str(db), "-f", "json").stdout
    src = tmp_path / "again.jsonl"
    src.write_text("".join(json.dumps(s) + "\n" for s in STORIES))
    assert run(dotterel_bin, "ingest", str(src), "--db", str(db)).returncode == 0
    assert run(dotterel_bin, "claims", "--db", str(db), "-f", "json").stdout == before
