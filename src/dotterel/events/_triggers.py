"""Find event triggers in a sentence: verbs and nouns in the lexicon, with their patterns.

A pattern's extra words must appear among the trigger's dependents (particle, preposition and
its object, direct object, xcomp). The most specific pattern wins; the dependents it names are
consumed, so "rejected these claims" is one REJECT event, not also a nominal "claim".
A nominal trigger that is the object of a light verb ("launched a crackdown", "held talks")
takes its actor from that verb.
"""
from __future__ import annotations

from dataclasses import dataclass

from dotterel.events._lexicon import Lexicon, TriggerPattern
from dotterel.records import Token
from dotterel.syntax import Tree

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
NEAR_DEPS = {"prt", "prep", "agent", "dative", "dobj", "xcomp", "acomp", "attr", "pobj",
             "advmod", "npadvmod", "ccomp", "oprd", "compound", "amod"}
# nouns whose compound modifier names the event: "a mediation effort", "a relief operation"
EVENTIVE_HEADS = {"effort", "operation", "campaign", "program", "programme", "mission", "drive",
                  "bid", "process", "initiative", "action", "activity", "deal", "agreement",
                  "plan", "measure", "package", "convoy", "flight", "shipment", "delivery",
                  "exercise", "drill", "round", "session", "meeting", "summit", "conference",
                  "visit", "trip", "tour", "movement", "march", "rally", "wave", "spree", "warrant",
                  "order"}
AGENT_SUFFIXES = ("or", "er", "ist", "ian")  # monitor, negotiator, leader, activist, civilian
# who travels "for talks" takes part in them
MOTION_VERBS = {"return", "go", "travel", "arrive", "come", "fly", "head", "gather", "meet",
                "convene", "sit", "leave"}
DESCEND = {"prep", "agent", "xcomp", "dobj", "prt", "acomp", "dative", "pcomp", "pobj"}


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    pattern: TriggerPattern
    nominal: bool
    light: Token | None = None  # the light verb that governs a nominal trigger
    consumed: tuple[int, ...] = ()


def _near(tree: Tree, t: Token) -> dict[str, int]:
    """Lemma -> token index of the dependents a pattern may name (two levels down)."""
    near: dict[str, int] = {}
    for k in tree.children(t):
        if k.dep == "advcl":  # "pushing hard for the US to support": "for" marks the aim
            for m in tree.children(k, ("mark",)):
                if m.lemma.lower() == "for":
                    near.setdefault("for", m.i)
        if k.dep in NEAR_DEPS or k.dep == "aux":
            near.setdefault(k.lemma.lower(), k.i)
            if k.dep in DESCEND:
                for g in tree.children(k):
                    if g.dep != "prep":  # "calling it an aggression on Iraq" is no "call on"
                        near.setdefault(g.lemma.lower(), g.i)
                    if g.dep == "prep":  # "received a mission of observers"
                        for o in tree.children(g, ("pobj",)):
                            near.setdefault(o.lemma.lower(), o.i)
                            if g.lemma.lower() == "of":  # "part of a military aid program"
                                for c in tree.children(o, ("compound",)):
                                    near.setdefault(c.lemma.lower(), c.i)
    return near


def _match(tree: Tree, t: Token, patterns: tuple[TriggerPattern, ...]
           ) -> tuple[TriggerPattern, tuple[int, ...]] | None:
    if not patterns:
        return None
    near = _near(tree, t) if any(p.constraints for p in patterns) else {}
    for p in patterns:  # most specific first
        hits = []
        for alternatives in p.constraints:
            # in _near order, not set order
            hit = next((i for w, i in near.items() if w in alternatives), None)
            if hit is None:
                break
            hits.append(hit)
        else:
            return p, tuple(hits)
    return None


