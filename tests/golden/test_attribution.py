"""Attribution on our own dev set: a dozen hand-annotated Wikinews articles (attribution_dev.jsonl,
ids and character offsets only), coded in-process and scored by ../shared/eval/score.py
attribution against pinned floors (floors.json "attribution") that may only rise.
bench/attribution.py prints the same figures through the command line."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dotterel.articles import read_path
from dotterel.contract import result_json
from dotterel.records import ArticleResult

HERE = Path(__file__).resolve().parent
DEV = HERE / "attribution_dev.jsonl"
FLOORS = json.loads((HERE / "floors.json").read_text())["attribution"]
ROLES = ("source", "cue", "content")
NEAR = 250  # characters: the most a cue may stand from its content, or a source from its cue
pytestmark = pytest.mark.model


def _bench():
    spec = importlib.util.spec_from_file_location("bench_attribution", HERE.parents[1] / "bench" / "attribution.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bench = _bench()


@pytest.fixture(scope="module")
def dev() -> list[dict]:
    return bench.read_jsonl(DEV)


@pytest.fixture(scope="module")
def texts(shared) -> dict[str, str]:
    return {i: a["text"] for i, a in bench.articles(shared).items()}


def _gap(text: str, a: list[int], b: list[int]) -> str:
    """The text between two spans ("" when they touch or overlap)."""
    lo, hi = (a, b) if a[1] <= b[0] else (b, a)
    return text[lo[1]:hi[0]] if lo[1] <= hi[0] else ""


def test_dev_set_holds_only_ids_and_offsets(dev):
    assert len(dev) == 12
    assert len({r["id"] for r in dev}) == 12
    total = 0
    for rec in dev:
        assert set(rec) == {"id", "attributions"}, rec["id"]
        assert rec["attributions"], rec["id"]
        for att in rec["attributions"]:
            assert set(att) == set(ROLES), (rec["id"], att)
            for role in ROLES:
                span = att[role]
                if span is None:
                    assert role == "source", (rec["id"], att)
                    continue
                assert isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span)
        total += len(rec["attributions"])
    assert 150 <= total <= 250, total


def test_dev_spans_are_inside_their_texts(dev, texts):
    for rec in dev:
        assert rec["id"] in texts, f"{rec['id']} is not in wikinews_articles.jsonl"
        text = texts[rec["id"]]
        contents = set()
        for att in rec["attributions"]:
            where = (rec["id"], att)
            for role in ROLES:
                if att[role] is None:
                    continue
                s, e = att[role]
                assert 0 <= s < e <= len(text), where
                piece = text[s:e]
                assert piece.strip() and piece == piece.strip(), where
                assert not text[s - 1:s].isalnum(), ("span starts inside a word", where)
                assert not text[e:e + 1].isalnum() or piece[-1] in "-'", ("span ends inside a word", where)
            content, cue, source = att["content"], att["cue"], att["source"]
            inner = text[content[0] + 1:content[1] - 1]
            if '"' not in inner:  # a mixed quotation may open or close on a quote mark
                assert '"' not in (text[content[0]], text[content[1] - 1]), ("quote marks kept", where)
            assert tuple(content) not in contents, ("content marked twice", where)
            contents.add(tuple(content))
            gap = _gap(text, cue, content)
            assert "\n" not in gap and len(gap) <= NEAR, ("cue far from its content", where)
            if source is not None:
                gap = _gap(text, source, cue)
                assert "\n" not in gap and len(gap) <= NEAR, ("source far from its cue", where)


@pytest.fixture(scope="module")
def figures(pipeline, shared, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("attribution")
    gold_path, input_path = bench.write_inputs(work, bench.gold_records(shared, DEV))
    pred_path = work / "coded.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for r in pipeline.process(read_path(input_path)):
            assert isinstance(r, ArticleResult), r
            fh.write(json.dumps(result_json(r)) + "\n")
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "attribution",
                          str(gold_path), str(pred_path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.rsplit("\n", 2)[0])  # the last line is a one-line summary


def test_every_article_is_coded_and_scored(figures, dev):
    assert figures["gold_attributions"] == sum(len(r["attributions"]) for r in dev)
    assert figures["predicted_claims"] > 0


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_attribution_floor(figures, key):
    assert figures[key] is not None and figures[key] >= FLOORS[key], (key, figures[key], FLOORS[key], figures)
