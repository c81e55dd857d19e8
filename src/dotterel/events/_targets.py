"""Recipients the sentence gives only indirectly.

- An act named by its object: "condemned the operation", "criticized the move", "opposed the
  withdrawal", "characterized the attack as ...": the target is whoever did that act, the
  latest event of the article (this sentence included) of the same kind by someone else.
- A participle that goes on from its head verb: "wrote to the US Embassy, asking it to waive
  immunity": the request goes where the letter went.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from dotterel.events._tree import OBJ, Tree
from dotterel.records import Actor, Event, Token

# roots whose object may be someone else's act: appeals, demands, condemnations, rejections,
# protests against it
ANSWERING_ROOTS = ("02", "10", "11", "12", "14")
# nouns that name an act without saying which: any earlier act of someone else fits
GENERIC_ACTS = {"move", "decision", "step", "action", "act", "measure", "policy", "plan",
                "announcement", "proclamation", "order", "incident", "development", "conduct",
                "behaviour", "behavior", "deal", "agreement", "memorandum", "memoranda",
                "conclusion", "outcome", "result", "vote", "ruling", "verdict"}
ACT_PREPS = ("against", "of", "over", "for", "about", "on")
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
        for e in reversed(prior):
            if e.trigger_start >= v.idx and e.sentence_start <= v.idx:
                continue  # acts told after the verb in its own sentence are not what it names
            if e.actor is None or not e.actor.code or e.actor.kind in ("unattributed", "implied"):
                continue
            if actor is not None and e.actor.code == actor.code:
                continue
            if e.cameo.startswith("01"):
                continue
            if lemma in GENERIC_ACTS or e.cameo[:2] in roots:
                return e.actor
        return None
    return None


def _objects(tree: Tree, v: Token) -> list[Token]:
    out = tree.children(v, OBJ)
    for p in tree.children(v, ("prep",)):
        if p.lemma.lower() in ACT_PREPS:
            out += tree.children(p, ("pobj",))
    return out


def head_recipient(tree: Tree, v: Token, recipient_of: Callable[[Token], Token | None]) -> Token | None:
    """The recipient of the verb a participle clause goes on from ("wrote to X, asking ...")."""
    h = tree.head(v)
    if v.dep not in INHERIT_FROM_HEAD or h is None or h.pos not in ("VERB", "AUX") \
            or v.tag not in ("VBG",):
        return None
    return recipient_of(h)
