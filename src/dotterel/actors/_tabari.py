"""PETRARCH/TABARI actor dictionaries (the CAMEO and Phoenix actor lists): read, convert.

The format, one entry after another::

    JANE_EXAMPLE_  [XYZELI]           # primary phrase, optionally with an undated code
    +PRESIDENT_EXAMPLE_               # synonyms start with '+'
        [XYZGOV 20090120-20170120]    # a dated code: from-to, both days included
        [XYZOPP >20170121]            # from that day on
        [XYZMIL <900101]              # until that day; YYMMDD: 00-30 is 20YY, else 19YY

Words are joined by ``_`` (or blanks) and a phrase usually ends with ``_``. A code is a CAMEO
actor code: a three-letter country or organisation code and optional three-letter parts
(XYZGOV, IRQREBSEP, IGOUNO); ``[---]`` is the null code. Codes sit on the primary line or on
indented lines below the synonyms, several to a line if need be; an undated code given after
another replaces it (as in PETRARCH). Comments run from ``#`` or ``;`` (the KEDS/TABARI rule) to
the end of the line, or sit in ``<!-- ... -->``, over several lines if need be. ``---STOP---``
ends the file.

Lenient on what real files do (such lines are skipped or mended, and counted with the reason):
phrases without the final ``_`` (a stem in TABARI; here whole words), codes run together
(``[A][B]``), an indented phrase with a code (read as a synonym), a code on a synonym line,
agent-dictionary lines (``~`` codes), ``{...}`` plural forms and brace blocks, entries with no
code or only the null code, several undated codes, names listed by several entries (the later
entry wins, as with ``--dict`` files). Strict on what is broken: a date that is no date, a range
that ends before it starts, a code that is no CAMEO actor code, an unclosed bracket, a synonym
or code before any entry. These raise ``DictionaryError`` [E203] naming every FILE:LINE; with
``keep_going`` they are skipped and counted instead.

Into dotterel's code and sector: the first three letters are the code and the first later part
that is a sector (GOV, MIL, REB, ELI, ...) the sector; other parts (religions, regions, known
groups: IGOWSTNAT, IMGMUSALQ) are dropped. A code that starts with a sector (``[ELI]``) has no
country. An entry with dated codes becomes a ``people`` row, any other an ``organisations`` row
(see ``_files`` for the ``roles`` column and which role an article's date picks).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dotterel.actors._rows import Role, Row
from dotterel.actors._text import fold, is_short_caps
from dotterel.errors import E203, DictionaryError
from dotterel.vocab import SECTORS  # the parts of a CAMEO code that make a dotterel sector

NULL_CODE = "---"
_CODE = re.compile(r"(?:---|[A-Z]{3})(?:[A-Z]{3})*")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_RESTRICTION = re.compile(r"(?P<code>[^\s<>]+)\s*(?:(?P<op>[<>])\s*(?P<day>\S+)"
                          r"|(?P<start>\d+)\s*-\s*(?P<end>\d+))?")
_SEPARATORS = re.compile(r"[_\s]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_BRACES = re.compile(r"\{[^{}]*\}")
MAX_LISTED = 10  # broken lines named in an error message


@dataclass(frozen=True, slots=True)
class TabariRole:
    """One bracketed code as written, with its dates as ISO strings (None: open)."""

    code: str
    start: str | None
    end: str | None
    line: int

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class TabariEntry:
    """A primary phrase, its synonyms and its codes, in file order. Names are in display form
    ("Jane Example")."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[TabariRole, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A line (or entry) left out, or read after mending it, and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class TabariFile:
    label: str
    entries: tuple[TabariEntry, ...]
    skipped: tuple[Skipped, ...]
    mended: tuple[Skipped, ...]

    @property
    def counts(self) -> dict[str, int]:
        roles = [r for e in self.entries for r in e.roles]
        return {"entries": len(self.entries),
                "synonyms": sum(len(e.aliases) for e in self.entries),
                "roles": len(roles), "dated roles": sum(r.dated for r in roles)}


class _Broken(Exception):
    """A line that cannot be read; becomes [E203] or, with keep_going, a skipped line."""


