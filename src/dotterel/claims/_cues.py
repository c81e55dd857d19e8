"""Cue words for attribution and the stance each one signals. Editable data, kept as code
because it is small and every entry is a decision worth a comment."""
from __future__ import annotations

# verbs that introduce what someone asserts ("X said that ...")
ASSERT_CUES = {
    "say", "state", "claim", "allege", "insist", "assert", "argue", "tell", "announce", "add",
    "declare", "maintain", "contend", "report", "write", "note", "explain", "stress",
    "emphasize", "emphasise", "clarify", "suggest", "believe", "warn", "confirm", "acknowledge",
    "admit", "reveal", "disclose", "charge", "accuse", "blame", "estimate", "predict",
    "point", "highlight", "reiterate", "repeat", "tweet", "post", "testify", "affirm",
    "underline", "underscore", "observe", "remark", "mention", "indicate", "speculate",
}
# stance of the cue itself, where it is not a plain assertion
CUE_STANCE = {
    "deny": "denies", "reject": "denies", "dismiss": "denies", "refute": "denies",
    "rebuff": "denies", "rebuke": "denies", "repudiate": "denies", "debunk": "denies",
    "contradict": "disputes", "dispute": "disputes", "question": "disputes",
    "challenge": "disputes", "doubt": "disputes", "contest": "disputes", "counter": "disputes",
    "confirm": "supports", "support": "supports", "endorse": "supports", "back": "supports",
    "corroborate": "supports", "echo": "supports", "agree": "supports", "verify": "supports",
    "retract": "retracts", "withdraw": "retracts", "recant": "retracts", "walk": "retracts",
}
# verbs that, with an evidence object, demand proof ("asked for evidence", "requested information")
DEMAND_VERBS = {"request", "ask", "demand", "call", "urge", "seek", "press", "challenge",
                "want", "require", "invite"}
EVIDENCE_NOUNS = {"evidence", "proof", "information", "intelligence", "detail", "documentation",
                  "explanation", "clarification", "data", "substantiation", "source", "fact"}
SHARE_VERBS = {"share", "provide", "present", "produce", "show", "give", "release", "submit"}
# nouns that name a claim ("Iran's claim that ...", "these allegations")
CLAIM_NOUNS = {"claim", "allegation", "accusation", "assertion", "charge", "report", "rumour",
               "rumor", "suggestion", "statement", "remark", "comment", "counter-claim",
               "contention", "story"}
ANAPHORIC_DETS = {"these", "those", "this", "that", "such", "the"}
