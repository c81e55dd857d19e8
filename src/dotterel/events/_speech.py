"""Speech acts told as statements: what a speaker said is an event when the words themselves
accuse, praise, demand or threaten (CODING_GUIDE.md: "speech acts are events in their own
right").

"Pompeo said the crash was likely Iran's doing" is Pompeo accusing Iran; "'this individual is
a terrorist', Ebrard said" is Mexico denouncing the gunman; "'They must watch over the
captured fighters', Trump said" is a demand on whoever "they" are; "'I will totally destroy
the economy of Turkey'" is a threat. The statement verb ("said") carries no type of its own,
so the event coder leaves these as plain statements; this step reads the claim's content.

Each reading needs a target the content names (an actor mentioned in it, a pronoun that
resolves, or the doer of the act it judges): an accusation of no one is not coded. Negated and
conditional wording ("is not a mistake", "if they attack") is left alone.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dotterel.events._lexicon import Lexicon
from dotterel.events._targets import GENERIC_ACTS, VERBAL_ROOTS
from dotterel.records import Actor, Claim, Event, ParsedArticle
from dotterel.syntax import Mentions

# what the speaker calls a person, a state or an act: condemnation (CAMEO 111)
_BLAME = re.compile(
    r"\b(mistakes?|blunders?|lies|lying|liars?|lied|unacceptable|insult(ing)?|outrageous|"
    r"disgrace(ful)?|shameful|shame on|irresponsible|reckless|betrayal|betrayed|"
    r"stab in the back|barbari(c|ty|sm)|cowardly|heinous|despicable|deplorable|abhorrent|"
    r"hypocri(sy|tical|tes?)|unjustified|unjustifiable|illegitimate|"
    r"(is|are|was|were) (\w+ )?(illegal|unlawful)|"
    r"null and void|ridiculous|absurd|bully(ing)?|aggression (against|on)|act of aggression|"
    r"violations? of|violates?|provocations?|provocative|war crimes?|"
    r"(is|are|was|were) (a |an )?(\w+ )?(terrorists?|criminals?)(?![ -]+[a-z])|"
    r"act of (war|terror(ism)?)|"
    r"unduly|destabili[sz]ing|'s doing|to blame for|(is|are|was|were) (\w+ )?responsible for|"
    r"behind the (attacks?|bombings?|killings?|shooting|strikes?|violence|plot))\b", re.I)
# approval of a person, a state or an act: praise (CAMEO 051)
_PRAISE = re.compile(
    r"\b(justified|justifications?|understandable|applaud(s|ed)?|commend(s|ed)?|"
    r"welcomes?d?|praise[sd]?|grateful|thanks?|thanked|appreciates?d?|courageous|"
    r"the right (decision|thing|step)|great job|well done)\b", re.I)
# an obligation put on someone else: a demand (CAMEO 100)
_MUST = re.compile(r"\b(must|should|needs? to|has to|have to|ought to)\b", re.I)
_EXPECT = re.compile(r"\b(we|i) (expect|demand|urge|call on|ask|want)\b", re.I)
# the speaker's own force to come: a threat (CAMEO 130)
_THREAT = re.compile(
    r"\b(i|we)( will| would|'ll| shall| are going to| am going to)( \w+){0,2} "
    r"(destroy|obliterate|retaliate|respond|punish|strike|attack|crush|wipe out|eliminate|"
    r"annihilate|use (the )?(full )?force|bring .{0,40}to justice|hunt down|make .{0,30}pay)\b",
    re.I)
_OWN_FAULT = re.compile(r"\b(regrets?|regretted|apologi[sz]e[sd]?|apology|sorry|our (own )?"
                        r"(mistake|error|fault))\b", re.I)
_NEGATION = re.compile(r"\b(not|n't|never|no)\b", re.I)
_CONDITION = re.compile(r"^\s*(if|unless|should|were)\b|\b(if|unless)\b", re.I)
FIRST = frozenset({"i", "we", "me", "us", "our", "my"})
THIRD = frozenset({"they", "he", "she", "it"})
CAMEO = {"ACCUSE": "111", "SUPPORT": "051", "REQUEST": "100", "THREATEN": "130", "REJECT": "120"}
# a denial or rebuttal of someone's claim is a rejection of it, aimed at whoever made it
REBUTTALS = frozenset({"denies", "disputes"})
SPOKEN_CONFIDENCE = 0.45  # below acts the text states with a verb of their own
# quoted people who speak for no one: a witness, a passer-by, a protester, the press (protesters
# speaking together are a group that acts in public life)
BYSTANDERS = frozenset({"CVL", "MED"})
# a name after these is the victim, the place or the beneficiary, not who the act is aimed at
_NOT_TARGET = re.compile(r"\b(on|against|in|at|for|to|from|into|with|of)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Reading:
    plover: str
    start: int  # offset in the content of the words that make it this act


# nouns that name an act the content may judge: "this decision", "the strike", "every measure"
JUDGED_ACTS = GENERIC_ACTS | {"strike", "airstrike", "attack", "operation", "invasion",
                              "withdrawal", "ban", "decree", "sanction", "offensive"}
_WORD = re.compile(r"[A-Za-z]+")


def spoken_acts(events: Sequence[Event], claims: Sequence[Claim], parsed: ParsedArticle,
                mentions: Mentions, lexicon: Lexicon) -> list[Event]:
    """The speech-act events the article's claims hold, not already coded as events of the
    same speaker and type in the same sentence; a denial or rebuttal linked to the claim it
    answers is a rejection of whoever made that claim."""
    sentences = {s.index: s for s in parsed.sentences}
    have = {(e.sentence, e.actor.code if e.actor else None, e.plover_type) for e in events}
    out: list[Event] = []
    by_id = {c.id: c for c in claims}
    for c in claims:
        spk = c.speaker
        if spk is None or not spk.code or c.sentence not in sentences or _bystander(spk):
            continue
        if c.stance in REBUTTALS:  # "those who link the incidents to Iran are lying"
            answered = by_id.get(c.responds_to or "")
            rec = answered.speaker if answered is not None else None
            if rec is not None and rec.code and not _own_side(rec, spk) and not any(
                    (c.sentence, spk.code, p) in have for p in ("REJECT", "ACCUSE")):
                # a reaction in words that condemn ("an aggression on Iraq") accuses; a denial
                # ("those who link the incidents to Iran are lying") rejects
                r = read_content(c.content) if c.stance == "disputes" else None
                r = r if r is not None and r.plover == "ACCUSE" else Reading("REJECT", 0)
                out.append(_event(c, r, spk, rec, sentences[c.sentence], parsed, lexicon))
                have.add((c.sentence, spk.code, r.plover))
            continue
        if c.stance != "asserts":
            continue
        r = read_content(c.content)
        if r is None or (c.sentence, spk.code, r.plover) in have:
            continue
        judged = _judged(c, list(events) + out, spk, r.start) if r.plover != "REQUEST" \
            else None
        # praise of "this decision", "every measure" goes to whoever took it; other acts to
        # the one the words name
        rec = (judged if r.plover == "SUPPORT" else None) or _target(c, r, mentions, spk) \
            or judged
        if rec is None:
            continue
        out.append(_event(c, r, spk, rec, sentences[c.sentence], parsed, lexicon))
        have.add((c.sentence, spk.code, r.plover))
    return out + _unquoted(events, claims, have, lexicon)


def _unquoted(events: Sequence[Event], claims: Sequence[Claim], have: set,
              lexicon: Lexicon) -> list[Event]:
    """Statements the claims coder did not read as a claim but whose verb names whom they are
    about: "protesters have claimed Iran is unduly influencing their government"."""
    out = []
    for e in events:
        if not e.cameo.startswith("01") or e.actor is None or not e.actor.code \
                or e.recipient is None or not e.recipient.code or _bystander(e.actor) \
                or _own_side(e.recipient, e.actor) or e.negated or e.hypothetical \
                or any(c.content_start <= e.trigger_end <= c.content_end + 1 for c in claims
                       if c.sentence == e.sentence):
            continue
        said = e.sentence_text[e.trigger_end - e.sentence_start:]
        r = read_content(said)
        if r is None or r.plover not in ("ACCUSE", "SUPPORT") \
                or (e.sentence, e.actor.code, r.plover) in have:
            continue
        code = lexicon.code(CAMEO[r.plover])
        out.append(replace(e, id=e.id + r.plover[:1], cameo=code.code,
                           plover_type=code.plover_type, plover_mode=code.plover_mode,
                           goldstein=code.goldstein, quad_class=code.quad_class,
                           confidence=SPOKEN_CONFIDENCE))
        have.add((e.sentence, e.actor.code, r.plover))
    return out


def _bystander(spk: Actor) -> bool:
    if spk.sector in ("MED", "HLH", "EDU"):  # the press, a hospital's report, an academic
        return True
    if spk.sector != "CVL":
        return False
    head = _WORD.findall(spk.text or "")[-1:]
    return not head or not head[0].lower().endswith("s")  # "a protester", not "protesters"


def read_content(text: str) -> Reading | None:
    """The speech act a statement's words perform, or None for a plain statement."""
    if (m := _THREAT.search(text)) is not None:
        return Reading("THREATEN", m.start())
    if (m := _EXPECT.search(text)) is not None or (m := _obligation(text)) is not None:
        return Reading("REQUEST", m.start())
    for plover, pattern in (("ACCUSE", _BLAME), ("SUPPORT", _PRAISE)):
        if plover == "ACCUSE" and _OWN_FAULT.search(text):
            continue  # "we deeply regret this disastrous mistake": an apology, no accusation
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 25):m.start()]
            if not _NEGATION.search(before) and not _CONDITION.search(text[:m.start()][-60:]):
                return Reading(plover, m.start())
    return None