@dataclass
class _Draft:
    name: str
    line: int
    aliases: list[str] = field(default_factory=list)
    roles: list[TabariRole] = field(default_factory=list)


def read_tabari(path: Path | str, *, keep_going: bool = False) -> TabariFile:
    """Parse the file at ``path``; see ``parse_tabari``. UTF-8, else Latin-1 (older files)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read actor dictionary: {exc}. Check the path.",
                              code=E203) from exc
    if b"\x00" in raw:
        raise DictionaryError(f"{path}: binary data, not a PETRARCH/TABARI actor dictionary.",
                              code=E203)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return parse_tabari(text, str(path), keep_going=keep_going)


def parse_tabari(text: str, label: str, *, keep_going: bool = False) -> TabariFile:
    """The entries of a PETRARCH/TABARI actor dictionary, with the lines skipped or mended.
    Raises ``DictionaryError`` [E203] listing the broken lines, unless ``keep_going``."""
    reader = _Reader(label)
    reader.run(text.splitlines())
    if reader.broken and not keep_going:
        listed = [f"  {label}:{s.line}: {s.reason}" for s in reader.broken[:MAX_LISTED]]
        if len(reader.broken) > MAX_LISTED:
            listed.append(f"  ... and {len(reader.broken) - MAX_LISTED} more")
        raise DictionaryError(
            f"{label}: {len(reader.broken)} broken line(s) in a PETRARCH/TABARI actor "
            "dictionary:\n" + "\n".join(listed) + "\nFix them, or skip them with: dotterel "
            f"actors import {label} --keep-going", code=E203)
    skipped = reader.skipped + [Skipped(s.line, f"broken: {s.reason}") for s in reader.broken]
    return TabariFile(label, tuple(reader.entries), tuple(sorted(skipped, key=_line)),
                      tuple(reader.mended))


def _line(s: Skipped) -> int:
    return s.line


class _Reader:
    def __init__(self, label: str) -> None:
        self.label = label
        self.entries: list[TabariEntry] = []
        self.skipped: list[Skipped] = []
        self.mended: list[Skipped] = []
        self.broken: list[Skipped] = []
        self.draft: _Draft | None = None

    def run(self, lines: Iterable[str]) -> None:
        in_comment = in_braces = stopped = False
        for n, raw in enumerate(lines, start=1):
            if stopped:
                if raw.strip():
                    self.skipped.append(Skipped(n, "after ---STOP---"))
                continue
            line, in_comment = _uncomment(raw, in_comment)
            if in_braces or (line.lstrip().startswith("{") and "}" not in line):
                in_braces = "}" not in line if in_braces else True
                self.skipped.append(Skipped(n, "{...} block"))
                continue
            if "---STOP---" in line:
                stopped = True
            elif not line.strip():
                if raw.strip():
                    self.skipped.append(Skipped(n, "comment"))
            else:
                try:
                    self._line(n, line)
                except _Broken as exc:
                    self.broken.append(Skipped(n, str(exc)))
        self._finish()

    def _line(self, n: int, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith("~") or "~" in "".join(_BRACKET.findall(stripped)):
            self.skipped.append(Skipped(n, "agent-dictionary line (~ code)"))
            return
        if _BRACES.search(stripped):
            stripped = _BRACES.sub(" ", stripped).strip()
            self.mended.append(Skipped(n, "{...} plural forms ignored"))
        phrase, roles = _split(stripped, n)
        if stripped.startswith("+"):
            self._synonym(n, phrase[1:], roles)
        elif not phrase:
            self._roles(n, roles)
        elif line[:1].isspace() and roles and self.draft is not None:
            self.mended.append(Skipped(n, "indented phrase with a code read as a synonym"))
            self._synonym(n, phrase, roles)
        else:
            self._finish()
            self.draft = _Draft(self._name(n, phrase), n)
            self.draft.roles.extend(roles)

    def _synonym(self, n: int, phrase: str, roles: list[TabariRole]) -> None:
        if self.draft is None:
            raise _Broken("synonym before any entry")
        if roles:
            self.mended.append(Skipped(n, "code on a synonym line applies to the whole entry"))
        self.draft.aliases.append(self._name(n, phrase))
        self.draft.roles.extend(roles)

    def _roles(self, n: int, roles: list[TabariRole]) -> None:
        if self.draft is None:
            raise _Broken("code before any entry")
        self.draft.roles.extend(roles)

    def _name(self, n: int, phrase: str) -> str:
        phrase = phrase.strip()
        if "|" in phrase:
            raise _Broken(f"'|' in the phrase {phrase!r}")
        if not phrase or not phrase.replace("_", "").strip():
            raise _Broken("empty phrase")
        if not phrase.endswith("_"):
            self.mended.append(Skipped(n, "phrase without the final _ (read as whole words)"))
        return display(phrase)

    def _finish(self) -> None:
        d, self.draft = self.draft, None
        if d is None:
            return
        if not d.roles:
            self.skipped.append(Skipped(d.line, "entry without a code"))
            return
        if all(r.code == NULL_CODE for r in d.roles):
            self.skipped.append(Skipped(d.line, "entry with only the null code [---]"))
            return
        if sum(not r.dated for r in d.roles) > 1:
            self.mended.append(Skipped(d.line, "several undated codes: the last one is used"))
        aliases = tuple(dict.fromkeys(a for a in d.aliases if fold(a) != fold(d.name)))
        self.entries.append(TabariEntry(d.name, aliases, tuple(d.roles), d.line))


def _uncomment(raw: str, in_comment: bool) -> tuple[str, bool]:
    """``raw`` without ``<!-- -->`` comments (open across lines when ``in_comment``) and without
    a ``#`` or ``;`` comment; and whether a ``<!--`` comment is still open at the end."""
    kept, i = [], 0
    while i <= len(raw):
        if in_comment:
            j = raw.find("-->", i)
            if j < 0:
                break
            i, in_comment = j + 3, False
        else:
            j = raw.find("<!--", i)
            kept.append(raw[i:] if j < 0 else raw[i:j])
            if j < 0:
                break
            i, in_comment = j + 4, True
    text = "".join(kept)
    cut = min((k for k in (text.find("#"), text.find(";")) if k >= 0), default=len(text))
    return text[:cut], in_comment


