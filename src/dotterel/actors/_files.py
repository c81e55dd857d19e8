"""Reading actor dictionary files: UTF-8 TSV, one header line, ``#`` starts a comment line.

The header line tells the format apart (so a user file may be named anything):

    countries      code  name  aliases  demonyms  capitals
    organisations  code  sector  organisation  aliases
    people         code  sector  person  aliases
    groups         code  sector  group  aliases      (ethnic and religious groups)
    places         code  place  aliases              (regions, provinces, cities; code may be -)
    roles          phrases  sector  level

Cells holding several values separate them with ``|``. ``-`` or an empty cell means "none";
trailing empty cells may be left out. ``code`` is an ISO 3166 alpha-3 code or a PLOVER non-state
code (IGO, NGO, IMG, MNC, ...), ``sector`` a three-letter PLOVER/CAMEO sector (GOV, MIL, REB...).
``level`` ranks a role noun (see roles.tsv). A malformed line raises ``DictionaryError`` [E201]
naming the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NoReturn, Protocol

from dotterel.errors import E201, DictionaryError

FORMATS: dict[tuple[str, ...], str] = {
    ("code", "name", "aliases", "demonyms", "capitals"): "countries",
    ("code", "sector", "organisation", "aliases"): "organisations",
    ("code", "sector", "person", "aliases"): "people",
    ("code", "sector", "group", "aliases"): "groups",
    ("code", "place", "aliases"): "places",
    ("phrases", "sector", "level"): "roles",
}
REQUIRED = {"countries": (0, 1), "organisations": (2,), "people": (2,), "groups": (2,),
            "places": (1,), "roles": (0, 1)}  # indexes of the columns that may not be empty
# column names that only actor files use: a header with one of them must be a known format
ACTOR_COLUMNS = {"aliases", "demonyms", "capitals", "organisation", "person", "group", "place",
                 "phrases"}
_CODE = re.compile(r"[A-Z]{3}")


class Readable(Protocol):
    """A ``pathlib.Path`` or an ``importlib.resources`` Traversable."""

    def read_text(self, encoding: str = ...) -> str: ...


@dataclass(frozen=True, slots=True)
class Row:
    """One dictionary line. ``kind`` is the file format it came from."""

    kind: str
    code: str | None
    sector: str | None
    name: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    level: int = 3


def read_rows(source: Readable, label: str) -> list[Row] | None:
    """The rows of one file, or None when its header is not an actor format (a verb lexicon
    passed with the same ``--dict`` option, say): that file is left to its own loader."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{label}: cannot read dictionary file: {exc}. Check the path and "
                              f"that the file is UTF-8 text.", code=E201) from exc
    lines = [(n, line.rstrip("\r\n")) for n, line in enumerate(text.split("\n"), start=1)]
    content = [(n, line) for n, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not content:
        return []
    n, header = content[0]
    fmt = _format(header, label, n)
    if fmt is None:
        return None
    width = len(header.split("\t"))
    return [_row(fmt, line.split("\t"), width, f"{label}:{num}") for num, line in content[1:]]


def _format(header: str, label: str, line: int) -> str | None:
    columns = tuple(c.strip().lower() for c in header.split("\t"))
    if columns in FORMATS:
        return FORMATS[columns]
    if ACTOR_COLUMNS & set(columns):
        known = "; ".join(" ".join(c) for c in FORMATS)
        raise DictionaryError(f"{label}:{line}: unknown column layout {' '.join(columns)!r}. "
                              f"Use one of these headers, tab-separated: {known}", code=E201)
    return None


def _row(fmt: str, cells: list[str], width: int, where: str) -> Row:
    if len(cells) > width:
        _fail(where, f"{len(cells)} tab-separated cells, the header has {width}",
              "Check for a stray tab inside a name")
    cells = [c.strip() for c in cells] + [""] * (width - len(cells))
    missing = [k for k in REQUIRED[fmt] if _none(cells[k])]
    if missing:
        _fail(where, f"cell {missing[0] + 1} is empty", "Fill in every required column")
    if fmt == "countries":
        return Row(fmt, _code(cells[0], where, required=True), None, cells[1],
                   _list(cells[2], where), _list(cells[3], where), _list(cells[4], where))
    if fmt == "roles":
        return Row(fmt, None, _code(cells[1], where, required=True), None, _list(cells[0], where),
                   level=_level(cells[2], where))
    if fmt == "places":
        return Row(fmt, _code(cells[0], where), None, cells[1], _list(cells[2], where))
    return Row(fmt, _code(cells[0], where), _code(cells[1], where), cells[2],
               _list(cells[3], where))


def _none(cell: str) -> bool:
    return cell in ("", "-")


def _code(cell: str, where: str, *, required: bool = False) -> str | None:
    if _none(cell) and not required:
        return None
    if not _CODE.fullmatch(cell):
        _fail(where, f"{cell!r} is not a three-letter code", "Codes and sectors are three capital "
              "letters (AFG, IGO, GOV), or '-' for none where the column allows it")
    return cell


def _level(cell: str, where: str) -> int:
    if _none(cell):
        return 3
    if cell not in ("1", "2", "3"):
        _fail(where, f"level {cell!r} is not 1, 2 or 3", "See the comments at the top of roles.tsv")
    return int(cell)


def _list(cell: str, where: str) -> tuple[str, ...]:
    if _none(cell):
        return ()
    items = tuple(x.strip() for x in cell.split("|"))
    if not all(items):
        _fail(where, f"empty item in {cell!r}", "Remove the doubled or trailing '|'")
    return items


def _fail(where: str, what: str, hint: str) -> NoReturn:
    raise DictionaryError(f"{where}: malformed dictionary line: {what}. {hint}.", code=E201)
