"""Normalise article text, derive its id, and split headline / standfirst / body."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from dotterel.articles._dates import find_dateline_date, parse_date
from dotterel.records import Article

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BLANKS = re.compile(r"\n{2,}")
STANDFIRST_MAX = 320  # characters; a longer line 2 is body text (calibrated on wire copy)
HEADLINE_MAX = 500  # characters; a longer line 1 is body text, not a headline
# A longer article is coded and stored as parts of at most this many characters: ~16,000 words,
# twice the longest feature in the Wikinews gold set. It bounds the memory one article takes
# (its parse, its mentions) however large an input is.
MAX_ARTICLE_CHARS = 100_000


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
    if len(lines) < 2 or len(lines[0]) > HEADLINE_MAX:
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


def split_long(article: Article, *, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """``article`` itself, or when its text is longer than ``max_chars``, its parts: cut between
    paragraphs where possible (else after a sentence, else between words), each an ``Article``
    with the same origin, date, source and url, the title marked "(part k of n)", and the id
    ``part_id(article.id, k)``, so that reading the same input again gives the same parts."""
    if len(article.text) <= max_chars:
        return [article]
    spans = cut_spans(article.text, max_chars)
    title = article.title or ""
    return [replace(article, id=part_id(article.id, k), text=article.text[start:end],
                    title=f"{title} (part {k} of {len(spans)})".strip(),
                    body_start=min(article.body_start, end - start) if k == 1 else 0)
            for k, (start, end) in enumerate(spans, start=1)]


def part_id(whole_id: str, k: int) -> str:
    return hashlib.sha1(f"{whole_id}:part{k}".encode("ascii")).hexdigest()[:16]


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]* ")


def cut_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each at most ``max_chars`` long and
    without leading or trailing blanks: cut at the last line break in the window, else the
    last sentence end, else the last space, else hard."""
    spans, start = [], 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        spans.append((start, end))
        start = end
        while start < len(text) and text[start] in " \n":
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    floor = start + (limit - start) // 2  # never cut off less than half a window
    newline = text.rfind("\n", floor, limit + 1)
    if newline > floor:
        return newline
    ends = [m.end() - 1 for m in _SENTENCE_END.finditer(text, floor, limit + 1)]
    if ends:
        return ends[-1]
    space = text.rfind(" ", floor, limit + 1)
    return space if space > floor else limit
