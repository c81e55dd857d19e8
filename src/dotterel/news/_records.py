"""The records the news stages pass: a feed to follow, a fetched answer, a feed item, a page
turned into articles (or a failure), and what a fetch or a watch cycle did."""
from __future__ import annotations

from dataclasses import dataclass, field

from dotterel.records import Article, Failure


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """A line of the feeds file: the feed's URL and the source name its articles take."""

    url: str
    source: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """An HTTP answer read within the limits. ``url`` is what was asked for, ``final_url``
    where it was answered after redirects; ``location`` is set on a redirect (3xx) only;
    ``status`` 304 means not modified (no body)."""

    url: str
    final_url: str
    status: int
    content_type: str = ""  # the media type, lower case, without parameters
    charset: str | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """An item a feed lists: ``url`` is its canonical URL (what items are de-duplicated by),
    ``link`` the absolute link as listed (what is fetched)."""

    url: str
    link: str
    feed_url: str
    source: str | None = None
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, from the feed


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """One feed fetched: its items, or nothing new (304), or its failure. ``etag`` and
    ``last_modified`` are the validators to send next time."""

    spec: FeedSpec
    status: int | None
    items: tuple[FeedItem, ...] = ()
    failure: Failure | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class Download:
    """One URL fetched: the answer, or the failure. ``item``: the feed item it came from."""

    url: str
    item: FeedItem | None = None
    fetched: Fetched | None = None
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class PageResult:
    """One URL fetched and extracted: its articles (the parts of a long one), or its failure.
    ``item`` is the feed item it came from, if any."""

    url: str
    articles: tuple[Article, ...] = ()
    failure: Failure | None = None
    item: FeedItem | None = None


@dataclass(slots=True)
class NewsSummary:
    """What a fetch (or a cycle's pages) stored: like ``dotterel ingest``'s summary."""

    pages: int = 0
    articles_new: int = 0
    articles_skipped: int = 0  # stored already (the same text, from this URL or another)
    events: int = 0
    claims: int = 0
    failures: int = 0
    failure_samples: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def add_failures(self, failures: list[Failure]) -> None:
        self.failures += len(failures)
        self.failure_samples.extend(failures[: max(0, 20 - len(self.failure_samples))])


@dataclass(slots=True)
class CycleSummary(NewsSummary):
    """One ``watch`` cycle: the feeds read, not modified, failed and disabled, the new items,
    and what their pages stored."""

    number: int = 0
    feeds: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    disabled: list[str] = field(default_factory=list)  # feeds skipped: they kept failing
    newly_disabled: list[str] = field(default_factory=list)
    new_items: int = 0
    stopped: bool = False  # interrupted: the rest of the new items wait for the next cycle

    def line(self) -> str:
        """The one-line summary ``watch`` prints after each cycle."""
        feeds = f"{self.feeds} feeds ({self.feeds_not_modified} not modified, " \
                f"{self.feeds_failed} failed, {len(self.disabled)} disabled)"
        stored = f"{self.articles_new} articles stored, {self.articles_skipped} already stored"
        tail = ", stopped early" if self.stopped else ""
        return (f"cycle {self.number}: {feeds}, {self.new_items} new items, {stored}, "
                f"{self.events} events, {self.claims} claims, {self.failures} failures, "
                f"{self.seconds:.1f} s{tail}")
