"""Place mentions: entity spans of a parsed sentence, and the dateline of a wire story."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from dotterel.places._gazetteer import Gazetteer
from dotterel.records import Place, Token

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# FAC spans ("the Kabul Airport") are often not places at all; they resolve only to a country, a
# US state or a city at least this big.
FAC_MIN_POPULATION = 100_000
# a proper noun the tagger missed still names a place after "the town of", "near", "in"
CUE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "capital",
                       "port", "island", "state", "county"})
CUE_PREPS = frozenset({"in", "near", "outside", "at"})
CUE_MIN_POPULATION = 15_000
CUE_ENTS = frozenset({"", "NORP", "PERSON", "ORG"})  # what the tagger mistakes small towns for
_DROP_FIRST = frozenset({"the"})
_DROP_LAST = frozenset({"'s", "’s", "'", "’"})


def find_places(tokens: Sequence[Token], *, gazetteer: Gazetteer,
                country: str | None = None) -> list[Place]:
    """Resolve the GPE/LOC/FAC spans of one sentence's tokens, in order, with character offsets
    into the article text. ``country`` (ISO alpha-3) breaks ties between same-named places."""
    places = []
    spans = [(s, 0) for s in _spans(tokens)] + [(s, CUE_MIN_POPULATION) for s in _cued(tokens)]
    for span, floor in sorted(spans, key=lambda x: x[0][0].i):
        place = _resolve(span, gazetteer=gazetteer, country=country, floor=floor)
        if place is not None:
            places.append(place)
    return places


def _cued(tokens: Sequence[Token]) -> list[list[Token]]:
    """Untagged proper-noun runs right after a place cue: "the town of Samarra", "near Tikrit"."""
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        prev = tokens[i - 1].text.lower() if i else ""
        cued = (prev in CUE_PREPS or (prev == "of" and i > 1 and tokens[i - 2].lemma.lower() in CUE_NOUNS))
        if cued and tok.pos == "PROPN" and tok.ent_type in CUE_ENTS:
            j = i
            while (j + 1 < len(tokens) and tokens[j + 1].pos == "PROPN"
                   and tokens[j + 1].ent_type in CUE_ENTS and tokens[j + 1].ent_iob == "I"):
                j += 1
            out.append(list(tokens[i:j + 1]))
            i = j + 1
            continue
        i += 1
    return out


def _spans(tokens: Sequence[Token]) -> list[list[Token]]:
    """Group place-entity tokens by their IOB tags; an "I" without a "B" opens a span too."""
    spans: list[list[Token]] = []
    current: list[Token] = []
    for tok in tokens:
        inside = tok.ent_type in PLACE_ENTS and tok.ent_iob in ("B", "I")
        continues = (inside and tok.ent_iob == "I" and current
                     and current[-1].ent_type == tok.ent_type and current[-1].i == tok.i - 1)
        if current and not continues:
            spans.append(current)
            current = []
        if inside:
            current.append(tok)
    if current:
        spans.append(current)
    return spans


def _resolve(span: list[Token], *, gazetteer: Gazetteer, country: str | None,
             floor: int = 0) -> Place | None:
    while span and span[0].text.lower() in _DROP_FIRST:
        span = span[1:]
    while span and span[-1].text.lower() in _DROP_LAST:
        span = span[:-1]
    if not span or not span[0].text[:1].isupper():
        return None
    text = _span_text(span)
    floor = FAC_MIN_POPULATION if span[0].ent_type == "FAC" else floor
    place = gazetteer.lookup(text, country=country, min_population=floor)
    if place is None:
        return None
    return dataclasses.replace(place, start=span[0].idx, end=span[-1].idx + len(span[-1].text))


def _span_text(span: list[Token]) -> str:
    parts = [span[0].text]
    for prev, tok in zip(span, span[1:]):
        parts.append(" " if tok.idx > prev.idx + len(prev.text) else "")
        parts.append(tok.text)
    return "".join(parts)


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_NAME = r"[^\W\d_][^\W\d_.'’ -]*(?:[.'’ -]{1,2}[^\W\d_][^\W\d_'’-]*){0,4}\.?"
_DATELINE = re.compile(
    rf"[ \t]*(?P<place>{_NAME})"
    rf"(?:,[ \t]*(?P<region>{_NAME}))?"
    rf"(?:,?[ \t]*(?P<date>{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?))?"
    r"[ \t]*(?P<agency>\([^()\n]{1,40}\))?"
    r"[ \t]*(?:--|[-—–])(?:[ \t]|$)"
)


def dateline_place(text: str, *, gazetteer: Gazetteer, offset: int = 0) -> Place | None:
    """The place of a wire dateline at the start of ``text`` ("KABUL, June 10 (Reuters) -",
    "KABUL (AP) —", "Kabul, Afghanistan —"), with offsets into ``text`` plus ``offset``.

    A dateline needs an upper-case place, an agency in brackets or a region after a comma; a
    byline line ("By Jane Doe") before it is skipped."""
    pos = 0
    for line in text.split("\n")[:2]:
        if line.strip():
            m = _DATELINE.match(line)
            if m is not None:
                return _dateline(m, gazetteer=gazetteer, at=offset + pos)
            if not line.lstrip().startswith("By "):
                return None
        pos += len(line) + 1
    return None


def _dateline(m: re.Match[str], *, gazetteer: Gazetteer, at: int) -> Place | None:
    name, region = m["place"], m["region"]
    if not (name.isupper() or m["agency"] or region):
        return None
    hint = gazetteer.region(region) if region else None
    if region and hint is None:
        return None  # "Officials, analysts say -" is no dateline
    group = "place"
    place = gazetteer.lookup(name, country=hint.country if hint else None)
    if place is None or (hint is not None and place.country != hint.country):
        place, group = hint, "region"  # "SMALLTOWN, Texas (AP) -": the region is what we know
    if place is None:
        return None
    return dataclasses.replace(place, start=at + m.start(group), end=at + m.end(group))
