"""Direct quotes: the quoted text as a claim of whoever the attribution names.

A quote may run over several sentences, and its "he said" may come in the sentence where it
ends or the sentence after it ('"We will not allow it. Never," the minister said.'). The
attribution is a speech verb outside the quote marks, in the sentence where the quote ends, else
in the one where it starts, else in the next sentence when that sentence is short.
"""
from __future__ import annotations

from collections.abc import Sequence

from dotterel.records import Sentence, Token

OPEN, CLOSE, STRAIGHT = "\u201c", "\u201d", '"'
MAX_QUOTE = 3000  # characters; a longer "quote" is an unbalanced quote mark
SHORT_ATTRIBUTION = 12  # tokens: '"...", he said.' as a sentence of its own


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each quote of three words or more. Quote marks are
    paired in order within a paragraph (curly marks by their direction, straight marks
    alternately), so a short quote ('a "serious" condition') never swallows the text after it."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            opened = None
        elif ch == OPEN or (ch == STRAIGHT and opened is None):
            opened = i + 1
        elif (ch == CLOSE or ch == STRAIGHT) and opened is not None:
            if len(text[opened:i].split()) >= 3 and i - opened <= MAX_QUOTE:
                out.append((opened, i))
            opened = None
    return out


def _sentence_at(sentences: Sequence[Sentence], offset: int) -> int | None:
    """The sentence holding ``offset``, else the nearest one (a sentence may have been left
    unparsed by the prefilter)."""
    best, gap = None, 10**9
    for n, s in enumerate(sentences):
        if s.start <= offset <= s.end:
            return n
        d = min(abs(s.start - offset), abs(s.end - offset))
        if d < gap:
            best, gap = n, d
    return best if gap <= 200 else None


def _cue(sent: Sentence, span: tuple[int, int], cues: set[str]) -> Token | None:
    """A speech verb of ``sent`` that lies outside the quote."""
    for t in sent.tokens:
        if t.pos in ("VERB", "AUX") and t.lemma.lower() in cues and not span[0] <= t.idx < span[1]:
            return t
    return None


def attributions(sentences: Sequence[Sentence], text: str, cues: set[str]
                 ) -> list[tuple[tuple[int, int], Sentence, Token]]:
    """(quote span, sentence holding the cue, cue token) for every attributed quote."""
    out: list[tuple[tuple[int, int], Sentence, Token]] = []
    for span in quote_spans(text):
        first, last = _sentence_at(sentences, span[0]), _sentence_at(sentences, span[1])
        if first is None or last is None:
            continue
        tries = [last, first]
        if last + 1 < len(sentences) and len(sentences[last + 1].tokens) <= SHORT_ATTRIBUTION:
            tries.append(last + 1)
        for n in tries:
            cue = _cue(sentences[n], span, cues)
            if cue is not None:
                out.append((span, sentences[n], cue))
                break
        else:
            if out and _continues(text, out[-1][0], span):  # '"...," he said. "And more."'
                out.append((span, out[-1][1], out[-1][2]))
    return out


def _continues(text: str, before: tuple[int, int], span: tuple[int, int]) -> bool:
    """A quote that follows an attributed quote in the same paragraph, with at most a short
    attribution between them, goes on in the same voice."""
    between = text[before[1]:span[0]]
    return "\n" not in between and len(between) <= 80
