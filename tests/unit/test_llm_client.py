"""The LLM client's HTTP behaviour: retries, backoff, the response_format fallback, coded errors.

The endpoint is a scripted HTTP server on 127.0.0.1 in this process, which answers each request
with the next answer of its script and records what it was sent (the real llama.cpp server is
exercised in tests/e2e/test_llm.py)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dotterel.errors import LLMError
from dotterel.llm import ChatClient, LLMSettings

SCHEMA = {"type": "object", "properties": {"s0": {"type": "array"}}, "required": ["s0"]}
MESSAGES = [{"role": "user", "content": "s0: Iran accused Israel."}]


def completion(content: str = '{"s0": []}', finish: str = "stop") -> tuple[int, str]:
    return 200, json.dumps({"choices": [{"index": 0, "finish_reason": finish,
                                         "message": {"role": "assistant", "content": content}}]})


class Scripted:
    def __init__(self, *answers: tuple[int, str]) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[dict, dict]] = []  # (headers, body)
        script = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                script.requests.append((dict(self.headers), body))
                status, text = script.answers.pop(0)
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                         daemon=True).start()

    def client(self, **settings) -> ChatClient:
        return ChatClient(LLMSettings(**{"base_url": self.url, "model": "tiny", "backoff": 0.01,
                                         **settings}))

    def close(self) -> None:
        if self.server.socket.fileno() != -1:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture()
def script():
    made: list[Scripted] = []

    def make(*answers):
        made.append(Scripted(*answers))
        return made[-1]

    yield make
    for s in made:
        s.close()


def test_request_is_an_openai_chat_completion_with_a_json_schema(script, monkeypatch):
    monkeypatch.setenv("DOTTEREL_LLM_API_KEY", "sk-test")
    s = script(completion('{"s0": []}'))
    assert s.client().complete(MESSAGES, SCHEMA) == '{"s0": []}'
    headers, body = s.requests[0]
    assert headers["Authorization"] == "Bearer sk-test"
    assert body["model"] == "tiny" and body["messages"] == MESSAGES
    assert body["temperature"] == 0.0 and body["seed"] == 0 and body["stream"] is False
    assert body["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "dotterel_events", "schema": SCHEMA, "strict": True}}


def test_5xx_and_429_are_retried_then_answered(script):
    s = script((503, "busy"), (429, "slow down"), completion())
    assert s.client(retries=2).complete(MESSAGES, SCHEMA) == '{"s0": []}'
    assert len(s.requests) == 3


def test_5xx_after_the_last_retry_is_e502(script):
    s = script((500, "boom"), (502, "bad gateway"))
    with pytest.raises(LLMError) as err:
        s.client(retries=1).complete(MESSAGES, SCHEMA)
    assert err.value.code == "E502" and "HTTP 502: bad gateway" in str(err.value)
    assert s.url in str(err.value) and len(s.requests) == 2


@pytest.mark.parametrize("refusal", [
    (400, '{"error": "response_format json_schema is not supported"}'),
    (422, '{"detail": "unknown type"}'),
    # llama-cpp-python's server: a pydantic validation error, answered as 500
    (500, '{"error": {"message": "1 validation error: literal_error body response_format type"}}'),
])
def test_a_refused_json_schema_falls_back_to_json_object_for_good(script, refusal):
    s = script(refusal, completion('{"s0": [1]}'), completion('{"s0": [2]}'))
    client = s.client()
    assert client.complete(MESSAGES, SCHEMA) == '{"s0": [1]}'
    assert client.complete(MESSAGES, SCHEMA) == '{"s0": [2]}'
    forms = [body["response_format"] for _, body in s.requests]
    assert forms[0]["type"] == "json_schema"
    assert forms[1] == forms[2] == {"type": "json_object", "schema": SCHEMA}
    assert client.form == "json_object"


def test_a_400_to_json_object_too_is_e502(script):
    s = script((400, "no"), (400, "still no"))
    with pytest.raises(LLMError) as err:
        s.client().complete(MESSAGES, SCHEMA)
    assert err.value.code == "E502" and "still no" in str(err.value)


def test_other_4xx_is_not_retried(script):
    s = script((401, '{"error": "invalid api key"}'))
    with pytest.raises(LLMError) as err:
        s.client(retries=3).complete(MESSAGES, SCHEMA)
    assert err.value.code == "E502" and "HTTP 401" in str(err.value)
    assert len(s.requests) == 1


@pytest.mark.parametrize("answer, words", [
    ((200, "<html>gateway</html>"), "not JSON"),
    ((200, '{"id": "x"}'), "without choices[0].message.content"),
    (completion('{"s0": [', finish="length"), "cut off at max_tokens=2048"),
    ((200, json.dumps({"choices": [{"message": {"content": None}}]})), "empty content"),
])
def test_answers_that_are_no_completion_are_e503(script, answer, words):
    s = script(answer)
    with pytest.raises(LLMError) as err:
        s.client().complete(MESSAGES, SCHEMA)
    assert err.value.code == "E503" and words in str(err.value)


def test_an_unreachable_endpoint_is_e501_and_then_fails_fast(script):
    s = script()
    client = s.client(retries=2, backoff=0.2)
    s.close()  # nothing listens on the port any more
    started = time.monotonic()
    with pytest.raises(LLMError) as err:
        client.complete(MESSAGES, SCHEMA)
    first = time.monotonic() - started
    assert err.value.code == "E501" and s.url + "/chat/completions" in str(err.value)
    assert first >= 0.6  # waited 0.2 + 0.4 s between its three tries
    started = time.monotonic()
    with pytest.raises(LLMError):
        client.complete(MESSAGES, SCHEMA)
    assert time.monotonic() - started < 0.2  # known down: one try, no waiting
