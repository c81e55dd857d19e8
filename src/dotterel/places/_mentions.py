"""Place mentions: entity spans of a parsed sentence, and the dateline of a wire story."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dotterel.places._gazetteer import Gazetteer
from dotterel.records import Place, Token

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
NAME_ENTS = frozenset({"PERSON", "ORG"})  # a place inside one of these is part of a name
# FAC spans ("the Kabul Airport") are often not places at all; they resolve only to a country, a
# region, a site or a city at least this big.
FAC_MIN_POPULATION = 100_000
# A town smaller than this needs a cue: a locative preposition or a place noun before it
# ("in Qayyarah", "the village of Tell Tamer"), or its country named in the same sentence
# ("Tall Tamr, Syria"). Towns of 500 people share their names with common words and surnames;
# calibrated on ../shared/gold/articles/wikinews_dev.jsonl (score.py articles): re-run it after
# changing this.
UNCUED_MIN_POPULATION = 15_000
# a proper noun the tagger missed still names a place after "the town of", "near", "in"
CUE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "capital",
                       "port", "island", "state", "county", "governorate", "oblast", "camp",
                       "base", "suburb", "neighbourhood", "neighborhood", "hamlet"})
CUE_PREPS = frozenset({"in", "near", "outside", "at", "from", "to", "around", "throughout",
                       "across", "inside", "within", "into"})
# a mistagged PERSON/ORG/NORP run after a cue resolves only to a town at least this big
MISTAGGED_MIN_POPULATION = 15_000
CUE_ENTS = frozenset({"", "NORP", "PERSON", "ORG"})  # what the tagger mistakes small towns for
_DROP_FIRST = frozenset({"the"})
_DROP_LAST = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True, slots=True)
class _Span:
    tokens: list[Token]
    cued: bool  # a locative preposition or a place noun stands before it
    tagged: bool  # a GPE/LOC/FAC entity (else an untagged or mistagged run after a cue)


def find_places(tokens: Sequence[Token], *, gazetteer: Gazetteer, country: str | None = None,
                countries: Sequence[str] = ()) -> list[Place]:
    """Resolve the place names of one sentence's tokens, in order, with character offsets into
    the article text. ``country`` or ``countries`` (ISO alpha-3, the article's, most likely
    first) break ties between same-named places, after the countries the sentence itself names."""
    spans = sorted(_spans(tokens) + _cued(tokens), key=lambda s: s.tokens[0].i)
    hints = [c for c in ([country] if country else []) + list(countries) if c]
    first = [_resolve(s, tokens, gazetteer=gazetteer, hints=hints) for s in spans]
    named = [p.country for p in first if p is not None and p.country
             and p.feature in ("country", "admin1")]
    if named:  # "Tall Tamr, Syria": the sentence's own countries come first
        hints = list(dict.fromkeys(named + hints))
        first = [_resolve(s, tokens, gazetteer=gazetteer, hints=hints, local=named)
                 for s in spans]
    sites = [_town_of_site(run, gazetteer=gazetteer, hints=hints, local=named)
             for run in _org_runs(tokens)]  # "the Jolo Cathedral", tagged an organisation
    found = [_regional(p, tokens) for p in first + sites if p is not None]
    return sorted(found, key=lambda p: p.start or 0)


def _cued(tokens: Sequence[Token]) -> list[_Span]:
    """Untagged proper-noun runs right after a place cue: "the town of Samarra", "near Tikrit".
    A run inside a longer PERSON or ORG name ("the Islamic State of Iraq") is not a place."""
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if _cue_before(tokens, i) and tok.pos == "PROPN" and tok.ent_type in CUE_ENTS:
            j = i
            while (j + 1 < len(tokens) and tokens[j + 1].pos == "PROPN"
                   and tokens[j + 1].ent_type in CUE_ENTS and tokens[j + 1].ent_iob == "I"):
                j += 1
            if not _inside_name(tokens, i, j):
                out.append(_Span(list(tokens[i:j + 1]), cued=True, tagged=False))
            i = j + 1
            continue
        i += 1
    return out


def _cue_before(tokens: Sequence[Token], i: int) -> bool:
    """A locative preposition ("in", "near") or "<place noun> of" ("the town of") before
    token ``i``, allowing for "the" between."""
    j = i - 1
    if j >= 0 and tokens[j].text.lower() == "the":
        j -= 1
    if j < 0:
        return False
    prev = tokens[j].text.lower()
    return prev in CUE_PREPS or (prev == "of" and j > 0 and tokens[j - 1].lemma.lower() in CUE_NOUNS)


def _inside_name(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Tokens ``i``..``j`` are part of a longer PERSON or ORG entity: it began before them, or
    goes on after them."""
    first, after = tokens[i], tokens[j + 1] if j + 1 < len(tokens) else None
    if first.ent_type in NAME_ENTS and first.ent_iob == "I":
        return True
    return (after is not None and after.ent_type in NAME_ENTS and after.ent_iob == "I"
            and after.ent_type == tokens[j].ent_type)


