"""Named read-only queries over a dotterel store: every read of the CLI, the REST API and the
dashboard goes through them. Every function takes an open DuckDB connection
(``Store.connection``) and keyword arguments, runs parameterised SQL only, and returns the typed
records of ``_types``.

    events(con, actor=, recipient=, type=, cameo=, since=, until=, undirected=, limit=, offset=)
    event_places(con, actor=, recipient=, type=, since=, until=, undirected=, level=, limit=)
                                                           located events by place, for a map
    top_dyads(con, since=, until=, internal=, limit=)      the most active actor pairs
    dyad_series(con, a, b, by="day"|"week"|"month", directed=)
    article(con, id)                                       text, events and claims with offsets
    articles(con, since=, limit=, offset=)                 stored since a time, newest first,
                                                           each with its events and claims
    claims(con, speaker=, q=, stance=, disputed=, limit=, offset=)
    claim_thread(con, id)                                  the conversation a claim belongs to
    claim_id(con, prefix)                                  a unique id prefix -> the claim id
    counts(con)                                            rows per table
    export(con, format, out)                               every table to files (EXPORT_FORMATS)

Errors: ``QueryError`` [E401] for a bad argument, ``NotFound`` [E404] for an unknown id; both
are ``DotterelError``s from the catalogue (``dotterel.errors``). ``export`` raises
``StoreError`` [E303] when its files cannot be written."""
from dotterel.query._articles import article
from dotterel.query._claims import claim_id, claim_thread, claims
from dotterel.query._dyads import dyad_series, top_dyads
from dotterel.query._errors import E401, E404, NotFound, QueryError
from dotterel.query._events import event_source, events
from dotterel.query._export import DATA_TABLES, EXPORT_FORMATS, counts, export
from dotterel.query._latest import StoredArticle, articles, as_utc
from dotterel.query._places import event_places
from dotterel.query._types import (
    MAX_LIMIT,
    ArticleRef,
    ArticleView,
    ClaimThread,
    DyadSeries,
    DyadSummary,
    EventPlace,
    Page,
    SeriesPoint,
    StoredClaim,
    StoredEvent,
    ThreadEntry,
)
from dotterel.vocab import LEVELS, PERIODS, QUAD_CLASSES  # the vocabularies' home, re-exported

__all__ = [
    "DATA_TABLES", "E401", "E404", "EXPORT_FORMATS", "LEVELS", "MAX_LIMIT", "PERIODS",
    "QUAD_CLASSES", "ArticleRef", "ArticleView", "ClaimThread", "DyadSeries", "DyadSummary",
    "EventPlace", "NotFound", "Page", "QueryError", "SeriesPoint", "StoredArticle", "StoredClaim",
    "StoredEvent", "ThreadEntry", "article", "articles", "as_utc", "claim_id", "claim_thread", "claims",
    "counts", "dyad_series", "event_places", "event_source", "events", "export", "top_dyads",
]
