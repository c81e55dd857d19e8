"""Query records -> the API's JSON: the contract of ``dotterel.contract`` (stored events,
claims and threads are there, shared with the CLI), pages, series, dyads and article views."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dotterel.contract import claim_json, event_json
from dotterel.query import ArticleView, DyadSeries, DyadSummary, Page, SeriesPoint, StoredArticle
from dotterel.vocab import QUAD_CLASSES

Json = dict[str, Any]


def page(p: Page[Any], item: Any) -> Json:
    return {"items": [item(x) for x in p.items], "total": p.total, "limit": p.limit,
            "offset": p.offset}


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


def stored_article(s: StoredArticle) -> Json:
    a = s.article
    return {"id": a.id, "input_id": a.input_id, "title": a.title, "date": a.date,
            "source": a.source, "url": a.url, "origin": a.origin, "stored_at": s.stored_at,
            "events": [event_json(e) for e in s.events],
            "claims": [claim_json(c) for c in s.claims]}
