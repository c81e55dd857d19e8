"""The event coder: parsed sentences in, coded ``Event`` records out."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from collections.abc import Callable, Sequence

from dotterel.articles import resolve_relative_day
from dotterel.events._arguments import ArgumentFinder, Resolver
from dotterel.events._characterize import characterizations
from dotterel.events._context import in_context
from dotterel.events._targets import ANSWERING_ROOTS, act_owner, head_recipient
from dotterel.events._lexicon import Lexicon
from dotterel.events._mentions import Mentions
from dotterel.events._modality import Modality, modality, recode
from dotterel.events._tree import Tree
from dotterel.events._triggers import Trigger, find_triggers
from dotterel.records import Actor, Event, ParsedArticle, Place, Sentence, Token

MODALS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must"}
INTENT_HEADS = {"plan", "intend", "want", "threaten", "vow", "promise", "seek", "try", "hope",
                "expect", "aim", "decide", "offer", "prepare", "pledge", "propose", "consider",
                "urge", "ask", "call", "demand", "allow", "agree", "refuse", "wish", "need"}
SPEECH = {"say", "state", "claim", "tell", "announce", "allege", "report", "add", "insist",
          "declare", "assert", "note", "explain", "argue", "stress", "emphasize", "emphasise",
          "clarify", "maintain", "suggest", "believe", "think", "write", "warn"}
DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "yesterday", "today", "tonight", "tomorrow"}

# acts that need a person or group acted on: release, arrest, expel, abduct, assassinate, torture
PATIENT_CODES = ("084", "173", "174", "181", "182", "186", "0841")
OBLIGATION = {"must", "should", "ought"}
VIOLENT_ROOTS = ("18", "19", "20")
# what is published rather than set free: releasing these is no act on anyone
DOCUMENT_OBJECTS = {"statement", "report", "video", "footage", "summary", "transcript", "photo",
                    "photograph", "image", "picture", "recording", "tape", "audio", "document",
                    "figure", "data", "detail", "list", "record", "memo", "letter", "album",
                    "communique", "communiqué", "readout", "text", "result", "finding", "study",
                    "book", "film", "song", "map", "plan", "guideline", "schedule", "budget"}
DOCUMENT_NOUNS = {"report", "study", "document", "communique", "survey", "dossier", "inquiry",
                  "investigation", "white paper", "audit", "review"}
ACCUSATION_BONUS = 0.2  # the accusation, no longer a bare statement, is the sentence's main act
ORGANISATIONS = {"IGO", "NGO"}
TROOP_NOUNS = {"troop", "soldier", "force", "unit", "contingent", "battalion", "brigade",
               "peacekeeper", "marine", "paratrooper", "detachment", "reinforcement",
               "personnel", "division", "regiment", "deployment", "warship", "convoy"}
WANTING = {"want", "wish", "expect", "would like"}

QUANTIFIERS = {"anyone", "anybody", "someone", "somebody", "nobody", "everyone", "everybody",
               "none", "one", "other", "others"}
NOBODY = {"anyone", "anybody", "someone", "somebody", "nobody", "everyone", "everybody", "one",
          "people", "thing", "something", "nothing", "anything", "everything", "other", "others",
          "fighting", "violence", "situation", "incident", "attack", "explosion", "fire",
          "accident", "crash", "blast", "bombing", "storm", "earthquake", "flood", "disease",
          "instruction", "law", "bill", "decision", "move"}
# speech verbs whose report of someone else's violence is an accusation
ACCUSING_SPEECH = {"say", "claim", "allege", "state", "insist", "assert", "charge", "tell",
                   "report", "add", "declare", "maintain", "complain", "warn"}
MENTION_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss"}

EMBEDDING_PENALTY = {"main": 0.0, "complement": 0.05, "purpose": 0.2, "circumstance": 0.1,
                     "relative": 0.15, "nominal": 0.03, "condition": 0.25,
                     "background": 0.15}

PlaceFinder = Callable[[Sequence[Token]], list[Place]]


class EventCoder:
    """Codes the events of parsed articles. Collaborators are injected: the lexicon, the actor
    resolver (tokens -> Actor) and an optional place finder (tokens -> places)."""

    def __init__(self, lexicon: Lexicon, resolve: Resolver, *,
                 find_places: PlaceFinder | None = None) -> None:
        self.lexicon = lexicon
        self.resolve = resolve
        self.find_places = find_places

    def code(self, parsed: ParsedArticle, *, dateline: Place | None = None,
             mentions: Mentions | None = None) -> list[Event]:
        mentions = mentions if mentions is not None else Mentions()
        events: list[Event] = []
        places: list[Place] = []
        for sent in parsed.sentences:
            events.extend(self.code_sentence(sent, parsed, mentions, dateline, prior=events))
            if self.find_places is not None:
                places.extend(self.find_places(sent.tokens))
        return in_context(events, mentions, dateline, places=places)

    def code_sentence(self, sent: Sentence, parsed: ParsedArticle, mentions: Mentions,
                      dateline: Place | None, *, prior: Sequence[Event] = ()) -> list[Event]:
        tree = Tree(sent)
        args = ArgumentFinder(tree, self.resolve, mentions)
        for t in sent.tokens:  # record mentions in text order, for coreference
            if t.pos in ("PROPN", "NOUN") and t.dep in MENTION_DEPS:
                args.actor_at(t)
        out: list[Event] = []
        seen: set[tuple] = set()
        location: list[Place | None] | None = None
        triggers = find_triggers(tree, self.lexicon)
        triggers += characterizations(tree, {tr.token.i for tr in triggers})
        trigger_ids = {tr.token.i for tr in triggers}
        speech_demands = {tr.token.i for tr in triggers if not tr.nominal
                          and tr.pattern.cameo.startswith("01") and _obligation(tree, tr.token)}
        requests = {tr.token.i for tr in triggers if tr.pattern.cameo[:2] in ("02", "10")}
        for tr in triggers:
            # a nominal trigger takes the modality of its verb: "would tighten the blockade"
            mod = modality(tree, tr.light or tr.token, trigger_ids)
            if mod.folded or mod.normative or _requested(tree, tr.token, requests):
                continue
            a_tok, r_tok = args.nominal(tr) if tr.nominal else args.verbal(tr)
            if (wanted := _wanted_of_other(tree, tr.token)) is not None:
                # "Obama wants Putin to attack Switzerland": Obama appeals to Putin (02)
                wanting, r_tok = wanted
                tr = replace(tr, token=wanting, nominal=False, light=None,
                             pattern=replace(tr.pattern, cameo="020", constraints=()))
                a_tok, mod = args.subject(wanting), Modality()
            if not tr.nominal and mod.obligation and not mod.negated:
                g = _governor(tree, tr.token)
                if g is not None and g.i in speech_demands:
                    continue  # "Russia said Sudan must return it": the saying is the demand
                demander = args.subject(g) if g is not None else None
                if demander is not None and args.actors(demander):
                    # "Chirac issued a reminder to Iraq that it must cooperate": a demand
                    tr = replace(tr, pattern=replace(tr.pattern, cameo="100"))
                    a_tok, r_tok = demander, a_tok
            if not tr.nominal and tr.pattern.cameo.startswith("14") and (
                    tree.child(tr.token, ("ccomp",)) is not None or tr.token.dep == "parataxis"):
                # "..., a human rights group protested": protesting *that* is a complaint (114)
                tr = replace(tr, pattern=replace(tr.pattern, cameo="114"))
            cameo = tr.pattern.cameo
            person = None
            if not tr.nominal and cameo.startswith(PATIENT_CODES):
                patient = args.patient(tr.token)
                person = _person_patient(tree, patient) if not args.actors(r_tok) else None
                if patient is not None and not args.actors(r_tok) and person is None:
                    continue  # "released a statement", "captured the town": no one acted on
                if patient is not None and patient.lemma.lower() in DOCUMENT_OBJECTS:
                    continue  # "released a summary of the call to Zelensky": a publication
            if not tr.nominal and cameo.startswith("01") and (
                    (demand := _obligation(tree, tr.token)) is not None):
                tr = replace(tr, pattern=replace(tr.pattern, cameo="100"))
                r_tok = demand  # "Russia said Sudan must return the helicopter": a demand
            actors = args.actors(a_tok) or [_uncoded(tree, a_tok)]
            recipients = args.actors(r_tok) or [person]  # "arrested the accused"
            if recipients == [None] and not tr.nominal:
                recipients = self._indirect_target(tree, tr, args, prior, out, actors[0])
            for actor in actors:
                for rec in recipients:
                    if actor is None and (rec is None or (a_tok is not None and
                                                          a_tok.lemma.lower() in QUANTIFIERS)):
                        continue  # nobody, or "anyone", did it
                    if cameo.startswith("01") and (actor is None or not (actor.code or actor.sector)):
                        continue  # "the instructions say ...": a statement needs a known speaker
                    if rec is not None and actor is not None and _same(actor, rec):
                        rec = None
                    key = (tr.token.i, actor and actor.code, rec and rec.code)
                    if key in seen:
                        continue
                    seen.add(key)
                    if location is None:
                        found = self._location(tree, actor, rec)
                        location = [found or dateline,
                                    found if _locative(tree, found) else dateline]
                    actor, rec = _localise(actor, location[1]), _localise(rec, location[1])
                    actor = _unattributed(actor, cameo, location[1])
                    coded = _troops_arriving(_expelled_body(tr, rec), tree, a_tok, actor)
                    out.append(self._event(coded, tree, parsed, actor, rec, location[0], args, mod))
        return _subsume(_protest_aims(self._accusations(out, tree, args), tree))

    def _indirect_target(self, tree: Tree, tr: Trigger, args: ArgumentFinder,
                         prior: Sequence[Event], here: list[Event],
                         actor: Actor | None) -> list[Actor | None]:
        """"Condemned the operation": whoever carried it out; "wrote to X, asking ...": X."""
        if (h := head_recipient(tree, tr.token, args.recipient)) is not None \
                and (found := args.actors(h)):
            return found
        if tr.pattern.cameo[:2] in ANSWERING_ROOTS:
            owner = act_owner(tree, tr.token, list(prior) + here, actor, self._noun_roots)
            if owner is not None:
                return [owner]
        return [None]

    def _noun_roots(self, lemma: str) -> set[str]:
        return {p.cameo[:2] for p in self.lexicon.candidates("N", lemma)}

    def _accusations(self, events: list[Event], tree: Tree,
                     args: ArgumentFinder) -> list[Event]:
        """"The US claimed that ISIL had attacked Iraq": a statement that someone else used
        force is an accusation of them (112), as CAMEO codes it. So is an allegation ("claimed",
        "alleged") that someone else is doing anything: "protesters claimed Iran is unduly
        influencing their government"."""
        by_offset = {t.idx: t for t in tree.tokens}
        out = []
        for e in events:
            cue = by_offset.get(e.trigger_start)
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
            code = self.lexicon.code("112")
            out.append(replace(e, cameo=code.code, plover_type=code.plover_type,
                               plover_mode=code.plover_mode, goldstein=code.goldstein,
                               quad_class=code.quad_class, recipient=target,
                               confidence=round(min(0.95, e.confidence + ACCUSATION_BONUS), 3)))
        return out

    def _location(self, tree: Tree, actor: Actor | None, rec: Actor | None) -> Place | None:
        """Where the sentence's events happen: the first place named as a location ("near the
        town of Samarra"), else the first place that is not part of the actor or recipient."""
        if self.find_places is None:
            return None
        spans = [(a.start, a.end) for a in (actor, rec) if a is not None and a.start is not None]
        places = self.find_places(tree.sent.tokens)
        located = next((p for p in places if _locative(tree, p)), None)
        if located is not None:
            return located
        return next((p for p in places if p.start is None or p.end is None
                     or not any(s <= p.start and p.end <= e for s, e in spans)), None)

    def _event(self, tr: Trigger, tree: Tree, parsed: ParsedArticle, actor: Actor | None,
               rec: Actor | None, place: Place | None, args: ArgumentFinder,
               mod: Modality) -> Event:
        negated = _negated(tree, tr) or mod.negated
        code = self.lexicon.code(recode(tr.pattern.cameo, mod))
        if negated and code.code[:2] in ("12",) and tr.pattern.cameo[:2] != "12":
            negated = False  # a refusal to cooperate is itself the event
        sent = tree.sent
        t = tr.token
        hypothetical = _hypothetical(tree, t) or mod.future or mod.conditional or mod.possible
        if tr.nominal and any(k.lemma.lower() in UNREALISED for k in tree.children(t, ("amod",))):
            hypothetical = True  # "a planned trip", "the proposed talks", "possible sanctions"
        if code.code[:2] in ("03", "13"):
            hypothetical = False  # intent and threat are the events themselves
        speaker = _reported_by(tree, t, args)
        conf = _confidence(tr, code.code, actor, rec, negated=negated, hypothetical=hypothetical,
                           reported=speaker is not None, embedded=mod.embedded)
        irrealis = code.code[:2] not in ("03", "13") and (  # "came to Iraq to fight ISIS": an
            mod.embedded == "purpose" or _under_irrealis(tree, t))  # aim; "a law that would ..."
        hypothetical = hypothetical or irrealis
        aid = parsed.article.id
        eid = hashlib.sha1(f"{aid}|{sent.index}|{t.idx}|{actor and actor.code}|{rec and rec.code}"
                           .encode()).hexdigest()[:16]
        return Event(
            id=eid, sentence=sent.index, sentence_text=sent.text, trigger=t.text,
            trigger_start=t.idx, trigger_end=t.idx + len(t.text), actor=actor, recipient=rec,
            cameo=code.code, plover_type=code.plover_type, plover_mode=code.plover_mode,
            goldstein=code.goldstein, quad_class=code.quad_class, location=place,
            negated=negated, hypothetical=hypothetical, confidence=conf,
            sentence_start=sent.start, date=_event_date(sent, parsed.article.date),
            reported_by=speaker, nominal=tr.nominal and tr.light is None)


PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "capital", "area",
               "state", "county", "port", "island", "enclave", "outskirts", "suburb", "camp",
               "neighbourhood", "neighborhood", "border", "part", "centre", "center", "north",
               "south", "east", "west"}
LOCATIVE = {"in", "at", "near", "throughout", "across", "outside", "inside", "around", "within",
             "on", "into", "along"}


def _locative(tree: Tree, place: Place | None) -> bool:
    """The place is where something happens ("in Kirkuk", "throughout Indonesia"), not a party
    to it ("China's assistance", "to help Iran")."""
    if place is None or place.end is None:
        return False
    inside = [t for t in tree.tokens if place.start <= t.idx < place.end]
    head = next((t for t in inside if not place.start <= tree.tokens[t.head].idx < place.end
                 or t.head == t.i), None)
    while head is not None and head.dep in ("poss", "compound", "appos", "nmod"):
        head = tree.head(head)  # "near Macedonia's border", "in East Timor's capital"
    for _ in range(3):
        if head is None or head.dep != "pobj":
            return False
        prep = tree.head(head)
        if prep is None:
            return False
        if prep.lemma.lower() in LOCATIVE:
            return True
        # "near the town of Samarra", "outside of the Iraqi city of Basra"
        up = tree.head(prep)
        if prep.lemma.lower() != "of" or up is None or (
                up.lemma.lower() not in PLACE_NOUNS and up.lemma.lower() not in LOCATIVE):
            return False
        if up.lemma.lower() in LOCATIVE:
            return True
        head = up
    return False


