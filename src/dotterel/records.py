"""Typed records passed between stages.

The flow is one way: ``Article`` -> ``Sentence``/``Token`` (nlp) -> ``Actor``/``Place`` ->
``Event``/``Claim`` -> ``ArticleResult``. Every record is a frozen dataclass; stages never pass
dicts with string keys. ``dotterel.contract`` turns an ``ArticleResult`` into the JSON contract of
ARCHITECTURE.md.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``text`` is the normalised full text (headline, standfirst, body, one
    paragraph per line); every offset in the output points into it."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None
    url: str | None = None
    input_id: str | None = None  # the id given in a JSONL line, echoed in the output
    origin: str | None = None  # "path" or "path:line"
    body_start: int = 0  # offset where the body starts (after headline and standfirst)


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the dependency parse. ``head`` and ``i`` index into the sentence's tokens;
    ``idx`` is the character offset in the article text."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    idx: int
    ent_type: str = ""
    ent_iob: str = "O"  # "B", "I" or "O"
    morph: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A parsed sentence. ``index`` is its position in the article; ``start``/``end`` are
    character offsets into the article text."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    paragraph: int = 0

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i and t.i != i]

    def subtree(self, i: int) -> list[Token]:
        """Tokens dominated by token ``i`` (itself included), in order."""
        keep = {i}
        changed = True  # heads are not always left of their dependents: iterate to a fixpoint
        while changed:
            changed = False
            for t in self.tokens:
                if t.i not in keep and t.head in keep and t.head != t.i:
                    keep.add(t.i)
                    changed = True
        return [t for t in self.tokens if t.i in keep]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something, or to whom. ``code`` is ISO 3166 alpha-3 or a PLOVER non-state code
    (IGO, UNO, NGO, IMG, MNC, ...); ``sector`` a PLOVER/CAMEO sector (GOV, MIL, REB, COP, ...:
    ``dotterel.vocab.SECTORS``, or one a user's dictionary brings)."""

    text: str
    code: str | None
    sector: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str | None = None  # "country", "organisation", "person", "group", "role"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str | None = None  # "country", "city", "admin1"
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    sentence: int
    sentence_text: str
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: Actor | None
    recipient: Actor | None
    cameo: str
    plover_type: str | None  # one of dotterel.vocab.PLOVER_TYPES
    plover_mode: str | None
    goldstein: float
    quad_class: int
    location: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    sentence_start: int = 0
    date: str | None = None  # the event date where the text gives one, else the article date
    reported_by: str | None = None  # the speaker when the event is told inside reported speech
    dropped: str | None = None  # why selection left it out of the default output (candidates)
    nominal: bool = False  # the trigger is a noun ("the attack", "Iran's claim")


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    sentence: int
    speaker: Actor | None
    cue: str
    content: str
    content_start: int
    content_end: int
    stance: str  # one of dotterel.vocab.STANCES: asserts, denies, disputes, supports, ...
    responds_to: str | None = None
    cue_start: int | None = None
    about: tuple[str, ...] = ()  # actor codes and names the content mentions, for threading


@dataclass(frozen=True, slots=True)
class Failure:
    """A bad input that did not become an article: which input, which line, why."""

    origin: str
    code: str
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    places: tuple[Place, ...] = ()
    language: str = "en"
    candidates: tuple[Event, ...] = ()  # what selection dropped, each with its reason
