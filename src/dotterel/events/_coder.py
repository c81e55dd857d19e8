"""The event coder: parsed sentences in, coded ``Event`` records out.

Named steps, each in its own module and tested apart:

  1. candidates   trigger words and their patterns (``_triggers``), and characterisations
                  ("called the stabbing an act of barbarity", ``_characterize``)
  2. arguments    the actor and recipient phrases of each trigger (``_arguments``)
  3. modality     negation, intent, obligation, conditions (``_modality``), and the re-readings
                  of a trigger with its arguments (``_readings``)
  4. resolution   phrases to actors (dictionaries and the article's mentions, ``_mentions``),
                  targets the text gives indirectly (``_targets``), the place (``_where``), the
                  record's flags and confidence (``_flags``); then what the sentence's events say
                  about each other (``_sentence``) and, once the whole article is read, what the
                  article says about them (``_context``: home country, claimed attacks)
  5. selection    what an expert would keep (``_select``), run by the pipeline after the claims
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace

from dotterel.events._characterize import characterizations
from dotterel.events._context import LEAD, in_context
from dotterel.events._flags import (
    UNREALISED,
    confidence,
    event_date,
    hypothetical,
    negated,
    reported_by,
    under_irrealis,
)
from dotterel.events._lexicon import Lexicon
from dotterel.events._modality import Modality, recode
from dotterel.events._readings import Reading, read
from dotterel.events._readings import Sentence as Readings
from dotterel.events._sentence import after_sentence
from dotterel.events._targets import ANSWERING_ROOTS, act_kinds, act_owner, answered_acts, head_recipient
from dotterel.events._triggers import Trigger, find_triggers
from dotterel.events._where import PlaceFinder, event_place, localise, locate, locative
from dotterel.records import Actor, Event, ParsedArticle, Place, Sentence, Token
from dotterel.syntax import ArgumentFinder, Mentions, Resolver, Tree

VIOLENT_ROOTS = ("18", "19", "20")
THREATS = ("13",)  # whom a threat is against: the target of what it threatens to do
DOCUMENT_NOUNS = {"report", "study", "document", "communique", "survey", "dossier", "inquiry",
                  "investigation", "white paper", "audit", "review"}
ORGANISATIONS = {"IGO", "NGO"}
TROOP_NOUNS = {"troop", "soldier", "force", "unit", "contingent", "battalion", "brigade",
               "peacekeeper", "marine", "paratrooper", "detachment", "reinforcement",
               "personnel", "division", "regiment", "deployment", "warship", "convoy"}

QUANTIFIERS = {"anyone", "anybody", "someone", "somebody", "nobody", "everyone", "everybody",
               "none", "one", "other", "others"}
NOBODY = {"anyone", "anybody", "someone", "somebody", "nobody", "everyone", "everybody", "one",
          "people", "thing", "something", "nothing", "anything", "everything", "other", "others",
          "fighting", "violence", "situation", "incident", "attack", "explosion", "fire",
          "accident", "crash", "blast", "bombing", "storm", "earthquake", "flood", "disease",
          "instruction", "law", "bill", "decision", "move"}
# acts two parties do together, each to the other: meetings and talks, signing an agreement,
# material cooperation (not pledges, praise or aid, which go to someone else)
RECIPROCAL = ("04", "057", "06")
# verbs whose object is what the parties talk about, not a party
TOPIC_VERBS = frozenset({"discuss", "debate", "review", "examine", "address"})
MENTION_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss"}


class EventCoder:
    """Codes the events of parsed articles. Collaborators are injected: the lexicon, the actor
    resolver (tokens -> Actor) and an optional place finder (tokens -> places)."""

    def __init__(self, lexicon: Lexicon, resolve: Resolver, *,
                 find_places: PlaceFinder | None = None,
                 country_place: Callable[[str], Place | None] | None = None,
                 capital_place: Callable[[str], Place | None] | None = None) -> None:
        self.lexicon = lexicon
        self.resolve = resolve
        self.find_places = find_places
        self.country_place = country_place
        self.capital_place = capital_place
        # condemnations of acts whose doer only the whole article gives: (sentence, trigger
        # offset) -> the kinds of act their object names
        self._answering: dict[tuple[int, int], set[str]] = {}
        self.named_places: tuple[Place, ...] = ()  # the places the last article coded names

    def code(self, parsed: ParsedArticle, *, dateline: Place | None = None,
             mentions: Mentions | None = None) -> list[Event]:
        mentions = mentions if mentions is not None else Mentions()
        self._answering = {}
        events: list[Event] = []
        named: list[Place] = []
        lead: list[Place] = []  # the places the headline and the lead name
        for sent in parsed.sentences:
            places = self.find_places(sent.tokens) if self.find_places is not None else []
            named.extend(places)
            if sent.index < LEAD:
                lead.extend(places)
            events.extend(self.code_sentence(sent, parsed, mentions, dateline, prior=events,
                                             places=places))
        self.named_places = tuple(named)  # for the article's record (the store's places)
        coded = self._strike_sense(in_context(events, mentions, dateline, places=named,
                                              country_of=self.country_place, lead=lead,
                                              capital_of=self.capital_place))
        return answered_acts(coded, self._answering, mentions.home_code)

    def _strike_sense(self, events: list[Event]) -> list[Event]:
        """A bare "strike" is a walkout by default (143), but in an article of air strikes,
        rockets and killings "the strike" and "rocket strikes" are attacks (190)."""
        if not any(e.cameo.startswith(VIOLENT_ROOTS) and e.trigger.lower() != "strike"
                   for e in events):
            return events
        code = self.lexicon.code("190")
        return [replace(e, cameo=code.code, plover_type=code.plover_type,
                        plover_mode=code.plover_mode, goldstein=code.goldstein,
                        quad_class=code.quad_class)
                if e.cameo == "143" and e.trigger.lower() in ("strike", "strikes") else e
                for e in events]

    def candidates(self, tree: Tree) -> list[Trigger]:
        """Step 1: the sentence's triggers, in text order."""
        triggers = find_triggers(tree, self.lexicon)
        return triggers + characterizations(tree, {tr.token.i for tr in triggers})

    def code_sentence(self, sent: Sentence, parsed: ParsedArticle, mentions: Mentions,
                      dateline: Place | None, *, prior: Sequence[Event] = (),
                      places: Sequence[Place] | None = None) -> list[Event]:
        """The events of one sentence; ``places`` are the places it names (found here when
        not given), ``prior`` the article's events before it."""
        tree = Tree(sent)
        args = ArgumentFinder(tree, self.resolve, mentions)
        for t in sent.tokens:  # record mentions in text order, for coreference
            if t.pos in ("PROPN", "NOUN") and t.dep in MENTION_DEPS:
                args.actor_at(t)
        triggers = self.candidates(tree)
        readings = Readings.of(tree, args, triggers)
        out: list[Event] = []
        seen: set[tuple] = set()
        location: list[Place | None] | None = None
        for tr in triggers:
            r = read(tr, readings)  # steps 2 and 3
            if r is None:
                continue
            for actor, rec in self._parties(r, args, prior, out):  # step 4
                key = (r.trigger.token.i, actor and actor.code, rec and rec.code)
                if key in seen:
                    continue
                seen.add(key)
                if location is None:
                    if places is None:
                        places = self.find_places(sent.tokens) if self.find_places else []
                    found = locate(tree, actor, rec, places)
                    location = [found or dateline, found if locative(tree, found) else dateline]
                actor, rec = localise(actor, location[1]), localise(rec, location[1])
                actor = _unattributed(actor, r.trigger.pattern.cameo, location[1])
                coded = _troops_arriving(_expelled_body(r.trigger, rec), tree, r.actor, actor)
                where = event_place(tree, r.trigger.light or r.trigger.token, places,
                                    coded.pattern.cameo)
                if not coded.pattern.cameo.startswith(VIOLENT_ROOTS):  # "rockets on Kismayo"
                    where = _not_a_party(where, actor, rec)  # not so "called on Turkey"
                out.append(self._event(coded, tree, parsed, actor, rec, where, args,
                                       r.modality))
        return after_sentence(self.lexicon, out, tree, args)

    def _parties(self, r: Reading, args: ArgumentFinder, prior: Sequence[Event],
                 here: list[Event]) -> list[tuple[Actor | None, Actor | None]]:
        """The (actor, recipient) pairs of a reading: one per conjoined actor and recipient
        ("Iran and Iraq"), without nobody doing it to nobody."""
        tree, tr, cameo = args.tree, r.trigger, r.trigger.pattern.cameo
        actors = args.actors(r.actor) or [_uncoded(tree, r.actor)]
        recipients = args.actors(r.recipient) or [r.person]  # "arrested the accused"
        if recipients == [None] and not tr.nominal:
            recipients = self._indirect_target(tree, tr, args, prior, here, actors[0])
        if cameo.startswith(RECIPROCAL) and len({a.code for a in actors if a is not None}) > 1 \
                and (tr.token.lemma.lower() in TOPIC_VERBS  # "met to discuss Libya": a topic
                     or all(rec is None or rec.code in {a.code for a in actors if a is not None}
                            for rec in recipients)):
            # "Turkey and Libya signed a deal": each with the other; "Egypt's minister and his
            # Greek, Cypriot and French counterparts met": each with the first named (the
            # host), and the host with the next, one event per party rather than one per pair
            return _round_table([a for a in actors if a is not None])
        pairs = []
        for actor in actors:
            for rec in recipients:
                if actor is None and (rec is None or (r.actor is not None and
                                                      r.actor.lemma.lower() in QUANTIFIERS)):
                    continue  # nobody, or "anyone", did it
                if (cameo.startswith("01") or r.spoken) and (
                        actor is None or not (actor.code or actor.sector)):
                    continue  # "the instructions say ...": a statement needs a known speaker
                if rec is not None and actor is not None and _same(actor, rec):
                    rec = None
                pairs.append((actor, rec))
        return pairs

    def _indirect_target(self, tree: Tree, tr: Trigger, args: ArgumentFinder,
                         prior: Sequence[Event], here: list[Event],
                         actor: Actor | None) -> list[Actor | None]:
        """"Condemned the operation": whoever carried it out; "wrote to X, asking ...": X."""
        if (h := head_recipient(tree, tr.token, args.recipient)) is not None \
                and (found := args.actors(h)):
            return found
        if tr.pattern.cameo.startswith(THREATS) and not tr.nominal:
            for x in tree.children(tr.token, ("xcomp",)):  # "threatened to attack Israel"
                if (t := args.recipient(x)) is not None and (found := args.actors(t)):
                    return found
        if tr.pattern.cameo.startswith(ANSWERING_ROOTS):
            owner = act_owner(tree, tr.token, list(prior) + here, actor, self._noun_roots)
            if owner is not None:
                return [owner]
            if roots := act_kinds(tree, tr.token, self._noun_roots):
                self._answering[(tree.sent.index, tr.token.idx)] = roots
        return [None]

    def _noun_roots(self, lemma: str) -> set[str]:
        return {p.cameo[:2] for p in self.lexicon.candidates("N", lemma)}

    def _event(self, tr: Trigger, tree: Tree, parsed: ParsedArticle, actor: Actor | None,
               rec: Actor | None, place: Place | None, args: ArgumentFinder,
               mod: Modality) -> Event:
        denied = negated(tree, tr) or mod.negated
        code = self.lexicon.code(recode(tr.pattern.cameo, mod))
        if denied and code.code[:2] in ("12",) and tr.pattern.cameo[:2] != "12":
            denied = False  # a refusal to cooperate is itself the event
        sent = tree.sent
        t = tr.token
        unreal = hypothetical(tree, t) or mod.future or mod.conditional or mod.possible
        if tr.nominal and any(k.lemma.lower() in UNREALISED for k in tree.children(t, ("amod",))):
            unreal = True  # "a planned trip", "the proposed talks", "possible sanctions"
        if code.code[:2] in ("03", "13"):
            unreal = False  # intent and threat are the events themselves
        speaker = reported_by(tree, t, args)
        conf = confidence(tr, code.code, actor, rec, negated=denied, hypothetical=unreal,
                          reported=speaker is not None, embedded=mod.embedded)
        irrealis = code.code[:2] not in ("03", "13") and (  # "came to Iraq to fight ISIS": an
            mod.embedded == "purpose" or under_irrealis(tree, t))  # aim; "a law that would ..."
        unreal = unreal or irrealis
        if unreal and _met_to_talk(tree, t, code.code, denied):
            unreal = False
        aid = parsed.article.id
        eid = hashlib.sha1(f"{aid}|{sent.index}|{t.idx}|{actor and actor.code}|{rec and rec.code}"
                           .encode()).hexdigest()[:16]
        return Event(
            id=eid, sentence=sent.index, sentence_text=sent.text, trigger=t.text,
            trigger_start=t.idx, trigger_end=t.idx + len(t.text), actor=actor, recipient=rec,
            cameo=code.code, plover_type=code.plover_type, plover_mode=code.plover_mode,
            goldstein=code.goldstein, quad_class=code.quad_class, location=place,
            negated=denied, hypothetical=unreal, confidence=conf,
            sentence_start=sent.start, date=event_date(sent, parsed.article.date),
            reported_by=speaker, nominal=tr.nominal and tr.light is None)


