"""Bad input, end to end through the installed ``dotterel ingest``: a folder holding a good
article, an empty file, random bytes, a Latin-1 file, a 5 MB article, a JSONL file with a
broken line and a line without text between good ones, and articles in French and Spanish.
Every good article is stored (the huge one as parts, in bounded memory), every bad input is a
row in ``failures`` with a readable reason, no traceback reaches the user, and the exit status
and the summary say that some inputs failed. Ingesting the same folder again changes nothing."""
from __future__ import annotations

import os
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dotterel.articles import MAX_ARTICLE_CHARS
from tests._store import rows

pytestmark = pytest.mark.model
HUGE_BYTES = 5_000_000
# peak memory of the whole `dotterel ingest` process (model included) on the folder; a small
# article alone takes ~400 MB. Parsing the 5 MB text in one piece would need several GB.
MAX_RSS_MB = 1200
TABLES = ("articles", "events", "claims", "places", "failures", "event_clusters",
          "claim_threads")

GOOD = ("Iran accuses Israel over embassy attack\n"
        "TEHRAN, June 10, 2023 (Reuters) - Iran accused Israel on Saturday of attacking its "
        "embassy in Damascus, and the foreign ministry summoned the Swiss ambassador.\n")
LATIN1 = ("Chad closes its border\n"
          "Néstor Ortega, a Chadian minister, said on Monday that Chad closed its border with "
          "Sudan after clashes near Adé.\n").encode("latin-1")
FRENCH = ("Le gouvernement malien condamne l'attaque\n"
          "Le ministre français des Affaires étrangères a condamné jeudi l'attaque contre "
          "l'ambassade de France à Bamako. Il a demandé une enquête indépendante et a convoqué "
          "l'ambassadeur du Mali à Paris pour des explications.\n")
SPANISH = ("El gobierno de Colombia acusó el lunes a los rebeldes del ELN de atacar una base "
           "militar en Arauca. El ministro de Defensa dijo que los soldados repelieron el "
           "ataque y que no hubo víctimas entre los civiles de la región.")
JSONL = ('{"id": "ken-1", "text": "Kenyan police arrested ten protesters in Nairobi on '
         'Tuesday."}\n'
         '{"id": "broken", "text": "Sudan\n'
         '{"id": "no-text", "title": "A line with a title and no text"}\n'
         '{"id": "nga-1", "text": "Nigerian troops freed 20 hostages held by Boko Haram in '
         'Borno State on Sunday."}\n')
# The 5 MB article: a paragraph of 600 event sentences (more than one spaCy piece: it is parsed
# in pieces of at most 10,000 characters), then background sentences with an event every 200.
EVENTS = ("Iran accused Israel of attacking its embassy in Damascus.",
          "Kenyan police arrested ten protesters in Nairobi.",
          "Chad closed its border with Sudan.")
FILLER = ("The weather in the valley stayed mild and the fields were green.",
          "Farmers in the valley grew wheat, barley and apples on small terraced plots.",
          "The river runs past the old mill and the school before it reaches the lake.",
          "Most shops in the market open early and close before the evening prayer.")
LATE_EVENT = "Pakistani troops shelled villages in eastern Afghanistan."


def huge_article() -> str:
    parts = ["A very long report from the border\n", " ".join(EVENTS * 200), "\n"]
    size, n, line = sum(map(len, parts)), 0, []
    while size < HUGE_BYTES:
        sentence = LATE_EVENT if n % 200 == 0 else FILLER[n % len(FILLER)]
        line.append(sentence)
        size += len(sentence) + 1
        n += 1
        if n % 40 == 0:
            parts.append(" ".join(line) + "\n")
            line = []
    parts.append(" ".join(line))
    return "".join(parts)


