"""Property tests on the JSON contract (Hypothesis, with the real model): for generated news
texts, every coded article has the keys ARCHITECTURE.md requires, and every offset points at
its text (``text[trigger_start:trigger_end] == trigger``; claims' content, actors, sentences
likewise). The model is slow-ish, so the examples are few and small."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotterel.articles import make_article
from dotterel.contract import result_json
from dotterel.records import ArticleResult
from tests.conftest import DATA

pytestmark = pytest.mark.model
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
STANCES = {"asserts", "denies", "disputes", "supports", "demands_evidence", "retracts"}

ACTORS = ["Iran", "Israel", "The Taliban", "Pakistani troops", "Kenyan police",
          "Iran's foreign minister", "The United Nations", "Nigerian soldiers", "Boko Haram",
          "The government of Chad", "Protesters", "Turkey", "President Biden"]
RECIPIENTS = ["Israel", "Iran", "the United States", "Afghanistan", "protesters in Nairobi",
              "Sudan", "the rebels", "Hazara civilians", "ISKP fighters", "Egypt"]
VERBS = ["accused {r} of attacking its embassy", "rejected claims by {r}", "attacked {r}",
         "met officials from {r}", "condemned {r}", "praised {r} for its help",
         "threatened {r} with sanctions", "arrested ten members of {r}",
         "demanded evidence from {r}", "denied that it had attacked {r}",
         "said that {r} had moved troops to the border", "did not attack {r}"]
TAILS = ["", " on Monday", " in Kabul", " near the border with Iran", " last week",
         ", officials said", " in a statement on Tuesday"]
spacing = st.sampled_from([" ", "  ", " \t", "\u00a0"])


@st.composite
def sentences(draw) -> str:
    verb = draw(st.sampled_from(VERBS)).format(r=draw(st.sampled_from(RECIPIENTS)))
    sentence = f"{draw(st.sampled_from(ACTORS))} {verb}{draw(st.sampled_from(TAILS))}."
    if draw(st.booleans()):
        sentence = f"\u201c{sentence[:-1]},\u201d a spokesman said."
    return sentence.replace(" ", draw(spacing), draw(st.integers(0, 2)))


@st.composite
def articles(draw) -> str:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join),
                               min_size=1, max_size=4))
    head = draw(st.sampled_from(["", "Iran Rejects Claims Over Border\n",
                                 "KABUL, June 10, 2023 (Reuters) - "]))
    return head + draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(paragraphs)


def required_keys(obj: dict) -> None:
    assert {"id", "title", "date", "source"} <= set(obj["article"])
    for e in obj["events"]:
        assert {"id", "sentence", "sentence_text", "trigger", "actor", "recipient", "cameo",
                "plover", "goldstein", "quad_class", "location", "negated", "hypothetical",
                "confidence"} <= set(e)
        assert {"type", "mode"} <= set(e["plover"])
        for who in (e["actor"], e["recipient"]):
            assert who is None or {"text", "code", "sector", "name"} <= set(who)
        assert e["location"] is None or {"name", "country", "lat", "lon"} <= set(e["location"])
        assert e["cameo"].isdigit() and e["quad_class"] in (1, 2, 3, 4)
        assert -10 <= e["goldstein"] <= 10 and 0 <= e["confidence"] <= 1
    ids = {c["id"] for c in obj["claims"]}
    for c in obj["claims"]:
        assert {"id", "sentence", "speaker", "cue", "content", "stance", "responds_to"} <= set(c)
        assert c["stance"] in STANCES
        assert c["responds_to"] is None or c["responds_to"] in ids


def offsets_point_at_their_text(obj: dict, text: str) -> None:
    for e in obj["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"], e
        start = e["sentence_start"]
        assert text[start:start + len(e["sentence_text"])] == e["sentence_text"], e
        for who in (e["actor"], e["recipient"]):
            if who is not None and who["start"] is not None:
                assert text[who["start"]:who["end"]] == who["text"], who
    for c in obj["claims"]:
        assert text[c["content_start"]:c["content_end"]] == c["content"], c
        if c["speaker"] is not None and c["speaker"]["start"] is not None:
            assert text[c["speaker"]["start"]:c["speaker"]["end"]] == c["speaker"]["text"], c


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(raw=articles())
def test_coded_articles_keep_the_contract(pipeline, raw: str) -> None:
    article = make_article(raw, origin="generated.txt")
    (result,) = pipeline.process([article])
    assert isinstance(result, ArticleResult), result
    obj = result_json(result)
    required_keys(obj)
    offsets_point_at_their_text(obj, article.text)


def test_a_whole_story_keeps_the_contract(pipeline) -> None:
    article = make_article((DATA / "claim_dispute.txt").read_text(encoding="utf-8"),
                           origin="claim_dispute.txt")
    (result,) = pipeline.process([article])
    obj = result_json(result)
    assert len(obj["events"]) >= 5 and obj["claims"]
    required_keys(obj)
    offsets_point_at_their_text(obj, article.text)