def _unattributed(actor: Actor | None, cameo: str, place: Place | None) -> Actor | None:
    """Violence whose doer the report does not name ("a roadside bomb killed three soldiers
    near Samarra") is coded to the country where it happened, as event data sets code
    unattributed attacks; the actor's kind says so."""
    if place is None or not place.country:
        return actor
    if not cameo.startswith(VIOLENT_ROOTS) and not _document(actor):
        return actor
    if actor is not None and (actor.code or actor.sector or actor.kind != "unknown"):
        return actor
    if actor is None:
        return Actor(text="", code=place.country, name=f"unattributed ({place.name})",
                     kind="unattributed")
    return replace(actor, code=place.country, kind="unattributed")


def _expelled_body(tr: Trigger, rec: Actor | None) -> Trigger:
    """Expelling an organisation (a UN mission, an aid agency, the Red Cross) cuts relations
    with it (166, SANCTION); expelling people is coercion (174)."""
    if not tr.pattern.cameo.startswith("174") or rec is None or rec.code not in ORGANISATIONS:
        return tr
    return replace(tr, pattern=replace(tr.pattern, cameo="166"))


def _troops_arriving(tr: Trigger, tree: Tree, a_tok: Token | None,
                     actor: Actor | None) -> Trigger:
    """Troops that arrive somewhere are no visitors (042): peacekeepers arriving are the
    protection their sender provides (074, AID); other forces arriving are a deployment (154)."""
    if tr.pattern.cameo[:3] not in ("042", "043") or actor is None or actor.sector != "MIL" \
            or a_tok is None:
        return tr
    words = {t.lemma.lower() for t in tree.subtree(a_tok.i)}
    if not words & TROOP_NOUNS:
        return tr  # "army chiefs flew to Abuja for talks": officers visit
    cameo = "074" if any(w.startswith("peacekeep") for w in words) else "154"
    return replace(tr, pattern=replace(tr.pattern, cameo=cameo))