def _split(text: str, n: int) -> tuple[str, list[TabariRole]]:
    """The phrase before the first bracket, and the codes in brackets."""
    first = text.find("[")
    rest = text[first:] if first >= 0 else ""
    if "[" not in text and "]" in text:
        raise _Broken("']' without '['")
    roles = [_restriction(body, n) for body in _BRACKET.findall(rest)]
    if "[" in _BRACKET.sub("", rest) or "]" in _BRACKET.sub("", rest):
        raise _Broken(f"unclosed bracket in {text.strip()!r}")
    return (text[:first] if first >= 0 else text).strip(), roles


def _restriction(body: str, n: int) -> TabariRole:
    found = _RESTRICTION.fullmatch(body.strip())
    if found is None:
        raise _Broken(f"cannot read the code [{body}]: write [CODE], [CODE <DATE], [CODE >DATE] "
                      f"or [CODE DATE-DATE]")
    code = found.group("code")
    if not _CODE.fullmatch(code):
        raise _Broken(f"{code!r} is not a CAMEO actor code (three capital letters, then optional "
                      f"three-letter parts: USA, USAGOV, IRQREBSEP; --- for none)")
    if found.group("op") == "<":
        return TabariRole(code, None, _date(found.group("day")), n)
    if found.group("op") == ">":
        return TabariRole(code, _date(found.group("day")), None, n)
    if found.group("start") is None:
        return TabariRole(code, None, None, n)
    start, end = _date(found.group("start")), _date(found.group("end"))
    if end < start:
        raise _Broken(f"[{body.strip()}] ends before it starts")
    return TabariRole(code, start, end, n)


