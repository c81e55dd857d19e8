"""``dotterel actors import`` and ``lookup`` end to end, then ``dotterel code --dict`` on stories
whose actor changes role with the article's date. The dictionary and the stories are invented
for this test (TABARI format; Tomas Varga is not a real politician)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ACTORS = """\
# Invented for dotterel's tests, in the PETRARCH/TABARI actor format.
TOMAS_VARGA_   ; prime minister, then leader of the opposition
+PRIME_MINISTER_VARGA_
+VARGA_
\t[HUNGOV 20060101-20141231]
\t[HUNOPP >150101]
"""
STORY = ("Tomas Varga criticised Romania over the border dispute. "
         "Varga said that Romania had closed two crossings.")


def run(bin_: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([bin_, *args], capture_output=True, text=True, timeout=300)


def stories(tmp_path: Path) -> Path:
    path = tmp_path / "stories.jsonl"
    lines = [{"id": "in-2010", "date": "2010-03-02", "text": STORY},
             {"id": "in-2020", "date": "2020-03-02", "text": STORY},
             {"id": "undated", "text": STORY}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return path


def coded(bin_: str, tmp_path: Path, dictionary: Path) -> dict[str, tuple]:
    """article id -> (actor of the criticism, speaker of the claim), as (code, sector) pairs."""
    p = run(bin_, "code", str(stories(tmp_path)), "--format", "jsonl", "--dict", str(dictionary))
    assert p.returncode == 0, p.stderr
    out = {}
    for line in p.stdout.splitlines():
        obj = json.loads(line)
        (critic,) = [e["actor"] for e in obj["events"] if e["trigger"] == "criticised"]
        (claim,) = obj["claims"]
        out[obj["article"]["id"]] = ((critic["code"], critic["sector"]),
                                     (claim["speaker"]["code"], claim["speaker"]["sector"]))
    return out


def test_import_then_code_by_article_date(dotterel_bin, tmp_path):
    source = tmp_path / "varga.actors.txt"
    source.write_text(ACTORS)
    converted = tmp_path / "converted.tsv"
    p = run(dotterel_bin, "actors", "import", str(source), "--out", str(converted))
    assert p.returncode == 0, p.stderr
    assert "1 entries, 2 synonyms, 2 roles (2 dated)" in p.stdout
    assert "comment (line 1)" in p.stdout
    assert "HUN\tOPP" not in converted.read_text()  # dated roles only in the roles column
    assert "HUN GOV 2006-01-01..2014-12-31|HUN OPP 2015-01-01.." in converted.read_text()

    assert coded(dotterel_bin, tmp_path, converted) == {
        "in-2010": (("HUN", "GOV"), ("HUN", "GOV")),
        "in-2020": (("HUN", "OPP"), ("HUN", "OPP")),
        "undated": (("HUN", "OPP"), ("HUN", "OPP"))}  # no date: the latest role
    # the TABARI file itself works with --dict too
    assert coded(dotterel_bin, tmp_path, source)["in-2010"] == (("HUN", "GOV"), ("HUN", "GOV"))


def test_lookup_shows_the_role_on_a_date(dotterel_bin, tmp_path):
    source = tmp_path / "varga.actors.txt"
    source.write_text(ACTORS)
    found = run(dotterel_bin, "actors", "lookup", "Prime Minister Varga", "--date", "2010-03-02",
                "--dict", str(source))
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Prime Minister Varga -> HUN GOV")
    assert "HUN OPP 2015-01-01.." in found.stdout
    later = run(dotterel_bin, "actors", "lookup", "Varga", "--date", "2020-03-02",
                "--dict", str(source))
    assert "-> HUN OPP" in later.stdout
    assert run(dotterel_bin, "actors", "lookup", "Nobody Atall").returncode == 1
    bad = run(dotterel_bin, "actors", "lookup", "Varga", "--date", "2020-13-01")
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr + bad.stdout


def test_broken_file_is_refused_unless_keep_going(dotterel_bin, tmp_path):
    source = tmp_path / "broken.actors.txt"
    source.write_text(ACTORS + "JANE_ROE_\n\t[HUNGOV 2004017-20061201]\n")
    p = run(dotterel_bin, "actors", "import", str(source), "--out", str(tmp_path / "x.tsv"))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "[E203]" in p.stderr and f"{source}:8: '2004017' is not a date" in p.stderr
    assert not (tmp_path / "x.tsv").exists()
    kept = run(dotterel_bin, "actors", "import", str(source), "--keep-going")
    assert kept.returncode == 0, kept.stderr
    assert "broken: '2004017' is not a date" in kept.stdout
    assert "entry without a code (line 7)" in kept.stdout
