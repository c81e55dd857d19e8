"""Reactions: a speaker the article presents as judging someone's act answers that actor's claim.

News tells a claim or an announcement, then the reactions to it, and it frames them before it
quotes them: "USCIRF also criticized the move. They released a statement which said ...",
"despite criticism by the Greek foreign minister and UNESCO", "spoke out against the attack,
calling it 'an aggression on Iraq'", "called Trump's order swift, forceful and decisive".
What the critic then says (a plain "said" of its own) disputes, and what the admirer says
supports, the claim of the actor whose act is judged.

A framing is read from the parse (``frame_verb``, ``frame_noun``, ``frame_label``); the claims
it reaches are settled once the article is read (``react``). Evidence first, as for every link:

- the judgment has a clear sign: a verb of criticism or praise ("criticized", "welcomed"), or
  a label whose words judge ("an aggression", "null and void", "swift and decisive");
- the act judged is someone's: the text names its author ("Trump's order", "his authority to
  make the change", "the proclamation ... by Trump", "despite criticism" of what he
  announced), whose own claim (theirs in person, or their state's) is answered; a label that
  names no author judges an event, not a claim ("called the stabbing an act of barbarity"),
  and makes no reaction. A verb of criticism without a named author ("spoke out against the
  attack") answers the claim the article leads with, by someone else;
- only the critic's own claims after the framing (or in its sentence) are read as reactions,
  and only those that assert: a denial keeps its own stance and link.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dotterel.claims._links import MIN_OVERLAP, MIN_SHARED, overlap, stems
from dotterel.events import CONDEMN, judgment
from dotterel.records import Actor, Claim, Event

CRITIC_VERBS = frozenset({
    "criticize", "criticise", "condemn", "denounce", "slam", "blast", "decry", "deplore",
    "lambaste", "castigate", "rebuke", "censure", "assail", "deride", "ridicule", "question"})
PRAISE_VERBS = frozenset({"praise", "welcome", "hail", "applaud", "commend", "laud", "salute"})
AGAINST_VERBS = frozenset({"speak", "rail", "protest", "come"})  # "spoke out against", ...
# what may be judged without its author being named: the article's act ("the attack", "the
# move"), whose claim is the one the article leads with
ACT_NOUNS = frozenset({
    "attack", "strike", "airstrike", "move", "decision", "plan", "announcement", "order",
    "proposal", "policy", "step", "action", "measure", "withdrawal", "killing", "operation",
    "ruling", "verdict", "law", "bill", "ban", "deal", "agreement", "accord", "change",
    "bombing", "raid"})
CRITIC_NOUNS = frozenset({"criticism", "condemnation", "denunciation", "censure", "outcry"})
PRAISE_NOUNS = frozenset({"praise", "welcome", "acclaim"})
# acts of violence name their kind: the doer of "the attack" must have done violence (CAMEO
# 18-20); the other act nouns fit any act that is more than words
VIOLENT_ACTS = frozenset({"attack", "strike", "airstrike", "killing", "bombing", "raid"})
VIOLENT_ROOTS = ("18", "19", "20")
STATE = frozenset({None, "GOV", "MIL", "COP", "LEG", "JUD", "SPY"})  # one state's bodies
VERBAL_ROOTS = ("01", "02", "10", "11", "12", "13")
LEAD = 3  # sentences: the claim an article leads with is told in its first three
DEMONSTRATIVES = frozenset({"this", "these", "those"})


@dataclass(frozen=True, slots=True)
class Framing:
    """The text presents ``critic`` as judging an act: ``stance`` is how what it says answers
    the act's claim ("disputes" or "supports"); ``author`` whose act it is, when named."""

    sentence: int
    critic: Actor
    stance: str
    author: Actor | None = None
    named: bool = False  # the text names an author (who may have no claim): no other is sought
    act: str = ""  # the noun of the act judged ("attack", "move"), when no author is named


def label_stance(words: str) -> str | None:
    """The sign of a label, read as the event coder reads a characterisation: "disputes" for
    "an aggression on Iraq", "supports" for "swift and decisive", None for a neutral name."""
    found = judgment(words)
    return None if found is None else "disputes" if found == CONDEMN else "supports"


def react(claims: Sequence[Claim], framings: Sequence[Framing],
          events: Sequence[Event] = ()) -> list[Claim]:
    """The claims with each critic's (or admirer's) assertions answering the act's claim;
    ``events`` (the article's candidate events) tell who did the acts an unnamed act may be."""
    out = list(claims)
    for n, c in enumerate(out):
        if c.stance != "asserts" or c.responds_to is not None or c.speaker is None:
            continue
        for frame in reversed(framings):  # the latest framing that finds what it judges
            if not _reached(claims, c, frame):
                continue
            if (target := _answered(claims, c, frame, events)) is not None:
                out[n] = replace(c, stance=frame.stance, responds_to=target.id)
                break
    return _restated(out, {c.id for c in claims if c.responds_to is None})


