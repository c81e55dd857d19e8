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

An entry with dated roles (a ``roles`` column, or an imported PETRARCH/TABARI file) stores them
all; its ``code`` and ``sector`` are what it codes as without a date, and ``on_date`` gives the
entry as it codes on an article's date (the rule is in ``_files``).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from dotterel.actors._files import read_rows
from dotterel.actors._rows import Readable, Role, Row
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
    roles: tuple[Role, ...] = ()  # every role, the undated one (start = end = None) included


@dataclass(frozen=True, slots=True, eq=False)
class Dictionary:
    """Compiled lookup tables. Build with ``load_dictionary``."""

    exact: Node
    folded: Node
    lemma_roles: Mapping[str, Entry]  # single-word role -> entry, for lemma look-ups
    country_names: Mapping[str, str]  # code -> canonical name
    sources: tuple[str, ...]
    actor_files: tuple[str, ...] = ()  # the sources read as actor files (not verb lexicons)
    dated: bool = False  # some entry has dated roles: resolution depends on the article's date


def on_date(entry: Entry, day: str | None) -> Entry:
    """``entry`` as it codes on ``day`` (ISO yyyy-mm-dd; None: undated), per the rule in
    ``_files``. Entries without dated roles come back unchanged."""
    if not entry.roles or day is None:
        return entry
    day = day[:10]
    covering = [(i, r) for i, r in enumerate(entry.roles) if r.covers(day)]
    if covering:  # the undated role covers every day, but any dated role beats it
        best = max(covering, key=lambda ir: (ir[1].start or "", _dated(ir[1]), -ir[0]))[1]
    else:
        ended = [r for r in entry.roles if r.end is not None and r.end < day]
        best = (max(ended, key=lambda r: r.end or "") if ended
                else min(entry.roles, key=lambda r: r.start or ""))
    return replace(entry, code=best.code, sector=best.sector)


def _dated(role: Role) -> bool:
    return role.start is not None or role.end is not None


def _undated_default(row: Row) -> tuple[tuple[Role, ...], str | None, str | None]:
    """A row's roles (its undated role first, when it has one) and the code and sector it takes
    without a date: the undated role, else the dated role that starts last."""
    if not row.roles:
        return (), row.code, row.sector
    if row.code or row.sector:
        return (Role(row.code, row.sector, None, None), *row.roles), row.code, row.sector
    latest = max(enumerate(row.roles), key=lambda ir: (ir[1].start or "", -ir[0]))[1]
    return row.roles, latest.code, latest.sector


def load_dictionary(extra: Sequence[Path | str] = ()) -> Dictionary:
    """The shipped dictionary plus the user's TSV files in ``extra`` (later entries override);
    a PETRARCH/TABARI actor dictionary in ``extra`` is recognised by its content and read too.

    Files whose header is not an actor format are skipped (the same ``--dict`` list also carries
    verb lexicons); ``actor_files`` names the ones read. Compiled once per distinct list of files
    and their modification times.
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
    builder, actor_files = _Builder(), []
    for source, label in sources:
        rows = read_rows(source, label)
        if rows is None:
            log.debug("%s is not an actor dictionary file; skipped", label)
            continue
        actor_files.append(label)
        for row in rows:
            builder.add_row(row)
    return builder.finish(tuple(label for _, label in sources), tuple(actor_files))


class _Builder:
    def __init__(self) -> None:
        self.exact: Node = {}
        self.folded: Node = {}
        self.lemma_roles: dict[str, Entry] = {}
        self.country_names: dict[str, str] = {}
        self.dated = False

    def add_row(self, row: Row) -> None:
        if row.kind == "countries":
            self._add_country(row)
        elif row.kind == "roles":
            self._add_role(row)
        else:
            roles, code, sector = _undated_default(row)
            self.dated = self.dated or bool(roles)
            entry = Entry(KINDS[row.kind], code, sector, row.name, roles=roles)
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

    def finish(self, sources: tuple[str, ...], actor_files: tuple[str, ...]) -> Dictionary:
        return Dictionary(self.exact, self.folded, self.lemma_roles, self.country_names, sources,
                          actor_files, self.dated)


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
