"""Readers: text, JSONL, HTML, folders and stdin -> ``Article`` records (or ``Failure`` records)."""
from dotterel.articles._dates import find_dateline_date, parse_date, resolve_relative_day
from dotterel.articles._language import Language, detect_language
from dotterel.articles._normalise import (
    MAX_ARTICLE_CHARS,
    article_id,
    make_article,
    normalise_text,
    split_long,
)
from dotterel.articles._readers import SUPPORTED_SUFFIXES, read_inputs, read_jsonl, read_path, read_stream

__all__ = [
    "MAX_ARTICLE_CHARS", "SUPPORTED_SUFFIXES", "Language", "article_id", "detect_language",
    "find_dateline_date", "make_article", "normalise_text", "parse_date", "read_inputs",
    "read_jsonl", "read_path", "read_stream", "resolve_relative_day", "split_long",
]
