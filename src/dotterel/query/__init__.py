"""Named read-only queries over a dotterel store, shared by the CLI, the REST API and the
dashboard. Every function takes an open DuckDB connection (``Store.connection``) and keyword
arguments, runs parameterised SQL only, and returns the typed records of ``_types``.

    events(con, actor=, recipient=, type=, cameo=, since=, until=, undirected=, limit=, offset=)
    top_dyads(con, since=, until=, internal=, limit=)      the most active actor pairs
    dyad_series(con, a, b, by="day"|"week"|"month", directed=)
    article(con, id)                                       text, events and claims with offsets
    claims(con, speaker=, q=, stance=, disputed=, limit=, offset=)
    claim_thread(con, id)                                  the conversation a claim belongs to

Errors: ``QueryError`` [E401] for a bad argument, ``NotFound`` [E404] for an unknown id; both
are ``DotterelError``s."""
from dotterel.query._articles import article
from dotterel.query._claims import claim_thread, claims
from dotterel.query._dyads import dyad_series, top_dyads
from dotterel.query._errors import E401, E404, NotFound, QueryError
from dotterel.query._events import events
from dotterel.query._types import (
    MAX_LIMIT, PERIODS, QUAD_CLASSES, ArticleRef, ArticleView, ClaimThread, DyadSeries,
    DyadSummary, Page, SeriesPoint, StoredClaim, StoredEvent, ThreadEntry,
)

__all__ = [
    "E401", "E404", "MAX_LIMIT", "PERIODS", "QUAD_CLASSES", "ArticleRef", "ArticleView",
    "ClaimThread", "DyadSeries", "DyadSummary", "NotFound", "Page", "QueryError", "SeriesPoint",
    "StoredClaim", "StoredEvent", "ThreadEntry", "article", "claim_thread", "claims",
    "dyad_series", "events", "top_dyads",
]
