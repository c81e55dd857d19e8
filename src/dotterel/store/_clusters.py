"""Event clusters: the events, in one article or many, that report one real-world event.

In GDELT's words a cluster is an *event* and each report of it a *mention*; the counts kept per
cluster are GDELT's NumMentions (events), NumArticles (distinct articles) and NumSources
(distinct ``source`` values; an article without one counts as a source of its own).

An event joins a cluster when, against the cluster's first event (its root), it has
  - the same actor code, and the same recipient code or a report that names no target,
  - a date within ``window_days`` of the root's (or both undated),
  - the same PLOVER type or the same CAMEO root, and the same negation and hypothetical flags,
and, against every mention of the cluster, no conflicting place: two named places conflict
unless they are the same place (geonameid, else name) or one is a country or first-level region
of the other's country. Among those clusters it joins the best scoring one: the best word
overlap (Jaccard of the sentence's content words, leaving out the text of a coded actor or
recipient, whose code already matched) with any mention, plus PLACE_BONUS when a mention names
the same town or site (not just the same country or region); the score must reach JOIN_MIN.
Otherwise the event opens a cluster of its own, whose id is the event's id.

Clustering runs inside the batch's transaction, over the batch's new events in the order they
arrived, against the clusters of the same dyad within the window (fetched with SQL); clusters
already stored are never re-clustered, only joined. So the same articles give the same clusters
in one batch or in several, and an article ingested again (skipped by the writer) changes none.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from dotterel.errors import E303, StoreError
from dotterel.store._schema import EVENT_CLUSTERS
from dotterel.store._sql import run, scalar, unregister
from dotterel.store._threads import terms

# Calibrated on the bombing stories of tests/unit/test_clusters.py, the founding article
# (tests/e2e/test_gdelt_export.py) and by eye on the Wikinews set (bench/clusters.py): a higher
# JOIN_MIN splits a headline from the body sentence telling the same event; a lower one merges the distinct
# statements of one speaker. Re-run both tests and the bench after changing them.
JOIN_MIN = 0.3
PLACE_BONUS = 0.15
DEFAULT_WINDOW_DAYS = 1
WINDOW_KEY = "cluster_window_days"  # in the ``meta`` table
_BROAD = frozenset({"country", "admin1"})


@dataclass(frozen=True, slots=True)
class PlaceKey:
    name: str  # case-folded
    country: str | None = None
    geonameid: int | None = None
    feature: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as clustering sees it."""

    id: str
    actor: str | None
    recipient: str | None
    day: date | None
    plover: str | None
    cameo_root: str | None
    terms: frozenset[str]
    place: PlaceKey | None = None
    negated: bool = False
    hypothetical: bool = False
    cluster: str | None = None


def place_relation(a: PlaceKey | None, b: PlaceKey | None) -> str:
    """``"same"``, ``"unknown"`` (one missing, or one contains the other) or ``"conflict"``."""
    if a is None or b is None:
        return "unknown"
    if a.geonameid is not None and b.geonameid is not None:
        if a.geonameid == b.geonameid:
            return "same"
    elif a.name == b.name and (a.country == b.country or None in (a.country, b.country)):
        return "same"
    if a.country is not None and a.country == b.country and (
            a.feature in _BROAD) != (b.feature in _BROAD):
        return "unknown"
    return "conflict"


def same_kind(a: Mention, root: Mention) -> bool:
    """Dyad, type, negation and modality as the root's."""
    return (a.actor == root.actor and _compatible(a.recipient, root.recipient)
            and a.negated == root.negated and a.hypothetical == root.hypothetical
            and ((a.plover is not None and a.plover == root.plover)
                 or (a.cameo_root is not None and a.cameo_root == root.cameo_root)))


def _compatible(a: str | None, b: str | None) -> bool:
    """Recipient codes agree, or one report does not name the target ("bombed a market" and
    "bombed shoppers at a market")."""
    return a == b or a is None or b is None


