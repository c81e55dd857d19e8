"""The schema of the store: one declaration per table, from which both the DDL and the Arrow
schema used for bulk inserts are derived. The schema is a public interface: change it only with
a new SCHEMA_VERSION and a migration in MIGRATIONS."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from dotterel.errors import E301, StoreError
from dotterel.store._sql import run, scalar
from dotterel.vocab import Stance

SCHEMA_VERSION = 5

_ARROW = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
}


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type)

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    @property
    def arrow(self) -> pa.Schema:
        return pa.schema([pa.field(c, _ARROW[t]) for c, t in self.columns])

    def ddl(self) -> str:
        cols = ", ".join(f'"{c}" {t}' for c, t in self.columns)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" ({cols}, PRIMARY KEY ("id"))'


def _actor(role: str) -> tuple[tuple[str, str], ...]:
    return tuple((f"{role}_{f}", t) for f, t in (
        ("text", "VARCHAR"), ("code", "VARCHAR"), ("sector", "VARCHAR"), ("name", "VARCHAR"),
        ("kind", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER")))


RUNS = Table("runs", (
    ("id", "INTEGER"), ("written_at", "TIMESTAMP"), ("articles_new", "INTEGER"),
    ("articles_skipped", "INTEGER"), ("events", "INTEGER"), ("claims", "INTEGER"),
    ("failures", "INTEGER")))

ARTICLES = Table("articles", (
    ("id", "VARCHAR"), ("input_id", "VARCHAR"), ("title", "VARCHAR"), ("date", "DATE"),
    ("source", "VARCHAR"), ("url", "VARCHAR"), ("origin", "VARCHAR"), ("text", "VARCHAR"),
    ("body_start", "INTEGER"), ("language", "VARCHAR"), ("n_events", "INTEGER"),
    ("n_claims", "INTEGER"), ("ingested_at", "TIMESTAMP"), ("run_id", "INTEGER")))

EVENTS = Table("events", (
    ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("sentence", "INTEGER"),
    ("sentence_text", "VARCHAR"), ("sentence_start", "INTEGER"), ("trigger", "VARCHAR"),
    ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
    *_actor("actor"), *_actor("recipient"),
    ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"), ("location_geonameid", "BIGINT"), ("location_feature", "VARCHAR"),
    ("negated", "BOOLEAN"), ("hypothetical", "BOOLEAN"), ("confidence", "DOUBLE"),
    ("event_date", "DATE"), ("reported_by", "VARCHAR"), ("cluster_id", "VARCHAR"),
    ("location_level", "VARCHAR")))

# An event cluster: the events, across articles, that report one real-world event (store/_clusters.py).
# ``id`` is the id of its first event (the root), whose date, dyad and codes it carries; the
# location is the first one its mentions name; the counts are GDELT's.
EVENT_CLUSTERS = Table("event_clusters", (
    ("id", "VARCHAR"), ("event_date", "DATE"), ("first_date", "DATE"), ("last_date", "DATE"),
    ("actor_code", "VARCHAR"), ("recipient_code", "VARCHAR"), ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"), ("plover_type", "VARCHAR"), ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"), ("negated", "BOOLEAN"), ("hypothetical", "BOOLEAN"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"), ("location_geonameid", "BIGINT"), ("location_feature", "VARCHAR"),
    ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
    ("first_article_id", "VARCHAR"), ("location_level", "VARCHAR")))

CLAIMS = Table("claims", (
    ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("sentence", "INTEGER"),
    *_actor("speaker"),
    ("cue", "VARCHAR"), ("cue_start", "INTEGER"), ("content", "VARCHAR"),
    ("content_start", "INTEGER"), ("content_end", "INTEGER"), ("stance", "VARCHAR"),
    ("responds_to", "VARCHAR"), ("about", "VARCHAR"), ("thread_id", "VARCHAR")))

# A claim thread: the claims, across articles, that state one proposition, and the responses
# to them. ``about`` and ``terms`` are space-separated keys used to match new claims.
CLAIM_THREADS = Table("claim_threads", (
    ("id", "VARCHAR"), ("proposition", "VARCHAR"), ("about", "VARCHAR"), ("terms", "VARCHAR"),
    ("first_claim_id", "VARCHAR"), ("first_speaker_code", "VARCHAR"),
    ("first_speaker_name", "VARCHAR"), ("first_date", "DATE"), ("n_claims", "INTEGER"),
    ("n_articles", "INTEGER"), ("n_denials", "INTEGER"), ("n_disputes", "INTEGER"),
    ("n_supports", "INTEGER"), ("n_evidence_demands", "INTEGER"), ("updated_at", "TIMESTAMP")))
# the stances a thread counts (``dotterel.vocab.STANCES``) -> the claim_threads column counting them
THREAD_COUNTS: dict[Stance, str] = {"denies": "n_denials", "disputes": "n_disputes",
                                    "supports": "n_supports",
                                    "demands_evidence": "n_evidence_demands"}

# A location's level (``location_level``, ``level``) is how precise it is, as the JSON contract
# gives it (``dotterel.contract.place_level``): "city" (a town or a site), "region" (a province
# or state) or "country" (the country itself: its coordinates are its capital's, not the place).
PLACES = Table("places", (
    ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"), ("feature", "VARCHAR"),
    ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("level", "VARCHAR")))

# the level of a stored feature, for rows written before schema 4 (contract.LEVELS, in SQL)
_LEVEL_OF = ("CASE {f} WHEN 'country' THEN 'country' WHEN 'admin1' THEN 'region' "
             "ELSE 'city' END")

FAILURES = Table("failures", (
    ("id", "VARCHAR"), ("origin", "VARCHAR"), ("line", "INTEGER"), ("code", "VARCHAR"),
    ("message", "VARCHAR"), ("recorded_at", "TIMESTAMP"), ("run_id", "INTEGER")))

# Following the news (``dotterel watch``, store/_feeds.py). A feed: its URL (``id``), the source
# name the feeds file gave it, when it was last fetched and last fetched well, its HTTP
# validators for conditional requests, its consecutive errors (``disabled_at`` once they reach
# the limit: reported, no longer fetched) and the items it brought.
FEEDS = Table("feeds", (
    ("id", "VARCHAR"), ("source", "VARCHAR"), ("added_at", "TIMESTAMP"),
    ("last_fetch_at", "TIMESTAMP"), ("last_ok_at", "TIMESTAMP"), ("last_status", "INTEGER"),
    ("etag", "VARCHAR"), ("last_modified", "VARCHAR"), ("consecutive_errors", "INTEGER"),
    ("last_error_code", "VARCHAR"), ("last_error", "VARCHAR"), ("items_seen", "BIGINT"),
    ("disabled_at", "TIMESTAMP")))
# A feed item, by its canonical URL (``id``: a hash of ``url``), written in the transaction that
# stores its article or its failure: ``status`` is stored, duplicate (its text was stored
# already), failed (for good) or retry (a failure that may pass: tried again next cycle, up to a
# limit of ``attempts``).
FEED_ITEMS = Table("feed_items", (
    ("id", "VARCHAR"), ("url", "VARCHAR"), ("feed_id", "VARCHAR"), ("status", "VARCHAR"),
    ("article_id", "VARCHAR"), ("code", "VARCHAR"), ("attempts", "INTEGER"),
    ("first_seen_at", "TIMESTAMP"), ("updated_at", "TIMESTAMP")))

# {version -> statements that take a store from that version to the next}
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: claim threads across articles
    1: ('ALTER TABLE "claims" ADD COLUMN IF NOT EXISTS "about" VARCHAR',
        'ALTER TABLE "claims" ADD COLUMN IF NOT EXISTS "thread_id" VARCHAR',
        CLAIM_THREADS.ddl()),
    # 2 -> 3: event clusters; the stored events are clustered when the store is next opened
    # for writing (Store -> _clusters.cluster_unassigned)
    2: ('ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "cluster_id" VARCHAR',
        EVENT_CLUSTERS.ddl()),
    # 3 -> 4: every location says its level (city, region, country), filled in from its feature
    3: tuple(statement for table, prefix in (("events", "location_"), ("event_clusters", "location_"),
                                             ("places", ""))
             for statement in (
                 f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{prefix}level" VARCHAR',
                 f'UPDATE "{table}" SET "{prefix}level" = '
                 + _LEVEL_OF.format(f=f'"{prefix}feature"')
                 + f' WHERE "{prefix}name" IS NOT NULL AND "{prefix}level" IS NULL')),
    # 4 -> 5: following the news: feeds and the items they brought
    4: (FEEDS.ddl(), FEED_ITEMS.ddl()),
}

TABLES = (ARTICLES, EVENTS, EVENT_CLUSTERS, CLAIMS, CLAIM_THREADS, PLACES, FAILURES, RUNS, FEEDS,
          FEED_ITEMS)
DATA_TABLES = ("articles", "events", "event_clusters", "claims", "claim_threads", "places",
               "failures")  # what export writes
_META_DDL = 'CREATE TABLE IF NOT EXISTS "meta" ("key" VARCHAR PRIMARY KEY, "value" VARCHAR)'


def ensure(con: duckdb.DuckDBPyConnection, *, path: str, read_only: bool) -> int:
    """Create or migrate the schema; return the schema version. Raises E301 for a file that is
    not a dotterel store, or one written by a newer dotterel."""
    version = _version(con, path=path)
    if version is None and read_only:
        raise StoreError(f"{path} holds no dotterel store yet; write to it first "
                         "(open it without read_only)", code=E301)
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, newer than this dotterel "
                         f"understands ({SCHEMA_VERSION}); upgrade dotterel", code=E301)
    if read_only and version is not None and version < SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, older than this dotterel's "
                         f"({SCHEMA_VERSION}); open it once for writing to migrate it "
                         f"(for example: dotterel ingest NEW_FILES --db {path})", code=E301)
    if read_only or version == SCHEMA_VERSION:
        return version or SCHEMA_VERSION
    _create_or_migrate(con, version)
    return SCHEMA_VERSION


def _version(con: duckdb.DuckDBPyConnection, *, path: str) -> int | None:
    tables = {r[0] for r in run(
        con, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")}
    if "meta" not in tables:
        if tables:
            raise StoreError(f"{path} is a DuckDB database but not a dotterel store (it has "
                             f"tables {sorted(tables)} and no meta table); use another path",
                             code=E301)
        return None
    value = scalar(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    return int(value) if value is not None else None


def _create_or_migrate(con: duckdb.DuckDBPyConnection, version: int | None) -> None:
    con.begin()
    try:
        if version is None:
            run(con, _META_DDL)
            for table in TABLES:
                run(con, table.ddl())
        else:
            for v in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[v]:
                    run(con, statement)
        run(con, "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
            [str(SCHEMA_VERSION)])
        con.commit()
    except BaseException:
        con.rollback()
        raise
