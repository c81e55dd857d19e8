"""Mentions -> Actor (code, sector, canonical name), from dictionaries shipped as data files.

    resolve_tokens(tokens, *, dictionary=None)        one noun phrase's tokens -> Actor | None
    lookup_name(text, *, dictionary=None)             a proper name -> Actor | None
    country_of_place_name(text, *, dictionary=None)   a country or capital name -> code | None
    load_dictionary(extra=())                         shipped files + the user's TSV files

The data files live in ``dotterel/actors/data/`` (countries, organisations, people, ethnic
groups, roles); their formats are described in ``_files.py`` and at the top of each file. Nothing
here imports spaCy: tokens are ``dotterel.records.Token``.
"""
from dotterel.actors._dictionary import Dictionary, Entry, load_dictionary
from dotterel.actors._resolve import country_of_place_name, lookup_name, resolve_tokens

__all__ = ["Dictionary", "Entry", "country_of_place_name", "load_dictionary", "lookup_name",
           "resolve_tokens"]
