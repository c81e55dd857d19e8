"""Readers: formats, headline/standfirst, dates, ids, and bad input. No model."""
from __future__ import annotations

import io
import json

import pytest

from dotterel.articles import (article_id, find_dateline_date, make_article, parse_date,
                               read_path, read_stream, resolve_relative_day)
from dotterel.records import Article, Failure


def _one(path):
    items = list(read_path(path))
    assert len(items) == 1
    return items[0]


def test_txt_headline_standfirst_and_body(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Big Headline Here\nA short standfirst.\nBody paragraph one is here.\nTwo.\n")
    a = _one(p)
    assert isinstance(a, Article)
    assert a.title == "Big Headline Here"
    assert a.text[a.body_start:].startswith("Body paragraph one")


def test_txt_long_second_line_is_body(tmp_path):
    p = tmp_path / "a.txt"
    long = "Word " * 100
    p.write_text(f"Headline\n{long}\nMore body.\n")
    a = _one(p)
    assert a.text[a.body_start:].startswith("Word")


def test_single_line_text_has_no_headline(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Iran accused Israel of attacking its embassy.")
    a = _one(p)
    assert a.title is None and a.body_start == 0


def test_id_is_hash_of_normalised_text():
    a = make_article("Iran  accused\r\nIsrael.\n\n\n")
    b = make_article("Iran accused\nIsrael.")
    assert a.id == b.id
    assert a.id != make_article("Iran accused Iraq.").id
    assert article_id("x y") == article_id("x   y")


def test_jsonl_good_broken_and_missing_text(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a1", "text": "Iran rejected the claim.", "date": "20230610",
                         "source": "wire"}),
             "{not json",
             json.dumps({"id": "a3", "title": "no text"}),
             json.dumps({"id": 4, "text": "Second good line."})]
    p.write_text("\n".join(lines) + "\n")
    items = list(read_path(p))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[0].input_id == "a1" and items[0].date == "2023-06-10" and items[0].source == "wire"
    assert items[1].code == "E104" and items[1].line == 2 and items[1].origin == str(p)
    assert items[2].code == "E105" and items[2].line == 3
    assert items[3].input_id == "4"


def test_empty_binary_and_latin1(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "rand.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes("Le président a rejeté la demande.".encode("latin-1"))
    items = {i.origin.rsplit("/", 1)[-1]: i for i in read_path(tmp_path)}
    assert isinstance(items["empty.txt"], Failure) and items["empty.txt"].code == "E102"
    assert isinstance(items["rand.bin"], Failure) and items["rand.bin"].code == "E103"
    assert isinstance(items["latin.txt"], Article) and "président" in items["latin.txt"].text


def test_folder_is_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Kenya expelled two diplomats.")
    (tmp_path / "a.txt").write_text("Chad closed its border.")
    (tmp_path / ".hidden.txt").write_text("Should not be read.")
    texts = sorted(i.text for i in read_path(tmp_path))
    assert texts == ["Chad closed its border.", "Kenya expelled two diplomats."]


def test_missing_path_is_a_failure(tmp_path):
    f = _one(tmp_path / "nope.txt")
    assert isinstance(f, Failure) and f.code == "E101"


def test_stdin_sniffs_jsonl_and_text():
    items = list(read_stream(io.BytesIO(b'{"id": "x", "text": "Peru recalled its envoy."}\n')))
    assert items[0].input_id == "x"
    items = list(read_stream(io.BytesIO(b"Peru recalled its envoy.")))
    assert items[0].text == "Peru recalled its envoy."


def test_html_main_text_extracted(tmp_path):
    body = "<p>" + "Protesters marched on the parliament in Nairobi on Monday. " * 6 + "</p>"
    html = (f"<html><head><title>Protest in Nairobi</title></head><body><nav>Home | About</nav>"
            f"<article><h1>Protest in Nairobi</h1>{body}</article><footer>Copyright</footer></body></html>")
    p = tmp_path / "page.html"
    p.write_text(html)
    a = _one(p)
    assert isinstance(a, Article)
    assert "Protesters marched" in a.text and "Copyright" not in a.text


def test_html_without_text_fails(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><body><script>var x=1;</script></body></html>")
    f = _one(p)
    assert isinstance(f, Failure) and f.code == "E107"


@pytest.mark.parametrize("raw,iso", [("2023-06-10", "2023-06-10"), ("20080804", "2008-08-04"),
                                     ("June 10, 2023", "2023-06-10"), ("10 Sept 2023", "2023-09-10"),
                                     ("2023-06-10T08:00:00Z", "2023-06-10"), ("soon", None),
                                     ("2023-02-30", None)])
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso


def test_dateline_date_used_when_input_has_none():
    a = make_article("Headline\nKABUL, March 14, 2024 (Wire) - The Taliban said...")
    assert a.date == "2024-03-14"
    assert find_dateline_date("nothing here") is None


def test_relative_days():
    assert resolve_relative_day("Tuesday", "2023-06-10") == "2023-06-06"  # a Saturday
    assert resolve_relative_day("Saturday", "2023-06-10") == "2023-06-10"
    assert resolve_relative_day("yesterday", "2023-06-10") == "2023-06-09"
    assert resolve_relative_day("Tuesday", None) is None
