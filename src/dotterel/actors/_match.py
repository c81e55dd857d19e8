"""Find dictionary mentions in a span of tokens, longest match first, and mark which ones belong
to the phrase's own head.

A span is cut into pieces (see ``_text``). From each piece the matcher walks both tries and takes
the longest alias that ends there; when nothing matches, a single-token role may still match by
its lemma ("children" -> "child"). Each mention is then marked:

- ``attached``: it describes the head of the phrase. Everything before the first preposition is
  attached, and so are phrases opened by "of", "in", "from", "for", "at", "inside", "within"
  ("the Foreign Minister of Afghanistan", "rebels in Ivory Coast"). Any other preposition, a
  relative pronoun, a finite verb or a participle after a noun detaches the rest ("the
  ambassador of France *to Iran*", "the Red Cross *operating in Iraq*").
- ``excluded``: a sponsor or target, not the actor itself: "Iran-backed", "Israeli-occupied",
  "NATO-member", "pro-Russian", "anti-Taliban".
- ``possessor``: followed by "'s" ("Iran's foreign minister").
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from dotterel.actors._dictionary import END, Dictionary, Entry, Node
from dotterel.actors._text import fold, split
from dotterel.records import Token

ATTACH = frozenset({"of", "in", "from", "for", "at", "inside", "within"})
DETACH = frozenset({
    "to", "with", "against", "on", "over", "about", "into", "onto", "toward", "towards", "by",
    "near", "between", "among", "amongst", "after", "before", "during", "without", "through",
    "via", "than", "like", "behind", "beyond", "around", "outside", "under", "upon", "despite",
    "following", "including", "except", "versus", "vs", "who", "whom", "whose", "which", "that",
    "where", "when", "while", "because", "if", "as"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
PARTICIPLES = frozenset({"VBG", "VBN"})
NOUNS = frozenset({"NOUN", "PROPN"})
# "<mention>-backed": the mention sponsors or holds the actor; it is not the actor
SPONSOR = frozenset({
    "backed", "sponsored", "supported", "funded", "financed", "allied", "aligned", "affiliated",
    "linked", "inspired", "armed", "trained", "friendly", "leaning", "occupied", "held",
    "controlled", "annexed", "born", "based", "style", "made", "member"})
AGAINST = frozenset({"pro", "anti", "non"})  # "pro-Iranian", "anti-Taliban"
POSSESSIVE = frozenset({"'s", "'"})


class Span(NamedTuple):
    """Parallel lists, one item per piece of the span's tokens."""

    exact: list[str]
    folded: list[str]
    token: list[int]  # index into the span's tokens
    start: list[int]  # character offsets in the article
    end: list[int]
    tokens: Sequence[Token]


class Mention(NamedTuple):
    start: int  # first piece
    end: int  # piece after the last
    entry: Entry
    attached: bool
    excluded: bool
    possessor: bool


def cut(tokens: Sequence[Token]) -> Span:
    span = Span([], [], [], [], [], tokens)
    for k, tok in enumerate(tokens):
        for text, folded, offset in split(tok.text):
            span.exact.append(text)
            span.folded.append(folded)
            span.token.append(k)
            span.start.append(tok.idx + offset)
            span.end.append(tok.idx + offset + len(text))
    return span


def find_mentions(span: Span, d: Dictionary) -> list[Mention]:
    """All mentions in ``span``, left to right, none overlapping."""
    found: list[tuple[int, int, Entry]] = []
    i, n = 0, len(span.folded)
    while i < n:
        hit = match_at(span, i, d) or _lemma_role(span, i, d)
        if hit is None or _in_person_name(span, i, hit):
            i += 1
            continue
        found.append((i, hit[0], hit[1]))
        i = hit[0]
    modes = _attachment(span, found)
    return [Mention(s, e, entry, attached, _excluded(span, s, e),
                    e < n and span.folded[e] in POSSESSIVE)
            for (s, e, entry), attached in zip(found, modes)]


def _in_person_name(span: Span, i: int, hit: tuple[int, Entry]) -> bool:
    """An ethnic or role word inside a person's name ("Mumtaz Zahra Baloch") is the name."""
    if hit[1].kind not in ("group", "role"):
        return False
    if not all(span.tokens[span.token[j]].ent_type == "PERSON" for j in range(i, hit[0])):
        return False
    # the name goes on around the word; a PERSON span that is just the group ("Bosnian Serbs",
    # which the tagger sometimes calls a person) is the group
    first, last = span.token[i], span.token[hit[0] - 1]
    before = first > 0 and span.tokens[first - 1].ent_type == "PERSON"
    after = last + 1 < len(span.tokens) and span.tokens[last + 1].ent_type == "PERSON"
    return before or after


def match_at(span: Span, i: int, d: Dictionary) -> tuple[int, Entry] | None:
    """The longest alias starting at piece ``i``: (piece after it, entry)."""
    best = _walk(d.exact, span.exact, i, capital=True)
    loose = _walk(d.folded, span.folded, i, capital=not span.exact[i][:1].islower())
    if loose is not None and (best is None or loose[0] > best[0]):
        best = loose
    return best


def _walk(root: Node, keys: list[str], i: int, *, capital: bool) -> tuple[int, Entry] | None:
    best: tuple[int, Entry] | None = None
    node: Node = root
    for j in range(i, len(keys)):
        child = node.get(keys[j])
        if child is None:
            break
        node = child
        value = node.get(END)
        if value is not None and (capital or not value[1]):
            best = (j + 1, value[0])
    return best


def _lemma_role(span: Span, i: int, d: Dictionary) -> tuple[int, Entry] | None:
    k = span.token[i]
    if (i > 0 and span.token[i - 1] == k) or (i + 1 < len(span.token) and span.token[i + 1] == k):
        return None  # only a whole one-piece token
    entry = d.lemma_roles.get(fold(span.tokens[k].lemma))
    return (i + 1, entry) if entry is not None else None


def _attachment(span: Span, found: list[tuple[int, int, Entry]]) -> list[bool]:
    """For each mention, whether it lies in the part of the span that describes its head."""
    out: list[bool] = []
    attached, seen, i, k = True, False, 0, 0
    while i < len(span.folded):
        if k < len(found) and found[k][0] == i:
            out.append(attached)
            seen, i, k = True, found[k][1], k + 1
            continue
        if seen and attached and _detaches(span, i):
            attached = False
        seen = seen or span.folded[i][:1].isalnum()
        i += 1
    return out


def _detaches(span: Span, i: int) -> bool:
    word = span.folded[i]
    if word in ATTACH or (i > 0 and span.folded[i - 1] == "-"):
        return False
    if word in DETACH:
        return True
    k = span.token[i]
    tok = span.tokens[k]
    if fold(tok.text) != word:
        return False  # a piece of a longer token
    if tok.pos == "ADP" or tok.tag in FINITE_TAGS:
        return True
    # a participle after a noun opens a clause: "the Red Cross operating in Iraq"
    return tok.tag in PARTICIPLES and k > 0 and span.tokens[k - 1].pos in NOUNS


def _excluded(span: Span, start: int, end: int) -> bool:
    f = span.folded
    if end + 1 < len(f) and f[end] == "-" and f[end + 1] in SPONSOR:
        return True
    return start >= 2 and f[start - 1] == "-" and f[start - 2] in AGAINST