def _obligation(text: str) -> re.Match | None:
    """"They must ...", "Iran should ...": an obligation on someone other than the speaker."""
    for m in _MUST.finditer(text):
        subject = text[:m.start()].split()[-1:]
        if subject and subject[0].lower() not in FIRST and not _NEGATION.search(
                text[m.start():m.end() + 5]) and not _CONDITION.search(text[:m.start()][-40:]):
            return m
    return None


def _target(c: Claim, r: Reading, mentions: Mentions, spk: Actor) -> Actor | None:
    """Who the act is aimed at: for a demand, the one it obliges; else the first actor the
    content names after the speaker's own side, nearest the words of the act."""
    at = c.content_start + r.start
    named = [(off, mentions.at_home(a)) for off, a, _ in mentions.items
             if c.content_start <= off < c.content_end]
    named = [(off, a) for off, a in named if a is not None and a.code and a.kind != "speaker"
             and not _own_side(a, spk) and not _act_noun(a)]
    if r.plover == "REQUEST" and not _EXPECT.match(c.content[r.start:]):
        word = c.content[:r.start].split()[-1:]
        if word and word[0].lower() in THIRD:  # "they must ...": whoever they are
            found = mentions.pronoun(word[0], c.content_start)
            found = mentions.at_home(found) if found is not None else None
            return found if found is not None and not _own_side(found, spk) else None
        # "Iran should ...": the actor named just before the modal
        return next((a for off, a in named if 0 <= at - off <= 30), None)
    named = [(off, a) for off, a in named
             if not _NOT_TARGET.search(c.content[:max(0, off - c.content_start)])]
    if not named:
        return None
    return min(named, key=lambda x: abs(x[0] - at))[1]


