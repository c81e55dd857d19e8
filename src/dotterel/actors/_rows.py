"""The records an actor dictionary file is read into (``_files``, ``_tabari``), and what a
file is read from."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol


class Role(NamedTuple):
    """A code and sector held from ``start`` to ``end`` (ISO dates, inclusive; None: open)."""

    code: str | None
    sector: str | None
    start: str | None
    end: str | None

    def covers(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def cell(self) -> str:
        """The role as written in a ``roles`` cell."""
        return f"{self.code or '-'} {self.sector or '-'} {self.start or ''}..{self.end or ''}"


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
    roles: tuple[Role, ...] = ()  # dated roles (people and organisations)