def within(a: date | None, b: date | None, window_days: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= window_days


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def score(event: Mention, mentions: Sequence[Mention], *, window_days: int) -> float | None:
    """How well ``event`` fits the cluster of ``mentions`` (root first); None when it cannot
    join it."""
    root = mentions[0]
    if not same_kind(event, root) or not within(event.day, root.day, window_days):
        return None
    places = [place_relation(event.place, m.place) for m in mentions]
    if "conflict" in places:
        return None
    best = max(jaccard(event.terms, m.terms) for m in mentions)
    precise = event.place is not None and event.place.feature not in _BROAD
    return best + (PLACE_BONUS if precise and "same" in places else 0.0)


class _Pool:
    """A cluster as ``assign`` keeps it: its root, and the distinct places and wordings of its
    mentions, so that scoring an event costs the number of distinct ones, not of mentions
    (a dense article repeating one sentence n times is one cluster of n mentions)."""

    __slots__ = ("root", "places", "wordings")

    def __init__(self, root: Mention) -> None:
        self.root = root
        self.places: dict[PlaceKey | None, None] = {}
        self.wordings: dict[frozenset[str], None] = {}

    def add(self, mention: Mention) -> None:
        self.places.setdefault(mention.place)
        self.wordings.setdefault(mention.terms)

    def score(self, event: Mention, window_days: int) -> float | None:
        """``score(event, mentions)``, computed over the distinct places and wordings."""
        if not same_kind(event, self.root) or not within(event.day, self.root.day, window_days):
            return None
        relations = {place_relation(event.place, p) for p in self.places}
        if "conflict" in relations:
            return None
        best = 0.0
        for wording in self.wordings:
            best = max(best, jaccard(event.terms, wording))
            if best >= 1.0:
                break
        precise = event.place is not None and event.place.feature not in _BROAD
        return best + (PLACE_BONUS if precise and "same" in relations else 0.0)


def assign(new: Sequence[Mention], clusters: Mapping[str, Sequence[Mention]], *,
           window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, str]:
    """{event id: cluster id} for the ``new`` events, taken in order, given the stored
    ``clusters`` ({cluster id: mentions, root first}). Pure: no database. Linear in the number
    of events: each is scored against the clusters of its actor and dates, each cluster by its
    distinct places and wordings."""
    pool: dict[str, _Pool] = {}
    index: dict[tuple[str | None, date | None], list[str]] = {}

    def add(cid: str, mention: Mention) -> None:
        if cid not in pool:
            pool[cid] = _Pool(mention)
            index.setdefault((mention.actor, mention.day), []).append(cid)
        pool[cid].add(mention)

    for cid, mentions in clusters.items():
        for m in mentions:
            add(cid, m)
    out: dict[str, str] = {}
    for event in new:
        best: tuple[float, str] | None = None
        for cid in _nearby(index, event, window_days):
            s = pool[cid].score(event, window_days)
            if s is not None and s >= JOIN_MIN and (best is None or (-s, cid) < (-best[0], best[1])):
                best = (s, cid)
        out[event.id] = best[1] if best else event.id
        add(out[event.id], event)
    return out


def _nearby(index: Mapping[tuple[str | None, date | None], list[str]],
            event: Mention, window_days: int) -> list[str]:
    """The clusters whose root has the event's actor and a date within the window (the
    recipient is checked by ``same_kind``)."""
    if event.day is None:
        return list(index.get((event.actor, None), ()))
    days = (event.day + timedelta(days=d) for d in range(-window_days, window_days + 1))
    return [cid for day in days for cid in index.get((event.actor, day), ())]


def context_terms(text: str, *, start: int, spans: Sequence[tuple[int | None, int | None]]
                  ) -> frozenset[str]:
    """Content words of a sentence (starting at article offset ``start``), with the given
    article-offset spans (actor, recipient) blanked out."""
    chars = list(text)
    for s, e in spans:
        if s is None or e is None:
            continue
        for i in range(max(0, s - start), min(len(chars), e - start)):
            chars[i] = " "
    return frozenset(terms("".join(chars)))


# --- the database side ---------------------------------------------------------------------

_COLUMNS = ("id", "cluster_id", "actor_code", "recipient_code", "event_date", "plover_type",
            "cameo_root", "negated", "hypothetical", "location_name", "location_country",
            "location_geonameid", "location_feature", "sentence_text", "sentence_start",
            "actor_start", "actor_end", "recipient_start", "recipient_end")
_SELECT = ", ".join(f'e."{c}"' for c in _COLUMNS)


def _mention(row: tuple[Any, ...]) -> Mention:
    r = dict(zip(_COLUMNS, row))
    place = None
    if r["location_name"]:
        place = PlaceKey(name=r["location_name"].casefold(), country=r["location_country"],
                         geonameid=r["location_geonameid"], feature=r["location_feature"])
    spans = [(r[f"{role}_start"], r[f"{role}_end"]) for role in ("actor", "recipient")
             if r[f"{role}_code"] is not None]  # an uncoded actor's words tell who it is
    return Mention(id=r["id"], actor=r["actor_code"], recipient=r["recipient_code"],
                   day=r["event_date"], plover=r["plover_type"], cameo_root=r["cameo_root"],
                   terms=context_terms(r["sentence_text"] or "", start=r["sentence_start"] or 0,
                                       spans=spans),
                   place=place, negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]),
                   cluster=r["cluster_id"])


