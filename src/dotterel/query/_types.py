"""What the named queries return: frozen records wrapping the stage records of
``dotterel.records`` with what only the store knows (which article, its date, replies)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from dotterel.records import Article, Claim, Event

T = TypeVar("T")
MAX_LIMIT = 1000  # rows per page; a client pages with offset beyond it


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: str  # the article's hash, as the store names it (``articles.id``, ``article_id``)
    title: str | None
    date: str | None  # ISO yyyy-mm-dd
    input_id: str | None = None  # the id its input record gave (``dotterel code``'s article.id)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A stored event with its article and the counts of its cluster (the real-world event it
    reports): reports, articles and sources."""

    event: Event
    article: ArticleRef
    cluster_id: str | None = None
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A stored claim with its article, how many claims reply to it, how many of those contest
    it (deny, dispute, demand evidence) and who contests it (speaker codes or texts)."""

    claim: Claim
    article: ArticleRef
    responses: int = 0
    challenges: int = 0
    challenged_by: tuple[str, ...] = ()
    thread_id: str | None = None  # the cross-article thread, where the store links them


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of a dyad series; ``period`` is its first day (None: the undated events)."""

    period: str | None
    events: int
    quad_counts: tuple[int, int, int, int]  # quad classes 1..4
    mean_goldstein: float | None


@dataclass(frozen=True, slots=True)
class DyadSeries:
    a: str
    b: str
    by: str
    directed: bool
    points: tuple[SeriesPoint, ...]  # every period from the first to the last, gaps as zeros
    undated: SeriesPoint | None  # events with no date, kept apart


@dataclass(frozen=True, slots=True)
class DyadSummary:
    a: str  # the pair in code order: a < b
    b: str
    events: int
    mean_goldstein: float | None
    conflict: int  # events in quad classes 3 and 4
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: Article
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class ThreadEntry:
    stored: StoredClaim
    depth: int  # replies between it and the thread's root (0: the root)


@dataclass(frozen=True, slots=True)
class ClaimThread:
    claim_id: str  # the claim asked for
    root_id: str
    thread_id: str | None  # the store's thread id (source "thread_id"), else None
    entries: tuple[ThreadEntry, ...]  # by article date (undated last), then text order
    source: Literal["responds_to", "thread_id"]  # how the thread was found


@dataclass(frozen=True, slots=True)
class EventPlace:
    """A place where events happened, for a map: the real-world events placed there and their
    reports. ``level`` is "city" (a town or site), "region" or "country"; a country-level place
    is the whole country, and ``lat``/``lon`` (its capital's) are not where the events were."""

    name: str
    country: str | None
    level: str
    lat: float | None
    lon: float | None
    events: int
    mentions: int
    first: str | None  # ISO dates of its first and last event (None: undated)
    last: str | None
