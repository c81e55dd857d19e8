"""Normalise article text, derive its id, and split headline / standfirst / body."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from dotterel.articles._dates import find_dateline_date, parse_date
from dotterel.records import Article

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BLANKS = re.compile(r"\n{2,}")
STANDFIRST_MAX = 320  # characters; a longer line 2 is body text (calibrated on wire copy)


def normalise_text(text: str) -> str:
    """NFC, one paragraph per line, no trailing blanks, no control characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n", "\n".join(lines)).strip("\n ")


def article_id(text: str) -> str:
    """A stable id: the hash of the whitespace-collapsed, normalised text."""
    key = " ".join(normalise_text(text).split()).encode("utf-8")
    return hashlib.sha1(key).hexdigest()[:16]


def split_headline(text: str) -> tuple[str | None, int]:
    """(headline, body_start) for a plain-text article: line 1 is the headline when there are
    several lines, and a short line 2 is the standfirst."""
    lines = text.split("\n")
    if len(lines) < 2:
        return None, 0
    body_start = len(lines[0]) + 1
    if len(lines) > 2 and len(lines[1]) <= STANDFIRST_MAX:
        body_start += len(lines[1]) + 1
    return lines[0].strip() or None, body_start


def make_article(text: str, *, title: str | None = None, date: str | None = None,
                 source: str | None = None, url: str | None = None,
                 input_id: str | None = None, origin: str | None = None,
                 headline_in_text: bool = True) -> Article:
    """Build an ``Article`` from raw text. With ``headline_in_text`` the first line is taken as
    the headline (plain-text files); otherwise ``title`` is given separately (JSONL, HTML)."""
    norm = normalise_text(text)
    body_start = 0
    if headline_in_text and title is None:
        title, body_start = split_headline(norm)
    iso = parse_date(date) if date else None
    if iso is None:
        iso = find_dateline_date(norm[body_start:body_start + 400])
    return Article(id=article_id(norm), text=norm, title=title, date=iso, source=source,
                   url=url, input_id=input_id, origin=origin, body_start=body_start)