def window_days(con: duckdb.DuckDBPyConnection) -> int:
    """The store's date window (``meta``), else DEFAULT_WINDOW_DAYS."""
    value = scalar(con, "SELECT value FROM meta WHERE key = ?", [WINDOW_KEY])
    return int(value) if value is not None else DEFAULT_WINDOW_DAYS


def set_window_days(con: duckdb.DuckDBPyConnection, days: int) -> None:
    """Record the window for the batches written from now on; stored clusters stay as they are."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise StoreError(f"the cluster window must be a whole number of days >= 0, got {days!r}",
                         code=E303)
    run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [WINDOW_KEY, str(days)])


def cluster_events(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> int:
    """Put the given stored, unclustered events (in this order) into clusters; return the
    number of clusters touched. The caller owns the transaction."""
    if not event_ids:
        return 0
    con.register("_dotterel_new_events", pa.table({
        "id": pa.array(event_ids, pa.string()),
        "seq": pa.array(range(len(event_ids)), pa.int64())}))
    try:
        new = [_mention(r) for r in run(con, f"""
            SELECT {_SELECT} FROM events e JOIN _dotterel_new_events n USING (id)
            WHERE e.cluster_id IS NULL ORDER BY n.seq""")]
        window = window_days(con)
        stored = _candidates(con, window)
    finally:
        unregister(con, "_dotterel_new_events")
    mapping = assign(new, stored, window_days=window)
    _save(con, mapping)
    return len(set(mapping.values()))


def cluster_unassigned(con: duckdb.DuckDBPyConnection) -> int:
    """Cluster every event without a cluster (a store migrated from schema 2), in the order
    its batches were written; return the number of clusters touched."""
    ids = [r[0] for r in run(con, """
        SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.cluster_id IS NULL
        ORDER BY a.run_id NULLS LAST, a.ingested_at, a.id, e.sentence, e.trigger_start, e.id""")]
    return cluster_events(con, ids)


# What makes two mentions of a cluster score alike (``_mention``: the sentence with the coded
# actor and recipient blanked, and the place): a stored cluster is read as its root and one
# mention per distinct wording and place, so a cluster of many like reports costs one.
_WORDING_AND_PLACE = ", ".join((
    "e.sentence_text",
    *(f"CASE WHEN e.{role}_code IS NOT NULL THEN e.{role}_{end} - coalesce(e.sentence_start, 0) END"
      for role in ("actor", "recipient") for end in ("start", "end")),
    "e.location_name", "e.location_country", "e.location_geonameid", "e.location_feature"))


def _candidates(con: duckdb.DuckDBPyConnection, window: int) -> dict[str, list[Mention]]:
    """The stored clusters a new event may join: same dyad and type, root date in the window;
    each as its root and one mention per distinct wording and place (all ``assign`` needs)."""
    found = run(con, f"""
        WITH k AS (SELECT DISTINCT e.actor_code, e.recipient_code, e.event_date, e.plover_type,
                          e.cameo_root
                   FROM events e JOIN _dotterel_new_events USING (id)),
        -- each day in the window, so that the join is a hash join on actor and date: its
        -- cost is the clusters of those days, not every cluster of the actor in the store
        kd AS (SELECT k.*, k.event_date + CAST(d.range AS INTEGER) AS day
               FROM k, range(-CAST(? AS INTEGER), CAST(? AS INTEGER) + 1) d),
        c AS (SELECT DISTINCT c.id FROM event_clusters c JOIN kd k
              ON c.actor_code IS NOT DISTINCT FROM k.actor_code
             AND c.event_date IS NOT DISTINCT FROM k.day  -- both undated, or within the window
             AND (c.recipient_code IS NOT DISTINCT FROM k.recipient_code
                  OR c.recipient_code IS NULL OR k.recipient_code IS NULL)
             AND (c.plover_type = k.plover_type OR c.cameo_root = k.cameo_root))
        , pick AS (SELECT arg_min_null(e.id, (e.id != e.cluster_id, e.id)) AS id
                 FROM events e JOIN c ON e.cluster_id = c.id
                 GROUP BY e.cluster_id, {_WORDING_AND_PLACE})
        SELECT {_SELECT} FROM events e JOIN pick USING (id)
        ORDER BY e.cluster_id, e.id != e.cluster_id, e.id""", [window, window])
    out: dict[str, list[Mention]] = {}
    for row in found:
        m = _mention(row)
        out.setdefault(m.cluster or m.id, []).append(m)
    return out


def _save(con: duckdb.DuckDBPyConnection, mapping: Mapping[str, str]) -> None:
    if not mapping:
        return
    con.register("_dotterel_cluster_map", pa.table({
        "id": pa.array(list(mapping), pa.string()),
        "cluster_id": pa.array(list(mapping.values()), pa.string())}))
    try:
        run(con, "UPDATE events SET cluster_id = m.cluster_id FROM _dotterel_cluster_map m "
                 "WHERE events.id = m.id")
        run(con, "DELETE FROM event_clusters WHERE id IN "
                 "(SELECT DISTINCT cluster_id FROM _dotterel_cluster_map)")
        cols = ", ".join(f'"{c}"' for c in EVENT_CLUSTERS.names)
        exprs = ", ".join(_AGGREGATES[c] for c in EVENT_CLUSTERS.names)
        run(con, f"""
            INSERT INTO event_clusters ({cols})
            SELECT {exprs} FROM (
                SELECT e.*, a.source AS article_source,
                       (e.id != e.cluster_id, coalesce(a.run_id, {2**31 - 1}), a.id, e.sentence,
                        e.trigger_start, e.id) AS rank
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE e.cluster_id IN (SELECT DISTINCT cluster_id FROM _dotterel_cluster_map)) t
            GROUP BY t.cluster_id""")
    finally:
        unregister(con, "_dotterel_cluster_map")


def _root(col: str) -> str:
    return f'arg_min_null(t."{col}", t.rank)'


def _located(col: str) -> str:
    return f'arg_min_null(t."{col}", t.rank) FILTER (WHERE t.location_name IS NOT NULL)'


# event_clusters column -> aggregate over the cluster's events ``t``: the root's value, or the
# first located report's, by ``rank`` (the root, then by batch, article, sentence, trigger).
# arg_min streams (no sort of the cluster's reports), so a large cluster costs no memory.
_AGGREGATES: dict[str, str] = {
    "id": "t.cluster_id",
    "event_date": _root("event_date"),
    "first_date": "min(t.event_date)", "last_date": "max(t.event_date)",
    **{c: _root(c) for c in ("actor_code", "recipient_code", "cameo", "cameo_root",
                             "plover_type", "quad_class", "goldstein", "negated",
                             "hypothetical")},
    **{c: _located(c) for c in ("location_name", "location_country", "location_lat",
                                "location_lon", "location_geonameid", "location_feature",
                                "location_level")},
    "num_mentions": "count(*)",
    "num_articles": "count(DISTINCT t.article_id)",
    "num_sources": "count(DISTINCT coalesce(t.article_source, 'article:' || t.article_id))",
    "first_article_id": _root("article_id"),
}
