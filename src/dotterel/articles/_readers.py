"""Read inputs into ``Article`` records. Bad inputs become ``Failure`` records, never exceptions
that stop a batch: every reader yields ``Article | Failure``."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from dotterel import errors as E
from dotterel.articles._normalise import make_article
from dotterel.errors import InputError
from dotterel.records import Article, Failure

SUPPORTED_SUFFIXES = (".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm")
Item = Article | Failure


def _failure(exc: InputError) -> Failure:
    return Failure(origin=exc.origin, code=exc.code, message=exc.reason, line=exc.line)


def decode_bytes(data: bytes, *, origin: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252/Latin-1; binary data raises E103."""
    if not data.strip():
        raise InputError("the input is empty", code=E.E102, origin=origin)
    sample = data[:4096]
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise InputError("the input is binary, not text", code=E.E103, origin=origin)
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


def _control_share(sample: bytes) -> float:
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / max(len(sample), 1)


def _text_article(text: str, origin: str) -> Item:
    if not text.strip():
        return Failure(origin=origin, code=E.E102, message="the input is empty")
    return make_article(text, origin=origin)


def _html_article(html: str, origin: str) -> Item:
    import trafilatura  # imported here: only HTML inputs pay for it

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
    return make_article(text, input_id=input_id, origin=f"{origin}:{n}", headline_in_text=False,
                        **opt)


def read_jsonl(lines: Iterable[str], origin: str) -> Iterator[Item]:
    for n, line in enumerate(lines, start=1):
        if line.strip():
            yield _jsonl_line(line, origin, n)


def _read_bytes(data: bytes, origin: str, suffix: str) -> Iterator[Item]:
    try:
        text = decode_bytes(data, origin=origin)
    except InputError as exc:
        yield _failure(exc)
        return
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(text.splitlines(), origin)
    elif suffix in (".html", ".htm"):
        yield _html_article(text, origin)
    else:
        yield _text_article(text, origin)


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
        data = p.read_bytes()
    except OSError as exc:
        yield Failure(origin=str(p), code=E.E101, message=f"cannot read the file: {exc.strerror}")
        return
    yield from _read_bytes(data, str(p), p.suffix.lower())


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    for path in paths:
        yield from read_path(path)
