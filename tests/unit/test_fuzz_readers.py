"""Property tests on the readers (Hypothesis): whatever the bytes, text or JSONL lines, a reader
yields ``Article`` or ``Failure`` records and never raises; ids do not change with whitespace;
long articles and long paragraphs are cut without losing or moving a character. No model."""
from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dotterel.articles import (MAX_ARTICLE_CHARS, article_id, detect_language, make_article,
                               normalise_text, read_path, read_stream, split_long)
from dotterel.nlp._parse import bounded
from dotterel.records import Article, Failure

# FUZZ_EXAMPLES=3000 for a longer search than CI's
FAST = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = (".txt", ".jsonl", ".ndjson", ".text", ".bin", "")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
words = st.sampled_from(["Iran", "accused", "Israel", "of", "the", "attack", "Mr.", "U.S.",
                         "said", "troops", "Kabul", "\u00e9t\u00e9", "\u0645\u0631\u062d\u0628\u0627",
                         "\u4e2d\u56fd", "!", "?", "\u201cquote\u201d", "", "1,000"])
spaces = st.sampled_from([" ", "  ", "\t", " \u00a0", "\n", "\r\n", "\n\n", " \n "])


def check_items(items: list, *, origin: str) -> None:
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert item.code.startswith("E1") and item.message and origin in item.origin
        else:
            assert HEX16.match(item.id) and item.text.strip() == item.text and item.text
            assert len(item.text) <= MAX_ARTICLE_CHARS
            assert 0 <= item.body_start <= len(item.text)


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
@example(data=b"", suffix=".txt")
@example(data=b"\xff\xfe\x00\x00garbage", suffix=".jsonl")
@example(data=b"\n\n  \n", suffix=".jsonl")
@example(data='{"text": "caf\u00e9"}\n'.encode("latin-1") + b'{"text": "ok"}\n', suffix=".jsonl")
def test_any_bytes_in_any_file_yield_records(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_path(path))
    assert items, "an input is never silently dropped"
    check_items(items, origin="input")


@FAST
@given(data=st.binary(max_size=3000))
def test_any_bytes_on_stdin_yield_records(data: bytes) -> None:
    items = list(read_stream(io.BytesIO(data), origin="<stdin>"))
    assert items
    check_items(items, origin="<stdin>")


@FAST
@given(text=st.text(max_size=2000))
def test_any_text_yields_records(text: str) -> None:
    items = list(read_stream(io.BytesIO(text.encode("utf-8")), origin="<stdin>"))
    check_items(items, origin="<stdin>")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)
good_line = st.fixed_dictionaries(
    {"text": st.lists(words, min_size=1, max_size=30).map(" ".join)},
    optional={"id": st.text(max_size=10) | st.integers(), "title": st.text(max_size=20),
              "date": st.sampled_from(["2023-06-10", "10 June 2023", "yesterday", "", "2023-13-45"]),
              "source": st.text(max_size=10), "url": st.text(max_size=20)}).map(json.dumps)
bad_line = st.one_of(
    json_values.map(json.dumps),  # valid JSON, rarely an object with text
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    st.just('{"id": 3}'), st.just('{"text": ""}'), st.just('{"text": 12}'), st.just("{broken"))


@FAST
@given(lines=st.lists(st.one_of(good_line, bad_line), min_size=1, max_size=12))
def test_jsonl_one_record_per_line_with_its_number(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        items = list(read_path(path))
    check_items(items, origin="in.jsonl")
    numbered = [n for n, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        assert [i.code for i in items] == ["E102"]
        return
    where = [int(i.origin.rsplit(":", 1)[1]) if isinstance(i, Article) else i.line
             for i in items]
    assert where == numbered  # one record per non-blank line, in order, never two


@FAST
@given(parts=st.lists(words, min_size=1, max_size=40), gaps=st.lists(spaces, min_size=40,
                                                                     max_size=40))
def test_ids_do_not_change_with_whitespace(parts: list[str], gaps: list[str]) -> None:
    plain = " ".join(parts)
    spaced = "".join(p + g for p, g in zip(parts, gaps))
    assert article_id(plain) == article_id(spaced) == article_id(f"  \n{spaced}\r\n\t")
    assert article_id(normalise_text(spaced)) == article_id(spaced)
    if plain.strip():
        assert make_article(plain).id == make_article(spaced, headline_in_text=False).id


paragraph = st.lists(words, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(paras=st.lists(paragraph, min_size=1, max_size=40), limit=st.integers(60, 2000))
def test_long_articles_become_parts_that_hold_all_the_text(paras: list[str], limit: int) -> None:
    article = make_article("\n".join(paras), origin="long.txt", date="2023-06-10")
    parts = split_long(article, max_chars=limit)
    if len(article.text) <= limit:
        assert parts == [article]
        return
    assert all(0 < len(p.text) <= limit and p.text == p.text.strip() for p in parts)
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", "".join(p.text for p in parts)) == squeeze.sub("", article.text)
    assert len({p.id for p in parts}) == len(parts)
    assert all(p.origin == "long.txt" and p.date == "2023-06-10" for p in parts)
    assert [p.id for p in split_long(article, max_chars=limit)] == [p.id for p in parts]


@settings(max_examples=100, deadline=None)
@given(text=st.lists(st.one_of(words, spaces.filter(lambda s: "\n" not in s),
                               st.just("x" * 300)), max_size=200).map(" ".join),
       limit=st.integers(20, 500), offset=st.integers(0, 10_000))
def test_parse_pieces_are_bounded_and_offsets_exact(text: str, limit: int, offset: int) -> None:
    pieces = list(bounded(text, offset, limit=limit))
    covered = set()
    for piece, at in pieces:
        assert len(piece) <= limit or len(text) <= limit
        assert text[at - offset:at - offset + len(piece)] == piece
        covered.update(range(at - offset, at - offset + len(piece)))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=600))
def test_language_detection_never_raises(text: str) -> None:
    found = detect_language(text)
    assert found.code and 0.0 <= found.confidence <= 1.0
