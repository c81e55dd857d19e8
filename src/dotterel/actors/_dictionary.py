"""The actor dictionary: shipped data files plus the user's, compiled once into two tries.

Load order, later entries overriding earlier ones alias by alias: roles.tsv, ethnic.tsv,
places.tsv, countries.tsv, organisations.tsv, people.tsv, then the user's files in the order
given. A user line that lists an alias takes that alias over; aliases it does not list keep their
old entry.

Every alias is cut into pieces (see ``_text``) and stored in one of two tries:
- ``exact``: aliases of one to three capital letters ("US", "U.N.", "IS", "WHO"), matched
  case-sensitively, so that the pronoun "us" is not the United States;
- ``folded``: every other alias, matched case-insensitively. An alias written with a capital
  (a proper name: "Turkey", "Hamas") only matches text that starts with a capital too, so
  "turkey" and "chad" in lower case are not countries; lower-case aliases (roles, "al-Qaeda")
  match in any case.
Matching a span of n pieces is then a walk of at most n trie steps from each start.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from dotterel.actors._files import Readable, Row, read_rows
from dotterel.actors._text import fold, is_short_caps, pluralise, split

log = logging.getLogger("dotterel")

SHIPPED = ("roles.tsv", "ethnic.tsv", "places.tsv", "countries.tsv", "organisations.tsv",
           "people.tsv")
END = ""  # trie key of a node's terminal value; no piece is empty
KINDS = {"organisations": "organisation", "people": "person", "groups": "group",
         "places": "place"}

Node = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Entry:
    """What an alias stands for. ``kind`` is country, demonym, capital, place, organisation,
    person, group or role; ``level`` ranks role nouns (3 specific, 2 semi-generic, 1 a bare
    position)."""

    kind: str
    code: str | None
    sector: str | None
    name: str | None
    level: int = 3


@dataclass(frozen=True, slots=True, eq=False)
class Dictionary:
    """Compiled lookup tables. Build with ``load_dictionary``."""

    exact: Node
    folded: Node
    lemma_roles: Mapping[str, Entry]  # single-word role -> entry, for lemma look-ups
    country_names: Mapping[str, str]  # code -> canonical name
    sources: tuple[str, ...]


def load_dictionary(extra: Sequence[Path | str] = ()) -> Dictionary:
    """The shipped dictionary plus the user's TSV files in ``extra`` (later entries override).

    Files whose header is not an actor format are skipped (the same ``--dict`` list also carries
    verb lexicons). Compiled once per distinct list of files and their modification times.
    Raises ``DictionaryError`` [E201] on a missing file or a malformed line."""
    key = tuple((str(p), _mtime(Path(p))) for p in extra)
    return _load(key)


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1  # reported with the file name by read_rows


@lru_cache(maxsize=8)
def _load(extra: tuple[tuple[str, int], ...]) -> Dictionary:
    data = files("dotterel.actors").joinpath("data")
    sources: list[tuple[Readable, str]] = [(data.joinpath(n), str(data.joinpath(n)))
                                           for n in SHIPPED]
    sources += [(Path(p), p) for p, _ in extra]
    builder = _Builder()
    for source, label in sources:
        rows = read_rows(source, label)
        if rows is None:
            log.debug("%s is not an actor dictionary file; skipped", label)
            continue
        for row in rows:
            builder.add_row(row)
    return builder.finish(tuple(label for _, label in sources))


class _Builder:
    def __init__(self) -> None:
        self.exact: Node = {}
        self.folded: Node = {}
        self.lemma_roles: dict[str, Entry] = {}
        self.country_names: dict[str, str] = {}

    def add_row(self, row: Row) -> None:
        if row.kind == "countries":
            self._add_country(row)
        elif row.kind == "roles":
            self._add_role(row)
        else:
            entry = Entry(KINDS[row.kind], row.code, row.sector, row.name)
            for alias in (row.name or "", *row.aliases):
                self.add(alias, entry)
                if row.kind == "groups":
                    self.add(pluralise(alias, demonym=True), entry)

    def _add_country(self, row: Row) -> None:
        code, name = row.code, row.name
        assert code is not None and name is not None  # required columns
        self.country_names[code] = name
        for demonym in row.demonyms:  # first: a name wins over a plural ("Lao" + s = "Laos")
            self.add(demonym, Entry("demonym", code, None, name))
            self.add(pluralise(demonym, demonym=True), Entry("demonym", code, None, name))
        for capital in row.capitals:
            self.add(capital, Entry("capital", code, None, name))
        for alias in (name, *row.aliases):
            self.add(alias, Entry("country", code, None, name))

    def _add_role(self, row: Row) -> None:
        entry = Entry("role", None, row.sector, None, row.level)
        for phrase in row.aliases:
            self.add(phrase, entry)
            self.add(pluralise(phrase), entry)
            if " " not in phrase and "-" not in phrase:
                self.lemma_roles[fold(phrase)] = entry

    def add(self, alias: str | None, entry: Entry) -> None:
        if not alias:
            return
        if alias[:4].lower() == "the " and len(alias) > 4:
            alias = alias[4:]  # "the Gambia": the matcher skips the article anyway
        if is_short_caps(alias):
            _insert(self.exact, tuple(p[0] for p in split(alias)), entry, False)
        else:
            _insert(self.folded, tuple(p[1] for p in split(alias)), entry, alias[0].isupper())

    def finish(self, sources: tuple[str, ...]) -> Dictionary:
        return Dictionary(self.exact, self.folded, self.lemma_roles, self.country_names, sources)


def _insert(root: Node, key: tuple[str, ...], entry: Entry, needs_cap: bool) -> None:
    if not key:
        return
    node = root
    for piece in key:
        node = node.setdefault(piece, {})
    old = node.get(END)
    if old is not None and old[0] == entry:
        needs_cap = needs_cap and old[1]  # one alias of the entry allows lower case
    node[END] = (entry, needs_cap)
