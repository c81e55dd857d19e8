"""Recipients the sentence gives only indirectly.

- An act named by its object: "condemned the operation", "criticized the move", "opposed the
  withdrawal", "characterized the attack as ...": the target is whoever did that act, the
  latest event of the article (this sentence included) of the same kind by someone else.
- A participle that goes on from its head verb: "wrote to the US Embassy, asking it to waive
  immunity": the request goes where the letter went.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from dotterel.records import Actor, Event, Token
from dotterel.syntax import OBJ, Tree

# codes whose object may be someone else's act: appeals, praise, demands, condemnations,
# rejections, protests against it
ANSWERING_ROOTS = ("02", "051", "10", "11", "12", "14")
# nouns that name an act without saying which: any earlier act of someone else fits
GENERIC_ACTS = {"move", "decision", "step", "action", "act", "measure", "policy", "plan",
                "announcement", "proclamation", "order", "incident", "development", "conduct",
                "behaviour", "behavior", "deal", "agreement", "memorandum", "memoranda",
                "conclusion", "outcome", "result", "vote", "ruling", "verdict"}
ACT_PREPS = ("against", "of", "over", "for", "about", "on")
NOUN_PREPS = ("into", "of", "over", "on", "against")
# a state's own bodies (or the state named as a whole): one side
STATE = frozenset({None, "GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
INHERIT_FROM_HEAD = ("advcl", "xcomp")


def act_owner(tree: Tree, v: Token, prior: Sequence[Event], actor: Actor | None,
              kinds: Callable[[str], set[str]]) -> Actor | None:
    """The doer of the act the verb's object names, or None. ``kinds(lemma)`` gives the CAMEO
    roots a noun names as a trigger (empty for a noun that is no trigger)."""
    for noun in _objects(tree, v):
        lemma = noun.lemma.lower()
        roots = kinds(lemma)
        if not roots and lemma not in GENERIC_ACTS:
            continue
        generic = lemma in GENERIC_ACTS and not roots
        # a specific act ("the attack") is the latest of its kind; a generic one ("the move",
        # "the decision") is the article's news, its first act that is not mere words
        pool = [e for e in prior if _other_act(e, v, actor)]
        for e in (pool if generic else reversed(pool)):
            if generic and e.cameo[:2] not in VERBAL_ROOTS:
                return e.actor
            if not generic and e.cameo[:2] in roots:
                return e.actor
        if not generic:  # "condemned the bombing" whose doer no one names: its unnamed doer
            unnamed = [e for e in prior if e.actor is not None and e.actor.kind == "unattributed"
                       and e.cameo[:2] in roots and e.trigger_start < v.idx]
            if unnamed:
                return unnamed[-1].actor
    return None


VERBAL_ROOTS = ("01", "02", "10", "11", "12", "13")
VIOLENT_ROOTS = ("18", "19", "20")


def act_kinds(tree: Tree, v: Token, kinds: Callable[[str], set[str]]) -> set[str]:
    """The CAMEO roots of the specific acts the verb's objects name ("condemned the attack")."""
    return {r for noun in _objects(tree, v) for r in kinds(noun.lemma.lower())
            if r not in VERBAL_ROOTS}


def answered_acts(events: list[Event], answering: dict[tuple[int, int], set[str]],
                  home: str | None = None) -> list[Event]:
    """Condemnations, demands and rejections of an act whose doer the sentence could not see
    ("the spokesperson condemned the attack", told before anyone was named, or an attack
    whose doer is unnamed): once the whole article is read, the latest such act told before,
    by someone else, gives the target."""
    if not answering:
        return events
    out = []
    for e in events:
        roots = answering.get((e.sentence, e.trigger_start))
        if roots and e.recipient is None:
            done = [x for x in events if x.trigger_start < e.trigger_start
                    and x.cameo[:2] in roots and x.actor is not None and x.actor.code
                    and not x.negated and not x.hypothetical
                    and not (e.actor is not None and x.actor.code == e.actor.code
                             and (x.actor.sector in STATE) == (e.actor.sector in STATE))]
            if done:
                doer = done[-1].actor
                e = replace(e, recipient=replace(doer, text="", start=None, end=None))
            elif home and roots & set(VIOLENT_ROOTS):  # "condemned the attack" no one claims:
                # its unnamed doers, coded as the convention codes unnamed violence
                e = replace(e, recipient=Actor(text="", code=home, name="unattributed",
                                               kind="unattributed"))
        out.append(e)
    return out


def _other_act(e: Event, v: Token, actor: Actor | None) -> bool:
    """An earlier act, coded, by someone other than ``actor`` (another state, or another
    body of the same state)."""
    if e.trigger_start >= v.idx and e.sentence_start <= v.idx:
        return False  # acts told after the verb in its own sentence are not what it names
    if e.actor is None or not e.actor.code or e.actor.kind in ("unattributed", "implied"):
        return False
    same = actor is not None and e.actor.code == actor.code and (
        (e.actor.sector in STATE) == (actor.sector in STATE))  # the state may try its gunmen
    return not same and not e.cameo.startswith("01")


def _objects(tree: Tree, v: Token) -> list[Token]:
    out = tree.children(v, OBJ) + tree.children(v, ("nsubjpass",))  # "the operation was
    # condemned by ...": the passive subject is what was condemned
    for p in tree.children(v, ("prep",)):
        if p.lemma.lower() in ACT_PREPS:
            out += tree.children(p, ("pobj",))
    # "called for an investigation into the shooting": the act the asked-for act is about
    for noun in list(out):
        for p in tree.children(noun, ("prep",)):
            if p.lemma.lower() in NOUN_PREPS:
                out += tree.children(p, ("pobj",))
    return out


def head_recipient(tree: Tree, v: Token, recipient_of: Callable[[Token], Token | None]) -> Token | None:
    """The recipient of the verb a participle clause goes on from ("wrote to X, asking ...");
    a participle with an object of its own that is no pronoun aims at that, not at where its
    head went ("shot down a Ukrainian jet, blaming human error": the error is blamed)."""
    h = tree.head(v)
    if v.dep not in INHERIT_FROM_HEAD or h is None or h.pos not in ("VERB", "AUX") \
            or v.tag not in ("VBG",):
        return None
    if any(o.pos != "PRON" for o in tree.children(v, ("dobj",))):
        return None
    return recipient_of(h)
