"""A small client for OpenAI-compatible chat completions, on the standard library alone.

Retries connection errors, timeouts, 429 and 5xx answers with exponential backoff. Asks for
schema-constrained output in OpenAI's form (``{"type": "json_schema", "json_schema": {...}}``);
a server that refuses it (400 or 422, or a 5xx that names ``response_format``, as
llama-cpp-python's server does) gets llama.cpp's form (``{"type": "json_object", "schema": ...}``)
from then on. Once the endpoint has proved unreachable, later requests try once, without
retries, until one succeeds: a batch against a server that is down fails fast, article by article.
"""
from __future__ import annotations

import http.client
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from typing import Any

from dotterel.errors import E501, E502, E503, LLMError
from dotterel.llm._settings import LLMSettings

log = logging.getLogger("dotterel")

SCHEMA_NAME = "dotterel_events"
_CONNECTION_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError,
                      socket.timeout, TimeoutError)


class _Retryable(Exception):
    def __init__(self, error: LLMError) -> None:
        super().__init__(str(error))
        self.error = error


class _Rejected(Exception):
    """A 400 answer: the server refused the request as malformed."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def response_format(form: str, schema: dict[str, Any]) -> dict[str, Any]:
    if form == "json_schema":
        return {"type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "schema": schema, "strict": True}}
    return {"type": "json_object", "schema": schema}


class ChatClient:
    """POST ``{base_url}/chat/completions``; ``complete`` returns the answer's text."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.form = settings.response_format  # the form in use; may switch to json_object
        self._unreachable = False

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
        """The assistant's text for ``messages``, constrained to ``schema``. Raises LLMError:
        E501 unreachable, E502 HTTP error, E503 an answer that is no chat completion."""
        body = self._body(messages)
        while True:
            try:
                answer = self._post({**body, "response_format": response_format(self.form, schema)})
            except _Rejected as exc:
                if self.form != "json_schema":
                    raise self._error(f"rejected the request ({exc.detail})", E502) from None
                log.info("%s refused json_schema output (%s); using json_object", self.url,
                         exc.detail)
                self.form = "json_object"
                continue
            return self._content(answer)

    @property
    def url(self) -> str:
        return self.settings.endpoint

    def _body(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        s = self.settings
        body: dict[str, Any] = {"model": s.model, "messages": messages, "stream": False,
                                "temperature": s.temperature, "max_tokens": s.max_tokens}
        if s.seed is not None:
            body["seed"] = s.seed
        return body

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        attempts = 1 if self._unreachable else self.settings.retries + 1
        for attempt in range(attempts):
            try:
                answer = self._send(body)
            except _Retryable as exc:
                if attempt + 1 == attempts:
                    self._unreachable = exc.error.code == E501
                    raise exc.error from None
                wait = self.settings.backoff * 2 ** attempt
                log.info("%s; retrying in %.1f s", exc.error.message, wait)
                time.sleep(wait)
            else:
                self._unreachable = False
                return answer
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(self.url, data=json.dumps(body).encode(), method="POST",
                                         headers=self._headers())
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc) from None
        except _CONNECTION_ERRORS as exc:
            reason = getattr(exc, "reason", None) or exc
            raise _Retryable(self._error(
                f"cannot reach the LLM endpoint ({reason}); is the server running? Start one "
                "(python -m llama_cpp.server, vllm serve, ollama serve) or fix --llm-url",
                E501)) from None
        return self._json(raw)

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if (token := self.settings.bearer()) is not None:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _http_error(self, exc: urllib.error.HTTPError) -> Exception:
        detail = _detail(exc)
        if exc.code in (400, 422) or (exc.code >= 500 and _refuses_format(detail)):
            return _Rejected(f"HTTP {exc.code}: {detail}")
        error = self._error(f"answered HTTP {exc.code}: {detail}", E502)
        return _Retryable(error) if exc.code == 429 or exc.code >= 500 else error

    def _json(self, raw: bytes) -> dict[str, Any]:
        try:
            answer = json.loads(raw)
        except ValueError:
            raise self._error(f"answered with something that is not JSON: {raw[:200]!r}",
                              E503) from None
        if not isinstance(answer, dict):
            raise self._error("answered JSON that is not a chat completion object", E503)
        return answer

    def _content(self, answer: dict[str, Any]) -> str:
        try:
            choice = answer["choices"][0]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise self._error(f"answered without choices[0].message.content: "
                              f"{json.dumps(answer)[:200]}", E503) from None
        if choice.get("finish_reason") == "length":
            raise self._error(f"output was cut off at max_tokens={self.settings.max_tokens} "
                              "(raise max_tokens or lower sentences_per_request)", E503)
        if not isinstance(content, str):
            raise self._error("answered with empty content", E503)
        return content

    def _error(self, what: str, code: str) -> LLMError:
        return LLMError(f"{self.url} (model {self.settings.model}) {what}", code=code)


def _refuses_format(detail: str) -> bool:
    """A 5xx that is really a refusal of the request's response_format: llama-cpp-python's
    server answers 500 with a validation error for ``json_schema``."""
    return "response_format" in detail and ("validation" in detail or "literal" in detail)


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read().decode("utf-8", "replace")
    except OSError:
        text = ""
    return " ".join((text or str(exc.reason)).split())[:300]
