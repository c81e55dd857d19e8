"""Where a trigger sits in its sentence, and what that does to its code.

CAMEO codes what an actor *did*. An action that is only promised ("Libya will hand over the
suspects") is an expression of intent (03x); a violent act that is only announced ("Iran
threatened to shell Iraqi towns") is a threat (13x); a cooperative act refused ("Syria will not
accept more refugees") is a rejection (12x); and a statement that someone else *must* act ("Russia
said Sudan must return the helicopter") is a demand (10x) by the speaker. A trigger that is the
complement of another trigger ("offered to hand over", "threatened to ban") is folded into it.
"""
from __future__ import annotations

from dataclasses import dataclass

from dotterel.records import Token
from dotterel.syntax import Tree

FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
OBLIGATION_AUX = {"must", "should", "ought"}
POSSIBLE_AUX = {"may", "might", "could", "can"}
# heads whose xcomp states an intention of the subject ("plans to", "is ready to", "vowed to")
INTENT_HEADS = {"plan", "intend", "want", "vow", "promise", "pledge", "seek", "hope", "aim",
                "offer", "ready", "willing", "determined",
                "committed", "commit", "expect", "swear", "resolve", "agree", "threaten",
                "undertake", "consider", "set", "poised", "due", "going"}  # not "try": an attempt is the act
# nouns whose infinitive is an intention, not an act ("plans to attack", "a plot to kill");
# not "attempt": an attempt is the act
INTENT_NOUNS = {"plan", "plot", "intention", "intent", "scheme", "proposal", "ambition", "goal",
                "aim", "promise", "pledge", "vow", "threat", "readiness", "willingness", "offer",
                "bid", "desire", "wish", "hope"}
NEGATING_HEADS = {"refuse", "decline", "fail", "reject", "oppose", "deny", "rule", "halt",
                  "stop", "cease", "avoid", "unwilling", "reluctant"}
OBLIGATION_HEADS = {"need", "have", "obliged", "required", "bound"}
# "prepared to attend the Games" is about to happen, not a promise; "prepared to resume shelling"
# is a show of force (15x), not yet the attack
PREPARING_HEADS = {"prepare", "prepared", "poised", "gear", "brace"}
PREPARED_FORCE = "150"
# aspectual verbs pass their xcomp through to the head above: "prepared to resume shelling",
# "vowed to continue fighting"
# "it is important for Iran and Afghanistan to focus on establishing relations"
NORMATIVE = {"important", "necessary", "essential", "vital", "crucial", "imperative", "time",
             "advisable", "desirable", "high"}
ASPECTUAL = {"resume", "continue", "start", "begin", "keep", "restart"}

# subordinators of clauses that tell what happened before or around the main event
BACKGROUND = {"after", "before", "since", "when", "while", "as", "until", "once", "because"}
# future of a cooperative act -> intent to cooperate (by CAMEO root)
INTENT_OF = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# future of a material conflict act -> threat
THREAT_OF = {"14": "133", "15": "138", "16": "1313", "17": "137", "18": "138", "19": "138",
             "20": "138"}
# a future act made conditional on another's behaviour is a threat
CONDITIONAL_THREAT = {"03": "130", "04": "134", "05": "130", "06": "1311", "07": "1311",
                      "08": "130", "16": "1313"}
# negated cooperation -> rejection
REFUSAL_OF = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}


@dataclass(frozen=True, slots=True)
class Modality:
    future: bool = False
    obligation: bool = False
    possible: bool = False
    negated: bool = False
    conditional: bool = False  # the trigger is the condition ("unless X agrees")
    conditioned: bool = False  # the trigger has an "unless" ("will withdraw unless ...")
    conditioned_if: bool = False  # the trigger has an "if" ("would meet him if ...")
    folded: bool = False  # the complement of another trigger: that trigger carries the event
    preparing: bool = False  # "prepared to ...": about to act
    embedded: str = "main"  # main | complement | purpose | relative | nominal
    normative: bool = False  # "it is important for X to ...": what ought to be, not an act


def _aux(tree: Tree, t: Token) -> set[str]:
    return {k.lemma.lower() if k.lemma.lower() != "wo" else "will"
            for k in tree.children(t, ("aux", "auxpass"))} | {
        k.text.lower() for k in tree.children(t, ("aux",))}


