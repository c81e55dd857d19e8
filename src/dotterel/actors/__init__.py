"""Mentions -> Actor (code, sector, canonical name), from dictionaries shipped as data files.

    resolve_tokens(tokens, *, dictionary=None)        one noun phrase's tokens -> Actor | None
    lookup_name(text, *, dictionary=None)             a proper name -> Actor | None
    country_of_place_name(text, *, dictionary=None)   a country or capital name -> code | None
    load_dictionary(extra=())                         shipped files + the user's TSV files
    lookup_entry(text, *, dictionary=None)            a proper name -> its dictionary Entry
    article_date(day)                                 context: dated roles code as on ``day``
    read_tabari(path, *, keep_going=False)            a PETRARCH/TABARI file -> TabariFile
    tabari_rows(parsed), to_tsv(rows, *, source=)     ... -> dotterel rows -> actor TSV text
    strip_edges(tokens, edge)                         tokens without the edge words

The data files live in ``dotterel/actors/data/`` (countries, organisations, people, ethnic
groups, roles); their formats are described in ``_files.py`` and at the top of each file. Nothing
here imports spaCy: tokens are ``dotterel.records.Token``.
"""
from dotterel.actors._dictionary import Dictionary, Entry, load_dictionary
from dotterel.actors._resolve import (
    article_date,
    country_of_place_name,
    lookup_entry,
    lookup_name,
    resolve_tokens,
)
from dotterel.actors._rows import Role, Row
from dotterel.actors._tabari import Skipped, TabariFile, read_tabari, superseded, tabari_rows, to_tsv
from dotterel.actors._text import strip_edges

__all__ = ["Dictionary", "Entry", "Role", "Row", "Skipped", "TabariFile", "article_date",
           "country_of_place_name", "load_dictionary", "lookup_entry", "lookup_name",
           "read_tabari", "resolve_tokens", "strip_edges", "superseded", "tabari_rows", "to_tsv"]
