"""Resolution in the article's context: what a sentence alone cannot say about who acted.

Runs once the whole article is coded (the last step of ``EventCoder.code``):
- the article's home country: the country its actors and places belong to most often
  (``Mentions.home``); actors known only by a domestic role ("police", "the governor",
  "protesters", a person introduced by their office) take it;
- an arrest, detention or charge told in the passive with no agent ("twenty people were
  arrested") is the police's, of the home country;
- a demand or protest by the home country's people (protesters, students, unions, parties in
  opposition) that names no one it is addressed to is addressed to their government;
- violence against no one the text codes ("bombed a crowded market", "attacked the base")
  hits the country where it happened, else the home country;
- violence whose doer the report does not name is coded to the country where it happened, else
  to the home country, as an unattributed act (the convention of ``_coder._unattributed``);
- unless someone claims it ("Islamic State claimed responsibility for the attack") or a source
  blames it on someone ("officials blamed the bombing on the Taliban"): then the unnamed
  violence of the article is theirs; the claim and the accusation stay events of their own.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from dotterel.records import Actor, Claim, Event, Place
from dotterel.syntax import Mentions

VIOLENT_ROOTS = ("18", "19", "20")
ARRESTS = ("173",)  # arrest, detain, charge with legal action
# accidents and disasters kill too, but are nobody's act
_MISHAP = re.compile(r"\b(accident|crash|collapse|disaster|earthquake|quake|storm|flood|"
                     r"tsunami|landslide|avalanche|cyclone|hurricane|typhoon|drought|famine|"
                     r"epidemic|outbreak|disease|virus|fire|wildfire|derailment|gas leak)", re.I)
ADDRESSED = ("10", "14")  # demands and protests
PUBLIC = frozenset({"CVL", "OPP", "EDU", "LAB", "REL", "PTY", "REF", "AGR"})


def in_context(events: Sequence[Event], mentions: Mentions, dateline: Place | None, *,
               places: Sequence[Place] = (),
               country_of: Callable[[str], Place | None] | None = None,
               lead: Sequence[Place] = (),
               capital_of: Callable[[str], Place | None] | None = None) -> list[Event]:
    """``places``: the places the article names, whose countries count towards its home;
    ``country_of``: the country-level place of a country code, for domestic acts in an
    article that never names its country as a place ("the Polish city of Gdansk");
    ``capital_of``: its capital city, for acts "in the capital" of a story set there."""
    where = Counter(p.country for p in places if p.country)
    if dateline is not None and dateline.country:
        where[dateline.country] += 2
    mentions.settle(extra=where)
    home = mentions.home_code
    country = next((p for p in places if p.feature == "country" and p.country == home), None)
    if country is None and home and country_of is not None:
        country = country_of(home)
    # the town the headline and lead give the story, for acts at home told without one
    town = next((p for p in lead if p.country == home and p.feature != "country"), None)
    placed = _placed(_owned(_resolve(e, mentions) for e in events), places, home, country,
                     town, country_of=country_of)
    told_capital = any(_CAPITAL.search(e.sentence_text) for e in placed)  # rare: look it up then
    capital = capital_of(home) if home and capital_of is not None and told_capital else None
    return [_in_capital(e, capital) for e in placed] if capital is not None else placed


# "in the capital", "in the country's capital": the capital of the country the story is set in
_CAPITAL = re.compile(r"\b(in|at|near|outside|around) (the|its) ((country|nation)'s )?capital\b",
                      re.I)


def _in_capital(e: Event, capital: Place) -> Event:
    """An act told "in the capital" with no town of its own happened in the home capital."""
    if e.cameo[:2] in VERBAL_ROOTS or not _CAPITAL.search(e.sentence_text):
        return e
    if e.location is not None and e.location.feature not in ("country", "admin1"):
        return e
    if e.location is not None and e.location.country != capital.country:
        return e
    return replace(e, location=capital)


LEAD = 3  # headline, standfirst, first sentence
MATERIAL_ROOTS = ("14", "15", "17", "18", "19", "20")  # protests, force, coercion, violence
# acts of a state's own power (expel, ban, sanction, arrest, seize): done on its own soil
STATE_ACTS = ("16", "17")
STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "SPY", "LEG"})
SEATED = frozenset({"LEG", "JUD", "COP"})  # bodies that act where they sit: at home


def _placed(events: list[Event], places: Sequence[Place], home: str | None,
            country: Place | None, town: Place | None = None, *,
            country_of: Callable[[str], Place | None] | None = None) -> list[Event]:
    """Events whose sentence names no place of their own take the place the article gives the
    same act (same doer and type, told with a place elsewhere: the headline, the lead); acts
    at home other than words take the lead's place in the home country, else the home
    country itself; a state's expulsions, bans and arrests take its country; nothing else is
    placed."""
    told: dict[tuple, Place] = {}  # the most precise place the article gives each act
    for e in events:
        if e.location is not None and e.actor is not None and not (e.hypothetical or e.negated):
            key = (e.actor.code, e.plover_type)
            if key not in told or _finer(e.location, told[key]):
                told[key] = e.location
    lead = next((e.location for e in events if e.location is not None and e.sentence < LEAD
                 and e.location.country == home), None) or town
    out = []
    for e in events:
        if e.location is not None and e.location.feature == "country" and e.actor is not None:
            finer = told.get((e.actor.code, e.plover_type))  # "in Iraq" here, "at Baghdad
            if finer is not None and _finer(finer, e.location):  # airport" in the next line
                e = replace(e, location=finer)
        if e.location is None and e.actor is not None:
            where = told.get((e.actor.code, e.plover_type)) or _same_sitting(e, events)
            if where is None and home and (_at_home(e, home) or _hit_at_home(e, home)):
                where = (lead or country) if e.cameo[:2] not in VERBAL_ROOTS else country
            if where is None and country_of is not None:
                where = _own_soil(e, country_of)
            if where is not None:
                e = replace(e, location=where)
        out.append(e)
    return out


def _own_soil(e: Event, country_of: Callable[[str], Place | None]) -> Place | None:
    """"Germany banned Iranian airline Mahan Air", "Athens expelled the Libyan ambassador":
    a state's act of its own power happens in its country, and so does what its parliament,
    courts and police do other than speak."""
    a = e.actor
    if a is None or not a.code:
        return None
    if a.sector in SEATED and e.cameo[:2] not in VERBAL_ROOTS:
        return country_of(a.code)  # "the vote was boycotted by Kurdish members of parliament"
    if e.cameo[:2] not in STATE_ACTS:
        return None
    if a.sector not in STATE_SECTORS and not (a.sector is None and a.kind == "country"):
        return None
    return country_of(a.code)


def _finer(a: Place, b: Place) -> bool:
    """``a`` is a more precise place within ``b``'s country."""
    rank = {"city": 0, "admin1": 1, "country": 2}
    return a.country == b.country and rank.get(a.feature or "", 0) < rank.get(b.feature or "", 0)