def modality(tree: Tree, t: Token, trigger_ids: set[int]) -> Modality:
    """The modality of trigger ``t``; ``trigger_ids`` are the sentence's other triggers."""
    aux = _aux(tree, t)
    negated = tree.is_negated(t)
    future = bool(aux & FUTURE_AUX)
    obligation = bool(aux & OBLIGATION_AUX)
    possible = bool(aux & POSSIBLE_AUX)
    conditional = any(k.dep == "mark" and k.lemma.lower() in ("if", "unless")
                      for k in tree.children(t))
    marks = {m.lemma.lower() for k in tree.children(t, ("advcl",))
             for m in tree.children(k, ("mark",))}
    conditioned = "unless" in marks
    conditioned_if = "if" in marks
    folded, embedded, preparing = False, "main", False
    h = tree.head(t)
    if (t.dep == "xcomp" and h is not None and h.lemma.lower() in ASPECTUAL
            and h.i not in trigger_ids and h.dep == "xcomp" and tree.head(h) is not None):
        t, h = h, tree.head(h)
    if t.dep == "xcomp" and h is not None:
        hl = h.lemma.lower()
        head_aux = _aux(tree, h)
        negated = negated or tree.is_negated(h) or hl in NEGATING_HEADS
        future = future or hl in INTENT_HEADS or bool(head_aux & FUTURE_AUX)
        obligation = obligation or hl in OBLIGATION_HEADS or bool(head_aux & OBLIGATION_AUX)
        folded = h.i in trigger_ids and hl not in ("be",)
        willing = h.text.lower() == "prepared" and (h.pos == "ADJ" or any(
            k.lemma.lower() == "be" for k in tree.children(h, ("aux", "auxpass", "cop"))))
        preparing = hl in PREPARING_HEADS and not willing  # "is prepared to" = is willing to
        future = future or willing
        if h.pos == "ADJ" and (hh := tree.head(h)) is not None:  # "is ready to", "willing to"
            negated = negated or tree.is_negated(hh)
            future = future or bool(_aux(tree, hh) & FUTURE_AUX)
        embedded = "complement"
    elif t.dep == "advcl" and any(k.dep == "aux" and k.lemma.lower() == "to" for k in tree.children(t)):
        embedded = "purpose"
        if h is not None and h.lemma.lower() in INTENT_HEADS:  # "have sworn to fight"
            future, embedded = True, "complement"
    elif t.dep == "advcl" and any(k.dep == "mark" and k.lemma.lower() in BACKGROUND
                                  for k in tree.children(t)):
        embedded = "background"  # "... one day after a jet shot down a helicopter"
    elif t.dep == "advcl":  # "demonstrated ..., calling for independence"
        embedded = "circumstance"
    elif t.dep == "acl" and h is not None and h.lemma.lower() in INTENT_NOUNS \
            and any(k.dep == "aux" and k.lemma.lower() == "to" for k in tree.children(t)):
        possible, embedded = True, "complement"  # "developing plans to attack diplomats"
    elif t.dep in ("relcl", "acl"):
        embedded = "relative"
    elif t.pos in ("NOUN", "PROPN"):
        embedded = "nominal"
    if conditional:
        embedded = "condition"
    return Modality(future=future, obligation=obligation, possible=possible, negated=negated,
                    conditional=conditional, conditioned=conditioned,
                    conditioned_if=conditioned_if, folded=folded,
                    embedded=embedded, preparing=preparing, normative=_normative(tree, t))


def _normative(tree: Tree, t: Token) -> bool:
    """The trigger is what "it is important (necessary, time) for X to" do."""
    cur = t
    for _ in range(5):
        h = tree.head(cur)
        if h is None or h.i == cur.i or cur.dep not in ("xcomp", "advcl", "pcomp", "prep", "ccomp"):
            return False
        if h.lemma.lower() == "be" and any(k.lemma.lower() in NORMATIVE
                                           for k in tree.children(h, ("acomp", "attr"))):
            return True
        if h.pos == "ADJ" and h.lemma.lower() in NORMATIVE:
            return True
        cur = h
    return False


def recode(cameo: str, m: Modality) -> str:
    """The CAMEO code an act becomes under its modality (see the module docstring)."""
    root = cameo[:2]
    if m.negated and root in REFUSAL_OF and not m.obligation:
        return REFUSAL_OF[root]
    if m.negated:
        return cameo
    if m.preparing and not m.future and root in ("18", "19", "20"):
        return PREPARED_FORCE
    if m.conditioned and (m.future or m.possible):  # "will withdraw its troops unless ..."
        return CONDITIONAL_THREAT.get(root, THREAT_OF.get(root, cameo))
    if m.conditioned_if and (m.future or m.possible) and root in THREAT_OF:
        return THREAT_OF[root]  # "may halt mediation if ...": still a threat
    if m.conditioned_if and m.possible and root in INTENT_OF:
        return INTENT_OF[root]  # "could meet him if ...": a conditional offer
    if m.future:
        if root in INTENT_OF:
            return INTENT_OF[root]
        if root in THREAT_OF:
            return THREAT_OF[root]
    return cameo
