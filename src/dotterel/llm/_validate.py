"""Strict validation of the model's answer: JSON in the schema's shape, codes in the codebook,
quotes that are in their sentence. Anything else is an ``LLMError`` (E503-E506) that names
the sentence and what is wrong; nothing is guessed or repaired.
"""
from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from dotterel.errors import E503, E504, E505, E506, LLMError
from dotterel.llm._prompt import EVENT_KEYS, sentence_key
from dotterel.records import Sentence

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Span:
    """A quote from a sentence, with offsets into the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Proposal:
    """One event as the model gave it, checked: its quotes located in the sentence."""

    sentence: Sentence
    trigger: Span
    cameo: str
    actor: Span | None
    recipient: Span | None
    negated: bool
    hypothetical: bool


def parse_answer(content: str, sentences: Sequence[Sentence], codes: Collection[str], *,
                 max_events: int | None = None, source: str = "LLM") -> list[Proposal]:
    """The events of ``content`` (the model's text) for ``sentences``, in sentence order.
    ``source`` names the endpoint in error messages."""
    data = _load(content, source)
    expected = {sentence_key(s): s for s in sentences}
    if unknown := sorted(set(data) - set(expected)):
        raise _bad(source, f"names sentences that were not asked about: {', '.join(unknown)}")
    if missing := [k for k in expected if k not in data]:
        raise _bad(source, f"leaves out sentences: {', '.join(missing)}")
    out: list[Proposal] = []
    for key, sent in expected.items():
        items = data[key]
        if not isinstance(items, list):
            raise _bad(source, f"{key} is {type(items).__name__}, not a list of events")
        if max_events is not None and len(items) > max_events:
            raise _bad(source, f"{key} has {len(items)} events, more than {max_events}")
        out.extend(_proposal(item, sent, codes, where=f"{source}: {key}[{n}]")
                   for n, item in enumerate(items))
    return out


def _load(content: str, source: str) -> dict[str, Any]:
    fenced = _FENCE.match(content)
    try:
        data = json.loads(fenced.group(1) if fenced else content)
    except ValueError as exc:
        raise LLMError(f"{source}: output is not JSON ({exc}): {content[:200]!r}",
                       code=E503) from None
    if not isinstance(data, dict):
        raise _bad(source, f"output is a JSON {type(data).__name__}, not an object")
    return data


def _proposal(item: Any, sent: Sentence, codes: Collection[str], *, where: str) -> Proposal:
    if not isinstance(item, dict):
        raise _bad(where, f"an event is a JSON {type(item).__name__}, not an object")
    if extra := sorted(set(item) - set(EVENT_KEYS)):
        raise _bad(where, f"unexpected keys {extra}")
    if missing := [k for k in EVENT_KEYS if k not in item]:
        raise _bad(where, f"missing keys {missing}")
    for key in ("trigger", "cameo"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise _bad(where, f"{key} must be a non-empty string, not {item[key]!r}")
    for key in ("actor", "recipient"):
        if item[key] is not None and (not isinstance(item[key], str) or not item[key].strip()):
            raise _bad(where, f"{key} must be a non-empty string or null, not {item[key]!r}")
    for key in ("negated", "hypothetical"):
        if not isinstance(item[key], bool):
            raise _bad(where, f"{key} must be true or false, not {item[key]!r}")
    if item["cameo"] not in codes:
        raise LLMError(f"{where}: CAMEO code {item['cameo']!r} is not in the codebook "
                       "(events/data/cameo.tsv)", code=E505)
    return Proposal(sentence=sent, trigger=locate(item["trigger"], sent, where=where),
                    cameo=item["cameo"], actor=_party(item["actor"], sent, where),
                    recipient=_party(item["recipient"], sent, where),
                    negated=item["negated"], hypothetical=item["hypothetical"])


def _party(text: str | None, sent: Sentence, where: str) -> Span | None:
    return None if text is None else locate(text, sent, where=where)


def locate(quote: str, sent: Sentence, *, where: str = "LLM") -> Span:
    """The first place ``quote`` stands in the sentence as whole words (exactly, else ignoring
    case), with offsets into the article text. E506 when it is not there."""
    text = quote.strip()
    for flags in (0, re.IGNORECASE):
        pattern = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)", flags)
        if m := pattern.search(sent.text):
            return Span(text=m.group(0), start=sent.start + m.start(), end=sent.start + m.end())
    raise LLMError(f"{where}: {quote!r} is not in sentence {sent.index} ({sent.text[:120]!r})",
                   code=E506)


def _bad(where: str, what: str) -> LLMError:
    return LLMError(f"{where}: output does not follow the event schema: {what}", code=E504)
