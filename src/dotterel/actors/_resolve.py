"""Noun phrase -> Actor: combine the countries, organisations, people, groups and role nouns
found in the phrase.

Only mentions that describe the phrase's head count (see ``_match``): in "the ambassador of France
to Iran" the actor is France's. Among those, the code comes from the first mention of the best
tier:

  0 a person in people.tsv               "Iranian Foreign Minister, Hossein Amir-Abdollahian"
  1 a possessor                          "Russia's UN envoy" -> RUS, "the UN's Syria envoy" -> IGO
  2 a national organisation or an armed group with no country (IMG)
                                         "ISIS leaders in Afghanistan" -> IMG, "Afghan Taliban"
  3 a country name, demonym, capital, place in places.tsv, or any other organisation (IGO,
    NGO...), whichever comes first      "Egyptian police" -> EGY, "rebels in Darfur" -> SDN,
                                         "Russian UN ambassador" -> RUS, "UN troops in Sudan" -> IGO
  4 an ethnic or religious group         "members of the Hazara community" -> AFG

The sector comes from the first role noun of level 3 ("army", "minister", "rebels"); else from
the organisation or person; else a level-2 role ("forces", "people"); else the group; else a
level-1 role ("official", "leader", "spokesman"); else GOV for a capital standing alone
("Tehran said"). A phrase with a role but no code ("the rebels") gives an Actor with code None and
that sector; a phrase with nothing codable gives None.

A name with dated roles codes as the role it held on the article's date (see ``_files`` for the
rule); without a date, as its undated role, else its latest one. The date is the ``date``
argument, else the one ``article_date`` set for the article being coded (the pipeline sets it
around each article, so the coders pass nothing).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from dotterel.actors._dictionary import Dictionary, Entry, load_dictionary, on_date
from dotterel.actors._match import Mention, cut, find_mentions, match_at
from dotterel.actors._text import strip_edges
from dotterel.records import Actor, Token

ACTOR_KIND = {"country": "country", "demonym": "country", "capital": "country",
              "place": "country", "organisation": "organisation", "person": "person",
              "group": "group"}
EDGE_PUNCT = frozenset({",", ";", ":", ".", "-", "--", "\u2013", "\u2014", '"', "'", "''", "``",
                        "\u201c", "\u201d", "\u2018", "\u2019"})
PLACE_KINDS = frozenset({"country", "capital", "place"})
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "place"})
_ARTICLE_DATE: ContextVar[str | None] = ContextVar("dotterel_article_date", default=None)


@contextmanager
def article_date(day: str | None) -> Iterator[None]:
    """Within the block, names with dated roles resolve as on ``day`` (ISO yyyy-mm-dd) unless
    a call gives its own ``date``. Per thread and per task (a ``ContextVar``)."""
    token = _ARTICLE_DATE.set(day)
    try:
        yield
    finally:
        _ARTICLE_DATE.reset(token)


def resolve_tokens(tokens: Sequence[Token], *, dictionary: Dictionary | None = None,
                   date: str | None = None) -> Actor | None:
    """The actor named by the tokens of one noun phrase, or None when nothing in it is codable.

    An Actor with ``code=None`` and a sector is returned when the phrase holds only a role
    ("the rebels" -> sector REB). ``text``, ``start`` and ``end`` cover the phrase without
    leading or trailing punctuation. ``date`` (ISO yyyy-mm-dd; default: the ``article_date``
    in force) picks the role of names with dated roles."""
    toks = _trim(tokens)
    if not toks:
        return None
    d = dictionary or load_dictionary()
    span = cut(toks)
    mentions = [m for m in find_mentions(span, d) if m.attached and not m.excluded
                and not _inside_a_name(m, span, toks)]
    if d.dated and (day := date or _ARTICLE_DATE.get()) is not None:
        mentions = [m._replace(entry=on_date(m.entry, day)) for m in mentions]
    if not mentions:
        return None
    chosen = _choose(mentions, d, span)
    sector = _sector(mentions, chosen)
    if chosen is None and sector is None:
        return None
    text, start, end = _extent(toks)
    if chosen is None:
        return Actor(text=text, code=None, sector=sector, start=start, end=end, kind="role")
    e = chosen.entry
    return Actor(text=text, code=e.code, sector=sector, name=e.name, start=start, end=end,
                 kind=ACTOR_KIND[e.kind])


def lookup_name(text: str, *, dictionary: Dictionary | None = None,
                date: str | None = None) -> Actor | None:
    """The actor a proper name stands for, when the whole ``text`` (a leading "the" aside) is one
    alias of a country, capital, demonym, organisation, person or group: "Abdollahian",
    "the Taliban", "Kabul". Role nouns are not names: "the rebels" gives None. ``date`` picks
    the role of a name with dated roles."""
    entry = lookup_entry(text, dictionary=dictionary)
    if entry is None or entry.kind == "role" or (entry.kind == "place" and not entry.code):
        return None
    entry = on_date(entry, date or _ARTICLE_DATE.get())
    sector = entry.sector or ("GOV" if entry.kind == "capital" else None)
    return Actor(text=text, code=entry.code, sector=sector, name=entry.name,
                 kind=ACTOR_KIND[entry.kind])


def lookup_entry(text: str, *, dictionary: Dictionary | None = None) -> Entry | None:
    """The dictionary entry ``text`` is a whole alias of (its dated roles included), or None."""
    return _whole(text, dictionary or load_dictionary())


def country_of_place_name(text: str, *, dictionary: Dictionary | None = None) -> str | None:
    """The country code of a country name, capital or place in places.tsv ("Kabul" -> "AFG",
    "the Netherlands" -> "NLD", "Darfur" -> "SDN"), or None. Demonyms and other names are not
    places: "Afghan" gives None."""
    entry = _whole(text, dictionary or load_dictionary())
    return entry.code if entry is not None and entry.kind in PLACE_KINDS else None


def _whole(text: str, d: Dictionary) -> Entry | None:
    span = cut([Token(i=0, text=text, lemma=text, pos="", tag="", dep="", head=0, idx=0)])
    first = 1 if span.folded[:1] == ["the"] else 0
    if first >= len(span.folded):
        return None
    hit = match_at(span, first, d)
    return hit[1] if hit is not None and hit[0] == len(span.folded) else None


def _inside_a_name(m: Mention, span, toks: Sequence[Token]) -> bool:
    """A place or country name inside a person's name is no country: "Sudesh Amman", "Jordan
    Peterson", "Georgia Meloni" (the tagger marks the whole name PERSON, with at least one
    other word of it)."""
    if m.entry.kind not in COUNTRY_KINDS:
        return False
    inside = {span.token[k] for k in range(m.start, m.end)}
    if not all(toks[k].ent_type == "PERSON" for k in inside):
        return False
    name = [t for t in toks if t.ent_type == "PERSON"]
    return len(name) > len(inside)


def _tier(m: Mention, d: Dictionary) -> int:
    kind, code = m.entry.kind, m.entry.code
    if kind == "person":
        return 0
    if m.possessor:
        return 1
    if kind == "organisation" and (code == "IMG" or code in d.country_names):
        return 2
    return 3 if kind in COUNTRY_KINDS or kind == "organisation" else 4


def _choose(mentions: list[Mention], d: Dictionary, span=None) -> Mention | None:
    coded = [m for m in mentions if m.entry.code is not None and m.entry.kind != "role"]
    employer = [m for m in coded if span is not None and _employer(m, mentions, span)]
    if employer and not any(m.possessor or m.entry.kind == "person" for m in coded):
        return employer[0]  # "Kenya director of Human Rights Watch": the organisation's
    if coded:
        return min(coded, key=lambda m: (_tier(m, d), m.start))
    groups = [m for m in mentions if m.entry.kind == "group"]
    return groups[0] if groups else None


EMPLOYER_PREPS = ("of", "at", "for")
# who works for an organisation named after them ("director of Amnesty International"), beyond
# the roles the dictionary codes
STAFF_NOUNS = frozenset({
    "director", "head", "chief", "official", "officials", "spokesman", "spokeswoman",
    "spokesperson", "representative", "envoy", "president", "chairman", "chairwoman", "chair",
    "secretary", "coordinator", "researcher", "researchers", "analyst", "member", "members",
    "officer", "commissioner", "executive", "founder", "leader", "staff", "worker", "workers",
    "lawyer", "economist", "expert", "experts", "adviser", "advisor", "deputy", "manager",
    "delegate", "ambassador", "rapporteur", "investigator", "investigators", "monitor",
    "monitors", "observer", "observers", "fellow", "professor", "scientist", "scientists"})


def _employer(m: Mention, mentions: list[Mention], span) -> bool:
    """``m`` is the organisation a role in the phrase works for: "director of Amnesty
    International", "head of the World Food Programme", "spokesman for the UN"."""
    if m.entry.kind != "organisation":
        return False
    k = m.start - 1
    if k >= 0 and span.folded[k] == "the":
        k -= 1
    if k < 1 or span.folded[k] not in EMPLOYER_PREPS:
        return False
    return span.folded[k - 1] in STAFF_NOUNS or any(
        r.entry.kind == "role" and r.end == k for r in mentions)