def _spans(tokens: Sequence[Token]) -> list[_Span]:
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
    return [_Span(s, cued=_cue_before(tokens, s[0].i), tagged=True) for s in spans]


def _next_to_name(tokens: Sequence[Token], span: list[Token]) -> bool:
    """A place entity glued to a person's or an organisation's name is part of that name: the
    tagger split "Sudesh [Amman]" or "[Kenya] Airways"."""
    before = tokens[span[0].i - 1] if span[0].i > 0 else None
    after = tokens[span[-1].i + 1] if span[-1].i + 1 < len(tokens) else None
    for other, gap in ((before, before and span[0].idx - (before.idx + len(before.text))),
                       (after, after and after.idx - (span[-1].idx + len(span[-1].text)))):
        if (other is not None and gap is not None and gap <= 1 and other.pos == "PROPN"
                and other.ent_type in NAME_ENTS):
            return True
    return False


def _resolve(span: _Span, tokens: Sequence[Token], *, gazetteer: Gazetteer,
             hints: Sequence[str], local: Sequence[str] = ()) -> Place | None:
    toks = span.tokens
    while toks and toks[0].text.lower() in _DROP_FIRST:
        toks = toks[1:]
    while toks and toks[-1].text.lower() in _DROP_LAST:
        toks = toks[:-1]
    if not toks or not toks[0].text[:1].isupper():
        return None
    if span.tagged and _next_to_name(tokens, toks):
        return None
    text = _span_text(toks)
    place = _lookup(text, span, fac=toks[0].ent_type == "FAC", gazetteer=gazetteer,
                    hints=hints, local=local)
    if place is None and len(toks) > 1 and toks[0].text.lower() in DIRECTIONS:
        whole = gazetteer.country(_span_text(toks[1:]))  # "Northern Syria", one entity
        if whole is not None:
            return dataclasses.replace(whole, name=text, feature="admin1", lat=None, lon=None,
                                       geonameid=None, start=toks[0].idx,
                                       end=toks[-1].idx + len(toks[-1].text))
    if place is None and toks[0].ent_type == "FAC":
        return _town_of_site(toks, gazetteer=gazetteer, hints=hints, local=local)
    if place is None:
        return None
    return dataclasses.replace(place, start=toks[0].idx, end=toks[-1].idx + len(toks[-1].text))


