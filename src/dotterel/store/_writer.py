"""Write a batch of results in one transaction, as Arrow tables (DuckDB is orders of magnitude
slower with row-by-row inserts)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import duckdb
import pyarrow as pa

from dotterel.records import Actor, ArticleResult, Claim, Event, Failure, Place
from dotterel.store._clusters import cluster_events
from dotterel.store._schema import ARTICLES, CLAIMS, EVENTS, FAILURES, PLACES, RUNS, Table
from dotterel.store._sql import run, scalar
from dotterel.store._threads import link_claims


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one ``write_batch`` stored. ``articles_skipped`` counts articles already stored and
    repeats within the batch; ``failures`` counts the failures not recorded before."""

    articles_new: int
    articles_skipped: int
    events: int
    claims: int
    failures: int


def write_batch(con: duckdb.DuckDBPyConnection, results: Sequence[ArticleResult],
                failures: Sequence[Failure]) -> WriteSummary:
    """Insert the new articles (with their events, claims and places) and the new failures.
    The caller owns the transaction."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    run_id = int(scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM runs"))
    unique = list({r.article.id: r for r in reversed(results)}.values())[::-1]  # first one wins
    stored = _existing(con, "articles", [r.article.id for r in unique])
    new = [r for r in unique if r.article.id not in stored]
    events = _dedupe(e for r in new for e in _event_rows(r))
    claims = _dedupe(c for r in new for c in _claim_rows(r))
    fails = _new_failures(con, failures, now=now, run_id=run_id)
    _insert(con, ARTICLES, [_article_row(r, now=now, run_id=run_id) for r in new])
    _insert(con, EVENTS, events)
    cluster_events(con, [e["id"] for e in events])
    _insert(con, CLAIMS, claims)
    link_claims(con, [c["id"] for c in claims])
    _insert(con, PLACES, [p for r in new for p in _place_rows(r)])
    _insert(con, FAILURES, fails)
    summary = WriteSummary(articles_new=len(new), articles_skipped=len(results) - len(new),
                           events=len(events), claims=len(claims), failures=len(fails))
    _insert(con, RUNS, [{"id": run_id, "written_at": now, **_counts(summary)}])
    return summary


def _insert(con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    data = pa.Table.from_pylist(rows, schema=table.arrow)
    view = f"_dotterel_new_{table.name}"
    cols = ", ".join(f'"{c}"' for c in table.names)
    con.register(view, data)
    try:
        run(con, f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM "{view}"')
    finally:
        con.unregister(view)


def _existing(con: duckdb.DuckDBPyConnection, table: str, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    con.register("_dotterel_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        found = run(con, f'SELECT t.id FROM "{table}" t JOIN "_dotterel_ids" USING (id)')
        return {row[0] for row in found}
    finally:
        con.unregister("_dotterel_ids")


def _dedupe(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row["id"], row)
    return list(seen.values())


def _counts(summary: WriteSummary) -> dict[str, int]:
    return {"articles_new": summary.articles_new, "articles_skipped": summary.articles_skipped,
            "events": summary.events, "claims": summary.claims, "failures": summary.failures}


def _iso_date(value: str | None) -> date | None:
    """``yyyy-mm-dd`` (a time after it is ignored) as a date; anything else is no date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article_row(r: ArticleResult, *, now: datetime, run_id: int) -> dict[str, Any]:
    a = r.article
    return {"id": a.id, "input_id": a.input_id, "title": a.title, "date": _iso_date(a.date),
            "source": a.source, "url": a.url, "origin": a.origin, "text": a.text,
            "body_start": a.body_start, "language": r.language, "n_events": len(r.events),
            "n_claims": len(r.claims), "ingested_at": now, "run_id": run_id}


def _actor(role: str, actor: Actor | None) -> dict[str, Any]:
    a = actor or Actor(text="", code=None)
    present = actor is not None
    return {f"{role}_text": a.text if present else None, f"{role}_code": a.code,
            f"{role}_sector": a.sector, f"{role}_name": a.name, f"{role}_kind": a.kind,
            f"{role}_start": a.start, f"{role}_end": a.end}


def _location(place: Place | None) -> dict[str, Any]:
    p = place or Place(name="", country=None, lat=None, lon=None)
    return {"location_name": p.name if place else None, "location_country": p.country,
            "location_lat": p.lat, "location_lon": p.lon, "location_geonameid": p.geonameid,
            "location_feature": p.feature}


def _event_rows(r: ArticleResult) -> list[dict[str, Any]]:
    return [_event_row(e, article_id=r.article.id, article_date=r.article.date) for e in r.events]


def _event_row(e: Event, *, article_id: str, article_date: str | None) -> dict[str, Any]:
    return {"id": e.id, "article_id": article_id, "sentence": e.sentence,
            "sentence_text": e.sentence_text, "sentence_start": e.sentence_start,
            "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
            **_actor("actor", e.actor), **_actor("recipient", e.recipient),
            "cameo": e.cameo, "cameo_root": e.cameo[:2] or None, "plover_type": e.plover_type,
            "plover_mode": e.plover_mode, "goldstein": e.goldstein, "quad_class": e.quad_class,
            **_location(e.location), "negated": e.negated, "hypothetical": e.hypothetical,
            "confidence": e.confidence, "event_date": _iso_date(e.date or article_date),
            "reported_by": e.reported_by}


def _claim_rows(r: ArticleResult) -> list[dict[str, Any]]:
    return [_claim_row(c, article_id=r.article.id) for c in r.claims]


def _claim_row(c: Claim, *, article_id: str) -> dict[str, Any]:
    return {"id": c.id, "article_id": article_id, "sentence": c.sentence,
            **_actor("speaker", c.speaker), "cue": c.cue, "cue_start": c.cue_start,
            "content": c.content, "content_start": c.content_start,
            "content_end": c.content_end, "stance": c.stance, "responds_to": c.responds_to,
            "about": " ".join(c.about) or None, "thread_id": None}


def _place_rows(r: ArticleResult) -> list[dict[str, Any]]:
    return [{"id": f"{r.article.id}:{n}", "article_id": r.article.id, "name": p.name,
             "country": p.country, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
             "feature": p.feature, "start_char": p.start, "end_char": p.end}
            for n, p in enumerate(r.places)]


def failure_id(f: Failure) -> str:
    """Failures are the same when origin, line and code are: their id is a hash of the three."""
    raw = f"{f.origin}\x1f{'' if f.line is None else f.line}\x1f{f.code}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def _new_failures(con: duckdb.DuckDBPyConnection, failures: Sequence[Failure], *,
                  now: datetime, run_id: int) -> list[dict[str, Any]]:
    rows = _dedupe({"id": failure_id(f), "origin": f.origin, "line": f.line, "code": f.code,
                    "message": f.message, "recorded_at": now, "run_id": run_id}
                   for f in failures)
    stored = _existing(con, "failures", [r["id"] for r in rows])
    return [r for r in rows if r["id"] not in stored]