SITTING = 3  # sentences: what a speaker says next at a meeting or a press conference
VERBAL_ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")
SITTINGS = VERBAL_ROOTS + ("14",)  # words, meetings, and the rallies where words are said


def _same_sitting(e: Event, events: Sequence[Event]) -> Place | None:
    """Words said where their speaker was just placed: "the ministers gathered in Cairo ...
    They called on Turkey to halt drilling" was said in Cairo, and "asking voters to ..." at
    the rally in Minsk the sentence before. Only words (not acts), only a
    town or site, only the same doer, only within a few sentences."""
    if e.cameo[:2] not in VERBAL_ROOTS or e.actor is None:
        return None
    for x in reversed(events):
        if x.location is not None and x.location.feature not in ("country", "admin1") \
                and x.actor is not None and x.actor.code == e.actor.code \
                and x.actor.sector == e.actor.sector and x.cameo[:2] in SITTINGS \
                and 0 <= e.sentence - x.sentence <= SITTING and x.trigger_start < e.trigger_start:
            return x.location
    return None


def _hit_at_home(e: Event, home: str) -> bool:
    """Violence against the home country's people by a foreigner happens at home too."""
    return e.cameo[:2] in VIOLENT_ROOTS and e.recipient is not None \
        and e.recipient.code == home


def _at_home(e: Event, home: str) -> bool:
    codes = {a.code for a in (e.actor, e.recipient) if a is not None and a.code}
    return bool(codes) and codes <= {home}


INFERRED_PENALTY = 0.2
_RESPONSIBILITY = re.compile(r"\b(responsibility|credit)\b", re.I)
_VIOLENCE = re.compile(r"\b(attacks?|bombings?|blasts?|explosions?|shootings?|killings?|"
                       r"assaults?|ambush\w*|massacre|strikes?|raids?|stabbing)\b", re.I)


