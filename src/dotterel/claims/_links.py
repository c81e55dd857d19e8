"""Which claim a response answers: ``responds_to`` points where the text points, or nowhere.

A link is made only on evidence in the text, in this order (the first that finds one wins).
A claim the responder itself asserts (one of its own claims repeats it) is never the one
answered: agreeing with it is no challenge.

1. the response names the claim inside its own content: "there is no evidence to support the
   President's claims" answers the claim "the President's claims" stands for;
2. the response names whose claim it answers: "denied Iran's claim", "dismissed the claim from
   Berlin" -> that speaker's claim (the one it repeats most, else the latest), and nothing
   else when the ledger holds none of theirs;
3. it answers in the same breath: a stance told in the sentence right after another speaker's
   claim on the same subject (they share a content word) answers that claim ("his associates
   said he was poisoned. The hospital found no traces of poison");
4. it repeats what the claim said: "the rumour that the minister had resigned" -> the claim it
   shares the most content words with, when they share enough (naming the claim's speaker
   counts as one word: "no evidence the attacks came from Yemen");
5. it points at a claim without naming it ("rejected these allegations", "agreed, saying ..."):
   the latest claim by someone else in the sentences just before (an accusation first, when an
   accusation is answered);
6. a denial by the accused: a denial or dispute that names its own speaker ("those who link the
   incidents to Iran are lying", said by Iran) answers the latest accusation against that
   speaker, a claim by someone else told with an accusing cue ("alleged Iranian involvement",
   "blamed Iran") that names it; before the response first, then after it.

The claim noun a response names picks among the candidates the claims told with the matching
verb: "the conclusions of the summit" answers what the summit "concluded", "these allegations"
what someone "alleged".

Rules 2 and 4 look before the response first, then after it: a headline answers what the body
tells later. No link is better than a wrong one: a response that none of these reaches keeps
``responds_to=None``. These functions look at claims only (no parse), so they are tested on
hand-built claims (tests/unit/test_claims_stance.py).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dotterel.records import Actor, Claim

_WORD = re.compile(r"\w+")
# share of content words two claims must have in common for one to repeat the other: about two
# words in a dozen. Tuned on the seed article, the bundled example and the Wikinews article dev
# set (../shared/gold/articles); re-run tests/golden/test_claims.py and the dev-set score after
# changing it.
MIN_OVERLAP = 0.12
MIN_SHARED = 2  # and at least this many words: "the explosion" alone is no repetition
# a responder's own claim repeating a claim this much means it holds that claim itself (rule 0);
# calibrated like MIN_OVERLAP, on the same sets
HELD_OVERLAP = 0.25
POINTED_WINDOW = 3  # sentences back that "these allegations" or "agreed" may reach
NEXT_WINDOW = 1  # sentences back for a stance that answers in the same breath (rule 3)
ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge", "blame"})
ACCUSE_CUES = ("accus", "blam", "alleg", "charg")
# claim nouns whose verb does not share their first letters ("the findings" -> "found")
NOUN_CUES = {"finding": ("find", "found"), "conclusion": ("conclud",)}
CUE_PREFIX = 5  # letters a claim noun and its verb share: "conclusion"/"concluded"
STOP = frozenset({
    "the", "a", "an", "of", "to", "in", "and", "that", "have", "has", "been", "be", "is", "are",
    "was", "were", "from", "on", "for", "by", "with", "its", "their", "it", "they", "he", "she",
    "his", "her", "we", "our", "i", "this", "these", "those", "there", "not", "no", "would",
    "will", "had", "as", "at", "but", "or", "any", "all", "which", "who", "said", "say", "says",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "more", "than",
    "also", "after", "before", "about", "over", "into", "out", "up", "could", "can", "may"})


@dataclass(frozen=True, slots=True)
class Hint:
    """What the text says about the claim a response answers."""

    owner: Actor | None = None  # whose claim it names ("Iran's claim")
    noun: str = ""  # the claim noun answered ("accusation")
    pointed: bool = False  # the text points at a claim without naming it ("these claims")
    lemma: str = ""  # the cue verb's lemma
    head: str = ""  # a word the claim answered must hold ("acknowledged the deal": "deal")


def stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in STOP and not w.isdigit()}


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the content words of two texts (crude stems, no stop words)."""
    ta, tb = stems(a), stems(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _stem(w: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _same_speaker(a: Actor | None, b: Actor | None) -> bool:
    """One speaker, as far as the codes tell: the same name, else two people by their surname
    (Trump and Bolton answer each other), else the same code and sector (a general and a
    minister of one country may answer each other), else the same words."""
    if a is None or b is None:
        return False
    if a.name and b.name and a.name.lower() == b.name.lower():
        return True
    if a.kind == "person" and b.kind == "person" and a.name and b.name:
        return a.name.split()[-1].lower() == b.name.split()[-1].lower()  # Trump and Bolton
    if a.code and b.code:
        return a.code == b.code and (a.sector == b.sector or _for_any(a) or _for_any(b))
    return bool(a.text and b.text and a.text.lower() == b.text.lower())


def _for_any(a: Actor) -> bool:
    """A speaker with a code and no sector stands for any body of its country ("Iran"); a person
    without one (a former prime minister, a private citizen), or a source coded only by where
    the story is set ("independent economists"), speaks for no one but themselves."""
    return not a.sector and a.kind not in ("person", "unknown")


def pick(claims: Sequence[Claim], response: Claim, hint: Hint) -> Claim | None:
    """The claim among ``claims`` that ``response`` answers, by rules 1-5 above, or None."""
    pool = [c for c in claims if c.stance == "asserts" and c.id != response.id
            and not _held(claims, response, c) and not _around(c, response)]
    inside = [c for c in pool if c.cue_start is not None
              and response.content_start <= c.cue_start < response.content_end]
    if inside:  # rule 1: the outermost ("despite X claiming a source described ...": X's)
        return max(inside, key=lambda c: (c.content_end - c.content_start, -(c.cue_start or 0)))
    at = (response.sentence, response.cue_start or 0)
    earlier = [c for c in pool if (c.sentence, c.cue_start or 0) < at]
    if hint.owner is not None and hint.owner.code:  # rule 2
        return _owned(earlier, response, hint) or _owned(pool, response, hint)
    return _next(earlier, response, hint) or _repeated(earlier, response, hint) \
        or _repeated(pool, response, hint) or _pointed(earlier, response, hint) \
        or _accused(earlier, pool, response)


def _around(c: Claim, response: Claim) -> bool:
    """``c``'s content holds the response itself ('"... Blankenship concurred: ..."', "after
    a reporter questioned whether ..., Trump alleged ..."): a claim that tells the answer is
    not what the answer answers."""
    at = response.cue_start if response.cue_start is not None else response.content_start
    return c.content_start <= at < c.content_end


def _held(claims: Sequence[Claim], response: Claim, c: Claim) -> bool:
    """The responder itself asserts what ``c`` says, so the response does not answer it: Germany,
    which said Navalny was poisoned, demanding an explanation from Russia does not challenge
    his associates' claim that he was poisoned."""
    if c.speaker is None or response.speaker is None or _same_speaker(c.speaker,
                                                                      response.speaker):
        return False
    own = [x for x in claims if x.stance == "asserts" and x.id not in (response.id, c.id)
           and _same_speaker(x.speaker, response.speaker)]
    return any(_affinity(x, c)[0] >= MIN_SHARED and _affinity(x, c)[1] >= HELD_OVERLAP
               for x in own)


def _owned(pool: Sequence[Claim], response: Claim, hint: Hint) -> Claim | None:
    """Rule 2: the claim of the speaker the response names (the one it repeats, else the
    latest)."""
    owner = hint.owner
    assert owner is not None
    owned = [c for c in pool if c.speaker and c.speaker.code == owner.code]
    if owner.kind == "person" and owner.name:  # "Pelosi's suggestion": Pelosi's own claims
        owned = [c for c in owned if c.speaker is not None and c.speaker.kind == "person"
                 and _same_speaker(c.speaker, owner)]
    return _best(owned, response) or (owned[-1] if owned else None)


def _repeated(pool: Sequence[Claim], response: Claim, hint: Hint) -> Claim | None:
    """Rule 4: the claim by someone else that the response repeats."""
    return _best(_others(pool, response, hint), response)


def _others(pool: Sequence[Claim], response: Claim, hint: Hint) -> list[Claim]:
    others = [c for c in pool if not _same_speaker(c.speaker, response.speaker)]
    if hint.noun:
        others = [c for c in others if noun_cue(hint.noun, c.cue)] or others
    if hint.head:
        others = [c for c in others if _stem(hint.head) in stems(c.content)]
    return others


def _next(earlier: Sequence[Claim], response: Claim, hint: Hint) -> Claim | None:
    """Rule 3: a stance told in the sentence right after another speaker's claim on the same
    subject (they share a content word) answers that claim."""
    near = [c for c in _others(earlier, response, hint)
            if 0 < response.sentence - c.sentence <= NEXT_WINDOW
            and stems(c.content) & stems(response.content)]
    return near[-1] if near else None


def noun_cue(noun: str, cue: str) -> bool:
    """The claim noun names what the cue verb says: "conclusions" what was "concluded",
    "allegations" what was "alleged", "the findings" what was "found"."""
    noun, cue = noun.lower(), cue.lower()
    if noun in ACCUSATION_NOUNS and cue.startswith(ACCUSE_CUES):
        return True
    if cue.startswith(NOUN_CUES.get(noun, ())):
        return True
    return len(noun) >= CUE_PREFIX and noun[:CUE_PREFIX] == cue[:CUE_PREFIX]


def _accused(earlier: Sequence[Claim], pool: Sequence[Claim], response: Claim) -> Claim | None:
    """Rule 6: a denial that names its own speaker answers the latest accusation against that
    speaker by someone else (before the response, else the first after it)."""
    who = response.speaker
    if response.stance not in ("denies", "disputes") or who is None or not who.code \
            or who.code not in response.about:
        return None
    against = [c for c in pool if c.cue.lower().startswith(ACCUSE_CUES) and who.code in c.about
               and c.speaker is not None and c.speaker.code
               and not _same_speaker(c.speaker, who)]
    before = [c for c in against if c in earlier]
    later = [c for c in against if c not in earlier]
    return before[-1] if before else (later[0] if later else None)


def _pointed(earlier: Sequence[Claim], response: Claim, hint: Hint) -> Claim | None:
    """Rule 5: "rejected these allegations", "agreed, saying ...": the latest claim by someone
    else in the sentences just before."""
    if not hint.pointed:
        return None
    near = [c for c in _others(earlier, response, hint)
            if response.sentence - c.sentence <= POINTED_WINDOW]
    return near[-1] if near else None


def _best(pool: Sequence[Claim], response: Claim) -> Claim | None:
    """The claim that ``response`` repeats most, when it repeats enough of it. Naming the
    claim's speaker in the response counts as one shared word: "no evidence the attacks came
    from Yemen" repeats the Yemeni group's "carried out the attacks"."""
    if not response.content or not pool:
        return None
    scored = [(_affinity(response, c), c) for c in reversed(pool)]
    (shared, score), best = max(scored, key=lambda x: x[0][1])
    return best if shared >= MIN_SHARED and score >= MIN_OVERLAP else None


def _affinity(response: Claim, c: Claim) -> tuple[int, float]:
    """(shared words, Jaccard overlap) of the two contents, the speaker named counting as one."""
    a, b = stems(response.content), stems(c.content)
    named = int(c.speaker is not None and bool(c.speaker.code) and c.speaker.code in response.about)
    if not a or not b:
        return 0, 0.0
    shared = len(a & b) + named
    return shared, shared / (len(a | b) + named)


def own_denial(claims: Sequence[Claim], claim: Claim) -> Claim | None:
    """The earlier or later denial by the same speaker that an admission takes back ("For
    several days Iran denied the accusation" ... "Iran acknowledged it had shot down ...")."""
    if claim.speaker is None or not claim.speaker.code:
        return None
    denials = [c for c in claims if c.stance == "denies" and c.id != claim.id
               and c.speaker is not None and c.speaker.code == claim.speaker.code]
    return denials[-1] if denials else None
