"""The CAMEO codebook and the trigger lexicon (``events/data/cameo.tsv``, ``triggers.tsv``).

``load_lexicon()`` reads the packaged files once and caches the result; ``load_lexicon(extra)``
adds user trigger files on top (same format; a later pattern with the same pos and pattern
replaces an earlier one). Malformed lines raise ``DictionaryError`` E201, triggers naming a
CAMEO code absent from the codebook raise E202; both messages start with ``file:line``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from dotterel.errors import E201, E202, DictionaryError

_CODE = re.compile(r"\d{2,4}")
_LEMMA = re.compile(r"[a-z0-9][a-z0-9'.\-]*")
_POS = ("V", "N", "L")


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class TriggerPattern:
    pos: str  # "V" or "N"
    lemma: str
    constraints: tuple[frozenset[str], ...]  # each: lemmas of which one must be a dependent
    cameo: str
    source: str  # "file:line"

    @property
    def specificity(self) -> int:
        return len(self.constraints)


@dataclass(frozen=True)
class Lexicon:
    cameo: dict[str, CameoCode]
    verbs: dict[str, tuple[TriggerPattern, ...]]
    nouns: dict[str, tuple[TriggerPattern, ...]]
    light_verbs: frozenset[str]

    def code(self, cameo: str) -> CameoCode:
        """The codebook entry for ``cameo``; an unknown code falls back to its 3-digit
        parent, then to its root. Raises KeyError when not even the root is known."""
        for key in (cameo, cameo[:3], cameo[:2]):
            if key in self.cameo:
                return self.cameo[key]
        raise KeyError(cameo)

    def candidates(self, pos: str, lemma: str) -> tuple[TriggerPattern, ...]:
        """Patterns for a trigger lemma, most specific first (ties: later definition first)."""
        if pos == "V":
            return self.verbs.get(lemma, ())
        if pos == "N":
            return self.nouns.get(lemma, ())
        raise ValueError(f"pos must be 'V' or 'N', not {pos!r}")


def _rows(text: str, origin: str) -> Iterable[tuple[str, list[str]]]:
    """Yield (``origin:line``, tab-separated fields) for each non-blank, non-comment line."""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if line.strip() and not line.lstrip().startswith("#"):
            yield f"{origin}:{number}", [field.strip() for field in line.split("\t")]


def _malformed(where: str, why: str) -> DictionaryError:
    return DictionaryError(f"{where}: {why}", code=E201)


def _parse_cameo(text: str, origin: str) -> dict[str, CameoCode]:
    book: dict[str, CameoCode] = {}
    for where, f in _rows(text, origin):
        if f[0] == "code":
            continue  # header
        if len(f) < 4 or len(f) > 6:
            raise _malformed(where, f"expected 4-6 tab-separated columns, got {len(f)}")
        f += [""] * (6 - len(f))
        code, label, goldstein, quad, ptype, pmode = f
        if not _CODE.fullmatch(code):
            raise _malformed(where, f"bad CAMEO code {code!r}")
        try:
            weight, quad_class = float(goldstein), int(quad)
        except ValueError:
            raise _malformed(where, f"bad goldstein {goldstein!r} or quad class {quad!r}") from None
        if not -10.0 <= weight <= 10.0 or quad_class not in (1, 2, 3, 4):
            raise _malformed(where, f"goldstein {weight} or quad class {quad_class} out of range")
        book[code] = CameoCode(code, label, weight, quad_class, ptype or None, pmode or None)
    return book


def _parse_triggers(text: str, origin: str, book: dict[str, CameoCode],
                    into: dict[tuple[str, str, frozenset[frozenset[str]]], TriggerPattern],
                    light: set[str]) -> None:
    for where, f in _rows(text, origin):
        if f[0] == "pos":
            continue  # optional header
        if len(f) < 3:
            raise _malformed(where, "expected pos, pattern and cameo separated by tabs")
        pos, pattern, cameo = f[0], f[1], f[2]
        if pos not in _POS:
            raise _malformed(where, f"pos must be V, N or L, not {pos!r}")
        words = [word.split("|") for word in pattern.split()]
        if not words or not all(_LEMMA.fullmatch(a) for word in words for a in word):
            raise _malformed(where, f"bad pattern {pattern!r} (lowercase lemmas, '|' between "
                                    "alternatives, spaces between words)")
        if pos == "L":
            if cameo != "-":
                raise _malformed(where, f"a light verb takes '-' as cameo, not {cameo!r}")
            light.update(words[0])
            continue
        if not _CODE.fullmatch(cameo):
            raise _malformed(where, f"bad CAMEO code {cameo!r}")
        if cameo not in book:
            raise DictionaryError(f"{where}: unknown CAMEO code {cameo!r}", code=E202)
        constraints = tuple(frozenset(word) for word in words[1:])
        for lemma in words[0]:
            into.pop((pos, lemma, frozenset(constraints)), None)  # re-insert: latest last
            into[(pos, lemma, frozenset(constraints))] = TriggerPattern(
                pos, lemma, constraints, cameo, where)


def _index(patterns: Sequence[TriggerPattern], pos: str) -> dict[str, tuple[TriggerPattern, ...]]:
    grouped: dict[str, list[tuple[int, TriggerPattern]]] = {}
    for order, p in enumerate(patterns):
        if p.pos == pos:
            grouped.setdefault(p.lemma, []).append((order, p))
    return {lemma: tuple(p for _, p in sorted(items, key=lambda t: (-t[1].specificity, -t[0])))
            for lemma, items in grouped.items()}


def _build(extra: Sequence[Path]) -> Lexicon:
    data = files("dotterel.events.data")
    book = _parse_cameo(data.joinpath("cameo.tsv").read_text(encoding="utf-8"), "cameo.tsv")
    found: dict[tuple[str, str, frozenset[frozenset[str]]], TriggerPattern] = {}
    light: set[str] = set()
    _parse_triggers(data.joinpath("triggers.tsv").read_text(encoding="utf-8"), "triggers.tsv",
                    book, found, light)
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DictionaryError(f"{path}:0: cannot read lexicon file ({exc})", code=E201) from exc
        _parse_triggers(text, str(path), book, found, light)
    patterns = list(found.values())
    return Lexicon(book, _index(patterns, "V"), _index(patterns, "N"), frozenset(light))


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    return _build(())


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The packaged codebook and triggers, plus the user trigger files in ``extra`` (in order)."""
    return _build(tuple(extra)) if extra else _default()
