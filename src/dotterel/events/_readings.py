"""Readings: what a trigger means once its arguments are known.

The second and third steps of the event coder (``_coder``): for each candidate trigger, its
modality (``_modality``) and its actor and recipient phrases (``_arguments``), then the
re-readings below, in order; each takes a ``Reading`` and returns it, changed or not, or None
when the trigger is no event of its own:

  wanted_by_other  "Obama wants Putin to attack": Obama appeals to Putin (020)
  must_is_demand   "issued a reminder to Iraq that it must cooperate": a demand (100)
  protest_that     "..., a rights group protested": protesting that is a complaint (114)
  acted_on         releases, arrests, expulsions need someone acted on ("released a statement"
                   is none), and a person no dictionary codes still counts ("the accused")
  said_must        "Russia said Sudan must return the helicopter": the saying is the demand
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dotterel.events._modality import Modality, modality
from dotterel.events._triggers import Trigger
from dotterel.records import Actor, Token
from dotterel.syntax import ArgumentFinder, Tree

# acts that need a person or group acted on: release, arrest, expel, abduct, assassinate, torture
PATIENT_CODES = ("084", "173", "174", "181", "182", "186", "0841")

OBLIGATION = {"must", "should", "ought"}

# what is published rather than set free: releasing these is no act on anyone
DOCUMENT_OBJECTS = {"statement", "report", "video", "footage", "summary", "transcript", "photo",
                    "photograph", "image", "picture", "recording", "tape", "audio", "document",
                    "figure", "data", "detail", "list", "record", "memo", "letter", "album",
                    "communique", "communiqué", "readout", "text", "result", "finding", "study",
                    "book", "film", "song", "map", "plan", "guideline", "schedule", "budget"}

WANTING = {"want", "wish", "expect", "would like"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """What the readings need to know about the sentence's other triggers."""

    tree: Tree
    args: ArgumentFinder
    trigger_ids: frozenset[int]
    speech_demands: frozenset[int]  # speech verbs that report a "must" ("said Sudan must ...")
    requests: frozenset[int]  # appeals and demands, whose content is not an act of its own

    @classmethod
    def of(cls, tree: Tree, args: ArgumentFinder, triggers: list[Trigger]) -> Sentence:
        return cls(tree, args, frozenset(tr.token.i for tr in triggers),
                   frozenset(tr.token.i for tr in triggers if not tr.nominal
                             and tr.pattern.cameo.startswith("01")
                             and _obligation(tree, tr.token)),
                   frozenset(tr.token.i for tr in triggers
                             if tr.pattern.cameo[:2] in ("02", "10")))


@dataclass(frozen=True, slots=True)
class Reading:
    """A trigger with its modality and its actor and recipient phrases; ``person`` is the
    person acted on when no dictionary codes them ("arrested the accused")."""

    trigger: Trigger
    modality: Modality
    actor: Token | None
    recipient: Token | None
    person: Actor | None = None
    spoken: bool = False  # a statement read as a demand: it still needs a known speaker

    def recoded(self, cameo: str, **kw) -> Reading:
        return replace(self, trigger=replace(self.trigger, pattern=replace(
            self.trigger.pattern, cameo=cameo)), **kw)


Step = Callable[[Reading, Sentence], "Reading | None"]


def read(tr: Trigger, s: Sentence) -> Reading | None:
    """The reading of one trigger, or None when it is no event of its own: the complement of
    another trigger ("offered to hand over"), what "it is important to" do, or what a request
    asks for."""
    tree = s.tree
    # a nominal trigger takes the modality of its verb: "would tighten the blockade"
    mod = modality(tree, tr.light or tr.token, set(s.trigger_ids))
    if mod.folded or mod.normative or _requested(tree, tr.token, set(s.requests)):
        return None
    a_tok, r_tok = s.args.nominal(tr) if tr.nominal else s.args.verbal(tr)
    reading: Reading | None = Reading(tr, mod, a_tok, r_tok)
    for step in STEPS:
        reading = step(reading, s)
        if reading is None:
            return None
    return reading


def wanted_by_other(r: Reading, s: Sentence) -> Reading:
    """"Obama wants Putin to attack Switzerland": Obama appeals to Putin (02)."""
    wanted = _wanted_of_other(s.tree, r.trigger.token)
    if wanted is None:
        return r
    wanting, other = wanted
    tr = replace(r.trigger, token=wanting, nominal=False, light=None,
                 pattern=replace(r.trigger.pattern, cameo="020", constraints=()))
    return Reading(tr, Modality(), s.args.subject(wanting), other)


def must_is_demand(r: Reading, s: Sentence) -> Reading | None:
    """"Chirac issued a reminder to Iraq that it must cooperate": a demand by whoever says
    the "must"; when a speech verb says it, the speech verb carries the demand."""
    if r.trigger.nominal or not r.modality.obligation or r.modality.negated:
        return r
    g = _governor(s.tree, r.trigger.token)
    if g is not None and g.i in s.speech_demands:
        return None  # "Russia said Sudan must return it": the saying is the demand
    demander = s.args.subject(g) if g is not None else None
    if demander is not None and s.args.actors(demander):
        return r.recoded("100", actor=demander, recipient=r.actor)
    return r


def protest_that(r: Reading, s: Sentence) -> Reading:
    """"..., a human rights group protested": protesting *that* is a complaint (114)."""
    t = r.trigger.token
    if not r.trigger.nominal and r.trigger.pattern.cameo.startswith("14") and (
            s.tree.child(t, ("ccomp",)) is not None or t.dep == "parataxis"):
        return r.recoded("114")
    return r