def _document(actor: Actor | None) -> bool:
    """A report, study or statement as the doer ("a report released in Kigali alleged ...")."""
    return actor is not None and actor.kind == "unknown" and bool(actor.text) and (
        actor.text.split()[-1].lower().rstrip("s") in DOCUMENT_NOUNS)


def _not_a_party(place: Place | None, *parties: Actor | None) -> Place | None:
    """"Called on Turkey to halt drilling": Turkey is whom the call is made to, not where."""
    if place is None or place.start is None:
        return place
    for a in parties:
        if a is not None and a.start is not None and a.end is not None \
                and place.end is not None and place.start <= a.start and a.end <= place.end:
            return None  # the party is the place itself, not someone in it
    return place


def _round_table(actors: list[Actor]) -> list[tuple[Actor, Actor]]:
    """The dyads of a meeting or deal among ``actors``: one per party, each with the first
    named (the host), who meets the next."""
    parties: list[Actor] = []
    for a in actors:
        if a.code not in {p.code for p in parties}:
            parties.append(a)
    if len(parties) < 2:
        return []
    host, rest = parties[0], parties[1:]
    return [(host, rest[0])] + [(a, host) for a in rest]


GATHERING = frozenset({"gather", "meet", "convene", "assemble", "sit"})


def _met_to_talk(tree: Tree, t: Token, cameo: str, denied: bool) -> bool:
    """"The ministers gathered in Cairo to discuss ...": talks that people met for took place
    (the meeting is told in the past), unlike a fight someone went somewhere for."""
    head = tree.head(t)
    return (cameo.startswith("04") and not denied and t.dep in ("advcl", "xcomp")
            and head is not None and head.lemma.lower() in GATHERING and head.tag == "VBD")


def _uncoded(tree: Tree, t: Token | None) -> Actor | None:
    """A doer named by a noun phrase that no dictionary codes ("Islamic fundamentalists"):
    kept by its text, with no code. Pronouns and quantifiers ("anyone") name nobody."""
    if t is None or t.pos not in ("NOUN", "PROPN") or t.lemma.lower() in NOBODY:
        return None
    toks = tree.np_tokens(t)
    text = " ".join(x.text for x in toks)
    return Actor(text=text, code=None, start=toks[0].idx,
                 end=toks[-1].idx + len(toks[-1].text), kind="unknown")


def _same(a: Actor, b: Actor) -> bool:
    return a.start is not None and a.start == b.start and a.end == b.end