def _localise(actor: Actor | None, place: Place | None) -> Actor | None:
    """An actor known only by role ("students", "police", "protesters") takes the country where
    the event happens: "students throughout Indonesia" are IDN students, as ICEWS codes
    unnamed domestic actors."""
    if actor is None or actor.code or place is None or not place.country:
        return actor
    if actor.kind == "person" or actor.sector is None:  # "both sides" are no domestic role
        return actor
    return replace(actor, code=place.country)


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


def _document(actor: Actor | None) -> bool:
    """A report, study or statement as the doer ("a report released in Kigali alleged ...")."""
    return actor is not None and actor.kind == "unknown" and bool(actor.text) and (
        actor.text.split()[-1].lower().rstrip("s") in DOCUMENT_NOUNS)


def _uncoded(tree: Tree, t: Token | None) -> Actor | None:
    """A doer named by a noun phrase that no dictionary codes ("Islamic fundamentalists"):
    kept by its text, with no code. Pronouns and quantifiers ("anyone") name nobody."""
    if t is None or t.pos not in ("NOUN", "PROPN") or t.lemma.lower() in NOBODY:
        return None
    toks = tree.np_tokens(t)
    text = " ".join(x.text for x in toks)
    return Actor(text=text, code=None, start=toks[0].idx,
                 end=toks[-1].idx + len(toks[-1].text), kind="unknown")


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


