"""Read inputs into ``Article`` records. Bad inputs become ``Failure`` records, never exceptions
that stop a batch: every reader yields ``Article | Failure``."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from dotterel import errors as E
from dotterel.articles._normalise import make_article, split_long
from dotterel.errors import InputError
from dotterel.records import Article, Failure

SUPPORTED_SUFFIXES = (".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm")
Item = Article | Failure
BINARY = "the input is binary, not text"


def _failure(exc: InputError) -> Failure:
    return Failure(origin=exc.origin, code=exc.code, message=exc.reason, line=exc.line)


def decode_bytes(data: bytes, *, origin: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252/Latin-1; binary data raises E103."""
    if not data.strip():
        raise InputError("the input is empty", code=E.E102, origin=origin)
    if _binary(data[:4096]):
        raise InputError(BINARY, code=E.E103, origin=origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("the input cannot be decoded as UTF-8 or Latin-1", code=E.E103, origin=origin)


def _binary(sample: bytes) -> bool:
    return b"\x00" in sample or _control_share(sample) > 0.05


def _control_share(sample: bytes) -> float:
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / max(len(sample), 1)


def _text_article(text: str, origin: str) -> Item:
    article = make_article(text, origin=origin) if text.strip() else None
    if article is None or not article.text:  # blank, or nothing but control characters
        return Failure(origin=origin, code=E.E102, message="the input is empty")
    return article


def _html_article(html: str, origin: str) -> Item:
    try:
        import trafilatura  # imported here: only HTML inputs pay for it
    except ImportError as exc:  # a broken install (lxml_html_clean missing, say)
        return Failure(origin=origin, code=E.E107,
                       message=f"HTML extraction is unavailable: {exc}; reinstall dotterel")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises a variety of parser errors
        return Failure(origin=origin, code=E.E107, message=f"HTML could not be parsed: {exc}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return Failure(origin=origin, code=E.E107, message="no main text found in the HTML")
    title = getattr(doc, "title", None)
    body = f"{title}\n{text}" if title else text
    art = make_article(body, date=getattr(doc, "date", None), url=getattr(doc, "url", None),
                       source=getattr(doc, "sitename", None), origin=origin)
    if not art.text:
        return Failure(origin=origin, code=E.E107, message="no main text found in the HTML")
    return art


def _jsonl_line(line: str, origin: str, n: int) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(origin=origin, line=n, code=E.E104, message=f"broken JSON: {exc.msg}")
    if not isinstance(obj, dict):
        return Failure(origin=origin, line=n, code=E.E104, message="the line is not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(origin=origin, line=n, code=E.E105, message="the line has no 'text'")
    opt = {k: (str(obj[k]) if obj.get(k) is not None else None)
           for k in ("title", "date", "source", "url")}
    input_id = str(obj["id"]) if obj.get("id") is not None else None
    article = make_article(text, input_id=input_id, origin=f"{origin}:{n}",
                           headline_in_text=False, **opt)
    if not article.text:
        return Failure(origin=origin, line=n, code=E.E105, message="the line has no 'text'")
    return article


def read_jsonl(lines: Iterable[str], origin: str) -> Iterator[Item]:
    """One record per non-blank line (an article longer than ``MAX_ARTICLE_CHARS``: its parts).
    Spark's reader (``dotterel.scale``) uses it too, so both cut the same parts."""
    for n, line in enumerate(lines, start=1):
        if line.strip():
            yield from _split([_jsonl_line(line, origin, n)])


def _read_bytes(data: bytes, origin: str, suffix: str) -> Iterator[Item]:
    try:
        text = decode_bytes(data, origin=origin)
    except InputError as exc:
        yield _failure(exc)
        return
    yield from _read_text(text, origin, suffix)


def _split(items: Iterable[Item]) -> Iterator[Item]:
    """Articles longer than ``MAX_ARTICLE_CHARS`` become parts (see ``split_long``)."""
    for item in items:
        if isinstance(item, Article):
            yield from split_long(item)
        else:
            yield item


def _read_text(text: str, origin: str, suffix: str) -> Iterator[Item]:
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(text.split("\n"), origin)  # not splitlines(): U+2028 is JSON text
    elif suffix in (".html", ".htm"):
        yield from _split([_html_article(text, origin)])
    else:
        yield from _split([_text_article(text, origin)])


def _sniff_suffix(data: bytes) -> str:
    head = data.lstrip()[:1]
    return {b"{": ".jsonl", b"<": ".html"}.get(head, ".txt")


def read_stream(stream: IO[bytes], origin: str = "<stdin>") -> Iterator[Item]:
    """Read one input from a byte stream (stdin): JSONL, HTML or plain text, by content."""
    data = stream.read()
    yield from _read_bytes(data, origin, _sniff_suffix(data))


def read_path(path: str | Path) -> Iterator[Item]:
    """Read a file or a folder (recursively, in sorted order; hidden files are skipped)."""
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer)
        return
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(p).parts):
                yield from read_path(child)
        return
    if not p.exists():
        yield Failure(origin=str(p), code=E.E101, message="no such file or folder")
        return
    try:
        if p.suffix.lower() in (".jsonl", ".ndjson"):
            yield from _read_jsonl_file(p)
            return
        data = p.read_bytes()
    except OSError as exc:
        yield Failure(origin=str(p), code=E.E101, message=f"cannot read the file: {exc.strerror}")
        return
    yield from _read_bytes(data, str(p), p.suffix.lower())


def _read_jsonl_file(p: Path) -> Iterator[Item]:
    """A JSONL file, a line at a time (memory stays flat however large the file is). Each line
    is decoded on its own, so one line in Latin-1 spoils no other; a binary file is one E103."""
    origin = str(p)
    with p.open("rb") as f:
        if _binary(f.read(4096)):
            yield Failure(origin=origin, code=E.E103, message=BINARY)
            return
        f.seek(0)
        blank = True
        for n, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                line = decode_bytes(raw, origin=origin)
            except InputError as exc:
                blank = False
                yield Failure(origin=origin, line=n, code=exc.code, message=exc.reason)
                continue
            if line.strip():  # not only Unicode spaces
                blank = False
                yield from _split([_jsonl_line(line, origin, n)])
    if blank:
        yield Failure(origin=origin, code=E.E102, message="the input is empty")


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    for path in paths:
        yield from read_path(path)
