"""Cue words for attribution and the stance each one signals. Editable data, kept as code
because it is small and every entry is a decision worth a comment."""
from __future__ import annotations

import re

# verbs that introduce what someone asserts ("X said that ...")
ASSERT_CUES = {
    "say", "state", "claim", "allege", "insist", "assert", "argue", "tell", "announce", "add",
    "declare", "maintain", "contend", "report", "write", "note", "explain", "stress",
    "emphasize", "emphasise", "clarify", "suggest", "believe", "warn", "confirm", "acknowledge",
    "admit", "reveal", "disclose", "charge", "accuse", "blame", "estimate", "predict",
    "point", "highlight", "reiterate", "repeat", "tweet", "post", "testify", "affirm",
    "underline", "underscore", "observe", "remark", "mention", "indicate", "speculate",
    "describe", "call", "label", "brand", "dub", "characterize", "characterise", "concede",
    "continue",  # 'Johnson continued, "And I hope ..."'
    "conclude", "find", "rule",  # "the court found / ruled that ...", "they concluded that"
}
# assertion cues that introduce a clause but not a quote ('"...", found the court' is rare, and
# "found" beside a quote is mostly something found)
NOT_QUOTE_CUES = frozenset({"find"})
# verbs that characterise something rather than report a proposition: "called the attack an act
# of barbarity", "described the strike as defensive". A claim only with an object and what it is
# called (see ``_coder._label``); never the cue of a quote ("called for 'an end to violence'").
LABEL_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "characterize",
                         "characterise"})
# stance of the cue itself, where it is not a plain assertion
CUE_STANCE = {
    "deny": "denies", "reject": "denies", "dismiss": "denies", "refute": "denies",
    "rebuff": "denies", "rebuke": "denies", "repudiate": "denies", "debunk": "denies",
    "contradict": "disputes", "dispute": "disputes", "question": "disputes",
    "challenge": "disputes", "doubt": "disputes", "contest": "disputes", "counter": "disputes",
    "confirm": "supports", "support": "supports", "endorse": "supports", "back": "supports",
    "corroborate": "supports", "echo": "supports", "agree": "supports", "verify": "supports",
    "acknowledge": "supports", "concur": "supports", "rebut": "disputes", "disagree": "disputes",
    "retract": "retracts", "withdraw": "retracts", "recant": "retracts", "walk": "retracts",
    "denounce": "disputes",  # "denounced the conclusions of the summit"
}
# cue verbs whose object is what is claimed: "claimed responsibility for the attack", "alleged
# Iranian involvement", "denied involvement", "confirmed the deaths", "announced his death"
OBJECT_CUES = frozenset({"claim", "allege", "announce", "confirm", "reveal", "acknowledge",
                         "admit", "deny", "report"})
# objects that make a claim on their own ("claimed responsibility", "denied involvement")
OBJECT_NOUNS = frozenset({"responsibility", "credit", "involvement", "victory", "death",
                          "role", "link", "links", "wrongdoing", "guilt", "charge", "allegation"})
# verbs that, with an evidence object, demand proof ("asked for evidence", "requested information")
DEMAND_VERBS = {"request", "ask", "demand", "call", "urge", "seek", "press", "challenge",
                "want", "require", "invite"}
EVIDENCE_NOUNS = {"evidence", "proof", "information", "intelligence", "detail", "documentation",
                  "explanation", "clarification", "data", "substantiation", "source", "fact"}
SHARE_VERBS = {"share", "provide", "present", "produce", "show", "give", "release", "submit"}
# nouns that name a claim ("Iran's claim that ...", "these allegations")
CLAIM_NOUNS = {"claim", "allegation", "accusation", "assertion", "charge", "report", "rumour",
               "rumor", "suggestion", "statement", "remark", "comment", "counter-claim",
               "contention", "story", "account", "conclusion", "finding", "version",
               "argument", "narrative"}
# a claim told as what it is: "the government's counter-argument was that ..."
ARGUMENT_NOUNS = frozenset(CLAIM_NOUNS | {"position", "view", "response", "answer", "line",
                                          "explanation", "defence", "defense", "case"})
