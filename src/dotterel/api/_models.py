"""Pydantic models of the API's JSON: what ``/openapi.json`` documents. The handlers build
plain JSON with ``dotterel.contract`` (plus what the store adds); these models check and
document it. Event and claim fields are the JSON contract of ARCHITECTURE.md."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_found.")
    message: str
    details: Optional[list[dict]] = None


class ErrorOut(BaseModel):
    error: ErrorBody


class ActorOut(BaseModel):
    text: Optional[str]
    code: Optional[str]
    sector: Optional[str]
    name: Optional[str]
    start: Optional[int]
    end: Optional[int]


class PlaceOut(BaseModel):
    name: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]


class PloverOut(BaseModel):
    type: Optional[str]
    mode: Optional[str]


class ArticleRefOut(BaseModel):
    id: str
    title: Optional[str]
    date: Optional[str]


class EventOut(BaseModel):
    id: str
    sentence: int
    sentence_text: str
    sentence_start: int
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: Optional[ActorOut]
    recipient: Optional[ActorOut]
    cameo: str
    plover: PloverOut
    goldstein: float
    quad_class: int
    location: Optional[PlaceOut]
    date: Optional[str]
    negated: bool
    hypothetical: bool
    reported_by: Optional[str]
    confidence: float


class StoredEventOut(EventOut):
    article: ArticleRefOut


class ClaimOut(BaseModel):
    id: str
    sentence: int
    speaker: Optional[ActorOut]
    cue: str
    cue_start: Optional[int]
    content: str
    content_start: int
    content_end: int
    stance: str
    responds_to: Optional[str]


class StoredClaimOut(ClaimOut):
    article: ArticleRefOut
    responses: int = Field(description="Claims that reply to this one.")
    challenges: int = Field(description="Replies that deny, dispute or demand evidence.")
    challenged_by: list[str] = Field(description="Who challenges it (speaker codes or words).")
    thread_id: Optional[str] = Field(None, description="Its thread across articles, where the "
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
    thread_id: Optional[str]
    source: Literal["responds_to", "thread_id"]
    entries: list[ThreadEntryOut]


class QuadCountsOut(BaseModel):
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class SeriesPointOut(BaseModel):
    period: Optional[str] = Field(description="First day of the period; null for undated events.")
    events: int
    quad_counts: QuadCountsOut
    mean_goldstein: Optional[float]


class SeriesOut(BaseModel):
    a: str
    b: str
    by: Literal["day", "week", "month"]
    directed: bool
    points: list[SeriesPointOut]
    undated: Optional[SeriesPointOut]


class DyadOut(BaseModel):
    a: str
    b: str
    events: int
    conflict: int = Field(description="Events in quad classes 3 and 4.")
    mean_goldstein: Optional[float]
    first: Optional[str]
    last: Optional[str]


class DyadList(BaseModel):
    items: list[DyadOut]


class ArticleOut(BaseModel):
    id: str
    input_id: Optional[str]
    title: Optional[str]
    date: Optional[str]
    source: Optional[str]
    url: Optional[str]
    origin: Optional[str]
    body_start: int
    text: str


class ArticleViewOut(BaseModel):
    article: ArticleOut
    events: list[EventOut]
    claims: list[ClaimOut]


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="The article: line 1 is the headline when "
                      "no title is given and there are several lines.")
    title: Optional[str] = None
    date: Optional[str] = Field(None, description="yyyy-mm-dd")
    source: Optional[str] = None
    url: Optional[str] = None


class CodedArticleOut(BaseModel):
    id: str
    hash: str
    title: Optional[str]
    date: Optional[str]
    source: Optional[str]
    url: Optional[str]
    origin: Optional[str]
    language: str
    text: str


class StoredSummaryOut(BaseModel):
    articles_new: int
    articles_skipped: int
    events: int
    claims: int


class CodeOut(BaseModel):
    article: CodedArticleOut
    events: list[EventOut]
    claims: list[ClaimOut]
    stored: Optional[StoredSummaryOut] = None


class StatusOut(BaseModel):
    schema_version: int
    counts: dict[str, int]
    writes: bool
