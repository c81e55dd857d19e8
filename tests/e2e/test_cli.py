"""End-to-end through the installed ``dotterel`` command: real model, real DuckDB files."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DATA

pytestmark = pytest.mark.model
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "examples" / "border_dispute.txt"
DISPUTE = DATA / "claim_dispute.txt"  # Egypt's claim, Ethiopia's denial and demand for proof


def run(bin_: str, *args: str, cwd: Path | None = None, stdin: str | None = None):
    return subprocess.run([bin_, *args], capture_output=True, text=True, cwd=cwd, input=stdin,
                          timeout=300)


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("articles", "events", "claims", "failures")}
    finally:
        con.close()


def test_code_story_json(dotterel_bin):
    p = run(dotterel_bin, "code", str(DISPUTE), "--format", "json")
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert obj["article"]["title"].startswith("Ethiopia Rejects Egypt's Claim")
    assert len(obj["events"]) >= 5
    ev = obj["events"][0]
    for key in ("id", "sentence", "sentence_text", "trigger", "actor", "recipient", "cameo",
                "plover", "goldstein", "quad_class", "location", "negated", "hypothetical",
                "confidence"):
        assert key in ev


def test_code_jsonl_echoes_ids_and_reports_bad_lines(dotterel_bin, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "one", "text": "Iran accused Israel of attacking its embassy in Damascus."}\n'
                   '{"id": "two", "text": \n'
                   '{"id": "three", "text": "Kenyan police arrested ten protesters in Nairobi."}\n')
    p = run(dotterel_bin, "code", str(src), "--format", "jsonl")
    assert p.returncode == 1
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert [x.get("article", {}).get("id") for x in lines] == ["one", None, "three"]
    assert lines[1]["error"]["code"] == "E104" and lines[1]["error"]["line"] == 2
    assert "in.jsonl:2" in p.stderr and "Traceback" not in p.stderr
    assert lines[0]["events"][0]["actor"]["code"] == "IRN"


def test_code_output_carries_the_contract_version_and_both_ids(dotterel_bin, tmp_path):
    """``article.id`` stays the input's id (the scorers match on it); ``article.input_id`` and
    ``article.hash`` name the two ids as the store and its exports do (``input_id``,
    ``article_id``), so the outputs join on either."""
    from dotterel.contract import CONTRACT_VERSION

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "one", "text": "Kenyan police arrested ten protesters in Nairobi."}\n')
    [line] = [json.loads(x) for x in run(dotterel_bin, "code", str(src), "-f", "jsonl")
              .stdout.splitlines()]
    assert line["contract_version"] == CONTRACT_VERSION
    art = line["article"]
    assert art["id"] == art["input_id"] == "one" and len(art["hash"]) == 16
    story = json.loads(run(dotterel_bin, "code", str(DISPUTE), "-f", "json").stdout)
    assert story["contract_version"] == CONTRACT_VERSION
    assert story["article"]["input_id"] is None and story["article"]["id"] == story["article"]["hash"]
    db, out = tmp_path / "x.duckdb", tmp_path / "exp"
    assert run(dotterel_bin, "ingest", str(src), "--db", str(db)).returncode == 0
    assert run(dotterel_bin, "export", "--db", str(db), "--out", str(out)).returncode == 0
    con = duckdb.connect()
    try:
        rows = con.execute(f"select distinct article_id, input_id from '{out / 'events.parquet'}'"
                           ).fetchall()
    finally:
        con.close()
    assert rows == [(art["hash"], art["input_id"])]


def test_code_from_stdin_table(dotterel_bin):
    p = run(dotterel_bin, "code", "-", "--format", "table",
            stdin="Pakistani troops shelled villages in eastern Afghanistan on Monday.")
    assert p.returncode == 0, p.stderr
    assert "PAK" in p.stdout


def test_ingest_is_idempotent_and_queryable(dotterel_bin, tmp_path):
    db = tmp_path / "x.duckdb"
    first = run(dotterel_bin, "ingest", str(EXAMPLE), "--db", str(db))
    assert first.returncode == 0, first.stderr
    before = counts(db)
    assert before["articles"] == 1 and before["events"] >= 5
    again = run(dotterel_bin, "ingest", str(EXAMPLE), "--db", str(db))
    assert again.returncode == 0 and "1 already stored" in again.stdout
    assert counts(db) == before
    ev = run(dotterel_bin, "events", "--db", str(db), "--actor", "PAK", "--format", "json")
    rows = json.loads(ev.stdout)
    assert rows and all(r["actor_code"] == "PAK" for r in rows)


def test_ingest_bad_inputs_recorded_not_fatal(dotterel_bin, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Nigerian troops freed 20 hostages held by Boko Haram.")
    (folder / "empty.txt").write_text("")
    (folder / "noise.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "lines.jsonl").write_text('{"id": 1, "text": "Chad closed its border with Sudan."}\n'
                                        "{broken\n" '{"id": 3}\n')
    db = tmp_path / "x.duckdb"
    p = run(dotterel_bin, "ingest", str(folder), "--db", str(db))
    assert p.returncode == 1
    assert "Traceback" not in p.stderr + p.stdout
    assert "4 failed inputs" in p.stdout
    c = counts(db)
    assert c["articles"] == 2 and c["failures"] == 4
    con = duckdb.connect(str(db), read_only=True)
    reasons = {r[0] for r in con.execute("select code from failures").fetchall()}
    con.close()
    assert reasons == {"E102", "E103", "E104", "E105"}


def test_export_parquet(dotterel_bin, tmp_path):
    db = tmp_path / "x.duckdb"
    assert run(dotterel_bin, "ingest", str(EXAMPLE), "--db", str(db)).returncode == 0
    out = tmp_path / "exp"
    p = run(dotterel_bin, "export", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert p.returncode == 0, p.stderr
    con = duckdb.connect()
    n = con.execute(f"select count(*) from '{out / 'events.parquet'}'").fetchall()[0][0]
    con.close()
    assert n == counts(db)["events"]


def test_events_bad_date_is_a_coded_usage_error(dotterel_bin, tmp_path):
    db = tmp_path / "x.duckdb"
    assert run(dotterel_bin, "ingest", str(EXAMPLE), "--db", str(db)).returncode == 0
    for args in (("--since", "2023-13-45"), ("--until", "June")):
        p = run(dotterel_bin, "events", "--db", str(db), *args)
        assert p.returncode == 2, p.stderr
        assert "[E401]" in p.stderr and "YYYY-MM-DD" in p.stderr and args[1] in p.stderr
        assert "unexpected" not in p.stderr and "Traceback" not in p.stderr
    p = run(dotterel_bin, "claim", "zzzz", "--db", str(db))
    assert p.returncode == 2 and "[E404]" in p.stderr


def test_events_reads_through_the_named_queries(dotterel_bin, tmp_path):
    """``dotterel events`` answers what ``GET /api/events`` answers (one read path)."""
    from dotterel import query
    from dotterel.store import Store

    db = tmp_path / "x.duckdb"
    assert run(dotterel_bin, "ingest", str(EXAMPLE), str(DISPUTE), "--db", str(db)).returncode == 0
    for args, kwargs in ((("--actor", "PAK"), {"actor": "PAK"}),
                         (("--type", "REJECT"), {"type": "REJECT"}),
                         (("--cameo", "1"), {"cameo": "1"}), (("--type", "1"), {"cameo": "1"}),
                         (("--mentions",), {"mentions": True})):
        rows = json.loads(run(dotterel_bin, "events", "--db", str(db), *args, "-f", "json").stdout)
        with Store(db, read_only=True) as store:
            page = query.events(store.connection, limit=query.MAX_LIMIT, **kwargs)
        assert [r["id"] for r in rows] == [s.event.id for s in page.items], args
        assert [r["num_mentions"] for r in rows] == [s.num_mentions for s in page.items]
    many = json.loads(run(dotterel_bin, "events", "--db", str(db), "--limit", "2", "-f", "json").stdout)
    assert len(many) == 2


def test_usage_errors_carry_a_code(dotterel_bin, tmp_path):
    p = run(dotterel_bin, "events", "--db", str(tmp_path / "x.duckdb"), "--limit", "many")
    assert p.returncode == 2 and "[E402]" in p.stderr and "unexpected" not in p.stderr


def test_events_without_db_is_a_clear_error(dotterel_bin, tmp_path):
    p = run(dotterel_bin, "events", "--db", str(tmp_path / "none.duckdb"))
    assert p.returncode != 0 and "E301" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("cmd", ["code", "ingest", "events", "export", "demo", "claims", "claim"])
def test_help_ends_with_example(dotterel_bin, cmd):
    p = run(dotterel_bin, cmd, "--help")
    assert p.returncode == 0
    assert "Example: dotterel " + cmd in p.stdout


def test_claims_ledger_and_thread_timeline(dotterel_bin, tmp_path):
    db = tmp_path / "c.duckdb"
    assert run(dotterel_bin, "ingest", str(DISPUTE), str(EXAMPLE), "--db", str(db)).returncode == 0
    p = run(dotterel_bin, "claims", "--db", str(db), "--speaker", "EGY", "--about", "drones",
            "--format", "json")
    rows = json.loads(p.stdout)
    assert rows and all(r["speaker"]["code"] == "EGY" for r in rows)
    disputed = json.loads(run(dotterel_bin, "claims", "--db", str(db), "--disputed",
                              "--format", "json").stdout)
    assert disputed and all(r["challenges"] > 0 for r in disputed)
    assert any("ETH" in r["challenged_by"] for r in disputed)
    assert any("PAK" in r["challenged_by"] for r in disputed)  # the bundled example's denial
    first = next(r for r in rows if r["stance"] == "asserts" and r["thread_id"] == r["id"])
    t = run(dotterel_bin, "claim", first["id"][:12], "--db", str(db))
    assert t.returncode == 0, t.stderr
    assert "Egypt (EGY) asserted" in t.stdout
    assert "denied" in t.stdout and "demanded evidence" in t.stdout
    missing = run(dotterel_bin, "claim", "nope", "--db", str(db))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_user_dictionary_adds_a_trigger(dotterel_bin, tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("pos\tpattern\tcameo\tcomment\nV\tbombard\t195\tmy override\n")
    text = "Iran bombarded Iraqi positions near Basra."
    base = json.loads(run(dotterel_bin, "code", "-", "-f", "json", stdin=text).stdout)
    mine = json.loads(run(dotterel_bin, "code", "-", "-f", "json", "--dict", str(extra),
                          stdin=text).stdout)
    assert [e["cameo"] for e in mine["events"] if e["trigger"] == "bombarded"] == ["195"]
    assert [e["cameo"] for e in base["events"] if e["trigger"] == "bombarded"] != ["195"]


def test_usage_errors_are_usage_errors_not_crashes(dotterel_bin, tmp_path):
    # a missing file and an out-of-range option: click's usage message and exit 2, no
    # "unexpected error" (typer vendors its own click, whose errors must be recognised too)
    for args in (("actors", "import", str(tmp_path / "missing.txt")),
                 ("code", str(tmp_path / "x.txt"), "--workers", "0")):
        proc = run(dotterel_bin, *args)
        assert proc.returncode == 2, proc.stderr
        assert "Error: Invalid value" in proc.stderr and "unexpected" not in proc.stderr