# words in such a subject that make it answer another claim
COUNTER_WORDS = frozenset({"counter", "counter-argument", "counterargument", "rebuttal",
                           "objection", "counterclaim", "counter-claim", "retort"})
# "gave a different account": an account that contradicts another one disputes it
ACCOUNT_NOUNS = frozenset({"account", "version", "story", "narrative", "explanation",
                           "description", "picture"})
CONTRARY_WORDS = frozenset({"different", "differing", "conflicting", "contradictory",
                            "contrasting", "opposing", "alternative", "competing", "rival",
                            "another"})
ANAPHORIC_DETS = {"these", "those", "this", "that", "such", "the"}
# a verb of agreement or disagreement with no object of its own answers what was just said:
# "Hataman agreed, saying only this group was capable" supports the claim before it
AGREE_VERBS = frozenset({"agree", "concur", "echo"})
DISAGREE_VERBS = frozenset({"disagree", "dissent", "object"})
# what a statement is issued as; "the statement said" speaks for whoever issued it
DOCUMENT_NOUNS = frozenset({
    "statement", "report", "release", "communique", "communiqué", "tweet", "post", "message",
    "letter", "document", "complaint", "memo", "memorandum", "transcript", "filing", "summary",
    "readout", "bulletin", "notice", "announcement", "note", "declaration", "verdict", "ruling",
    "judgment", "judgement", "survey", "study", "poll", "data", "figure", "analysis",
    "assessment", "alert", "advisory", "video", "recording", "footage", "broadcast", "interview",
    "estimate"})
# things that "say" in a news story but speak for no one: "a banner saying 'united in diversity'"
NOT_SPEAKERS = frozenset({"banner", "sign", "placard", "poster", "slogan", "graffiti", "graffito",
                          "headline", "caption", "t-shirt", "shirt"})
# where a statement is posted: "Pompeo posted a message on Twitter blaming Iran" is Pompeo's
PLATFORMS = frozenset({"twitter", "facebook", "instagram", "telegram", "weibo", "youtube",
                       "tiktok", "website", "blog", "account", "page", "channel", "x"})
# verbs by which someone issues a statement ("the ministry released a statement")
ISSUE_VERBS = frozenset({"issue", "release", "publish", "post", "send", "sign", "file", "deliver",
                         "tweet", "put", "circulate", "distribute", "read", "give"})
# a report that cites a source speaks for that source: "a report citing the mayor's office",
# "the BBC cited the intelligence chief as saying ..."
CITE_VERBS = frozenset({"cite", "quote"})
# an unnamed source speaks for the body it is in: "a source within the Interior Ministry"
SOURCE_NOUNS = frozenset({"source", "insider", "official", "person", "member", "informant"})
SOURCE_PREPS = frozenset({"within", "inside", "in", "at", "from", "close", "familiar"})
# who belongs to someone and speaks for them: "his associates said", "Navalny's lawyer said"
ENTOURAGE_NOUNS = frozenset({"associate", "ally", "aide", "adviser", "advisor", "spokesman",
                             "spokeswoman", "spokesperson", "lawyer", "attorney", "team", "office",
                             "camp", "campaign", "supporter", "entourage", "representative",
                             "staff", "lieutenant", "loyalist"})
# an outlet by the look of its name, when no dictionary knows it: "Znak.com", "Meduza.io",
# "the Nevada Independent", "Kyiv Post"
OUTLET_DOMAIN = re.compile(r"\w\.(?:com|net|org|info|io|news|ru|ua|co\.uk|in|pk)$", re.I)
OUTLET_WORDS = frozenset({"news", "times", "post", "tv", "radio", "herald", "journal", "gazette",
                          "tribune", "daily", "telegraph", "express", "independent", "chronicle",
                          "observer", "courier", "standard", "today", "mail", "monitor", "insider",
                          "broadcasting", "television", "newspaper", "magazine", "wire"})
# an office no longer held: "former federal prosecutor", "retired FBI agent"
FORMER_WORDS = frozenset({"former", "retired", "onetime", "one-time", "erstwhile", "ex"})
