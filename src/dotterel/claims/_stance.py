"""Stance from the whole statement, not the cue verb alone.

A plain "said" can carry a denial ("said the reports were baseless"), a dispute ("said there was
no evidence that ..."), or a confirmation; a stance verb can be hedged or negated ("could not
confirm", "did not deny"). These functions read the words only, so they are cheap to test and
the parse-dependent parts (which words are the content, which are the cue's own modifiers) stay
in ``_coder``.

The order of the checks is the rule: a denial in the content wins over everything, then a call
that the claim is unproven, then a reasoned rebuttal; a confirming cue supports only when
nothing in its own clause hedges or negates it. See CODING_GUIDE.md, "Claims".
"""
from __future__ import annotations

import re

# the content says that a claim or an accusation is false
DENIAL = re.compile(r"""\b(?:
    no\ truth | not\ true | untrue | baseless | groundless | unfounded | fabricat\w+ |
    (?:categorically|completely|totally|entirely|patently|utterly|absolutely)[ ]
        (?:false|untrue|wrong) |
    (?:is|are|was|were|be|been)\ (?:simply\ |also\ )?false |
    false\ (?:claims?|allegations?|accusations?|reports?|information|news|rumou?rs?|statements?) |
    fake\ news | (?:a|the|an|big|biggest|outright|blatant)\ lie | (?:is|are|was|were)\ lying |
    (?:telling|spreading|spread|tell|told|are|were|these|those|such|all|of)\ lies |
    slander\w* | nonsense | absurd | never\ happened | did\ not\ happen | didn't\ happen |
    (?:has|had|have)\ nothing\ to\ do\ with | no\ basis |
    (?:had|has|have|played)\ no\ (?:role|part|involvement|hand)\ in | not\ involved\ in
    )\b""", re.I | re.X)
# the content calls a claim unproven
UNPROVEN = re.compile(r"""\b(?:
    (?:(?:could|can|has|have|had|would|did|does|do)\ not|cannot|can't|couldn't|hasn't|
       haven't|hadn't|wouldn't|didn't|doesn't|don't|unable\ to|failed\ to)[ ]
        (?:yet\ |independently\ |immediately\ |be\ |been\ )*
        (?:confirm|verif|corroborat|substantiat)\w* |
    not\ (?:yet\ )?(?:been\ )?(?:independently\ )?
        (?:confirmed|verified|corroborated|substantiated|proven) |
    unverified | unconfirmed | unsubstantiated | unproven |
    no\ (?:\w+\ )?(?:evidence|proof) | no\ traces?\ of
    )\b""", re.I | re.X)
# a reasoned rebuttal: the content argues against a claim without calling it false outright
REBUTTAL = re.compile(r"""\b(?:
    (?:is|are|was|were|be|been|deeply|highly|completely|totally)\ misleading |
    misleading\ (?:claims?|reports?|information|statements?|allegations?) |
    inaccurate | incorrect | exaggerat\w+ | distort\w+ |
    dubious | questionable | implausible | unrealistic | far-fetched |
    (?:is|are|was|were)\ (?:simply\ |also\ )?(?:wrong|mistaken) | not\ the\ case | contrary\ to |
    (?:cannot|can't|can\ not)\ be\ (?:considered|called|described|seen)
    )\b""", re.I | re.X)
# words in the cue's own clause that take the confirmation back ("could not confirm",
# "declined to confirm", "appeared to confirm")
HEDGES = frozenset({"not", "n't", "never", "neither", "nor", "no", "decline", "refuse",
                    "unable", "appear", "seem", "may", "might", "could", "would"})
NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor", "no"})
SUPPORT_CUES = frozenset({"confirm", "acknowledge", "corroborate", "verify", "endorse", "back",
                          "support", "echo", "agree", "concur", "second"})
ADMIT_CUES = frozenset({"admit", "acknowledge", "concede"})


def content_stance(text: str) -> str | None:
    """The stance the content's own words take, or None when they take none: ``denies``
    ("there is no truth to these reports"), else ``disputes`` ("no evidence that ...",
    "could not confirm ...", "the figures are exaggerated")."""
    if DENIAL.search(text):
        return "denies"
    if UNPROVEN.search(text) or REBUTTAL.search(text):
        return "disputes"
    return None


def cue_stance(lemma: str, stance: str | None, clause_words: frozenset[str] | set[str]
               ) -> str | None:
    """The stance of a cue verb given the words of its own clause (its auxiliaries, negation and
    the verbs that govern it, lower-cased lemmas). A negated or hedged confirmation is no
    support: "could not confirm" disputes, "declined to confirm" asserts nothing either way
    (None). A negated denial is no denial (None)."""
    words = {w.lower() for w in clause_words}
    negated = bool(words & NEGATIONS)
    if lemma in SUPPORT_CUES or stance == "supports":
        if negated or words & {"unable", "fail"}:
            return "disputes" if lemma in ("confirm", "verify", "corroborate") else None
        if words & HEDGES:
            return None if words & {"decline", "refuse"} else "asserts"
        return "supports" if stance == "supports" or lemma in SUPPORT_CUES else stance
    if negated and stance in (None, "asserts", "denies", "disputes", "retracts"):
        return None  # "did not say", "has not announced", "did not deny"
    return stance


def statement_stance(cue: str | None, content: str) -> str:
    """Cue stance and content together: a denial or dispute in the content wins over a plain or
    confirming cue; a stance cue keeps its own stance otherwise."""
    found = content_stance(content)
    if cue in (None, "asserts", "supports"):
        return found or cue or "asserts"
    if cue == "disputes" and found == "denies":
        return "denies"
    return cue
