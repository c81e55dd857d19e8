"""The request for a run of sentences: chat messages and the JSON schema of the answer.

The answer is one object with a key per sentence (``"s3"`` for sentence 3), each a list of
events: ``trigger`` (a word of the sentence), ``cameo`` (a code of ``events/data/cameo.tsv``),
``actor`` and ``recipient`` (a phrase of the sentence, or null), ``negated`` and ``hypothetical``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dotterel.llm._spans import actor_spans, trigger_words
from dotterel.records import Sentence

EVENT_KEYS = ("trigger", "cameo", "actor", "recipient", "negated", "hypothetical")

INSTRUCTIONS = """\
You code political events in news sentences with the CAMEO codebook.
For each sentence, list the events it reports: who (actor) did what (trigger, cameo) to whom \
(recipient).
- trigger: the one word of the sentence that names the action, copied exactly.
- cameo: the most specific code below that fits the action.
- actor, recipient: the phrase of the sentence that names who acted and who was acted upon, \
copied exactly; null when the sentence names nobody.
- negated: true when the sentence says the event did not happen.
- hypothetical: true when it may, will or would happen, or is only demanded or planned.
A sentence that reports no political event gets an empty list.
Answer with one JSON object with a key for every sentence ("s3" for sentence s3) and nothing else.

CAMEO codes:
"""


@dataclass(frozen=True, slots=True)
class Request:
    messages: list[dict[str, str]]
    schema: dict[str, Any]


def sentence_key(sent: Sentence) -> str:
    return f"s{sent.index}"


def build_request(sentences: Sequence[Sentence], labels: Mapping[str, str], *,
                  codebook: str = "base", max_events: int = 4) -> Request:
    """The messages and schema for ``sentences``; ``labels`` maps every CAMEO code to its label."""
    listed = [f"{code} {label}" for code, label in labels.items() if _listed(code, codebook)]
    system = INSTRUCTIONS + "\n".join(listed)
    user = "\n".join(f"{sentence_key(s)}: {s.text}" for s in sentences)
    return Request(messages=[{"role": "system", "content": system},
                             {"role": "user", "content": user}],
                   schema=answer_schema(sentences, list(labels), max_events=max_events))


def answer_schema(sentences: Sequence[Sentence], codes: Sequence[str], *,
                  max_events: int = 4) -> dict[str, Any]:
    props = {sentence_key(s): {"type": "array", "maxItems": max_events,
                               "items": _event_schema(s, codes)} for s in sentences}
    return {"type": "object", "properties": props, "required": list(props),
            "additionalProperties": False}


def _event_schema(sent: Sentence, codes: Sequence[str]) -> dict[str, Any]:
    # anyOf, not "type": ["string", "null"]: llama.cpp's grammar drops the enum of a type list
    party = {"anyOf": [{"type": "string", "enum": actor_spans(sent)}, {"type": "null"}]}
    return {"type": "object", "additionalProperties": False, "required": list(EVENT_KEYS),
            "properties": {"trigger": {"type": "string", "enum": trigger_words(sent)},
                           "cameo": {"type": "string", "enum": list(codes)},
                           "actor": party, "recipient": party,
                           "negated": {"type": "boolean"}, "hypothetical": {"type": "boolean"}}}


def _listed(code: str, codebook: str) -> bool:
    return codebook == "all" or len(code) == 2 or (codebook == "base" and len(code) == 3)
