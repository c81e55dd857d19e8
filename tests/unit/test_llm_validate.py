"""The LLM coder's schema, validation and conversion into records, on hand-built parses: no
model, no server. The codebook and actor dictionary are the packaged data files."""
from __future__ import annotations

import json

import pytest

from dotterel.actors import resolve_tokens
from dotterel.errors import LLMError
from dotterel.events import load_lexicon
from dotterel.llm import LLMCoder, LLMSettings, answer_schema, build_request, parse_answer
from tests.unit._parse import chain

ROWS = [("Iran", "Iran", "PROPN", "nsubj", 1), ("accused", "accuse", "VERB", "ROOT", 1),
        ("Israel", "Israel", "PROPN", "dobj", 1), ("of", "of", "ADP", "prep", 1),
        ("attacking", "attack", "VERB", "pcomp", 3), ("its", "its", "PRON", "poss", 6),
        ("embassy", "embassy", "NOUN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)]
ROWS2 = [("Kenyan", "kenyan", "ADJ", "amod", 1), ("police", "police", "NOUN", "nsubj", 2),
         ("arrested", "arrest", "VERB", "ROOT", 2), ("ten", "ten", "NUM", "nummod", 4),
         ("protesters", "protester", "NOUN", "dobj", 2), (".", ".", "PUNCT", "punct", 2)]


@pytest.fixture(scope="module")
def codebook():
    return load_lexicon().cameo


@pytest.fixture(scope="module")
def coder(codebook):
    return LLMCoder(LLMSettings(base_url="http://127.0.0.1:9/v1", model="test"),
                    codebook=codebook, resolve=resolve_tokens)


@pytest.fixture()
def parsed():
    return chain(ROWS, ROWS2)


def event(**over):
    base = {"trigger": "accused", "cameo": "112", "actor": "Iran", "recipient": "Israel",
            "negated": False, "hypothetical": False}
    return {**base, **over}


def answer(s0=(), s1=()):
    return json.dumps({"s0": list(s0), "s1": list(s1)})


def test_a_valid_answer_becomes_the_rule_coders_records(coder, codebook, parsed):
    text = answer([event()], [event(trigger="arrested", cameo="173", actor="Kenyan police",
                                    recipient="ten protesters")])
    props = parse_answer(text, parsed.sentences, codebook)
    events = [coder.to_event(p, parsed) for p in props]
    accuse, arrest = events
    assert (accuse.cameo, accuse.actor.code, accuse.recipient.code) == ("112", "IRN", "ISR")
    entry = codebook["112"]
    assert (accuse.goldstein, accuse.quad_class, accuse.plover_type, accuse.plover_mode) == (
        entry.goldstein, entry.quad_class, entry.plover_type, entry.plover_mode)
    art = parsed.article.text
    assert art[accuse.trigger_start:accuse.trigger_end] == "accused"
    assert art[accuse.actor.start:accuse.actor.end] == "Iran"
    assert arrest.sentence == 1 and art[arrest.trigger_start:arrest.trigger_end] == "arrested"
    assert arrest.actor.code == "KEN" and arrest.actor.sector == "COP"
    assert arrest.quad_class == codebook["173"].quad_class == 4
    assert arrest.sentence_start == parsed.sentences[1].start


def test_event_ids_follow_the_rule_coders_scheme(coder, codebook, parsed):
    (p,) = parse_answer(answer([event()]), parsed.sentences, codebook)
    one, two = coder.to_event(p, parsed), coder.to_event(p, parsed)
    assert one.id == two.id and len(one.id) == 16
    (q,) = parse_answer(answer([event(recipient=None)]), parsed.sentences, codebook)
    assert coder.to_event(q, parsed).id != one.id


def test_a_phrase_no_dictionary_codes_is_kept_uncoded(coder, codebook, parsed):
    (p,) = parse_answer(answer([event(recipient="its embassy")]), parsed.sentences, codebook)
    e = coder.to_event(p, parsed)
    assert e.recipient.text == "its embassy" and e.recipient.code is None


def test_the_same_phrase_is_not_both_parties(coder, codebook, parsed):
    (p,) = parse_answer(answer([event(recipient="Iran")]), parsed.sentences, codebook)
    assert coder.to_event(p, parsed).recipient is None


@pytest.mark.parametrize("bad, code, words", [
    (answer([event(cameo="999")]), "E505", "'999' is not in the codebook"),
    (answer([event(cameo="")]), "E504", "cameo must be a non-empty string"),
    (answer([event(trigger="bombed")]), "E506", "'bombed' is not in sentence 0"),
    (answer([event(actor="Ahmadinejad")]), "E506", "'Ahmadinejad' is not in sentence 0"),
    (answer([event(actor="Isr")]), "E506", "'Isr' is not in sentence 0"),  # whole words only
    (answer([], [event()]), "E506", "is not in sentence 1"),  # a quote from another sentence
    ("not json at all", "E503", "not JSON"),
    ('{"s0": [', "E503", "not JSON"),
    ("[]", "E504", "a JSON list, not an object"),
    (json.dumps({"s0": []}), "E504", "leaves out sentences: s1"),
    (json.dumps({"s0": [], "s1": [], "s7": []}), "E504", "not asked about: s7"),
    (json.dumps({"s0": {}, "s1": []}), "E504", "s0 is dict, not a list"),
    (answer(["accused"]), "E504", "not an object"),
    (answer([{**event(), "confidence": 0.9}]), "E504", "unexpected keys ['confidence']"),
    (answer([{k: v for k, v in event().items() if k != "negated"}]), "E504", "missing keys"),
    (answer([event(negated="false")]), "E504", "negated must be true or false"),
    (answer([event(actor="")]), "E504", "actor must be a non-empty string or null"),
    (answer([event()] * 5), "E504", "5 events, more than 4"),
])
def test_invalid_output_is_a_coded_error(codebook, parsed, bad, code, words):
    with pytest.raises(LLMError) as err:
        parse_answer(bad, parsed.sentences, codebook, max_events=4, source="http://x/v1")
    assert err.value.code == code
    assert words in str(err.value) and "http://x/v1" in str(err.value)


def test_fenced_json_and_case_are_accepted(codebook, parsed):
    text = "```json\n" + answer([event(actor="iran")]) + "\n```"
    (p,) = parse_answer(text, parsed.sentences, codebook)
    assert p.actor.text == "Iran"  # the sentence's own spelling, with its offsets


def test_every_answer_the_schema_allows_validates(coder, codebook, parsed):
    """The schema's enums and the validator agree: whatever a server that enforces the schema
    lets through becomes records."""
    schema = answer_schema(parsed.sentences, list(codebook))
    for key, sent in (("s0", parsed.sentences[0]), ("s1", parsed.sentences[1])):
        item = schema["properties"][key]["items"]["properties"]
        triggers = item["trigger"]["enum"]
        phrases = item["actor"]["anyOf"][0]["enum"]
        assert item["cameo"]["enum"] == list(codebook)
        assert "." not in triggers and "its" not in triggers and "ten" not in triggers
        assert ("accused" if key == "s0" else "arrested") in triggers
        assert item["actor"]["anyOf"][1] == {"type": "null"}
        picks = [{"trigger": t, "cameo": "010", "actor": a, "recipient": None,
                  "negated": False, "hypothetical": True}
                 for t in triggers for a in phrases]
        body = {"s0": [], "s1": []}
        body[key] = picks
        props = parse_answer(json.dumps(body), parsed.sentences, codebook)
        assert len(props) == len(picks)
        for p in props:
            e = coder.to_event(p, parsed)
            assert parsed.article.text[e.trigger_start:e.trigger_end] == e.trigger
            assert e.sentence == sent.index and e.hypothetical


def test_schema_is_strict_and_names_every_sentence(codebook, parsed):
    schema = answer_schema(parsed.sentences, list(codebook), max_events=3)
    assert schema["required"] == ["s0", "s1"] and schema["additionalProperties"] is False
    item = schema["properties"]["s1"]["items"]
    assert schema["properties"]["s1"]["maxItems"] == 3
    assert item["additionalProperties"] is False
    assert item["required"] == list(item["properties"])
    phrases = item["properties"]["actor"]["anyOf"][0]["enum"]
    assert "Kenyan police" in phrases and "ten protesters" in phrases


@pytest.mark.parametrize("codebook_name, listed", [("roots", 20), ("base", None), ("all", None)])
def test_prompt_lists_the_codebook_and_numbers_sentences(codebook, parsed, codebook_name, listed):
    labels = {code: e.label for code, e in codebook.items()}
    req = build_request(parsed.sentences, labels, codebook=codebook_name)
    system, user = req.messages[0]["content"], req.messages[1]["content"]
    lines = [x for x in system.splitlines() if x[:2].isdigit()]
    expect = {"roots": 20, "base": sum(len(c) <= 3 for c in labels), "all": len(labels)}
    assert len(lines) == (listed or expect[codebook_name])
    assert "112 " + labels["112"] in system or codebook_name == "roots"
    assert user.splitlines() == [f"s{s.index}: {s.text}" for s in parsed.sentences]


@pytest.mark.parametrize("kwargs, words", [
    ({"base_url": "", "model": "m"}, "--llm-url must be an http(s) URL"),
    ({"base_url": "127.0.0.1:8080", "model": "m"}, "--llm-url must be an http(s) URL"),
    ({"base_url": "http://127.0.0.1:8080/v1", "model": " "}, "no model name"),
    ({"base_url": "http://h/v1", "model": "m", "codebook": "some"}, "codebook must be"),
    ({"base_url": "http://h/v1", "model": "m", "sentences_per_request": 0}, ">= 1"),
])
def test_unusable_settings_are_e507(kwargs, words):
    with pytest.raises(LLMError) as err:
        LLMSettings(**kwargs)
    assert err.value.code == "E507" and words in str(err.value)


def test_settings_endpoint_and_key(monkeypatch):
    s = LLMSettings(base_url="http://127.0.0.1:8080/v1/", model="m")
    assert s.endpoint == "http://127.0.0.1:8080/v1/chat/completions"
    monkeypatch.delenv("DOTTEREL_LLM_API_KEY", raising=False)
    assert s.bearer() is None
    monkeypatch.setenv("DOTTEREL_LLM_API_KEY", "sk-env")
    assert s.bearer() == "sk-env"
    assert LLMSettings(base_url="http://h/v1", model="m", api_key="sk-arg").bearer() == "sk-arg"


def test_a_server_that_is_down_is_e501_naming_the_url(codebook, parsed):
    settings = LLMSettings(base_url="http://127.0.0.1:9/v1", model="test", retries=0)
    coder = LLMCoder(settings, codebook=codebook, resolve=resolve_tokens)
    with pytest.raises(LLMError) as err:
        coder.code(parsed)
    assert err.value.code == "E501"
    assert "http://127.0.0.1:9/v1/chat/completions" in str(err.value)


def test_llm_surface_is_pinned_and_imports_no_spacy():
    import subprocess
    import sys

    import dotterel.llm

    assert sorted(dotterel.llm.__all__) == [
        "API_KEY_ENV", "ChatClient", "LLMCoder", "LLMSettings", "LLM_CONFIDENCE", "Proposal",
        "Request", "Span", "answer_schema", "build_request", "locate", "parse_answer",
        "setting_default", "setting_help"]
    code = "import sys, dotterel.llm; print('spacy' in sys.modules, 'httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
