"""Where events happened: the located events matching the event filters, grouped by place, for
a map. Each place says its level (city, region, country): a country-level place is the country
itself, and its coordinates (its capital's) are not where the events happened."""
from __future__ import annotations

from datetime import date

import duckdb

from dotterel.errors import QueryError
from dotterel.query import _rows
from dotterel.query._events import _where, event_source
from dotterel.query._types import EventPlace
from dotterel.vocab import LEVELS

# the level of a location stored before schema 4 carried it, from its feature (contract.LEVELS)
LEVEL_SQL = ("coalesce(e.location_level, CASE e.location_feature WHEN 'country' THEN 'country' "
             "WHEN 'admin1' THEN 'region' ELSE 'city' END)")


def event_places(con: duckdb.DuckDBPyConnection, *, actor: str | None = None,
                 recipient: str | None = None, type: str | None = None,  # noqa: A002
                 since: date | str | None = None, until: date | str | None = None,
                 undirected: bool = False, level: str | None = None,
                 limit: int = 500) -> tuple[EventPlace, ...]:
    """The places of the real-world events matching the filters (those of ``events``), each
    with its events and their reports (``mentions``), most reported first. ``level`` keeps one
    level (city, region or country). Raises ``QueryError`` [E401] for a bad argument."""
    _rows.check_page(limit, 0)
    if level is not None and level not in LEVELS:
        raise QueryError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    where, params = _where(actor=actor, recipient=recipient, undirected=undirected)
    for clause, value in (("upper(e.plover_type) = upper(?)", type),
                          ("e.event_date >= ?", _rows.as_date(since, "since")),
                          ("e.event_date <= ?", _rows.as_date(until, "until")),
                          (f"{LEVEL_SQL} = ?", level)):
        if value is not None and value != "":
            where.append(clause)
            params.append(value)
    rows = _rows.fetch(con, f"""
        SELECT e.location_name AS name, e.location_country AS country, {LEVEL_SQL} AS level,
               avg(e.location_lat) AS lat, avg(e.location_lon) AS lon, count(*) AS events,
               sum(e.num_mentions) AS mentions, min(e.event_date) AS first,
               max(e.event_date) AS last
        FROM {event_source()} e
        WHERE e.location_name IS NOT NULL AND {" AND ".join(where)}
        GROUP BY 1, 2, 3 ORDER BY mentions DESC, events DESC, name, country LIMIT ?""",
        [*params, limit])
    return tuple(EventPlace(name=r["name"], country=r["country"], level=r["level"],
                            lat=r["lat"], lon=r["lon"], events=int(r["events"]),
                            mentions=int(r["mentions"]), first=r["first"], last=r["last"])
                 for r in rows)