ALLEGING = {"allege", "claim", "charge", "insist", "maintain"}


def _alleged(tree: Tree, cue: Token, args: ArgumentFinder, speaker: Actor) -> Actor | None:
    """Whom an allegation is about: the coded subject of what "claimed"/"alleged" reports,
    when that is someone other than the speaker and the clause is not negated."""
    if cue.lemma.lower() not in ALLEGING:
        return None
    for clause in tree.children(cue, ("ccomp",)):
        if tree.is_negated(clause):
            continue
        subj = tree.child(clause, ("nsubj",))
        for a in args.actors(subj):
            if a.code and a.code != speaker.code and a.kind != "speaker":
                return a
    return None


def _protest_aims(events: list[Event], tree: Tree) -> list[Event]:
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


def _subsume(events: list[Event]) -> list[Event]:
    """Within a sentence, an event with no recipient is dropped when another event by the
    same actor with the same CAMEO root names one ("carried out attacks, targeting X")."""
    full = {(e.actor.code if e.actor else None, e.cameo[:2]) for e in events if e.recipient}
    return [e for e in events
            if e.recipient is not None or (e.actor.code if e.actor else None, e.cameo[:2]) not in full]


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


def _same(a: Actor, b: Actor) -> bool:
    return a.start is not None and a.start == b.start and a.end == b.end


