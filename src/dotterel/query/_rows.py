"""Store rows -> records. Column names come from the store schema; rows are read whole with
``fetchall`` (DuckDB refuses the next statement while a result is half read)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from dotterel.errors import QueryError
from dotterel.query._types import MAX_LIMIT, ArticleRef
from dotterel.records import Actor, Article, Claim, Event, Place

Row = dict[str, Any]


def run(con: duckdb.DuckDBPyConnection, sql: str,
        params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
    """Execute and read to the end (a half-read result blocks the connection's next statement)."""
    return con.execute(sql, list(params or [])).fetchall()


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, map(_plain, row))) for row in cur.fetchall()]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.isoformat() if isinstance(value, date) else value


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    found = con.execute("SELECT column_name FROM information_schema.columns "
                        "WHERE table_schema = 'main' AND table_name = ?", [table]).fetchall()
    return {r[0] for r in found}


def as_date(value: date | str | None, name: str) -> date | None:
    """A date argument: a date, or a ``YYYY-MM-DD`` string. Raises ``QueryError`` [E401]."""
    if value is None or isinstance(value, date):
        return value
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise QueryError(f"{name} must be a date as YYYY-MM-DD (for example 2023-06-10), "
                     f"got {value!r}")


def check_page(limit: int, offset: int) -> None:
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise QueryError(f"offset must be 0 or more, got {offset}")


def like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with its wildcards escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actor(row: Row, role: str) -> Actor | None:
    text, code = row.get(f"{role}_text"), row.get(f"{role}_code")
    if text is None and code is None:
        return None
    return Actor(text=text or "", code=code, sector=row.get(f"{role}_sector"),
                 name=row.get(f"{role}_name"), start=row.get(f"{role}_start"),
                 end=row.get(f"{role}_end"), kind=row.get(f"{role}_kind"))


def place(row: Row) -> Place | None:
    if row.get("location_name") is None:
        return None
    return Place(name=row["location_name"], country=row.get("location_country"),
                 lat=row.get("location_lat"), lon=row.get("location_lon"),
                 geonameid=row.get("location_geonameid"), feature=row.get("location_feature"))


def event(row: Row) -> Event:
    return Event(
        id=row["id"], sentence=row["sentence"], sentence_text=row["sentence_text"],
        sentence_start=row["sentence_start"] or 0, trigger=row["trigger"],
        trigger_start=row["trigger_start"], trigger_end=row["trigger_end"],
        actor=actor(row, "actor"), recipient=actor(row, "recipient"), cameo=row["cameo"],
        plover_type=row.get("plover_type"), plover_mode=row.get("plover_mode"),
        goldstein=row["goldstein"], quad_class=row["quad_class"], location=place(row),
        negated=bool(row.get("negated")), hypothetical=bool(row.get("hypothetical")),
        confidence=row.get("confidence") or 0.0, date=row.get("event_date"),
        reported_by=row.get("reported_by"))


def claim(row: Row) -> Claim:
    return Claim(id=row["id"], sentence=row["sentence"], speaker=actor(row, "speaker"),
                 cue=row["cue"], content=row["content"], content_start=row["content_start"],
                 content_end=row["content_end"], stance=row["stance"],
                 responds_to=row.get("responds_to"), cue_start=row.get("cue_start"))


def article_ref(row: Row) -> ArticleRef:
    return ArticleRef(id=row["article_id"], title=row.get("article_title"),
                      date=row.get("article_date"), input_id=row.get("article_input_id"))


def article(row: Row) -> Article:
    return Article(id=row["id"], text=row["text"], title=row.get("title"), date=row.get("date"),
                   source=row.get("source"), url=row.get("url"), input_id=row.get("input_id"),
                   origin=row.get("origin"), body_start=row.get("body_start") or 0)
