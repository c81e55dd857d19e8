"""Where events happen.

An event's own place is a place named as a location in its clause ("in Kirkuk", "near the town
of Samarra", "throughout Indonesia"), found in the trigger's subtree or in the clauses above it;
"on" and "into" a place are a violent act's target, not where it happened, and a place inside a
party's name ("the U.S. compound", "Iran's foreign minister") is no location. When the sentence
names none, the event takes the place the article gave the same act earlier (the headline or the
lead, ``_context``); never the dateline, a speaker's capital or an actor's country. For coding
actors known only by a role ("students throughout Indonesia"), the sentence's location, else
the dateline, gives the country (``localise``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from dotterel.records import Actor, Place, Token
from dotterel.syntax import Tree

PlaceFinder = Callable[[Sequence[Token]], list[Place]]

PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "capital", "area",
               "state", "county", "port", "island", "enclave", "outskirts", "suburb", "camp",
               "neighbourhood", "neighborhood", "border", "part", "centre", "center", "north",
               "south", "east", "west"}
LOCATIVE = {"in", "at", "near", "throughout", "across", "outside", "inside", "around", "within",
             "on", "into", "along"}


TARGET_PREPS = {"against"}  # "strikes against the Kurds": a party, not where
VIOLENT_ROOTS = ("18", "19", "20")
MATERIAL_ROOTS = ("14", "15", "16", "17", "18", "19", "20")
ADDRESS_PREPS = {"on", "upon"}  # "called on Italy to join": whom a word is addressed to
PATH_PREPS = {"from", "toward", "towards"}  # "marched from Victoria Park toward Central"


def event_place(tree: Tree, trigger: Token, places: Sequence[Place], cameo: str) -> Place | None:
    """The place named as a location in the trigger's own clause, or in a clause above it.
    Violence happens where it lands ("strikes on Gaza", "an offensive into northern Syria",
    "struck the Jolo Cathedral"); a march, a deployment or a withdrawal where it goes."""
    violent, material = cameo.startswith(VIOLENT_ROOTS), cameo.startswith(MATERIAL_ROOTS)
    located = [p for p in places
               if (locative(tree, p) or (material and _prep(tree, p) in PATH_PREPS)
                   or (violent and _struck(tree, trigger, p)))
               and not (violent and _prep(tree, p) in TARGET_PREPS)
               and not (not material and _prep(tree, p) in ADDRESS_PREPS)]
    if not located:
        return None
    scope = {t.i for t in tree.subtree(trigger.i)}
    inside = [p for p in located if _head(tree, p) is not None and _head(tree, p).i in scope]
    if inside:
        return _finest(inside)
    above = {a.i for a in tree.ancestors(trigger)}
    # "in Kirkuk, police said gunmen attacked ...": a clause above it
    above_places = [p for p in located if (h := _head(tree, p)) is not None
                    and (attach := _attachment(tree, h)) is not None and attach.i in above]
    return _finest(above_places) if above_places else None


def _struck(tree: Tree, trigger: Token, place: Place) -> bool:
    """The place, or a site named after it, is what the violence hit: its direct object."""
    head = _up_to_place(tree, _head(tree, place))
    return head is not None and head.dep == "dobj" and head.head == trigger.i


PRECISION = {"city": 0, "admin1": 1, "country": 2}


def _finest(places: Sequence[Place]) -> Place:
    """The most precise of the places ("in the US border city of El Paso": El Paso)."""
    return min(places, key=lambda p: (PRECISION.get(p.feature or "", 0), p.start or 0))


def _head(tree: Tree, place: Place) -> Token | None:
    inside = [t for t in tree.tokens if place.start is not None and place.end is not None
              and place.start <= t.idx < place.end]
    return next((t for t in inside if not place.start <= tree.tokens[t.head].idx < place.end
                 or t.head == t.i), None)


def _prep(tree: Tree, place: Place) -> str | None:
    h = _up_to_place(tree, _head(tree, place))
    p = tree.head(h) if h is not None and h.dep == "pobj" else None
    return p.lemma.lower() if p is not None else None


def _attachment(tree: Tree, t: Token) -> Token | None:
    """The verb or noun a locative phrase modifies."""
    cur = t
    for _ in range(6):
        h = tree.head(cur)
        if h is None or h.i == cur.i:
            return None
        if cur.dep == "prep" or (cur.dep == "pobj" and h.dep != "prep"):
            return h
        cur = h
    return None


def locate(tree: Tree, actor: Actor | None, rec: Actor | None,
           places: Sequence[Place]) -> Place | None:
    """Where the sentence's events happen, for coding role-only actors: the first of its
    ``places`` named as a location ("near the town of Samarra"), else the first that is not
    part of the actor or recipient."""
    spans = [(a.start, a.end) for a in (actor, rec) if a is not None and a.start is not None]
    located = next((p for p in places if locative(tree, p)), None)
    if located is not None:
        return located
    return next((p for p in places if p.start is None or p.end is None
                 or not any(s <= p.start and p.end <= e for s, e in spans)), None)


def locative(tree: Tree, place: Place | None) -> bool:
    """The place is where something happens ("in Kirkuk", "throughout Indonesia"), not a party
    to it ("China's assistance", "to help Iran")."""
    if place is None or place.end is None:
        return False
    inside = [t for t in tree.tokens if place.start <= t.idx < place.end]
    head = next((t for t in inside if not place.start <= tree.tokens[t.head].idx < place.end
                 or t.head == t.i), None)
    head = _up_to_place(tree, head)  # "near Macedonia's border", "in East Timor's capital"
    for _ in range(3):
        if head is None or head.dep != "pobj":
            return False
        prep = tree.head(head)
        if prep is None:
            return False
        if prep.lemma.lower() in LOCATIVE:
            return True
        # "near the town of Samarra", "outside of the Iraqi city of Basra"
        up = tree.head(prep)
        if prep.lemma.lower() != "of" or up is None or (
                up.lemma.lower() not in PLACE_NOUNS and up.lemma.lower() not in LOCATIVE):
            return False
        if up.lemma.lower() in LOCATIVE:
            return True
        head = up
    return False


# what a place names when it qualifies one of these: "the Jolo Cathedral", "Kabul province"
SITE_NOUNS = frozenset({"cathedral", "church", "mosque", "temple", "shrine", "airport", "base",
                        "hospital", "university", "prison", "jail", "stadium", "market", "hotel",
                        "embassy", "consulate", "station", "school", "bridge", "palace",
                        "square", "mall", "headquarters", "compound", "building", "office",
                        "crossing", "checkpoint", "refinery", "plant", "facility", "field",
                        "court", "courthouse"})


def _up_to_place(tree: Tree, head: Token | None) -> Token | None:
    """From a place name up to the phrase that is a place because of it: "Macedonia's border",
    "Afghanistan's Maidan Wardak province", "Mindanao, Philippines". A place that qualifies
    anything else ("a United States counterterrorism operation", "Iran's nuclear programme")
    does not make it a place."""
    while head is not None and head.dep in ("poss", "compound", "appos", "nmod"):
        up = tree.head(head)
        if up is None or up.i == head.i:
            return head
        if head.dep != "appos" and up.pos != "PROPN" \
                and up.lemma.lower() not in PLACE_NOUNS | SITE_NOUNS:
            return None
        head = up
    return head


def localise(actor: Actor | None, place: Place | None) -> Actor | None:
    """An actor known only by role ("students", "police", "protesters") takes the country where
    the event happens: "students throughout Indonesia" are IDN students, as ICEWS codes
    unnamed domestic actors."""
    if actor is None or actor.code or place is None or not place.country:
        return actor
    if actor.kind == "person" or actor.sector is None:  # "both sides" are no domestic role
        return actor
    return replace(actor, code=place.country)
