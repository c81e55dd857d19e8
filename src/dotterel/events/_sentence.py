"""Sentence steps: what the events of one sentence say about each other, once all are coded.

  accusations   a statement that someone else used force, or an allegation that someone else
                is doing something, is an accusation of them (112)
  protest_aims  a demand or denunciation that says what a protest was for ranks below it
  subsume       an act without a recipient gives way to the same act with one
"""
from __future__ import annotations

from dataclasses import replace

from dotterel.events._lexicon import Lexicon
from dotterel.records import Actor, Event, Token
from dotterel.syntax import ArgumentFinder, Tree

ACCUSATION_BONUS = 0.2  # the accusation, no longer a bare statement, is the sentence's main act
# speech verbs whose report of someone else's violence is an accusation
ACCUSING_SPEECH = {"say", "claim", "allege", "state", "insist", "assert", "charge", "tell",
                   "report", "add", "declare", "maintain", "complain", "warn"}
ALLEGING = {"allege", "claim", "charge", "insist", "maintain"}


def after_sentence(lexicon: Lexicon, events: list[Event], tree: Tree,
                   args: ArgumentFinder) -> list[Event]:
    return subsume(protest_aims(accusations(lexicon, events, tree, args), tree))


def accusations(lexicon: Lexicon, events: list[Event], tree: Tree,
                args: ArgumentFinder) -> list[Event]:
    """"The US claimed that ISIL had attacked Iraq": a statement that someone else used
    force is an accusation of them (112), as CAMEO codes it. So is an allegation ("claimed",
    "alleged") that someone else is doing anything: "protesters claimed Iran is unduly
    influencing their government"."""
    by_offset = {t.idx: t for t in tree.tokens}
    out = []
    for e in events:
        cue = by_offset.get(e.trigger_start)
        if cue is not None and e.cameo.startswith("11") and e.recipient is None \
                and e.actor is not None:  # "Hotak alleged the central government is hiding"
            e = replace(e, recipient=_alleged(tree, cue, args, e.actor, roles=True))
        if (cue is None or not e.cameo.startswith("01") or e.actor is None or not e.actor.code
                or cue.lemma.lower() not in ACCUSING_SPEECH):
            out.append(e)
            continue
        inside = {t.idx for c in tree.children(cue, ("ccomp",)) for t in tree.subtree(c.i)}
        accused = next((x for x in events if x.trigger_start in inside and x.quad_class == 4
                        and not x.negated and not x.hypothetical
                        and _other_party(e.actor, x)), None)
        target = accused.actor if accused is not None else _alleged(tree, cue, args, e.actor)
        if accused is None and target is None:
            out.append(e)
            continue
        code = lexicon.code("112")
        out.append(replace(e, cameo=code.code, plover_type=code.plover_type,
                           plover_mode=code.plover_mode, goldstein=code.goldstein,
                           quad_class=code.quad_class, recipient=target,
                           confidence=round(min(0.95, e.confidence + ACCUSATION_BONUS), 3)))
    return out


def _other_party(speaker: Actor, e: Event) -> bool:
    """The event's doer is someone else, or the speaker is its target ("fired at it")."""
    if e.recipient is not None and speaker.code and e.recipient.code == speaker.code:
        return True  # "Israel said a mortar bomb was fired at it"
    if e.actor is not None and e.actor.kind == "unattributed":
        return False  # nobody is named: a report, not an accusation
    if e.actor is not None and e.actor.code:
        return e.actor.code != speaker.code
    if e.actor is not None and e.actor.sector and e.actor.start is not None:
        # "the Observatory said people were killed by government forces"
        return e.actor.sector != speaker.sector and e.actor.start != speaker.start
    return False


def _alleged(tree: Tree, cue: Token, args: ArgumentFinder, speaker: Actor, *,
             roles: bool = False) -> Actor | None:
    """Whom an allegation is about: the coded subject of what "claimed"/"alleged" reports,
    when that is someone other than the speaker and the clause is not negated. With
    ``roles``, a role the article's context will code ("the central government") will do."""
    if cue.lemma.lower() not in ALLEGING:
        return None
    for clause in tree.children(cue, ("ccomp",)):
        if tree.is_negated(clause):
            continue
        subj = tree.child(clause, ("nsubj",))
        for a in args.actors(subj):
            if a.code and a.code != speaker.code and a.kind != "speaker":
                return a
            if roles and not a.code and a.sector and a.sector != speaker.sector:
                return a
    return None


def protest_aims(events: list[Event], tree: Tree) -> list[Event]:
    """"Thousands demonstrated in Kirkuk, calling for independence", "rallied to denounce
    corruption": the demand or denunciation says what the protest was for; the protest stays
    the sentence's main event."""
    by_offset = {t.idx: t for t in tree.tokens}
    protests = {by_offset[e.trigger_start].i: e for e in events
                if e.cameo.startswith("14") and e.trigger_start in by_offset}
    out = []
    for e in events:
        p = _protest_above(tree, by_offset.get(e.trigger_start), protests)
        if p is not None and e.cameo[:2] in ("02", "10", "11") and e.confidence >= p.confidence:
            e = replace(e, confidence=round(max(0.05, p.confidence - 0.05), 3))
        out.append(e)
    return out


def _protest_above(tree: Tree, t: Token | None, protests: dict[int, Event]) -> Event | None:
    """The protest whose clause holds ``t``: "demonstrated, calling for ...", "rioted,
    joining demonstrators in demanding ..."."""
    for _ in range(4):
        if t is None or t.dep not in ("advcl", "xcomp", "conj", "pcomp", "prep"):
            return None
        t = tree.head(t)
        if t is not None and t.i in protests:
            return protests[t.i]
    return None


def subsume(events: list[Event]) -> list[Event]:
    """Within a sentence, an event with no recipient is dropped when another event by the
    same actor with the same CAMEO root names one ("carried out attacks, targeting X")."""
    full = {(e.actor.code if e.actor else None, e.cameo[:2]) for e in events if e.recipient}
    return [e for e in events
            if e.recipient is not None or (e.actor.code if e.actor else None, e.cameo[:2]) not in full]
