"""What the model may quote from a sentence: trigger words and actor phrases, from the parse.

The schema offers these as enums, so a server that enforces the schema can only quote text that
is in the sentence; validation still checks every quote, for servers that do not.
"""
from __future__ import annotations

from collections.abc import Sequence

from dotterel.actors import strip_edges
from dotterel.records import Sentence, Token

FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "PART", "NUM", "SYM",
                          "SPACE", "INTJ"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
MAX_SPAN_TOKENS = 12
MAX_SPANS = 40
EDGE = frozenset({",", ";", ":", ".", "-", "--", "\u2013", "\u2014", '"', "'", "\u201c", "\u201d",
                  "\u2018", "\u2019", "(", ")"})


def trigger_words(sent: Sentence) -> list[str]:
    """The sentence's content words, once each, in order (headline verbs tagged PROPN too)."""
    wordy = [t for t in sent.tokens if any(c.isalpha() for c in t.text)]
    words = [t.text for t in wordy if t.pos not in FUNCTION_POS] or [t.text for t in wordy]
    return list(dict.fromkeys(words))


def actor_spans(sent: Sentence) -> list[str]:
    """Noun phrases that may name an actor: each nominal with its whole subtree, and with its
    left modifiers only ("Iran's foreign minister", "Iran's foreign minister, Hossein ...")."""
    spans: list[str] = []
    for t in sent.tokens:
        if t.pos not in NOMINAL_POS or t.dep == "compound":
            continue
        tree = sent.subtree(t.i)
        for toks in (_contiguous(tree, upto=t.i), _contiguous(tree)):
            if text := _text(sent, _trim(toks)):
                spans.append(text)
    return list(dict.fromkeys(spans))[:MAX_SPANS]


def _contiguous(tokens: Sequence[Token], *, upto: int | None = None) -> list[Token]:
    """The run of ``tokens`` without gaps that ends at ``upto`` (or holds all of them)."""
    if upto is not None:
        run: list[Token] = []
        for t in reversed([t for t in tokens if t.i <= upto]):
            if run and t.i != run[0].i - 1:
                break
            run.insert(0, t)
        return run
    ordered = sorted(tokens, key=lambda t: t.i)
    gapless = all(b.i == a.i + 1 for a, b in zip(ordered, ordered[1:]))
    return ordered if gapless and len(ordered) <= MAX_SPAN_TOKENS else []


def _trim(tokens: list[Token]) -> list[Token]:
    return list(strip_edges(tokens, EDGE))


def _text(sent: Sentence, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    start, end = tokens[0].idx - sent.start, tokens[-1].idx + len(tokens[-1].text) - sent.start
    return sent.text[start:end]
