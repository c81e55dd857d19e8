"""Accent folding: the one normal form used for every key of the gazetteer index."""
from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": " ", "‑": " ", "–": " ", "—": " ", "-": " ",
    ".": "",
})
_SPACES = re.compile(r"\s+")


def fold(name: str) -> str:
    """Lowercase, strip accents and dots, turn hyphens into spaces: ``"Bogotá"`` -> ``"bogota"``,
    ``"U.S."`` -> ``"us"``, ``"Guinea-Bissau"`` -> ``"guinea bissau"``."""
    text = name.translate(_EXTRA)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.casefold()).strip()
