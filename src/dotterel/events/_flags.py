"""What an event record says about its act besides who did what: negated, hypothetical (and
why), reported by whom, the coder's ranking confidence, and the day it happened."""
from __future__ import annotations

from dotterel.articles import resolve_relative_day
from dotterel.events._triggers import Trigger
from dotterel.records import Actor, Sentence, Token
from dotterel.syntax import ArgumentFinder, Tree

MODALS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must"}

INTENT_HEADS = {"plan", "intend", "want", "threaten", "vow", "promise", "seek", "try", "hope",
                "expect", "aim", "decide", "offer", "prepare", "pledge", "propose", "consider",
                "urge", "ask", "call", "demand", "allow", "agree", "refuse", "wish", "need"}

SPEECH = {"say", "state", "claim", "tell", "announce", "allege", "report", "add", "insist",
          "declare", "assert", "note", "explain", "argue", "stress", "emphasize", "emphasise",
          "clarify", "maintain", "suggest", "believe", "think", "write", "warn"}

DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "yesterday", "today", "tonight", "tomorrow"}

EMBEDDING_PENALTY = {"main": 0.0, "complement": 0.05, "purpose": 0.2, "circumstance": 0.1,
                     "relative": 0.15, "nominal": 0.03, "condition": 0.25,
                     "background": 0.15}

UNREALISED = {"planned", "proposed", "possible", "potential", "future", "expected", "intended",
              "prospective", "hypothetical", "would-be", "mooted", "suggested", "rumoured",
              "rumored", "alleged", "cancelled", "canceled", "aborted", "failed", "postponed"}

IRREALIS = {"would", "could", "might", "may", "will", "shall", "should"}

CLAUSAL = ("xcomp", "ccomp", "conj", "relcl", "advcl", "acl")


def negated(tree: Tree, tr: Trigger) -> bool:
    if tree.is_negated(tr.token) or (tr.light is not None and tree.is_negated(tr.light)):
        return True
    return any(k.lemma.lower() in ("no", "never") for k in tree.children(tr.token, ("det", "neg")))


def hypothetical(tree: Tree, t: Token) -> bool:
    for cur in [t] + tree.ancestors(t)[:2]:
        if any(k.dep == "aux" and k.lemma.lower() in MODALS for k in tree.children(cur)):
            return True
        if any(k.dep == "mark" and k.lemma.lower() in ("if", "unless") for k in tree.children(cur)):
            return True
        h = tree.head(cur)
        if cur.dep == "xcomp" and h is not None and h.lemma.lower() in INTENT_HEADS:
            return True
        if cur.dep not in ("xcomp", "conj", "dobj", "pobj", "prep"):
            break
    return False


def under_irrealis(tree: Tree, t: Token) -> bool:
    """The trigger's clause hangs under a clause that is itself only possible or planned: "a
    law that would have allowed China to extradite people", "a deal that will let them
    return". Speech verbs stop the climb: "said it would ..." is the speaker's business."""
    cur = t
    for _ in range(4):
        h = tree.head(cur)
        if h is None or h.i == cur.i or cur.dep not in CLAUSAL:
            return False
        if h.lemma.lower() in SPEECH:
            return False
        if any(k.lemma.lower() in IRREALIS for k in tree.children(h, ("aux",))) or any(
                k.lemma.lower() in ("if", "unless") for k in tree.children(h, ("mark",))):
            return True
        cur = h
    return False


def reported_by(tree: Tree, t: Token, args: ArgumentFinder) -> str | None:
    """The speaker when the trigger sits inside reported speech ("X said that ...")."""
    cur = t
    for h in tree.ancestors(t)[:6]:
        if cur.dep in ("ccomp", "parataxis") and h.lemma.lower() in SPEECH:
            s = args.subject(h)
            a = args.actor_at(s) if s is not None else None
            return (a.name or a.text) if a is not None else (s.text if s is not None else "")
        cur = h
    return None


def confidence(tr: Trigger, cameo: str, actor: Actor | None, rec: Actor | None, *,
                negated: bool, hypothetical: bool, reported: bool, embedded: str = "main") -> float:
    """A heuristic score in [0.05, 0.95], for ranking events; calibrate against the gold sets
    (bench/quality) after changing it."""
    c = 0.55
    named = actor is not None and actor.code and actor.kind != "unattributed"
    c += 0.15 if named else (0.05 if actor is not None else -0.1)
    c += 0.1 if rec is not None and rec.code else 0.0
    c += 0.05 * len(tr.pattern.constraints)
    c -= 0.3 if cameo.startswith("01") else 0.0
    c -= 0.05 if tr.nominal else 0.0
    c -= 0.15 if negated else 0.0
    c -= 0.05 if hypothetical else 0.0
    c -= 0.1 if reported else 0.0
    c -= EMBEDDING_PENALTY.get(embedded, 0.0)
    return round(min(0.95, max(0.05, c)), 3)


def event_date(sent: Sentence, article_date: str | None) -> str | None:
    for t in sent.tokens:
        if t.lemma.lower() in DAY_WORDS and t.dep in ("npadvmod", "pobj", "tmod", "advmod"):
            if (d := resolve_relative_day(t.lemma, article_date)) is not None:
                return d
    return article_date