def _restated(claims: list[Claim], before: set[str]) -> list[Claim]:
    """A reaction told again later ("UNESCO also said this change would require its approval"
    ... "UNESCO reportedly said a change of name would require approval") is the same
    reaction: it takes the stance and the link of the one it repeats."""
    reactions = [c for c in claims if c.id in before and c.responds_to is not None]
    out = list(claims)
    for n, c in enumerate(out):
        if c.stance != "asserts" or c.responds_to is not None:
            continue
        for r in reactions:
            if r.sentence < c.sentence and same_actor(r.speaker, c.speaker) \
                    and _repeats(c.content, r.content):
                out[n] = replace(c, stance=r.stance, responds_to=r.responds_to)
                break
    return out


def _repeats(a: str, b: str) -> bool:
    shared = stems(a) & stems(b)
    return len(shared) >= MIN_SHARED and overlap(a, b) >= MIN_OVERLAP


def _reached(claims: Sequence[Claim], c: Claim, frame: Framing) -> bool:
    """``c`` is what the framing introduces: the critic's words in the framing's sentence, or
    in the first sentence after it where the critic speaks ("USCIRF criticized the move. They
    released a statement which said ..."); for an act whose author the text does not name,
    only the sentence right after. A critic's later statements are news of their own."""
    if not same_actor(frame.critic, c.speaker) or c.sentence < frame.sentence:
        return False
    if c.sentence == frame.sentence:
        return True
    if frame.author is None:
        return c.sentence == frame.sentence + 1
    spoken = [x.sentence for x in claims
              if x.sentence > frame.sentence and same_actor(frame.critic, x.speaker)]
    return c.sentence == min(spoken)


def _answered(claims: Sequence[Claim], c: Claim, frame: Framing,
              events: Sequence[Event] = ()) -> Claim | None:
    """The author's latest claim told before the framing, else its first between the framing
    and ``c`` (claims told as statements, not as "this change"); when the text names no author,
    the claim the article leads with, by someone else who did such an act before the framing
    (whoever "condemned the attack" does not answer the police's account of it)."""
    pool = [x for x in claims if x.stance == "asserts" and x.id != c.id and x.speaker is not None
            and (x.sentence, x.cue_start or 0) < (c.sentence, c.cue_start or 0)
            and not _pointing(x) and not same_actor(x.speaker, c.speaker)
            and not same_actor(x.speaker, frame.critic)]
    if frame.author is not None:
        own = sorted((x for x in pool if _speaks_for(x.speaker, frame.author)),
                     key=lambda x: (x.sentence, x.cue_start or 0))
        before = [x for x in own if x.sentence < frame.sentence]
        return before[-1] if before else (own[0] if own else None)
    if frame.named:
        return None
    lead = sorted((x for x in claims if x.speaker is not None and x.speaker.code
                   and x.stance == "asserts" and not _pointing(x)),
                  key=lambda x: (x.sentence, x.cue_start or 0))
    first = lead[0] if lead else None
    if first is None or first not in pool or first.sentence >= LEAD:
        return None
    return first if _did(first.speaker, frame, events) else None


def _did(speaker: Actor | None, frame: Framing, events: Sequence[Event]) -> bool:
    """``speaker`` (or its state's bodies, for a state) did an act of the framing's kind, told
    before the framing: violence for "the attack", any act that is more than words for "the
    move"."""
    if speaker is None or not speaker.code:
        return False
    roots = VIOLENT_ROOTS if frame.act in VIOLENT_ACTS else None
    for e in events:
        a = e.actor
        if a is None or a.code != speaker.code or e.negated or e.hypothetical \
                or e.sentence > frame.sentence or e.cameo[:2] in VERBAL_ROOTS:
            continue
        if a.sector != speaker.sector and not (a.sector in STATE and speaker.sector in STATE):
            continue  # a minister speaks for the police's acts, not for a rebel's
        if roots is None or e.cameo[:2] in roots:
            return True
    return False


def _pointing(c: Claim) -> bool:
    """"announced this change ...": the content points at a claim told elsewhere."""
    first = c.content.split(maxsplit=1)[0].lower() if c.content.strip() else ""
    return first in DEMONSTRATIVES


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower().strip()


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """One speaker: the same name (accents aside), the same surname for two people, else the
    same code and sector, else the same words."""
    if a is None or b is None:
        return False
    if a.name and b.name and _fold(a.name) == _fold(b.name):
        return True
    if a.kind == "person" and b.kind == "person" and a.name and b.name:
        return _fold(a.name).split()[-1] == _fold(b.name).split()[-1]
    if a.code and b.code:
        return a.code == b.code and a.sector == b.sector
    return bool(a.text and b.text and _fold(a.text) == _fold(b.text))


def _speaks_for(speaker: Actor | None, author: Actor) -> bool:
    """``speaker`` is the author in person, or the author's state: "The United States" speaks
    for Trump's order; a mayor of the same party, a newspaper of the same country does not."""
    if speaker is None:
        return False
    if author.name and speaker.name and (
            _fold(author.name) == _fold(speaker.name)
            or (author.kind == "person" and speaker.kind == "person"
                and _fold(author.name).split()[-1] == _fold(speaker.name).split()[-1])):
        return True
    if author.kind != "person":
        return bool(author.code) and speaker.code == author.code and speaker.sector == author.sector
    return bool(author.code) and speaker.code == author.code and speaker.kind == "country"