def _act_noun(a: Actor) -> bool:
    """"the attack", "the strike": an act, not someone it could be aimed at."""
    head = _WORD.findall(a.text or "")[-1:]
    return bool(head) and head[0].lower().rstrip("s") in JUDGED_ACTS


def _own_side(a: Actor, spk: Actor) -> bool:
    """The speaker's own state or body: "for Mexico", "our government"."""
    return a.code == spk.code and (a.sector is None or a.sector == spk.sector
                                   or a.kind == "country")


def _judged(c: Claim, events: Sequence[Event], spk: Actor, near: int = 0) -> Actor | None:
    """The doer of the act the content judges when it names it by a noun: for "the air
    strike", the article's latest act told before, by someone else, that is not mere words;
    for "this decision", "every measure", the article's news, its first such act."""
    named = [(m.start(), m.group(0).lower().rstrip("s")) for m in _WORD.finditer(c.content)]
    named = [(at, w) for at, w in named if w in JUDGED_ACTS]
    if not named:
        return None
    # the act noun nearest the judging words ("every measure ... is understandable")
    _, noun = min(named, key=lambda x: abs(x[0] - near))
    generic = noun in GENERIC_ACTS
    for e in sorted(events, key=lambda e: e.trigger_start, reverse=not generic):
        if e.trigger_start >= c.content_start or e.cameo[:2] in VERBAL_ROOTS or e.negated \
                or e.hypothetical or e.actor is None or not e.actor.code \
                or e.actor.kind in ("unattributed", "implied") \
                or (e.actor.code == spk.code and e.actor.sector == spk.sector):
            continue
        return e.actor
    return None


def _event(c: Claim, r: Reading, spk: Actor, rec: Actor, sent, parsed: ParsedArticle,
           lexicon: Lexicon) -> Event:
    code = lexicon.code(CAMEO[r.plover])
    start = c.cue_start if c.cue_start is not None else c.content_start
    eid = hashlib.sha1(f"{parsed.article.id}|{sent.index}|{start}|{spk.code}|{rec.code}|"
                       f"{r.plover}".encode()).hexdigest()[:16]
    return Event(id=eid, sentence=sent.index, sentence_text=sent.text, trigger=c.cue,
                 trigger_start=start, trigger_end=start + len(c.cue), actor=spk, recipient=rec,
                 cameo=code.code, plover_type=code.plover_type, plover_mode=code.plover_mode,
                 goldstein=code.goldstein, quad_class=code.quad_class,
                 confidence=SPOKEN_CONFIDENCE, sentence_start=sent.start,
                 date=parsed.article.date)
