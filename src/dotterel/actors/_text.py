"""How text is cut into matchable pieces, shared by the dictionary loader and the matcher.

A *piece* is a word, a dotted abbreviation ("U.S."), a possessive "'s" or one punctuation mark.
Dictionary aliases and token texts are cut the same way, so "Taliban-led" matches the same
whether the tokenizer gave one token or three ("Taliban", "-", "led"), and "al-Qaeda" matches
"al Qaeda" written with a hyphen or not only where the dictionary lists both.

Folding (for case-insensitive keys) lowercases and strips accents: "Côte" -> "cote".
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

_PIECE = re.compile(r"(?i:'s)\b|\w+(?:\.\w+)+\.?|\w+|[^\w\s]")
_CHARS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                        "\u2010": "-", "\u2011": "-"})

Piece = tuple[str, str, int]  # (text, folded text, offset in the source string)
T = TypeVar("T")


def strip_edges(tokens: Sequence[T], edge: frozenset[str]) -> Sequence[T]:
    """``tokens`` without the leading and trailing ones whose ``.text`` is in ``edge``
    (punctuation around a noun phrase: '"the rebels",' -> 'the rebels')."""
    lo, hi = 0, len(tokens)
    while lo < hi and tokens[lo].text in edge:  # type: ignore[attr-defined]
        lo += 1
    while hi > lo and tokens[hi - 1].text in edge:  # type: ignore[attr-defined]
        hi -= 1
    return tokens[lo:hi]


def fold(text: str) -> str:
    """Lowercase ``text`` and strip accents."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 16)
def split(text: str) -> tuple[Piece, ...]:
    """The pieces of ``text`` with their folded forms and offsets (cached: token texts repeat)."""
    norm = text.translate(_CHARS)
    return tuple((m.group(), fold(m.group()), m.start()) for m in _PIECE.finditer(norm))


def is_short_caps(alias: str) -> bool:
    """True for aliases such as "US", "U.N.", "IS", "WHO": one to three letters, all capitals.
    These match case-sensitively, so that "us" and "who" stay pronouns."""
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters)


def pluralise(phrase: str, *, demonym: bool = False) -> str | None:
    """A regular English plural of a role phrase or demonym ("minister" -> "ministers",
    "head of state" -> "heads of state", "gunman" -> "gunmen", "church" -> "churches"), or None
    where the phrase already reads as plural or has no plural ("troops", "Swiss", "Chinese",
    "British", "Dutch"). Irregular plurals are listed in the data files."""
    words = phrase.split(" ")
    at = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    plural = _plural_word(words[at], demonym=demonym)
    if plural is None:
        return None
    return " ".join(words[:at] + [plural] + words[at + 1:])


def _plural_word(word: str, *, demonym: bool) -> str | None:
    low = word.lower()
    if not low[-1:].isalpha():
        return None
    if demonym and low.endswith(("s", "ese", "sh", "ch", "x", "z")):
        return None
    if low.endswith("man") and not demonym:  # "gunman"; but "German" -> "Germans"
        return word[:-3] + "men"
    if low.endswith(("ss", "sh", "ch", "x", "z")):
        return word + "es"
    if low.endswith("s"):
        return None
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