def _sector(mentions: list[Mention], chosen: Mention | None) -> str | None:
    sector = _role_sector(mentions, chosen)
    if chosen is None:
        return sector
    e = chosen.entry
    if e.kind == "organisation" and e.sector == "REB" and sector in ("MIL", "GOV"):
        return "REB"  # "Houthi military spokesperson": a rebel group's army is the rebels
    if e.kind in ("country", "capital", "place") and sector == "BUS":
        return "GOV"  # "Hong Kong Chief Executive Carrie Lam" runs a government, not a firm
    return sector


def _role_sector(mentions: list[Mention], chosen: Mention | None) -> str | None:
    roles = [m.entry for m in mentions if m.entry.kind == "role"]
    named = [m.entry for m in mentions if m.entry.kind in ("organisation", "person")]
    if chosen is not None and chosen.entry in named:
        named.insert(0, chosen.entry)
    groups = [m.entry for m in mentions if m.entry.kind == "group"]
    for pool in ([r for r in roles if r.level == 3], named, [r for r in roles if r.level == 2],
                 groups, [r for r in roles if r.level == 1]):
        for entry in pool:
            if entry.sector is not None:
                return entry.sector
    if chosen is not None and chosen.entry.kind == "capital":
        return "GOV"
    return None


def _trim(tokens: Sequence[Token]) -> Sequence[Token]:
    return strip_edges(tokens, EDGE_PUNCT)


def _extent(tokens: Sequence[Token]) -> tuple[str, int, int]:
    parts = [tokens[0].text]
    for prev, tok in zip(tokens, tokens[1:]):
        if tok.idx > prev.idx + len(prev.text):
            parts.append(" ")
        parts.append(tok.text)
    last = tokens[-1]
    return "".join(parts), tokens[0].idx, last.idx + len(last.text)