def _lookup(text: str, span: _Span, *, fac: bool, gazetteer: Gazetteer,
            hints: Sequence[str], local: Sequence[str] = ()) -> Place | None:
    """The place called ``text``: a big enough town, or a small one with a cue or in a country
    the sentence or the article names. ``local``: the countries the sentence itself names."""
    if fac:
        return gazetteer.lookup(text, countries=hints, min_population=FAC_MIN_POPULATION)
    if not span.tagged and span.tokens[0].ent_type:  # a mistagged PERSON, ORG or NORP run
        near = _in_named_country(text, gazetteer, local)  # "in Maidan Shahr ... Afghanistan's"
        return near or gazetteer.lookup(text, countries=hints,
                                        min_population=MISTAGGED_MIN_POPULATION)
    if span.cued:
        return gazetteer.lookup(text, countries=hints)
    if hints:
        near = gazetteer.lookup(text, countries=hints)
        if near is not None and near.country in hints:
            return near
    return gazetteer.lookup(text, countries=hints, min_population=UNCUED_MIN_POPULATION)


def _in_named_country(text: str, gazetteer: Gazetteer, local: Sequence[str]) -> Place | None:
    """A town of any size called ``text`` in a country the sentence names."""
    if not local:
        return None
    place = gazetteer.lookup(text, countries=local)
    return place if place is not None and place.country in local else None


# what a site's name ends in when it begins with its town's: "the Jolo Cathedral"
SITE_NOUNS = frozenset({"cathedral", "church", "mosque", "temple", "synagogue", "shrine",
                        "airport", "hospital", "university", "prison", "jail", "stadium",
                        "market", "hotel", "embassy", "consulate", "station", "school",
                        "college", "bridge", "port", "harbour", "harbor", "palace", "museum",
                        "square", "mall", "courthouse", "court"})


def _town_of_site(toks: list[Token], *, gazetteer: Gazetteer, hints: Sequence[str],
                  local: Sequence[str]) -> Place | None:
    """The town a site is named after ("the Jolo Cathedral", "Kandahar Airport"), when the
    name ends in a kind of site and its first words are a town in a country the sentence
    names, or a big one."""
    if len(toks) < 2 or toks[-1].text.lower() not in SITE_NOUNS:
        return None
    for n in range(len(toks) - 1, 0, -1):
        head = toks[:n]
        if not all(t.pos == "PROPN" for t in head):
            continue
        text = _span_text(head)
        place = _in_named_country(text, gazetteer, local) or gazetteer.lookup(
            text, countries=hints, min_population=MISTAGGED_MIN_POPULATION)
        if place is not None and place.feature == "city":
            return dataclasses.replace(place, start=head[0].idx,
                                       end=head[-1].idx + len(head[-1].text))
    return None


DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "northeast", "northwest", "southeast", "southwest",
                        "northeastern", "northwestern", "southeastern", "southwestern"})


def _regional(place: Place, tokens: Sequence[Token]) -> Place:
    """A part of a country named by its direction ("north-eastern Syria", "southern Yemen") is
    a region of that country, named as written, with no point of its own on the map."""
    if place.feature != "country" or place.start is None:
        return place
    at = next((t.i for t in tokens if t.idx == place.start), None)
    first = at
    while first is not None and first > 0 and (
            tokens[first - 1].text.lower() in DIRECTIONS
            or (tokens[first - 1].text == "-" and first > 1
                and tokens[first - 2].text.lower() in DIRECTIONS)):
        first -= 1
    if first is None or first == at or tokens[first].text == "-":
        return place
    start = tokens[first].idx
    name = _span_text(list(tokens[first:at])) + " " + place.name
    return dataclasses.replace(place, name=name, feature="admin1", lat=None, lon=None,
                               geonameid=None, start=start)


def _org_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Organisation entities whose name ends in a kind of site."""
    runs: list[list[Token]] = []
    for tok in tokens:
        if tok.ent_type == "ORG" and tok.ent_iob == "I" and runs and runs[-1][-1].i == tok.i - 1:
            runs[-1].append(tok)
        elif tok.ent_type == "ORG" and tok.ent_iob == "B":
            runs.append([tok])
    return [[t for t in r if t.text.lower() != "the"] for r in runs
            if r[-1].text.lower() in SITE_NOUNS]


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
