"""Selection: which coded candidates an expert would take into a dataset (CODING_GUIDE.md).

The event coder proposes every trigger it can read; this step keeps the events a careful
analyst would accept without reading the article again, and gives every other candidate the
reason it was dropped, so that ``--candidates`` can show them. Each rule is a small function
``(event, context) -> reason | None``; the first rule that objects names the reason.

Rules, in order:
  statement     a plain statement (CAMEO 01): a claim, not an event
  negated       "did not attack"
  hypothetical  plans, conditions, possibilities, purposes
  no_actor      the doer resolves to no code (violence keeps the unattributed convention)
  not_political reporters, outlets, analysts and the like are not actors
  no_recipient  an act that is always done to someone (a meeting, an attack, an arrest, aid,
                a threat, a rejection, a sanction) whose target the text does not give us
  background    history the article recalls: an earlier year, "last year's war"
  disputed      the content of a claim the article reports as denied or disputed
  duplicate     one event per act and sentence
  low_confidence  the evidence left for it is thin (``calibrated`` below ``MIN_CONFIDENCE``)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dotterel.records import Article, Claim, Event

NOT_POLITICAL_SECTORS = frozenset({"MED"})
# words of a doer's phrase that say it comments rather than acts
COMMENTATORS = frozenset({"analyst", "analysts", "commentator", "commentators", "columnist",
                          "columnists", "pundit", "pundits", "observer", "observers", "reporter",
                          "reporters", "journalist", "journalists", "correspondent",
                          "correspondents", "newspaper", "broadcaster", "website", "blogger",
                          "twitter", "facebook", "instagram", "tweet", "post", "scientist",
                          "professor", "expert", "experts", "researcher", "researchers",
                          "scholar", "scholars", "academic", "academics", "lecturer",
                          "think", "tank"})
# types whose acts always have a target: without one, the coder has misread the sentence
DYADIC = frozenset({"CONSULT", "COOPERATE", "AID", "REJECT", "THREATEN", "SANCTION", "ASSAULT", "SUPPORT",
                    "COERCE"})
# texts are no doers: "the Constitution requires", "the law allows"
TEXTS_OF_LAW = frozenset({"constitution", "law", "charter", "treaty", "convention", "act",
                          "article", "rule", "regulation", "guideline", "clause", "provision"})
CHALLENGES = frozenset({"denies", "disputes", "demands_evidence", "retracts"})
# phrases that put an act in the past of the news window
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RECENT = re.compile(r"\b(yesterday|today|tonight|this (week|month|morning|evening|year)|"
                     r"(on|last|since|late|early) (monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                     r"earlier today|hours? (ago|later)|days? ago|last night)\b", re.I)
_PAST = re.compile(r"\b(last year'?s?|(two|three|four|five|six|seven|eight|nine|ten|several|many|"
                   r"\d+) (years|decades) ago|years ago|decades ago|in the (19|20)\d0s|"
                   r"the (previous|last) (decade|century)|during (his|her|their) (tenure|time|"
                   r"career|presidency|term)|as a (young|teenager|child|student)|was born|"
                   r"throughout (his|her) (life|career)|in (his|her) (youth|career|early years))\b",
                   re.I)
# an obituary: its body is the life story, background except what the news window dates
_OBITUARY = re.compile(r"\b(dies|died|dead at|death of|obituary|passes away|passed away|"
                       r"funeral of|laid to rest)\b", re.I)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules may look at besides the event: the article and its claims."""

    article: Article
    claims: Sequence[Claim] = ()


Rule = Callable[[Event, Context], "str | None"]


def statement(e: Event, ctx: Context) -> str | None:
    return "statement" if e.plover_type is None or e.cameo.startswith("01") else None


def negated(e: Event, ctx: Context) -> str | None:
    return "negated" if e.negated else None


def hypothetical(e: Event, ctx: Context) -> str | None:
    return "hypothetical" if e.hypothetical else None


def no_actor(e: Event, ctx: Context) -> str | None:
    return "no_actor" if e.actor is None or not e.actor.code else None


def not_political(e: Event, ctx: Context) -> str | None:
    a = e.actor
    if a is None:
        return None
    if a.sector in NOT_POLITICAL_SECTORS and e.quad_class != 4:
        return "not_political"
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", a.text or "")}
    if words & COMMENTATORS:
        return "not_political"
    head = (a.text or "").split()[-1:]  # "the United States Constitution required ..."
    return "not_political" if head and head[0].lower().rstrip("s") in TEXTS_OF_LAW else None


def no_recipient(e: Event, ctx: Context) -> str | None:
    if e.recipient is not None and e.recipient.code:
        return None
    if e.plover_type in DYADIC:
        return "no_recipient"
    if e.nominal:  # "the agreement", "an investigation": an act named, not one reported
        return "mention"
    return None