def bad_input_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "empty.txt").write_text("")
    (folder / "noise.bin").write_bytes(random.Random(7).randbytes(20_000))
    (folder / "latin1.txt").write_bytes(LATIN1)
    (folder / "huge.txt").write_text(huge_article())
    (folder / "lines.jsonl").write_text(JSONL)
    (folder / "francais.txt").write_text(FRENCH)
    (folder / "espanol.jsonl").write_text('{"id": "es-1", "text": "%s"}\n' % SPANISH)
    return folder


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float


def ingest(bin_: str, *args: str, cwd: Path) -> Run:
    """``dotterel ingest ARGS``, with the peak memory of that process alone (wait4)."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    with open(out, "w") as o, open(err, "w") as e:
        proc = subprocess.Popen([bin_, "ingest", *args], stdout=o, stderr=e, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(proc.returncode, out.read_text(), err.read_text(), usage.ru_maxrss / 1024)


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    return bad_input_folder(tmp_path_factory.mktemp("reliability"))


@pytest.fixture(scope="module")
def first(inbox, dotterel_bin) -> tuple[Path, Run]:
    db = inbox.parent / "news.duckdb"
    return db, ingest(dotterel_bin, str(inbox), "--db", str(db), cwd=inbox.parent)


def test_each_bad_input_is_a_failure_row_with_a_reason(first) -> None:
    db, _ = first
    found = {(Path(origin).name, line, code): message for origin, line, code, message in rows(
        db, "SELECT origin, line, code, message FROM failures")}
    assert set(found) == {("empty.txt", None, "E102"), ("noise.bin", None, "E103"),
                          ("lines.jsonl", 2, "E104"), ("lines.jsonl", 3, "E105"),
                          ("francais.txt", None, "E108"), ("espanol.jsonl:1", None, "E108")}
    assert found[("empty.txt", None, "E102")] == "the input is empty"
    assert found[("noise.bin", None, "E103")] == "the input is binary, not text"
    assert found[("lines.jsonl", 2, "E104")].startswith("broken JSON")
    assert found[("lines.jsonl", 3, "E105")] == "the line has no 'text'"
    assert found[("francais.txt", None, "E108")].startswith("skipped: language is fr, not English")
    assert found[("espanol.jsonl:1", None, "E108")].startswith("skipped: language is es, not English")


def test_every_good_article_is_stored(first) -> None:
    db, _ = first
    stored = {Path(origin).name: text for origin, text in rows(
        db, "SELECT origin, text FROM articles WHERE origin NOT LIKE '%huge.txt'")}
    assert set(stored) == {"good.txt", "latin1.txt", "lines.jsonl:1", "lines.jsonl:4"}
    assert "Néstor Ortega" in stored["latin1.txt"] and "Adé." in stored["latin1.txt"]
    coded = dict(rows(db, "SELECT a.origin, count(e.id) FROM articles a LEFT JOIN events e "
                          "ON e.article_id = a.id GROUP BY a.origin"))
    assert all(coded[o] >= 1 for o in coded if not o.endswith("huge.txt")), coded


def test_the_huge_article_is_stored_whole_as_parts(first, inbox) -> None:
    db, _ = first
    parts = rows(db, "SELECT title, text, n_events FROM articles WHERE origin LIKE '%huge.txt'")
    whole = (inbox / "huge.txt").read_text()
    n, fewest = len(parts), -(-len(whole) // MAX_ARTICLE_CHARS)
    assert fewest <= n <= fewest + 2  # cut between paragraphs: each part nearly full
    by_title = {title: (text, events) for title, text, events in parts}
    texts = [by_title[f"A very long report from the border (part {k} of {n})"][0]
             for k in range(1, n + 1)]
    assert all(len(t) <= MAX_ARTICLE_CHARS for t in texts)
    assert "".join(texts).replace("\n", "").replace(" ", "") == \
        whole.replace("\n", "").replace(" ", "")  # nothing lost, nothing repeated
    # events are found from the first paragraph (parsed in pieces) to the last part
    first_part, last_part = by_title[f"A very long report from the border (part 1 of {n})"], \
        by_title[f"A very long report from the border (part {n} of {n})"]
    assert first_part[1] >= 500 and last_part[1] >= 1


def test_exit_status_summary_and_no_traceback(first) -> None:
    _, run = first
    assert run.returncode == 1
    assert "6 failed inputs (2 not in English; see the failures table)" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr and 'File "' not in run.stderr
    for code in ("E102", "E103", "E104", "E105", "E108"):
        assert f"[{code}]" in run.stderr
    assert "lines.jsonl:2" in run.stderr and "skipped: language is fr" in run.stderr


def test_memory_stays_bounded(first) -> None:
    _, run = first
    assert run.max_rss_mb < MAX_RSS_MB, f"peak memory {run.max_rss_mb:.0f} MB"


def test_ingesting_again_changes_no_count(first, inbox, dotterel_bin) -> None:
    db, _ = first
    before = counts(db)
    assert before["events"] > 1000 and before["claims"] > 0 and before["event_clusters"] > 0
    again = ingest(dotterel_bin, str(inbox), "--db", str(db), cwd=inbox.parent)
    assert again.returncode == 1 and "0 new articles" in again.stdout
    assert counts(db) == before


def test_all_good_exits_zero(dotterel_bin, tmp_path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    run = ingest(dotterel_bin, str(tmp_path / "good.txt"), "--db", str(tmp_path / "ok.duckdb"),
                 cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "0 failed inputs (ok)" in run.stdout and run.stderr == ""


def test_code_reports_the_language_too(dotterel_bin, tmp_path) -> None:
    src = tmp_path / "francais.txt"
    src.write_text(FRENCH)
    p = subprocess.run([dotterel_bin, "code", str(src), "--format", "jsonl"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1 and "[E108]" in p.stderr and "language is fr" in p.stderr
    assert '"code": "E108"' in p.stdout


class PoisonedModel:
    """The real model, except that it raises on any text holding "POISON", as a parser bug
    would, in the middle of a batch."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def pipe(self, units, **kwargs):
        def check(units):
            for unit in units:  # texts, or (text, context) pairs
                if "POISON" in (unit if isinstance(unit, str) else unit[0]):
                    raise ValueError("the parser broke")
                yield unit
        return self.nlp.pipe(check(units), **kwargs)

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def test_a_parser_failure_costs_one_article_not_the_batch(pipeline) -> None:
    from dotterel.articles import make_article
    from dotterel.pipeline import Pipeline
    from dotterel.records import ArticleResult, Failure

    poisoned = Pipeline(nlp=PoisonedModel(pipeline.nlp), prefilter=False, batch_size=8)
    texts = ["Iran accused Israel of attacking its embassy.", "POISON pill for the parser.",
             "Chad closed its border with Sudan.", "Kenyan police arrested ten protesters."]
    out = list(poisoned.process([make_article(t, origin=f"in{n}") for n, t in enumerate(texts)]))
    assert [type(item).__name__ for item in out] == ["ArticleResult", "Failure",
                                                     "ArticleResult", "ArticleResult"]
    assert out[1].code == "E109" and out[1].origin == "in1"
    assert out[1].message == "parsing failed: ValueError: the parser broke"
    assert all(r.events for r in out if isinstance(r, ArticleResult))
    assert not isinstance(out[0], Failure)


def test_the_api_says_which_language_it_skipped(pipeline, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from dotterel.api import create_app
    from dotterel.store import Store

    Store(tmp_path / "api.duckdb").close()
    client = TestClient(create_app(tmp_path / "api.duckdb", pipeline=pipeline))
    r = client.post("/api/code", json={"text": FRENCH})
    assert r.status_code == 422, r.text
    assert "[E108] skipped: language is fr, not English" in r.json()["error"]["message"]
    assert client.post("/api/code", json={"text": GOOD}).status_code == 200
