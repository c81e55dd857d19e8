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

Dated roles. ``people`` and ``organisations`` take an optional fifth column, ``roles``: what the
name codes as during a period, ``|``-separated, each ``CODE SECTOR FROM..TO`` with ISO dates,
both ends inclusive and either end open (``-`` for a sector, or for a code, means none)::

    code  sector  person        aliases  roles
    -     -       Jane Example  Example  XYZ GOV 2009-01-20..2017-01-20|XYZ ELI 2017-01-21..

The ``code``/``sector`` columns hold the undated role, ``-`` when there is none. Which role a
name takes in an article (``dotterel.actors._dictionary.on_date``):
  1. the dated roles that cover the article's date; of these the one that starts last (an
     undated role never beats a dated one), then the first listed;
  2. else the undated role;
  3. else the dated role that ended most recently before the date; else, the date lying before
     every role, the one that starts first.
  An article without a date takes the undated role, else the dated role that starts last.

A file may hold several sections, each opened by its own header line (``dotterel actors import``
writes a people section and an organisations section into one file). A PETRARCH/TABARI actor
dictionary (see ``_tabari``) passed with ``--dict`` is recognised by its content and read as
people (entries with dated roles) and organisations (the others).
"""
from __future__ import annotations

import re
from datetime import date
from typing import NoReturn

from dotterel.actors._rows import Readable, Role, Row
from dotterel.actors._tabari import looks_like_tabari, parse_tabari, tabari_rows
from dotterel.errors import E201, DictionaryError

FORMATS: dict[tuple[str, ...], str] = {
    ("code", "name", "aliases", "demonyms", "capitals"): "countries",
    ("code", "sector", "organisation", "aliases"): "organisations",
    ("code", "sector", "organisation", "aliases", "roles"): "organisations",
    ("code", "sector", "person", "aliases"): "people",
    ("code", "sector", "person", "aliases", "roles"): "people",
    ("code", "sector", "group", "aliases"): "groups",
    ("code", "place", "aliases"): "places",
    ("phrases", "sector", "level"): "roles",
}
REQUIRED = {"countries": (0, 1), "organisations": (2,), "people": (2,), "groups": (2,),
            "places": (1,), "roles": (0, 1)}  # indexes of the columns that may not be empty
# column names that only actor files use: a header with one of them must be a known format
ACTOR_COLUMNS = {"aliases", "demonyms", "capitals", "organisation", "person", "group", "place",
                 "phrases", "roles"}
_CODE = re.compile(r"[A-Z]{3}")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?")


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
        if looks_like_tabari(text):
            return tabari_rows(parse_tabari(text, label))
        return None
    width, rows = len(header.split("\t")), []
    for num, line in content[1:]:
        if _header(line) in FORMATS:  # a new section
            fmt, width = FORMATS[_header(line)], len(line.split("\t"))
            continue
        rows.append(_row(fmt, line.split("\t"), width, f"{label}:{num}"))
    return rows


def _header(line: str) -> tuple[str, ...]:
    return tuple(c.strip().lower() for c in line.split("\t"))


def _format(header: str, label: str, line: int) -> str | None:
    columns = _header(header)
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
    roles = _roles(cells[4], where) if width > 4 else ()
    return Row(fmt, _code(cells[0], where), _code(cells[1], where), cells[2],
               _list(cells[3], where), roles=roles)


def _roles(cell: str, where: str) -> tuple[Role, ...]:
    return tuple(_role(item, where) for item in _list(cell, where))


def _role(item: str, where: str) -> Role:
    parts = item.split()
    found = _RANGE.fullmatch(parts[-1]) if len(parts) == 3 else None
    if found is None or found.group(1) is None and found.group(2) is None:
        _fail(where, f"role {item!r} is not CODE SECTOR FROM..TO", "Write e.g. 'USA GOV "
              "2009-01-20..2017-01-20' or 'USA ELI 2017-01-21..' (dates ISO, one end may be open;"
              " put an undated role in the code and sector columns)")
    start, end = (_iso(d, where) for d in found.groups())
    if start and end and end < start:
        _fail(where, f"role {item!r} ends before it starts", "Swap the dates")
    return Role(_code(parts[0], where), _code(parts[1], where), start, end)


def _iso(cell: str | None, where: str) -> str | None:
    if cell is None:
        return None
    try:
        return date.fromisoformat(cell).isoformat()
    except ValueError:
        _fail(where, f"{cell!r} is not a date", "Dates are YYYY-MM-DD")


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
