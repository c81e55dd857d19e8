"""Characterisations: "called the stabbing an act of barbarity", "described the attacks as a
dastardly act", "branded the PKK terrorists", "called the agreement null and void".

Calling someone's act or someone by a harsh name is a condemnation (CAMEO 111, ACCUSE); by a
word of praise, praise (051, SUPPORT). The verb alone is neutral ("described the talks as
long"), so the code comes from the words of the name given: a short list of condemning and
praising words, written for this project. The target is the object, or whoever it belongs to
("the US strike" -> the United States), resolved by the argument finder as for any trigger.
"""
from __future__ import annotations

import re

from dotterel.events._lexicon import TriggerPattern
from dotterel.events._triggers import Trigger
from dotterel.records import Token
from dotterel.syntax import Tree

CHARACTERIZING = frozenset({"call", "describe", "characterize", "characterise", "label", "brand",
                            "term", "dub", "name", "denounce", "condemn", "decry", "slam",
                            "qualify", "deem", "find", "consider", "regard", "judge", "declare",
                            "rule"})
CONDEMN, PRAISE = "111", "051"
_CONDEMNING = re.compile(
    r"\b(barbar\w*|terror\w*|dastardly|cowardly|heinous|brutal\w*|atrocit\w*|outrage\w*|"
    r"unacceptable|inacceptable|violation|aggression|aggressive|provocat\w*|criminal|crime|"
    r"murder\w*|illegal|unlawful|illegitimate|null and void|ridiculous|absurd|lie|lies|lying|"
    r"liar|shame\w*|disgrace\w*|betray\w*|stab in the back|insult\w*|irresponsible|reckless|"
    r"hostile|racist|fascist|genocid\w*|massacre|war crime|invasion|occupation|act of war|"
    r"mistake|blunder|disaster|catastroph\w*|threat to|danger\w* to|destabili\w*|"
    r"inexplicable|senseless|evil|vile|despicable|abhorrent|deplorable|appalling|"
    r"hypocri\w*|propaganda|slander\w*|baseless|unfounded|fake|sham|farce|lousy|"
    r"unjustified|unconstitutional|void)\b", re.I)
_PRAISING = re.compile(
    r"\b(hero\w*|success\w*|historic|great|excellent|outstanding|remarkable|brave|courage\w*|"
    r"positive step|step forward|important step|welcome|milestone|breakthrough|victory|"
    r"friend|partner|ally|model|exemplary|treasure|legend\w*|visionary|justified|justifiable|"
    r"legitimate|understandable|necessary|appropriate|defensive|decisive|swift)\b", re.I)
COMPLEMENT_DEPS = ("oprd", "ccomp", "xcomp", "attr", "acomp")


def characterizations(tree: Tree, taken: set[int]) -> list[Trigger]:
    """Triggers for the characterising verbs of a sentence that are not triggers already."""
    out = []
    for v in tree.tokens:
        if v.i in taken or v.pos != "VERB" or v.lemma.lower() not in CHARACTERIZING:
            continue
        words = _name_given(tree, v)
        if not words:
            continue
        cameo = judgment(words)
        if cameo is None:
            continue
        pattern = TriggerPattern(pos="V", lemma=v.lemma.lower(), constraints=(), cameo=cameo,
                                 source="characterization")
        out.append(Trigger(token=v, pattern=pattern, nominal=False))
    return out


def judgment(words: str) -> str | None:
    """What a name given judges: CONDEMN ("an act of barbarity", "null and void"), else PRAISE
    ("swift and decisive", "justified"), else None."""
    if _CONDEMNING.search(words):
        return CONDEMN
    return PRAISE if _PRAISING.search(words) else None


def _name_given(tree: Tree, v: Token) -> str:
    """The words of the name the verb gives: its "as" phrase, its object complement, or, when
    the parser folded the name into the object ("branded the PKK terrorists"), the object."""
    parts: list[Token] = []
    for k in tree.children(v):
        if k.dep in COMPLEMENT_DEPS or (k.dep == "prep" and k.lemma.lower() == "as"):
            parts.extend(tree.subtree(k.i))
        elif k.dep == "dobj":
            for g in tree.children(k):
                if g.dep in ("prep", "appos", "acl", "relcl") and g.lemma.lower() == "as" \
                        or g.dep in ("appos", "oprd"):
                    parts.extend(tree.subtree(g.i))
    if not parts:  # "called the stabbing "an act of inexplicable barbarity."": a quote after it
        dobj = tree.child(v, ("dobj",))
        if dobj is not None:
            tail = [t for t in tree.tokens if t.i > max(x.i for x in tree.subtree(dobj.i))]
            if tail and tail[0].text in ('"', "\u201c", "'", "\u2018"):
                parts = tail
    return " ".join(t.text for t in parts)
