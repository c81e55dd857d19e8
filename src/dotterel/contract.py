"""The JSON contract of a coded article (ARCHITECTURE.md): records -> plain JSON values.

Every coded article carries ``contract_version``: fields may be added within a version; a
field removed or changing meaning makes a new one.

An article has two ids, named the same way in every output:
  - ``hash``: the hash of its normalised text, the store's article id (``articles.id``, and
    ``article_id`` in every other table and export);
  - ``input_id``: the id its input record gave (a JSONL line's ``id``), or null.
``article.id`` is the input's id when it gave one, else the hash: what the scorers match
coded articles to gold by.

Stored events and claims (``dotterel.query``'s records) are the contract plus what the store
adds: their article, their cluster's counts, replies and challengers, a claim's depth in its
thread. The API and the CLI both print them with ``stored_event_json``, ``stored_claim_json``
and ``thread_json``."""
from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dotterel.records import Actor, ArticleResult, Claim, Event, Failure, Place
from dotterel.vocab import Level

if TYPE_CHECKING:  # the records of the store's reads; only their fields are read here
    from dotterel.query import ClaimThread, StoredClaim, StoredEvent

CONTRACT_VERSION = "1"  # emitted as "contract_version" with every coded article


def actor_json(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "code": a.code, "sector": a.sector, "name": a.name,
            "start": a.start, "end": a.end}


# Place.feature -> its level (``dotterel.vocab.LEVELS``)
LEVELS: dict[str, Level] = {"city": "city", "admin1": "region", "country": "country"}


def place_level(p: Place) -> Level:
    """How precise a place is: ``city`` (a town or site), ``region`` (a province or state) or
    ``country``; a country-level place is the country, not a point at its capital."""
    return LEVELS.get(p.feature or "", "city")


def place_json(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"name": p.name, "country": p.country, "level": place_level(p), "lat": p.lat,
            "lon": p.lon, "geonameid": p.geonameid}


def event_json(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "sentence": e.sentence, "sentence_text": e.sentence_text,
        "sentence_start": e.sentence_start, "trigger": e.trigger,
        "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
        "actor": actor_json(e.actor), "recipient": actor_json(e.recipient),
        "cameo": e.cameo, "plover": {"type": e.plover_type, "mode": e.plover_mode},
        "goldstein": e.goldstein, "quad_class": e.quad_class, "location": place_json(e.location),
        "date": e.date, "negated": e.negated, "hypothetical": e.hypothetical,
        "reported_by": e.reported_by, "confidence": e.confidence,
    }


def claim_json(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "sentence": c.sentence, "speaker": actor_json(c.speaker), "cue": c.cue,
        "cue_start": c.cue_start, "content": c.content, "content_start": c.content_start,
        "content_end": c.content_end, "stance": c.stance, "responds_to": c.responds_to,
    }


def candidate_json(e: Event) -> dict[str, Any]:
    """A candidate selection dropped: the event as coded, and why it is not in ``events``."""
    return event_json(e) | {"dropped": e.dropped}


def result_json(r: ArticleResult, *, candidates: bool = False) -> dict[str, Any]:
    """The JSON contract of one coded article; ``candidates`` adds what selection dropped."""
    a = r.article
    out = {
        "contract_version": CONTRACT_VERSION,
        "article": {"id": a.input_id if a.input_id is not None else a.id, "hash": a.id,
                    "input_id": a.input_id, "title": a.title, "date": a.date,
                    "source": a.source, "url": a.url, "origin": a.origin,
                    "language": r.language},
        "events": [event_json(e) for e in r.events],
        "claims": [claim_json(c) for c in r.claims],
    }
    if candidates:
        out["candidates"] = [candidate_json(e) for e in r.candidates]
    return out


def failure_json(f: Failure) -> dict[str, Any]:
    return {"error": {"code": f.code, "message": f.message, "origin": f.origin, "line": f.line}}


def stored_event_json(s: StoredEvent) -> dict[str, Any]:
    """A stored event: the contract's event, its article, and its cluster (the real-world event
    it reports) with the cluster's counts of reports, articles and sources."""
    return {**event_json(s.event), "article": asdict(s.article), "cluster_id": s.cluster_id,
            "num_mentions": s.num_mentions, "num_articles": s.num_articles,
            "num_sources": s.num_sources}


def stored_claim_json(s: StoredClaim) -> dict[str, Any]:
    """A stored claim: the contract's claim, its article, its replies and who challenges it."""
    return {**claim_json(s.claim), "article": asdict(s.article), "responses": s.responses,
            "challenges": s.challenges, "challenged_by": list(s.challenged_by),
            "thread_id": s.thread_id}


def thread_json(t: ClaimThread) -> dict[str, Any]:
    """A claim's thread: what started it, and every claim in it with its depth."""
    return {"claim_id": t.claim_id, "root_id": t.root_id, "thread_id": t.thread_id,
            "source": t.source,
            "entries": [{**stored_claim_json(e.stored), "depth": e.depth} for e in t.entries]}
