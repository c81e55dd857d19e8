"""The optional LLM coder: events from a model behind any OpenAI-compatible endpoint.

    LLMSettings(base_url, model, ...)     where the model is and how to ask it
    LLMCoder(settings, codebook=..., resolve=...)
        .code(parsed) -> list[Event]      the same records the rule coder gives
    ChatClient(settings).complete(messages, schema) -> str
    build_request(sentences, labels)      chat messages and the answer's JSON schema
    parse_answer(text, sentences, codes)  strict validation -> list[Proposal]

Talks to vLLM, llama.cpp's server, llama-cpp-python's server or Ollama over HTTP with the
standard library, asking for JSON-schema-constrained output. Off by default: ``Pipeline(llm=
LLMSettings(...))`` or ``dotterel code --coder llm --llm-url URL --llm-model NAME``. Failures
are ``LLMError`` with codes E501-E507 (see ``dotterel.errors``); the pipeline records them as
the article's failure and goes on.
"""
from dotterel.llm._client import ChatClient
from dotterel.llm._coder import LLM_CONFIDENCE, LLMCoder
from dotterel.llm._prompt import Request, answer_schema, build_request
from dotterel.llm._settings import API_KEY_ENV, LLMSettings, setting_default, setting_help
from dotterel.llm._validate import Proposal, Span, locate, parse_answer

__all__ = ["API_KEY_ENV", "ChatClient", "LLMCoder", "LLMSettings", "LLM_CONFIDENCE", "Proposal",
           "Request", "Span", "answer_schema", "build_request", "locate", "parse_answer",
           "setting_default", "setting_help"]
