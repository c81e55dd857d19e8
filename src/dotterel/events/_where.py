"""Where a sentence's events happen: the place named as a location ("near the town of
Samarra", "throughout Indonesia"), else a place that is not one of the parties; and actors known
only by a role take that place's country ("students throughout Indonesia")."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from dotterel.events._tree import Tree
from dotterel.records import Actor, Place, Token

PlaceFinder = Callable[[Sequence[Token]], list[Place]]

PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "capital", "area",
               "state", "county", "port", "island", "enclave", "outskirts", "suburb", "camp",
               "neighbourhood", "neighborhood", "border", "part", "centre", "center", "north",
               "south", "east", "west"}
LOCATIVE = {"in", "at", "near", "throughout", "across", "outside", "inside", "around", "within",
             "on", "into", "along"}


def locate(tree: Tree, actor: Actor | None, rec: Actor | None,
           find_places: PlaceFinder | None) -> Place | None:
    """Where the sentence's events happen: the first place named as a location ("near the
    town of Samarra"), else the first place that is not part of the actor or recipient."""
    if find_places is None:
        return None
    spans = [(a.start, a.end) for a in (actor, rec) if a is not None and a.start is not None]
    places = find_places(tree.sent.tokens)
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
    while head is not None and head.dep in ("poss", "compound", "appos", "nmod"):
        head = tree.head(head)  # "near Macedonia's border", "in East Timor's capital"
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


def localise(actor: Actor | None, place: Place | None) -> Actor | None:
    """An actor known only by role ("students", "police", "protesters") takes the country where
    the event happens: "students throughout Indonesia" are IDN students, as ICEWS codes
    unnamed domestic actors."""
    if actor is None or actor.code or place is None or not place.country:
        return actor
    if actor.kind == "person" or actor.sector is None:  # "both sides" are no domestic role
        return actor
    return replace(actor, code=place.country)
