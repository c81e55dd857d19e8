"""Dyads: the most active actor pairs, and one pair's events per day, week or month (counts
per quad class and mean Goldstein score)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

from dotterel.errors import QueryError
from dotterel.query import _rows
from dotterel.query._events import event_source
from dotterel.query._types import DyadSeries, DyadSummary, SeriesPoint
from dotterel.vocab import PERIODS

MAX_POINTS = 20_000  # a daily series of 55 years; longer ones should be asked by week or month
_PERIOD_SQL = {"day": "e.event_date", "week": "CAST(date_trunc('week', e.event_date) AS DATE)",
               "month": "CAST(date_trunc('month', e.event_date) AS DATE)"}
_MEASURES = "count(*) AS n, avg(e.goldstein) AS mean_goldstein, " + ", ".join(
    f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))


def top_dyads(con: duckdb.DuckDBPyConnection, *, since: date | str | None = None,
              until: date | str | None = None, internal: bool = False,
              limit: int = 20) -> tuple[DyadSummary, ...]:
    """Actor pairs with the most events between them (either direction), busiest first.
    Pairs of one code with itself (internal events) only with ``internal``."""
    _rows.check_page(limit, 0)
    where = ["e.actor_code IS NOT NULL", "e.recipient_code IS NOT NULL"]
    params: list[Any] = []
    if not internal:
        where.append("e.actor_code <> e.recipient_code")
    for clause, value in (("e.event_date >= ?", _rows.as_date(since, "since")),
                          ("e.event_date <= ?", _rows.as_date(until, "until"))):
        if value is not None:
            where.append(clause)
            params.append(value)
    rows = _rows.fetch(
        con, "SELECT least(e.actor_code, e.recipient_code) AS a, "
        "greatest(e.actor_code, e.recipient_code) AS b, count(*) AS n, "
        "avg(e.goldstein) AS mean_goldstein, "
        "count(*) FILTER (WHERE e.quad_class >= 3) AS conflict, "
        f"min(e.event_date) AS first, max(e.event_date) AS last FROM {event_source()} e "
        f"WHERE {' AND '.join(where)} GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?",
        [*params, limit])
    return tuple(DyadSummary(a=r["a"], b=r["b"], events=r["n"], conflict=r["conflict"],
                             mean_goldstein=_round(r["mean_goldstein"]), first=r["first"],
                             last=r["last"]) for r in rows)


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, *, by: str = "month",
                directed: bool = False, mentions: bool = False) -> DyadSeries:
    """Events between ``a`` and ``b`` (a -> b only when ``directed``) per period: every period
    from the first to the last is present, empty ones with zero events; undated events are
    counted apart in ``undated``. Counts are of real-world events (clusters of reports), or
    of reports with ``mentions``."""
    if by not in PERIODS:
        raise QueryError(f"by must be one of {', '.join(PERIODS)}, got {by!r}")
    pair = "(upper(e.actor_code) = upper(?) AND upper(e.recipient_code) = upper(?))"
    where, params = pair, [a, b]
    if not directed:
        where, params = f"({pair} OR {pair})", [a, b, b, a]
    rows = _rows.fetch(
        con, f"SELECT {_PERIOD_SQL[by]} AS period, {_MEASURES} "
        f"FROM {event_source(mentions=mentions)} e WHERE {where} "
        "GROUP BY 1 ORDER BY 1 NULLS LAST", params)
    points = {r["period"]: _point(r) for r in rows}
    undated = points.pop(None, None)
    return DyadSeries(a=a.upper(), b=b.upper(), by=by, directed=directed,
                      points=_fill(points, by), undated=undated)


def _point(row: dict[str, Any]) -> SeriesPoint:
    return SeriesPoint(period=row["period"], events=row["n"],
                       quad_counts=(row["q1"], row["q2"], row["q3"], row["q4"]),
                       mean_goldstein=_round(row["mean_goldstein"]))


def _fill(points: dict[str, SeriesPoint], by: str) -> tuple[SeriesPoint, ...]:
    if not points:
        return ()
    day, last = date.fromisoformat(min(points)), date.fromisoformat(max(points))
    out: list[SeriesPoint] = []
    while day <= last:
        key = day.isoformat()
        out.append(points.get(key) or SeriesPoint(key, 0, (0, 0, 0, 0), None))
        if len(out) > MAX_POINTS:
            raise QueryError(f"the series has more than {MAX_POINTS} periods; ask for it by "
                             "week or month")
        day = _next(day, by)
    return tuple(out)


def _next(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)