def lemma_forms(t: Token) -> list[str]:
    """The lemma, then forms guessed from the text, for the tagger's and lemmatizer's slips
    ("staged" -> "stag")."""
    low, lemma = t.text.lower(), t.lemma.lower()
    forms = [lemma]
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                         ("ing", "e"), ("ies", "y"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            form = low[: -len(suffix)] + repl
            if form not in forms:
                forms.append(form)
    return forms


def _candidates(lexicon: Lexicon, pos: str, t: Token) -> tuple[TriggerPattern, ...]:
    for form in lemma_forms(t):
        found = lexicon.candidates(pos, form)
        if found:
            return found
    return ()


def find_triggers(tree: Tree, lexicon: Lexicon) -> list[Trigger]:
    """Triggers of one sentence, in text order, without double counting."""
    verbal: list[Trigger] = []
    consumed: set[int] = set()
    for t in tree.tokens:
        if t.pos in VERB_POS or (t.pos == "AUX" and t.dep == "ROOT"):
            m = _match(tree, t, _candidates(lexicon, "V", t))
            if m and not (t.lemma.lower() in lexicon.light_verbs and not m[0].constraints
                          and _nominal_object(tree, t, lexicon)):
                verbal.append(Trigger(token=t, pattern=m[0], nominal=False, consumed=m[1]))
                consumed.update(m[1])
    nominal: list[Trigger] = []
    verbs = {tr.token.i for tr in verbal}
    for t in tree.tokens:
        if t.pos in NOUN_POS and t.i not in consumed and not _modifier_only(tree, t, lexicon):
            m = _match(tree, t, _candidates(lexicon, "N", t))
            if m:
                light = _light_verb(tree, t, lexicon) or _support_verb(tree, t, verbs)
                nominal.append(Trigger(token=t, pattern=m[0], nominal=True, light=light,
                                       consumed=m[1]))
    return sorted(verbal + nominal, key=lambda tr: tr.token.i)


def _modifier_only(tree: Tree, t: Token, lexicon: Lexicon) -> bool:
    """A trigger noun that only describes another noun is no event: "truce monitors",
    "protest leaders", "attack helicopters". It is one when that noun is an effort or an
    operation ("a mediation effort", "an aid programme") or a trigger itself."""
    if t.dep != "compound":
        return False
    h = tree.head(t)
    if h is None or h.pos not in NOUN_POS:
        return False
    head = h.lemma.lower()
    if head in EVENTIVE_HEADS or lexicon.candidates("N", head):
        return False
    if head.endswith(AGENT_SUFFIXES):
        return True  # "carrying truce monitors": people, not an event
    v = tree.head(h)  # "issued arrest warrants", "launched a joint cooperation zone"
    return not (h.dep == "dobj" and v is not None and v.lemma.lower() in lexicon.light_verbs)


def _nominal_object(tree: Tree, verb: Token, lexicon: Lexicon) -> bool:
    for k in tree.children(verb, ("dobj", "attr")):
        if lexicon.candidates("N", k.lemma.lower()):
            return True
    for p in tree.children(verb, ("prep",)):
        for k in tree.children(p, ("pobj",)):
            if lexicon.candidates("N", k.lemma.lower()):
                return True
    return False


# verbs that carry out, extend or order the act named by their object: their subject is its
# doer ("NATO would tighten the blockade", "the army intensified its offensive"); other verbs
# only speak of it ("condemned the attack", "investigated the shooting", "recalled the war")
SUPPORT_VERBS = {"tighten", "intensify", "escalate", "continue", "resume", "expand", "extend",
                 "widen", "step", "mount", "stage", "wage", "lead", "organize", "organise",
                 "order", "announce", "begin", "start", "renew", "broaden", "deepen",
                 "strengthen", "complete", "finalize", "finalise", "seal", "sign", "ink",
                 "initiate", "unleash", "redouble", "enforce", "impose", "maintain", "keep",
                 "pursue", "press", "push", "accelerate", "tighten", "implement", "deliver",
                 "send", "provide", "offer", "extend", "grant", "pledge", "promise", "issue",
                 "declare", "make", "give", "perform", "commit", "execute", "attempt"}


def _support_verb(tree: Tree, noun: Token, triggers: set[int]) -> Token | None:
    """A verb that is no trigger itself, with the nominal trigger as its object, and that
    carries the act out (``SUPPORT_VERBS``): its subject acts."""
    h = tree.head(noun)
    if noun.dep == "dobj" and h is not None and h.pos == "VERB" and h.i not in triggers \
            and (h.lemma.lower() in SUPPORT_VERBS or h.lemma.lower()[2:] in SUPPORT_VERBS
                 and h.lemma.lower().startswith("re")):  # "reimposed blockades"
        return h
    return None


def _light_verb(tree: Tree, noun: Token, lexicon: Lexicon) -> Token | None:
    """The light verb governing a nominal trigger: "launched a crackdown", "engaged in combat",
    "responsible for several attacks"."""
    h = tree.head(noun)
    if h is None:
        return None
    if noun.dep in ("dobj", "attr", "nsubjpass") and h.lemma.lower() in lexicon.light_verbs:
        return h
    if noun.dep == "pobj" and (v := tree.head(h)) is not None:
        if h.lemma.lower() == "for" and v.lemma.lower() in MOTION_VERBS:
            return v  # "negotiators return to Geneva for talks"
        if v.lemma.lower() in lexicon.light_verbs or v.lemma.lower() in ("responsible", "engage"):
            if v.pos == "ADJ" and v.dep in ("acomp", "amod"):  # "has been responsible for"
                return tree.head(v)
            return v
    if noun.dep in ("conj", "compound") and h.pos in NOUN_POS:
        return _light_verb(tree, h, lexicon)  # "launched a mediation effort", "raids and arrests"
    return None