def _date(text: str) -> str:
    """YYYYMMDD or YYMMDD (00-30 is 20YY, 31-99 is 19YY, as in TABARI) -> ISO yyyy-mm-dd."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise _Broken(f"{text!r} is not a date: write YYYYMMDD (or YYMMDD)")
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 30 else 1900 + yy}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        raise _Broken(f"{text!r} is not a valid date") from None


def display(phrase: str) -> str:
    """``HAMID_KARZAI_`` -> "Hamid Karzai": words joined by blanks; an all-capitals phrase is
    title-cased, except a short acronym ("UN", "U.N.") which keeps its capitals."""
    text = " ".join(w for w in _SEPARATORS.split(phrase) if w)
    if not text.isupper() or is_short_caps(text):
        return text
    return _LETTERS.sub(lambda m: m.group().capitalize(), text)


def split_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> dotterel's (code, sector): "AFGGOVAGR" -> ("AFG", "GOV"),
    "IGOUNO" -> ("IGO", None), "ELI" -> (None, "ELI"), "---" -> (None, None)."""
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    head = None if parts[0] in (NULL_CODE, *SECTORS) else parts[0]
    start = 0 if head is None else 1
    return head, next((p for p in parts[start:] if p in SECTORS), None)


# -- conversion ----------------------------------------------------------------------------------

def tabari_rows(parsed: TabariFile) -> list[Row]:
    """dotterel dictionary rows: ``people`` rows for entries with dated codes, ``organisations``
    rows for the others. A name listed by several entries stays with the last one."""
    rows: list[Row] = []
    taken: set[str] = set()
    for entry in reversed(parsed.entries):
        names = [a for a in (entry.name, *entry.aliases) if _key(a) not in taken]
        taken.update(_key(a) for a in names)
        if names:
            rows.append(_row(entry, names[0], tuple(names[1:])))
    return rows[::-1]


def superseded(parsed: TabariFile) -> int:
    """How many names are listed by more than one entry (the later entry keeps them)."""
    seen = Counter(k for e in parsed.entries for k in {_key(a) for a in (e.name, *e.aliases)})
    return sum(n - 1 for n in seen.values() if n > 1)


def _key(alias: str) -> str:
    key = fold(" ".join(alias.split()))
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def _row(entry: TabariEntry, name: str, aliases: tuple[str, ...]) -> Row:
    undated = [r for r in entry.roles if not r.dated]
    dated = tuple(Role(*split_code(r.code), r.start, r.end) for r in entry.roles if r.dated)
    code, sector = split_code(undated[-1].code) if undated else (None, None)
    return Row("people" if dated else "organisations", code, sector, name, aliases, roles=dated)


HEADERS = {"people": "code\tsector\tperson\taliases\troles",
           "organisations": "code\tsector\torganisation\taliases\troles"}


def to_tsv(rows: list[Row], *, source: str) -> str:
    """The rows as a dotterel actor file: a people section, then an organisations section."""
    out = [f"# dotterel actor dictionary converted from {source} by `dotterel actors import`.",
           "# Dated roles are in the last column; see dotterel/actors/_files.py for the format",
           "# and for which role an article's date picks."]
    for kind, header in HEADERS.items():
        chosen = [r for r in rows if r.kind == kind]
        if chosen:
            out.append(header)
            out.extend("\t".join((r.code or "-", r.sector or "-", r.name or "-",
                                  "|".join(r.aliases) or "-",
                                  "|".join(x.cell() for x in r.roles) or "-")) for r in chosen)
    return "\n".join(out) + "\n"


def looks_like_tabari(text: str) -> bool:
    """True when the first lines read as a PETRARCH/TABARI actor dictionary: no tab-separated
    cells, and a bracketed CAMEO code or a '+' synonym among the first 30 lines of content."""
    seen, in_comment = 0, False
    for raw in text.splitlines():
        line, in_comment = _uncomment(raw, in_comment)
        if not line.strip():
            continue
        if line.count("\t") >= 2 and "[" not in line:
            return False  # a TSV file
        if line.lstrip().startswith("+") or any(map(_is_code, _BRACKET.findall(line))):
            return True
        seen += 1
        if seen >= 30:
            return False
    return False


def _is_code(body: str) -> bool:
    found = _RESTRICTION.fullmatch(body.strip())
    return found is not None and _CODE.fullmatch(found.group("code")) is not None
