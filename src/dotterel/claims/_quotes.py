"""Direct quotes: the quoted text as a claim of whoever the attribution names.

A quote may run over several sentences, and its "he said" may come in the sentence where it
ends or the sentence after it ('"We will not allow it. Never," the minister said.'). The
attribution is a speech verb outside the quote marks, in the sentence where the quote ends, else
in the one where it starts, else in the next sentence when that sentence is short, else the main
verb of the clause the quote completes after a colon ('In his message, he praised him: "..."').
A quote left open at the end of a paragraph goes on in the next one, news style, in the same
voice.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from dotterel.records import Sentence, Token

OPEN, CLOSE, STRAIGHT = "\u201c", "\u201d", '"'
MAX_QUOTE = 3000  # characters; a longer "quote" is an unbalanced quote mark
SHORT_ATTRIBUTION = 12  # tokens: '"...", he said.' as a sentence of its own
# verbs of a finding, which a quote after a colon may spell out ("finding that ...: '...'")
FINDING_VERBS = frozenset({"find", "rule", "conclude", "decide", "determine"})


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each quote of three words or more. Quote marks are
    paired in order within a paragraph (curly marks by their direction, straight marks
    alternately), so a short quote ('a "serious" condition') never swallows the text after it."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if opened is not None and text[opened:i].strip()[-1:] in ".!?" \
                    and len(text[opened:i].split()) >= 3 and i - opened <= MAX_QUOTE:
                out.append((opened, i))  # a quote that goes on in the next paragraph
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


def _cue(sent: Sentence, spans: Sequence[tuple[int, int]], cues: Collection[str],
         documents: Collection[str] = (), before: int | None = None) -> Token | None:
    """A speech verb of ``sent`` that lies outside every quote (and before ``before``, when
    given); "read" counts when a statement reads ('"...," read the statement')."""
    for t in sent.tokens:
        if t.pos not in ("VERB", "AUX") or any(a <= t.idx < b for a, b in spans) \
                or (before is not None and t.idx >= before):
            continue
        if t.lemma.lower() in cues or (t.lemma.lower() == "read" and any(
                k.head == t.i and k.dep == "nsubj" and k.lemma.lower() in documents
                for k in sent.tokens)):
            return t
    return None


def attributions(sentences: Sequence[Sentence], text: str, cues: Collection[str], *,
                 documents: Collection[str] = ()
                 ) -> list[tuple[tuple[int, int], Sentence, Token]]:
    """(quote span, sentence holding the cue, cue token) for every attributed quote."""
    out: list[tuple[tuple[int, int], Sentence, Token]] = []
    spans = quote_spans(text)
    for span in spans:
        first, last = _sentence_at(sentences, span[0]), _sentence_at(sentences, span[1])
        if first is None or last is None:
            continue
        tries = [last, first]
        if last + 1 < len(sentences) and len(sentences[last + 1].tokens) <= SHORT_ATTRIBUTION:
            tries.append(last + 1)
        ended = _ends_sentence(text, span)
        for n in tries:
            cue = _cue(sentences[n], spans, cues, documents,
                       before=span[0] if ended and n == last else None)
            if cue is not None:
                out.append((span, sentences[n], cue))
                break
        else:
            cue = _introducer(sentences[first], span, text, cues)
            if cue is not None:  # 'In his message, he praised him: "..."'
                out.append((span, sentences[first], cue))
            elif out and _continues(text, out[-1][0], span):  # '"...," he said. "And more."'
                out.append((span, out[-1][1], out[-1][2]))
    return out


def _ends_sentence(text: str, span: tuple[int, int]) -> bool:
    """The quote closes its sentence and a new one starts after it ('... you know that."
    UNESCO said ...'): a speech verb after it is not its attribution, though a sentence
    splitter may have joined the two. '"Are you serious?" he asked' goes on."""
    inside = text[span[0]:span[1]].rstrip()
    after = text[span[1] + 1:span[1] + 40].lstrip(" " + CLOSE + STRAIGHT)
    return inside[-1:] in ".!?" and after[:1].isupper()


def _introducer(sent: Sentence, span: tuple[int, int], text: str,
                cues: Collection[str] = ()) -> Token | None:
    """The verb of the clause a quote completes after a colon ('he praised them: "..."'), or
    after a comma when the quote runs to the end of the sentence ('defended his decision, "As I
    have stated ..."'): the last verb before the quote that has its subject before it; when
    that verb is what a speech verb reports ('the court ruled, finding that the case was not
    for the courts: "..."'), the speech verb."""
    before = text[:span[0]].rstrip(" " + OPEN + STRAIGHT)
    mark = before[-1:]
    if mark not in (":", ",") or not sent.start <= len(before) - 1 < sent.end:
        return None
    if mark == "," and text[span[1]:sent.end].strip(" .\"" + CLOSE):
        return None
    found = None
    for t in sent.tokens:
        if t.pos in ("VERB", "AUX") and t.idx < span[0] and any(
                k.head == t.i and k.dep == "nsubj" and k.idx < t.idx for k in sent.tokens):
            found = t  # the last verb with a subject before the quote
    by_i = {t.i: t for t in sent.tokens}
    for _ in range(3):
        head = by_i.get(found.head) if found is not None else None
        if found is None or found.dep != "ccomp" or head is None \
                or head.lemma.lower() not in set(cues) | FINDING_VERBS:
            break
        found = head
    return found


def _continues(text: str, before: tuple[int, int], span: tuple[int, int]) -> bool:
    """A quote that follows an attributed quote in the same paragraph, with at most a short
    attribution between them, goes on in the same voice; so does a paragraph that opens with a
    quote when the one before ended inside an unclosed quote (news style for a long quote)."""
    between = text[before[1]:span[0]]
    if text[before[1]:before[1] + 1] == "\n":
        return not between.strip(" \n" + OPEN + STRAIGHT)
    return "\n" not in between and len(between) <= 80
