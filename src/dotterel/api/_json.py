"""Query records -> the API's JSON: the contract of ``dotterel.contract`` plus what the store
adds (the article, replies, depth in a thread)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dotterel.contract import claim_json, event_json
from dotterel.query import (
    QUAD_CLASSES, ArticleView, ClaimThread, DyadSeries, DyadSummary, Page, SeriesPoint,
    StoredClaim, StoredEvent,
)

Json = dict[str, Any]


def stored_event(s: StoredEvent) -> Json:
    return {**event_json(s.event), "article": asdict(s.article), "cluster_id": s.cluster_id,
            "num_mentions": s.num_mentions, "num_articles": s.num_articles,
            "num_sources": s.num_sources}


def stored_claim(s: StoredClaim) -> Json:
    return {**claim_json(s.claim), "article": asdict(s.article), "responses": s.responses,
            "challenges": s.challenges, "challenged_by": list(s.challenged_by),
            "thread_id": s.thread_id}


def page(p: Page[Any], item: Any) -> Json:
    return {"items": [item(x) for x in p.items], "total": p.total, "limit": p.limit,
            "offset": p.offset}


def thread(t: ClaimThread) -> Json:
    return {"claim_id": t.claim_id, "root_id": t.root_id, "thread_id": t.thread_id,
            "source": t.source,
            "entries": [{**stored_claim(e.stored), "depth": e.depth} for e in t.entries]}


def point(p: SeriesPoint) -> Json:
    counts = {QUAD_CLASSES[q]: n for q, n in zip((1, 2, 3, 4), p.quad_counts)}
    return {"period": p.period, "events": p.events, "quad_counts": counts,
            "mean_goldstein": p.mean_goldstein}


def series(s: DyadSeries) -> Json:
    return {"a": s.a, "b": s.b, "by": s.by, "directed": s.directed,
            "points": [point(p) for p in s.points],
            "undated": point(s.undated) if s.undated else None}


def dyad(d: DyadSummary) -> Json:
    return asdict(d)


def article_view(v: ArticleView) -> Json:
    a = v.article
    return {"article": {"id": a.id, "input_id": a.input_id, "title": a.title, "date": a.date,
                        "source": a.source, "url": a.url, "origin": a.origin,
                        "body_start": a.body_start, "text": a.text},
            "events": [event_json(e) for e in v.events],
            "claims": [claim_json(c) for c in v.claims]}