def background(e: Event, ctx: Context) -> str | None:
    """The sentence dates the act before the article's year, or says it is long past."""
    text = e.sentence_text
    if _PAST.search(text) and not _RECENT.search(text):
        return "background"
    if _OBITUARY.search(ctx.article.title or "") and not _RECENT.search(text):
        return "background"  # a life story, told for the death that is the news
    year = _article_year(ctx.article)
    if year is None:
        return None
    years = [int(y) for y in _YEAR.findall(text)]
    if years and max(years) < year and not _RECENT.search(text):
        return "background"
    return None


def disputed(e: Event, ctx: Context) -> str | None:
    """The act is told only inside a claim that someone in the article denies or disputes."""
    answered = {c.responds_to for c in ctx.claims if c.stance in CHALLENGES and c.responds_to}
    for c in ctx.claims:
        if c.id in answered and c.content_start <= e.trigger_start < c.content_end:
            return "disputed"
    return None


# confidence of a kept event: how sure we are that an expert codes it as it stands. An additive
# score over evidence that holds on news in general: a whole dyad, the article's lead (its
# news, not its background), a material act rather than a vague verbal one, an unnamed doer
# of violence (a well-defined convention), less for acts told in reported speech or by a noun.
# Weights set by hand; bench/quality.py prints precision per band on the article dev set.
MATERIAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
VAGUE = frozenset({"AGREE", "SUPPORT", "RETREAT", "CONSULT", "COOPERATE", "AID", "CONCEDE"})
LEAD_SENTENCES = 3  # headline, standfirst and first sentence or two
# below this, a vague act, without a target, deep in the article, by a state named as a whole:
# an expert would rarely keep it as coded
MIN_CONFIDENCE = 0.25


def calibrated(e: Event) -> float:
    c = 0.3
    c += 0.2 if e.recipient is not None and e.recipient.code else 0.0
    c += 0.15 if e.sentence < LEAD_SENTENCES else 0.0
    c += 0.1 if e.plover_type in MATERIAL else (-0.1 if e.plover_type in VAGUE else 0.0)
    if e.actor is not None and e.actor.kind in ("unattributed", "implied"):
        c += 0.1
    elif e.actor is not None and e.actor.kind in ("country", "organisation"):
        c -= 0.05  # a state or body named as a whole: who in it acted is less certain
    c -= 0.05 if e.reported_by is not None else 0.0
    c -= 0.05 if e.nominal else 0.0
    return round(min(0.95, max(0.05, c)), 3)


RULES: tuple[Rule, ...] = (statement, negated, hypothetical, no_actor, not_political,
                           no_recipient, background, disputed)


def select(events: Sequence[Event], ctx: Context) -> tuple[list[Event], list[Event]]:
    """Split candidates into the events an expert codes and the dropped ones, each dropped
    event carrying its reason in ``dropped``. Kept events get the ``calibrated`` confidence;
    dropped ones keep the coder's ranking score."""
    kept: list[Event] = []
    dropped: list[Event] = []
    for e in events:
        reason = next((r for rule in RULES if (r := rule(e, ctx)) is not None), None)
        (dropped if reason else kept).append(replace(e, dropped=reason) if reason else e)
    kept, doubles = _one_per_act(kept)
    kept = [replace(e, confidence=calibrated(e)) for e in kept]
    weak = [replace(e, dropped="low_confidence") for e in kept if e.confidence < MIN_CONFIDENCE]
    return [e for e in kept if e.confidence >= MIN_CONFIDENCE], dropped + doubles + weak


def _one_per_act(events: Sequence[Event]) -> tuple[list[Event], list[Event]]:
    """One event per act and sentence: of the events with the same actor, PLOVER type and
    sentence, those of the best trigger stay (the one with a recipient and the highest
    confidence); one trigger may keep several recipients ("blamed Israel and the United
    States" is two dyads), but "accused the US of being behind ISIS, labelling the group ..."
    is one accusation."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.sentence, e.actor.code if e.actor else None, e.plover_type)
        cur = best.get(key)
        if cur is None or _rank(e) > _rank(cur):
            best[key] = e
    chosen = {k: v.trigger_start for k, v in best.items()}
    kept, doubles = [], []
    for e in events:
        key = (e.sentence, e.actor.code if e.actor else None, e.plover_type)
        (kept if e.trigger_start == chosen[key] else doubles).append(e)
    return kept, [replace(e, dropped="duplicate") for e in doubles]


def _rank(e: Event) -> tuple:
    return (e.recipient is not None and bool(e.recipient.code), e.confidence, -e.trigger_start)


def _article_year(article: Article) -> int | None:
    d = article.date or ""
    return int(d[:4]) if len(d) >= 4 and d[:4].isdigit() else None
