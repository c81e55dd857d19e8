"""Claims on real text: the founding article and the bundled example story (model loaded)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dotterel.articles import read_path
from dotterel.records import ArticleResult

pytestmark = pytest.mark.model
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "dotterel" / "examples" / "border_dispute.txt"


def _coded(pipeline, path) -> ArticleResult:
    (r,) = list(pipeline.process(read_path(path)))
    return r


@pytest.fixture(scope="module")
def seed(pipeline, shared):
    return _coded(pipeline, shared / "gold" / "seed" / "article.txt")


def _by_id(r: ArticleResult):
    return {c.id: c for c in r.claims}


def test_iran_asserts_isis_moved(seed):
    found = [c for c in seed.claims if c.stance == "asserts" and c.speaker and c.speaker.code == "IRN"
             and re.search("isis", c.content, re.I) and re.search("afghanistan", c.content, re.I)]
    assert found


def test_denial_and_demand_answer_irans_claim(seed):
    claims = _by_id(seed)
    for stance in ("denies", "demands_evidence"):
        answers = [c for c in seed.claims if c.stance == stance and c.speaker.code == "AFG"]
        assert answers, stance
        targets = {claims[c.responds_to].speaker.code for c in answers if c.responds_to}
        assert targets == {"IRN"}, (stance, targets)


def test_counter_argument_disputes(seed):
    (d,) = [c for c in seed.claims if c.stance == "disputes"]
    assert "border" in d.content and d.responds_to is not None


def test_governor_accuses_united_states(seed):
    assert any(c.speaker.code == "AFG" and "United States" in c.content for c in seed.claims
               if c.stance == "asserts")


def test_denials_are_also_reject_events_between_the_same_actors(seed):
    rejects = {(e.actor.code, e.recipient.code if e.recipient else None) for e in seed.events
               if e.plover_type == "REJECT" and e.actor}
    assert ("AFG", "IRN") in rejects


def test_offsets_point_at_their_text(seed):
    for c in seed.claims:
        assert seed.article.text[c.content_start:c.content_end] == c.content


def test_example_headline_denial_links_forward(pipeline):
    r = _coded(pipeline, EXAMPLE)
    claims = _by_id(r)
    head = [c for c in r.claims if c.sentence == 0 and c.stance == "denies"]
    assert head and head[0].responds_to in claims
    assert claims[head[0].responds_to].speaker.code == "AFG"
    demand = [c for c in r.claims if c.stance == "demands_evidence" and "civilian" in c.content]
    assert demand and demand[0].speaker.code == "PAK"
