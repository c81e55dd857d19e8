"""The ``/api`` endpoints. Each one is a named query (``dotterel.query``) on a connection
opened for the request, answered as JSON; filters are parameters of that query, never SQL."""
from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BeforeValidator

from dotterel import query
from dotterel.api import _json
from dotterel.api import _models as M
from dotterel.api._errors import ApiError
from dotterel.contract import result_json, stored_claim_json, stored_event_json, thread_json
from dotterel.errors import E403
from dotterel.vocab import PLOVER_TYPES, Level, Period, Stance

router = APIRouter(prefix="/api", tags=["api"])
ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": M.ErrorOut, "description": d} for s, d in (
        (400, "A query argument is malformed or out of range (E401), or the body is not JSON "
              "(E402)."),
        (404, "No such article or claim (E404), or no such path (E405)."),
        (422, "A parameter or the body does not validate (E402)."),
        (500, "An unexpected internal error (E900)."),
        (503, "The database is busy (E301, with Retry-After) or cannot be opened (E3xx)."))}
Code = Annotated[str, Path(min_length=2, max_length=32, description="Actor code, e.g. AFG.")]
Limit = Annotated[int, Query(ge=0, le=query.MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="Rows to skip.")]  # DuckDB: BIGINT
Text = str | None


def _iso_date(value: Any) -> Any:
    """Dates are ISO ``YYYY-MM-DD`` only: pydantic would read a number as a Unix time."""
    if isinstance(value, date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?")


def _iso_time(value: Any) -> Any:
    """A time as ISO 8601 (a date, or a date and time with an optional offset), as naive UTC."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise ValueError("expected a time as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z or +HH:MM]")
    try:
        return query.as_utc(value)
    except query.QueryError as exc:
        raise ValueError(exc.message) from None


IsoTime = Annotated[datetime, BeforeValidator(_iso_time)]
DAY = timedelta(days=1)
PloverQuery = Annotated[Text, Query(max_length=32, description="PLOVER type (any case): "
                                    + ", ".join(PLOVER_TYPES) + ".")]


def _db(request: Request) -> Any:
    return request.app.state.database


@router.get("/events", response_model=M.EventPage, responses=ERRORS)
def events(request: Request,
           actor: Annotated[Text, Query(max_length=32, description="Actor code.")] = None,
           recipient: Annotated[Text, Query(max_length=32, description="Recipient code.")] = None,
           type: PloverQuery = None,  # noqa: A002
           cameo: Annotated[Text, Query(max_length=8, pattern=r"^\d{1,4}$",
                                        description="CAMEO code prefix.")] = None,
           since: IsoDate | None = None, until: IsoDate | None = None,
           undirected: Annotated[bool, Query(description="Also recipient -> actor.")] = False,
           article: Annotated[Text, Query(max_length=64, description="Article id.")] = None,
           mentions: Annotated[bool, Query(description="One row per report, not per "
                                                       "real-world event.")] = False,
           limit: Limit = 100, offset: Offset = 0) -> Any:
    """Events, filtered; oldest first, undated last; a page at a time. One row per real-world
    event (a cluster of reports) unless ``mentions`` is set."""
    with _db(request).open() as store:
        found = query.events(store.connection, actor=actor, recipient=recipient, type=type,
                             cameo=cameo, since=since, until=until, undirected=undirected,
                             article_id=article, limit=limit, offset=offset,
                             mentions=mentions)
    return _json.page(found, stored_event_json)


@router.get("/places", response_model=M.EventPlaceList, responses=ERRORS)
def places(request: Request,
           actor: Annotated[Text, Query(max_length=32, description="Actor code.")] = None,
           recipient: Annotated[Text, Query(max_length=32, description="Recipient code.")] = None,
           type: PloverQuery = None,  # noqa: A002
           since: IsoDate | None = None, until: IsoDate | None = None,
           undirected: Annotated[bool, Query(description="Also recipient -> actor.")] = False,
           level: Annotated[Level | None, Query(description="Only places of this level.")] = None,
           limit: Annotated[int, Query(ge=0, le=query.MAX_LIMIT)] = 500) -> Any:
    """Where the events matching the filters happened, by place, most reported first; each
    place says its level. A country-level place is the country, not a point at its capital."""
    with _db(request).open() as store:
        found = query.event_places(store.connection, actor=actor, recipient=recipient,
                                   type=type, since=since, until=until, undirected=undirected,
                                   level=level, limit=limit)
    return {"items": [asdict(p) for p in found]}


@router.get("/dyads", response_model=M.DyadList, responses=ERRORS)
def dyads(request: Request, since: IsoDate | None = None, until: IsoDate | None = None,
          internal: Annotated[bool, Query(description="Include pairs of one code with "
                                                      "itself.")] = False,
          limit: Annotated[int, Query(ge=0, le=query.MAX_LIMIT)] = 20) -> Any:
    """The most active actor pairs (either direction), busiest first."""
    with _db(request).open() as store:
        found = query.top_dyads(store.connection, since=since, until=until, internal=internal,
                                limit=limit)
    return {"items": [_json.dyad(d) for d in found]}


@router.get("/dyads/{a}/{b}/series", response_model=M.SeriesOut, responses=ERRORS)
def dyad_series(request: Request, a: Code, b: Code,
                by: Period = "month",
                directed: Annotated[bool, Query(description="Only a -> b.")] = False,
                mentions: Annotated[bool, Query(description="Count reports, not real-world "
                                                            "events.")] = False) -> Any:
    """Events between two actors per period: counts per quad class, mean Goldstein score.
    Counts are of real-world events (clusters of reports) unless ``mentions`` is set."""
    with _db(request).open() as store:
        found = query.dyad_series(store.connection, a, b, by=by, directed=directed,
                                  mentions=mentions)
    return _json.series(found)


@router.get("/claims", response_model=M.ClaimPage, responses=ERRORS)
def claims(request: Request,
           speaker: Annotated[Text, Query(max_length=32, description="Speaker code.")] = None,
           q: Annotated[Text, Query(max_length=200, description="Free text.")] = None,
           stance: Stance | None = None,
           disputed: Annotated[bool, Query(description="Only claims denied, disputed or "
                                                       "asked for evidence.")] = False,
           limit: Limit = 100, offset: Offset = 0) -> Any:
    """Claims, most recently challenged first."""
    with _db(request).open() as store:
        found = query.claims(store.connection, speaker=speaker, q=q, stance=stance,
                             disputed=disputed, limit=limit, offset=offset)
    return _json.page(found, stored_claim_json)


@router.get("/claims/{claim_id}", response_model=M.ThreadOut, responses=ERRORS)
def claim_thread(request: Request, claim_id: Annotated[str, Path(max_length=64)]) -> Any:
    """The thread a claim belongs to: what started it and every reply, by date."""
    with _db(request).open() as store:
        return thread_json(query.claim_thread(store.connection, claim_id))


@router.get("/articles", response_model=M.StoredArticlePage, responses=ERRORS)
def articles(request: Request,
             since: Annotated[IsoTime | None, Query(description="Stored at or after this time "
                              "(ISO 8601; no offset: UTC); default: a day ago.")] = None,
             limit: Annotated[int, Query(ge=0, le=query.MAX_LIMIT)] = 50,
             offset: Offset = 0) -> Any:
    """The articles stored since a time, newest first, each with its events and claims: what
    ``dotterel watch`` brought in."""
    start = since or datetime.now(timezone.utc).replace(tzinfo=None) - DAY
    with _db(request).open() as store:
        found = query.articles(store.connection, since=start, limit=limit, offset=offset)
    return {"since": start.isoformat(), **_json.page(found, _json.stored_article)}


@router.get("/articles/{article_id:path}", response_model=M.ArticleViewOut, responses=ERRORS)
def article(request: Request, article_id: Annotated[str, Path(max_length=512)]) -> Any:
    """An article's text, with its events and claims and their offsets into the text."""
    with _db(request).open() as store:
        return _json.article_view(query.article(store.connection, article_id))


@router.post("/code", response_model=M.CodeOut,
             responses={**ERRORS,
                        403: {"model": M.ErrorOut, "description": "Writing is not allowed on "
                              "this server (E403)."},
                        413: {"model": M.ErrorOut, "description": "The body is over 1 MB "
                              "(E406)."},
                        422: {"model": M.ErrorOut, "description": "The body does not validate "
                              "(E402), or the text cannot be coded (its E1xx code)."}})
def code(request: Request, body: M.CodeRequest,
         store: Annotated[bool, Query(description="Also store it (needs --allow-writes).")] = False
         ) -> Any:
    """Code a text with the pipeline; stored only with ``store=true`` on a server started
    with ``--allow-writes``."""
    database = _db(request)
    if store and not database.writable:
        raise ApiError(403, "forbidden", "this server is read-only; start it with "
                       "dotterel serve --allow-writes to store coded articles", code=E403)
    result = request.app.state.coder.code(body)
    out = result_json(result)
    out["article"]["text"] = result.article.text
    if store:
        with database.open() as opened:
            summary = opened.write_batch([result])
        out["stored"] = {k: v for k, v in asdict(summary).items() if k != "failures"}
    return out


@router.get("/status", response_model=M.StatusOut, responses=ERRORS)
def status(request: Request) -> Any:
    """Rows per table, the schema version, and whether this server may write."""
    database = _db(request)
    with database.open() as store:
        return {"schema_version": store.schema_version, "counts": query.counts(store.connection),
                "writes": database.writable}
