"""Pydantic models of the API's JSON: what ``/openapi.json`` documents. The handlers build
plain JSON with ``dotterel.contract`` (plus what the store adds); these models check and
document it. Event and claim fields are the JSON contract of ARCHITECTURE.md."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from dotterel.api._errors import KINDS
from dotterel.errors import CATALOGUE
from dotterel.vocab import PLOVER_TYPES, Level, Period, PloverType, Stance

_CODES = "; ".join(f"{code}: {meaning}" for code, meaning in CATALOGUE.items()
                   if code[1] in "1349")  # what a request can meet: inputs, store, queries
_KINDS = "; ".join(f"{kind} ({status}): {meaning}" for kind, (status, meaning) in KINDS.items())
ErrorKind = Literal[tuple(KINDS)]  # type: ignore[valid-type]


class ErrorBody(BaseModel):
    code: str = Field(pattern=r"^E\d{3}$", examples=["E401"],
                      description="The error's code in dotterel's catalogue (dotterel.errors), "
                      f"stable across versions. {_CODES}.")
    kind: ErrorKind = Field(  # type: ignore[valid-type]
        description=f"What kind of failure, in words: {_KINDS}.")
    message: str = Field(description="What happened, and what to do about it.")
    details: list[dict] | None = Field(None, description="For invalid_request: each parameter "
                                       "or field that did not validate, and why.")


class ErrorOut(BaseModel):
    error: ErrorBody


class ActorOut(BaseModel):
    text: str | None
    code: str | None
    sector: str | None
    name: str | None
    start: int | None
    end: int | None


_LEVEL = ("How precise the place is: city (a town or a site), region (a province or state) or "
          "country (the whole country; lat and lon are then its capital's, not where it "
          "happened).")


class PlaceOut(BaseModel):
    name: str
    country: str | None
    level: Level = Field(description=_LEVEL)
    lat: float | None
    lon: float | None
    geonameid: int | None


class EventPlaceOut(BaseModel):
    name: str
    country: str | None
    level: Level = Field(description=_LEVEL)
    lat: float | None
    lon: float | None
    events: int = Field(description="Real-world events placed here.")
    mentions: int = Field(description="Reports of those events.")
    first: str | None
    last: str | None


class EventPlaceList(BaseModel):
    items: list[EventPlaceOut]


class PloverOut(BaseModel):
    type: PloverType | None = Field(description="PLOVER event type: " + ", ".join(PLOVER_TYPES)
                                    + "; null where PLOVER does not code the event.")
    mode: str | None


class ArticleRefOut(BaseModel):
    id: str = Field(description="The article's hash (articles.id and article_id in the store "
                    "and its exports).")
    input_id: str | None = Field(None, description="The id its input record gave (a JSONL "
                                 "line's id): what dotterel code prints as article.id.")
    title: str | None
    date: str | None


class EventOut(BaseModel):
    id: str
    sentence: int
    sentence_text: str
    sentence_start: int
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: ActorOut | None
    recipient: ActorOut | None
    cameo: str
    plover: PloverOut
    goldstein: float
    quad_class: int
    location: PlaceOut | None
    date: str | None
    negated: bool
    hypothetical: bool
    reported_by: str | None
    confidence: float


class StoredEventOut(EventOut):
    article: ArticleRefOut
    cluster_id: str | None = Field(None, description="The real-world event (cluster of "
                                   "reports) it belongs to: the id of its first report.")
    num_mentions: int = Field(1, description="Reports of its real-world event.")
    num_articles: int = Field(1, description="Articles reporting it.")
    num_sources: int = Field(1, description="Sources reporting it.")


class ClaimOut(BaseModel):
    id: str
    sentence: int
    speaker: ActorOut | None
    cue: str
    cue_start: int | None
    content: str
    content_start: int
    content_end: int
    stance: Stance
    responds_to: str | None


class StoredClaimOut(ClaimOut):
    article: ArticleRefOut
    responses: int = Field(description="Claims that reply to this one.")
    challenges: int = Field(description="Replies that deny, dispute or demand evidence.")
    challenged_by: list[str] = Field(description="Who challenges it (speaker codes or words).")
    thread_id: str | None = Field(None, description="Its thread across articles, where the "
                                     "store links claims into threads.")


class ThreadEntryOut(StoredClaimOut):
    depth: int = Field(description="Replies between this claim and the thread's root.")


class EventPage(BaseModel):
    items: list[StoredEventOut]
    total: int
    limit: int
    offset: int


class ClaimPage(BaseModel):
    items: list[StoredClaimOut]
    total: int
    limit: int
    offset: int


class ThreadOut(BaseModel):
    claim_id: str
    root_id: str
    thread_id: str | None
    source: Literal["responds_to", "thread_id"]
    entries: list[ThreadEntryOut]


class QuadCountsOut(BaseModel):
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class SeriesPointOut(BaseModel):
    period: str | None = Field(description="First day of the period; null for undated events.")
    events: int
    quad_counts: QuadCountsOut
    mean_goldstein: float | None


class SeriesOut(BaseModel):
    a: str
    b: str
    by: Period
    directed: bool
    points: list[SeriesPointOut]
    undated: SeriesPointOut | None


class DyadOut(BaseModel):
    a: str
    b: str
    events: int
    conflict: int = Field(description="Events in quad classes 3 and 4.")
    mean_goldstein: float | None
    first: str | None
    last: str | None


class DyadList(BaseModel):
    items: list[DyadOut]


class ArticleOut(BaseModel):
    id: str = Field(description="The article's hash, as the store names it.")
    input_id: str | None = Field(description="The id its input record gave, if any.")
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    origin: str | None
    body_start: int
    text: str


class ArticleViewOut(BaseModel):
    article: ArticleOut
    events: list[EventOut]
    claims: list[ClaimOut]


class StoredArticleOut(BaseModel):
    id: str = Field(description="The article's hash, as the store names it.")
    input_id: str | None
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    origin: str | None
    stored_at: str = Field(description="When the store took it, ISO 8601, UTC.")
    events: list[EventOut]
    claims: list[ClaimOut]


class StoredArticlePage(BaseModel):
    since: str = Field(description="The start of the window, ISO 8601, UTC.")
    items: list[StoredArticleOut]
    total: int
    limit: int
    offset: int


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="The article: line 1 is the headline when "
                      "no title is given and there are several lines.")
    title: str | None = None
    date: str | None = Field(None, description="yyyy-mm-dd")
    source: str | None = None
    url: str | None = None


class CodedArticleOut(BaseModel):
    id: str = Field(description="The input's own id when it gave one, else the hash (the JSON "
                    "contract's article.id, as dotterel code prints it).")
    hash: str = Field(description="The article's hash: its id in the store (article_id).")
    input_id: str | None = Field(None, description="The input's own id, if any.")
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    origin: str | None
    language: str
    text: str


class StoredSummaryOut(BaseModel):
    articles_new: int
    articles_skipped: int
    events: int
    claims: int


class CodeOut(BaseModel):
    contract_version: str = Field(description="Version of the JSON contract (dotterel.contract).")
    article: CodedArticleOut
    events: list[EventOut]
    claims: list[ClaimOut]
    stored: StoredSummaryOut | None = None


class StatusOut(BaseModel):
    schema_version: int
    counts: dict[str, int]
    writes: bool
