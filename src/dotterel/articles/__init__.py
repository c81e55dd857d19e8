"""Readers: text, JSONL, HTML, folders and stdin -> ``Article`` records (or ``Failure`` records)."""
from dotterel.articles._dates import parse_date, find_dateline_date, resolve_relative_day
from dotterel.articles._normalise import article_id, make_article, normalise_text
from dotterel.articles._readers import SUPPORTED_SUFFIXES, read_inputs, read_path, read_stream

__all__ = [
    "SUPPORTED_SUFFIXES", "article_id", "find_dateline_date", "make_article", "normalise_text",
    "parse_date", "read_inputs", "read_path", "read_stream", "resolve_relative_day",
]