def _owned(events) -> list[Event]:
    """Unattributed violence becomes the act of whoever claims it anywhere in the article, else
    of whoever a source blames for violence in the same or the next sentence."""
    events = list(events)
    claimed = [e.actor for e in events if e.actor is not None and e.actor.code
               and e.actor.kind != "unattributed" and e.cameo.startswith("015")
               and _RESPONSIBILITY.search(e.sentence_text)]
    blamed = {e.sentence: e.recipient for e in events if e.cameo.startswith(("112", "111"))
              and e.recipient is not None and e.recipient.code
              and e.recipient.kind not in ("unattributed", "implied")
              and _VIOLENCE.search(e.sentence_text)}
    out = []
    for e in events:
        if e.actor is not None and e.actor.kind == "unattributed" \
                and e.cameo.startswith(VIOLENT_ROOTS):
            owner = claimed[-1] if claimed else (blamed.get(e.sentence)
                                                  or blamed.get(e.sentence + 1))
            if owner is not None:  # an inferred doer: ranked below what the text states
                e = replace(e, actor=replace(owner, text="", start=None, end=None),
                            confidence=round(max(0.05, e.confidence - INFERRED_PENALTY), 3))
        out.append(e)
    return out


def _resolve(e: Event, mentions: Mentions) -> Event:
    e = _against(e)
    actor, rec = mentions.at_home(e.actor), mentions.at_home(e.recipient)
    home = mentions.home_code
    if (actor is None or actor.code is None) and home and not _named(actor):
        if e.cameo.startswith(ARRESTS):
            actor = Actor(text="", code=home, sector="COP", name="police (implied)",
                          kind="implied")
        elif e.cameo.startswith(PROTESTS) and e.nominal:  # "anti-government protests
            # continued in Baghdad": the public, unless the text names who protests
            actor = Actor(text="", code=home, sector="CVL", name="protesters (implied)",
                          kind="implied")
        elif e.cameo.startswith(VIOLENT_ROOTS) and rec is not None \
                and not _MISHAP.search(e.sentence_text):
            country = e.location.country if e.location is not None and e.location.country \
                else home
            actor = Actor(text="", code=country, name="unattributed", kind="unattributed")
    if rec is None and actor is not None and actor.code and e.cameo.startswith(VIOLENT_ROOTS) \
            and not _MISHAP.search(e.sentence_text):
        where = e.location.country if e.location is not None and e.location.country else home
        if where:
            rec = Actor(text="", code=where, name="target (implied)", kind="implied")
    if rec is None and home and actor is not None and actor.code == home \
            and actor.sector in PUBLIC and e.cameo.startswith(ADDRESSED):
        rec = Actor(text="", code=home, sector="GOV", name="government (implied)", kind="implied")
    if actor is e.actor and rec is e.recipient:
        return e
    return replace(e, actor=actor, recipient=rec)


PROTESTS = ("14",)


def _against(e: Event) -> Event:
    """"Anti-government protests", "anti-war rallies": what the modifier names is what the
    act is against, not who does it."""
    a = e.actor
    if not e.nominal or a is None or a.start is None or e.recipient is not None:
        return e
    before = e.sentence_text[max(0, a.start - e.sentence_start - 6):a.start - e.sentence_start]
    if not before.lower().rstrip(" -").endswith("anti"):
        return e
    return replace(e, actor=None, recipient=a)


def _named(actor: Actor | None) -> bool:
    """The text names a doer we could not code ("a suspected gas leak", "the minibus"): not
    an unnamed one."""
    return actor is not None and bool(actor.text)


def first_person(events: Sequence[Event], claims: Sequence[Claim]) -> list[Event]:
    """"I", "we", "us" inside a quote or reported statement are its speaker: "'we warn the
    Saudis that our targets will keep expanding', Saree said" is Saree's threat. Outside any
    claim they keep what the sentence gave them."""
    out = []
    for e in events:
        actor = _speaking(e.actor, e.trigger_start, claims)
        rec = _speaking(e.recipient, e.trigger_start, claims)
        out.append(e if actor is e.actor and rec is e.recipient
                   else replace(e, actor=actor, recipient=rec))
    return out


def _speaking(a: Actor | None, at: int, claims: Sequence[Claim]) -> Actor | None:
    if a is None or a.kind != "speaker":
        return a
    inside = [c for c in claims if c.content_start <= at < c.content_end
              and c.speaker is not None and c.speaker.code]
    if not inside:
        return a
    spk = min(inside, key=lambda c: c.content_end - c.content_start).speaker  # the innermost
    return replace(spk, text=a.text, start=a.start, end=a.end, kind=spk.kind)
