"""How to reach the model: one frozen record, declared once with its defaults and help."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from urllib.parse import urlsplit

from dotterel.errors import E507, LLMError

API_KEY_ENV = "DOTTEREL_LLM_API_KEY"
CODEBOOKS = ("roots", "base", "all")
FORMS = ("json_schema", "json_object")


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """An OpenAI-compatible chat endpoint and how to use it. ``base_url`` ends before
    ``/chat/completions`` (``http://127.0.0.1:8080/v1``). Each field's ``help`` is what the CLI
    and the README show."""

    base_url: str = field(metadata=_help(
        "Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1 (llama.cpp, vLLM, "
        "Ollama); requests go to URL/chat/completions."))
    model: str = field(metadata=_help("Model name the server knows, e.g. qwen2.5-7b-instruct."))
    api_key: str | None = field(default=None, metadata=_help(
        f"Bearer token; default: the {API_KEY_ENV} environment variable, else none."))
    timeout: float = field(default=120.0, metadata=_help("Seconds to wait for one answer."))
    retries: int = field(default=3, metadata=_help(
        "Retries after a connection error, a timeout, 429 or 5xx, waiting backoff * 2**n s."))
    backoff: float = field(default=0.5, metadata=_help("First wait between retries, seconds."))
    max_tokens: int = field(default=2048, metadata=_help("Most tokens one answer may take."))
    temperature: float = field(default=0.0, metadata=_help("Sampling temperature."))
    seed: int | None = field(default=0, metadata=_help("Sampling seed, for repeatable runs."))
    sentences_per_request: int = field(default=8, metadata=_help(
        "Sentences sent in one request (each gets its own list of events)."))
    max_events_per_sentence: int = field(default=4, metadata=_help(
        "Most events the schema lets the model give for one sentence."))
    codebook: str = field(default="base", metadata=_help(
        "CAMEO codes the prompt lists: roots (20), base (2-3 digits) or all; the schema "
        "accepts every code of the codebook either way."))
    response_format: str = field(default="json_schema", metadata=_help(
        "First response_format form to send: json_schema (OpenAI), or json_object with a "
        "schema (llama.cpp); a 400 answer to json_schema switches to json_object."))

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LLMError(f"--llm-url must be an http(s) URL such as http://127.0.0.1:8080/v1, "
                           f"not {self.base_url!r}", code=E507)
        if not (self.model or "").strip():
            raise LLMError("no model name: pass --llm-model NAME (the name the server lists at "
                           f"{self.base_url.rstrip('/')}/models)", code=E507)
        if self.codebook not in CODEBOOKS or self.response_format not in FORMS:
            raise LLMError(f"codebook must be one of {CODEBOOKS} and response_format one of "
                           f"{FORMS}", code=E507)
        if self.sentences_per_request < 1 or self.max_events_per_sentence < 1 or self.retries < 0:
            raise LLMError("sentences_per_request and max_events_per_sentence must be >= 1, "
                           "retries >= 0", code=E507)

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    def bearer(self) -> str | None:
        return self.api_key or os.environ.get(API_KEY_ENV) or None


def setting_help(name: str) -> str:
    """The help text declared for the field ``name`` (used by the CLI)."""
    return next(f.metadata["help"] for f in fields(LLMSettings) if f.name == name)


def setting_default(name: str) -> object:
    """The default declared for the field ``name``."""
    return next(f.default for f in fields(LLMSettings) if f.name == name)