def _negated(tree: Tree, tr: Trigger) -> bool:
    if tree.is_negated(tr.token) or (tr.light is not None and tree.is_negated(tr.light)):
        return True
    return any(k.lemma.lower() in ("no", "never") for k in tree.children(tr.token, ("det", "neg")))


UNREALISED = {"planned", "proposed", "possible", "potential", "future", "expected", "intended",
              "prospective", "hypothetical", "would-be", "mooted", "suggested", "rumoured",
              "rumored", "alleged", "cancelled", "canceled", "aborted", "failed", "postponed"}
IRREALIS = {"would", "could", "might", "may", "will", "shall", "should"}
CLAUSAL = ("xcomp", "ccomp", "conj", "relcl", "advcl", "acl")


def _hypothetical(tree: Tree, t: Token) -> bool:
    for cur in [t] + tree.ancestors(t)[:2]:
        if any(k.dep == "aux" and k.lemma.lower() in MODALS for k in tree.children(cur)):
            return True
        if any(k.dep == "mark" and k.lemma.lower() in ("if", "unless") for k in tree.children(cur)):
            return True
        h = tree.head(cur)
        if cur.dep == "xcomp" and h is not None and h.lemma.lower() in INTENT_HEADS:
            return True
        if cur.dep not in ("xcomp", "conj", "dobj", "pobj", "prep"):
            break
    return False


def _under_irrealis(tree: Tree, t: Token) -> bool:
    """The trigger's clause hangs under a clause that is itself only possible or planned: "a
    law that would have allowed China to extradite people", "a deal that will let them
    return". Speech verbs stop the climb: "said it would ..." is the speaker's business."""
    cur = t
    for _ in range(4):
        h = tree.head(cur)
        if h is None or h.i == cur.i or cur.dep not in CLAUSAL:
            return False
        if h.lemma.lower() in SPEECH:
            return False
        if any(k.lemma.lower() in IRREALIS for k in tree.children(h, ("aux",))) or any(
                k.lemma.lower() in ("if", "unless") for k in tree.children(h, ("mark",))):
            return True
        cur = h
    return False


def _reported_by(tree: Tree, t: Token, args: ArgumentFinder) -> str | None:
    """The speaker when the trigger sits inside reported speech ("X said that ...")."""
    cur = t
    for h in tree.ancestors(t)[:6]:
        if cur.dep in ("ccomp", "parataxis") and h.lemma.lower() in SPEECH:
            s = args.subject(h)
            a = args.actor_at(s) if s is not None else None
            return (a.name or a.text) if a is not None else (s.text if s is not None else "")
        cur = h
    return None


def _confidence(tr: Trigger, cameo: str, actor: Actor | None, rec: Actor | None, *,
                negated: bool, hypothetical: bool, reported: bool, embedded: str = "main") -> float:
    """A heuristic score in [0.05, 0.95], for ranking events; calibrate against the gold sets
    (bench/quality) after changing it."""
    c = 0.55
    named = actor is not None and actor.code and actor.kind != "unattributed"
    c += 0.15 if named else (0.05 if actor is not None else -0.1)
    c += 0.1 if rec is not None and rec.code else 0.0
    c += 0.05 * len(tr.pattern.constraints)
    c -= 0.3 if cameo.startswith("01") else 0.0
    c -= 0.05 if tr.nominal else 0.0
    c -= 0.15 if negated else 0.0
    c -= 0.05 if hypothetical else 0.0
    c -= 0.1 if reported else 0.0
    c -= EMBEDDING_PENALTY.get(embedded, 0.0)
    return round(min(0.95, max(0.05, c)), 3)


def _event_date(sent: Sentence, article_date: str | None) -> str | None:
    for t in sent.tokens:
        if t.lemma.lower() in DAY_WORDS and t.dep in ("npadvmod", "pobj", "tmod", "advmod"):
            if (d := resolve_relative_day(t.lemma, article_date)) is not None:
                return d
    return article_date