# protest verbs that mean "show" when they take an object ("the statement demonstrates a
# complete lack of understanding"): protesters demonstrate, they do not demonstrate something
SHOWING = frozenset({"demonstrate"})


def shown(r: Reading, s: Sentence) -> Reading | None:
    """"demonstrates a lack of understanding" shows something; it is no protest."""
    t = r.trigger.token
    if not r.trigger.nominal and r.trigger.pattern.cameo.startswith("14") \
            and t.lemma.lower() in SHOWING and s.tree.child(t, ("dobj", "ccomp")) is not None:
        return None
    return r


def acted_on(r: Reading, s: Sentence) -> Reading | None:
    """Releases, arrests, expulsions, abductions need a person or group acted on."""
    if r.trigger.nominal or not r.trigger.pattern.cameo.startswith(PATIENT_CODES):
        return r
    patient = s.args.patient(r.trigger.token)
    coded = bool(s.args.actors(r.recipient))
    person = _person_patient(s.tree, patient) if not coded else None
    if patient is not None and not coded and person is None:
        return None  # "released a statement", "captured the town": no one acted on
    if patient is not None and patient.lemma.lower() in DOCUMENT_OBJECTS:
        return None  # "released a summary of the call to Zelensky": a publication
    return replace(r, person=person)


def said_must(r: Reading, s: Sentence) -> Reading:
    """"Russia said Sudan must return the helicopter": a demand (100) on Sudan."""
    if r.trigger.nominal or not r.trigger.pattern.cameo.startswith("01"):
        return r
    demand = _obligation(s.tree, r.trigger.token)
    return r.recoded("100", recipient=demand, spoken=True) if demand is not None else r


STEPS: tuple[Step, ...] = (wanted_by_other, must_is_demand, protest_that, shown, acted_on,
                           said_must)


def _wanted_of_other(tree: Tree, t: Token) -> tuple[Token, Token] | None:
    """The "want" of "X wants Y to do": the trigger is what X wants someone else to do."""
    if t.dep != "ccomp" and t.dep != "xcomp":
        return None
    h = tree.head(t)
    if h is None or h.lemma.lower() not in WANTING or tree.is_negated(h):
        return None
    other = tree.child(h, ("dobj",)) or tree.child(t, ("nsubj",))
    mine = tree.child(h, ("nsubj",))
    if other is None or mine is None or other.lemma.lower() == mine.lemma.lower():
        return None
    return h, other


def _requested(tree: Tree, t: Token, requests: set[int]) -> bool:
    """The trigger states what a request or demand asks for ("demanding that the government
    provide information"): the request is the event."""
    aim = t.dep == "advcl" and any(m.lemma.lower() == "for" for m in tree.children(t, ("mark",)))
    if t.dep not in ("ccomp", "xcomp") and not aim:
        return False
    h = tree.head(t)
    return h is not None and h.i in requests


def _governor(tree: Tree, t: Token) -> Token | None:
    """The verb whose clause (or whose object's "that" clause) holds the clause of ``t``:
    "concluded [that the US must allocate]", "issued a reminder [that it must cooperate]"."""
    if t.dep not in ("ccomp", "acl", "relcl", "advcl"):
        return None
    g = tree.head(t)
    if g is not None and g.pos in ("NOUN", "PROPN"):
        g = tree.governing_verb(g)
    return g if g is not None and g.pos in ("VERB", "AUX") else None


def _obligation(tree: Tree, speech: Token) -> Token | None:
    """The subject of a "must" clause reported by a speech verb, or None."""
    for clause in tree.children(speech, ("ccomp",)):
        modal = {k.lemma.lower() for k in tree.children(clause, ("aux",))}
        if modal & OBLIGATION or (clause.lemma.lower() in ("need", "have") and
                                  tree.child(clause, ("xcomp",)) is not None):
            return tree.child(clause, ("nsubj", "nsubjpass"))
    return None


# people acted on whom no dictionary codes: "arrested the accused", "an individual was detained"
SUSPECTS = {"accused", "suspect", "gunman", "attacker", "assailant", "perpetrator", "culprit",
            "shooter", "bomber", "killer", "murderer", "offender", "criminal", "smuggler"}
PEOPLE = {"man", "woman", "person", "people", "individual", "youth", "boy", "girl", "child",
          "teenager", "resident", "worker", "citizen", "national", "foreigner", "tourist",
          "passenger", "driver", "student", "activist", "journalist", "reporter", "doctor",
          "protester", "demonstrator", "member", "supporter", "follower", "leader", "official"}


def _person_patient(tree: Tree, t: Token | None) -> Actor | None:
    """The person an arrest, release or expulsion acts on, as a role actor (``kind`` "role":
    the article's home country codes it later), or None when it is no person."""
    if t is None:
        return None
    words = {t.lemma.lower(), t.text.lower()}  # "the accused" is tagged a verb, lemma "accuse"
    sector = "CRM" if words & SUSPECTS else ("CVL" if words & PEOPLE or t.ent_type == "PERSON"
                                            else None)
    if sector is None:
        return None
    toks = tree.np_tokens(t)
    return Actor(text=" ".join(x.text for x in toks), code=None, sector=sector,
                 start=toks[0].idx, end=toks[-1].idx + len(toks[-1].text), kind="role")
