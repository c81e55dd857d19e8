"""Who did it and to whom: the actor and recipient noun phrases of a trigger.

Verbal triggers take the subject (or the passive agent) as actor and the object, dative or a
prepositional object as recipient; subjects are inherited through conjoined, adverbial and xcomp
clauses ("... and urged Iran", "..., conducting raids"), and relative clauses take the noun they
modify. Nominal triggers take a possessor ("Iran's claim"), a modifier ("Israeli raids"), a
"by" phrase, or the subject of their light verb. A content noun as object ("rejected Iran's
claim") hands the recipient role to whoever made the claim.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from dotterel.records import Actor, Token
from dotterel.syntax._mentions import SUSPECTS, Mentions
from dotterel.syntax._tree import OBJ, PASS_SUBJ, PRONOUNS, SUBJ, Tree

Resolver = Callable[[Sequence[Token]], "Actor | None"]

# verbs whose giver is in a "from" phrase: the giver acts, the subject receives
RECEIVING = {"receive", "obtain", "get", "accept", "win", "secure"}
RELATIVE = {"who", "which", "that", "whom"}
# capitalised title words spaCy often folds into a name ("Chief Superintendent Mijares")
ROLE_WORDS = {"president", "minister", "secretary", "chief", "superintendent", "general",
              "governor", "mayor", "senator", "representative", "rep.", "sen.", "gen.", "col.",
              "commissioner", "director", "ambassador", "spokesman", "spokeswoman", "judge",
              "prime", "deputy", "foreign", "defence", "defense", "interior", "king", "queen",
              "prince", "sheikh", "chancellor", "premier", "speaker", "leader", "commander",
              "inspector", "officer", "colonel", "major", "captain", "lieutenant", "sergeant"}
ACTIVE_TAGS = {"VBG", "VBD", "VBZ", "VBP"}  # a participle or misparsed finite verb after its doer
REPORTING = {"say", "tell", "report", "state", "announce", "add", "claim", "confirm"}
# passives that describe what the subject does: "have been engaged in combat against ISIS"
STATIVE_PASSIVES = {"engage", "involve", "commit", "embroil", "locked", "oppose", "determine"}
INHERIT_DEPS = {"conj", "advcl", "xcomp", "pcomp", "acl", "ccomp", "acomp"}  # acomp: "is willing to"
RECIPIENT_PREPS = ("against", "on", "upon", "with", "to", "toward", "towards", "at", "from",
                   "into", "over", "for", "of", "about")  # not "in": "talks in Doha" is a place
# nouns that stand for what someone said; the recipient is whoever said it
CONTENT_NOUNS = {"claim", "allegation", "accusation", "charge", "report", "statement", "proposal",
                 "plan", "offer", "demand", "request", "call", "remark", "comment", "assertion",
                 "idea", "suggestion", "bid", "appeal", "position", "decision", "policy",
                 "initiative", "invitation", "resolution", "counter-claim"}
# what carries someone's words: a participle on one is theirs ("a statement condemning ...")
MESSAGE_NOUNS = {"statement", "message", "tweet", "post", "letter", "communique", "communiqué",
                 "video", "note", "announcement", "declaration", "press release", "speech",
                 "editorial", "op-ed", "address", "broadcast", "interview"}
# sectors whose bare role nouns take the country of a recent mention of the same sector
INSTITUTIONAL = {"GOV", "MIL", "COP", "JUD", "LEG"}
NEARBY_CHARS = 400  # about two sentences
NOMINAL_ACTOR_DEPS = ("poss", "compound", "amod", "nmod")
# what does the harm when a report names no doer: "killed in Israeli shelling", "killed by a
# roadside bomb", "an air strike by government forces killed ..." -- the doer is whoever the
# cause noun names (its modifier or its "by" phrase), if anyone
CAUSE_NOUNS = {"attack", "strike", "airstrike", "air-strike", "raid", "shelling", "bombing",
               "bombardment", "explosion", "blast", "fire", "gunfire", "offensive", "assault",
               "ambush", "shooting", "operation", "missile", "rocket", "bomb", "device", "mortar",
               "artillery", "barrage", "crossfire", "fighting", "clash", "clashes", "violence",
               "tank", "helicopter", "gunship", "jet", "warplane", "aircraft", "drone", "gunboat"}
CAUSE_PREPS = ("in", "by", "during", "from")
PROJECTILES = {"bomb", "rocket", "missile", "shell", "mortar", "grenade", "round", "bullet",
               "shot", "salvo", "projectile", "volley", "torpedo"}
# mishaps and disasters do things to people but are nobody's act
MISHAPS = {"crash", "accident", "disaster", "earthquake", "quake", "storm", "flood", "tsunami",
           "landslide", "avalanche", "collapse", "cyclone", "hurricane", "typhoon", "drought",
           "famine", "epidemic", "outbreak", "disease", "heatwave", "wildfire", "derailment"}


class TriggerLike(Protocol):
    """What the argument finder reads of a trigger (``events.Trigger``): its word, the light
    verb that carries a nominal one ("launched an offensive"), its lexicon pattern and the words
    that pattern used."""

    token: Token
    light: Token | None
    pattern: Any
    consumed: tuple[int, ...]  # token indices the pattern's constraints used


class ArgumentFinder:
    """Resolves the actor and recipient of triggers in one sentence."""

    def __init__(self, tree: Tree, resolve: Resolver, mentions: Mentions) -> None:
        self.tree = tree
        self.resolve = resolve
        self.mentions = mentions
        self._cache: dict[int, Actor | None] = {}

    # -- noun phrases ------------------------------------------------------------------------
    def actor_at(self, t: Token) -> Actor | None:
        """The actor a noun phrase head stands for, via dictionaries or coreference."""
        if t.i in self._cache:
            return self._cache[t.i]
        actor = self._resolve_np(t)
        self._cache[t.i] = actor
        if actor is not None:
            self.mentions.add(t.idx, actor, subject=self._main_subject(t))
        return actor

    def _resolve_np(self, t: Token) -> Actor | None:
        low = t.text.lower()
        if t.pos == "PRON" or (low in PRONOUNS and not t.text.isupper()):  # "US" is no pronoun
            return self.mentions.pronoun(low, t.idx, subject=t.dep in ("nsubj", "nsubjpass"))
        if t.ent_type in TIME_ENTS:
            return None  # "Sunday in London" is when, not who
        toks = self.tree.np_tokens(t)
        actor = self.resolve(toks)
        if (actor is None or not actor.sector) and t.pos == "PROPN":
            actor = self._role_in_clause(t, toks) or actor
        person = _person_name(toks) or self._named_with_role(t, actor)
        if actor is not None and actor.kind == "group":
            person = None  # "Bosnian Serbs", which the tagger may call a person, is a group
        if person and actor is not None and (actor.code or actor.sector):
            self.mentions.add_person(person, actor)  # "Provincial councillor Sharif Hotak"
            if actor.kind != "person":
                actor = replace(actor, name=person, kind="person")
        elif person or (actor is None and t.pos == "PROPN"):
            # "Mitsotakis", introduced before as "Greek prime minister Kyriakos Mitsotakis",
            # whatever entity type the tagger gives the bare surname
            known = self.mentions.person(person or " ".join(x.text for x in toks
                                                            if x.pos == "PROPN"))
            if known is not None:
                return _as_text(known, toks)
        if (actor is None or actor.code is None) and _definite(toks) and (
                t.pos == "NOUN" or t.text.lower() in SUSPECTS):  # "the accused", a VERB
            earlier = self.mentions.same_head(t.lemma, t.idx) \
                or self.mentions.definite(t.text if t.text.lower() in SUSPECTS else t.lemma,
                                          t.idx)
            if earlier is not None:
                return _as_text(earlier, toks, sector=actor.sector if actor else None)
        poss = self.tree.child(t, ("poss",))
        if actor is not None and actor.code is None and actor.sector and poss is not None \
                and poss.pos == "PRON":  # "its citizens", "their forces": whose they are
            owner = self.mentions.pronoun(poss.text.lower(), poss.idx, subject=False)
            if owner is not None and owner.code:
                return replace(actor, code=owner.code)
        if actor is not None and actor.code is None and actor.sector in INSTITUTIONAL:
            # "Foreign Office spokeswoman ..." just after "Pakistan's Foreign Office"
            names = frozenset(x.text.lower() for x in toks if x.text[:1].isupper()
                              and x.ent_type != "PERSON")
            near = self.mentions.nearby(actor.sector, t.idx, window=NEARBY_CHARS, words=names)
            if near is not None:
                return replace(actor, code=near.code)
        return actor

    def _role_in_clause(self, t: Token, toks: Sequence[Token]) -> Actor | None:
        """"Brett McGurk, who was the president's special envoy": the role a relative clause
        gives the name, as the phrase's own."""
        for rel in self.tree.children(t, ("relcl",)):
            if rel.lemma.lower() != "be":
                continue
            attr = self.tree.child(rel, ("attr",))
            role = self.resolve(self.tree.np_tokens(attr)) if attr is not None else None
            if role is not None and role.sector:
                text, start = " ".join(x.text for x in toks), toks[0].idx
                return Actor(text=text, code=role.code, sector=role.sector, name=role.name,
                             start=start, end=toks[-1].idx + len(toks[-1].text), kind="role")
        return None

    def _named_with_role(self, t: Token, actor: Actor | None) -> str | None:
        """"Gáspár Maróth, the Hungarian Government commissioner", "Chief Superintendent
        Graciano Mijares": a proper name that codes as nothing by itself, in a phrase whose
        role gives it a sector, is a person's name, whatever entity type the tagger gave it."""
        if t.pos != "PROPN" or actor is None or not actor.sector or t.ent_type in ("GPE", "NORP") \
                or t.lemma.lower() in INSTITUTIONS:
            return None  # "the Libyan House of Representatives" is no one's name
        name = [k for k in self.tree.children(t, ("compound",)) if k.pos == "PROPN"
                and k.i < t.i and k.ent_type not in ("GPE", "NORP")] + [t]
        if any(x.text.lower() in ROLE_WORDS for x in name) or self.resolve(name) is not None:
            return None  # "President Trump" keeps "Trump"; "the UN" is no person
        return " ".join(x.text for x in name)

    def _main_subject(self, t: Token) -> bool:
        """The subject of the sentence's main clause: what later pronouns most likely mean."""
        if t.dep not in ("nsubj", "nsubjpass"):
            return False
        h = self.tree.head(t)
        if h is None:
            return False
        return h.dep == "ROOT" or (h.dep == "conj" and (hh := self.tree.head(h)) is not None
                                   and hh.dep == "ROOT")

    def actors(self, t: Token | None) -> list[Actor]:
        """The actors of ``t`` and of its conjuncts ("Iran and Iraq")."""
        if t is None:
            return []
        out = []
        for c in self.tree.conjuncts(t)[:4]:
            a = self.actor_at(c)
            if a is not None:
                out.append(a)
                out.extend(self._shared_head(c, a))
                out.extend(self._of_several(c, a))
        if len({a.code for a in out if a.code}) > 1 and t.dep in ("nsubj", "nsubjpass"):
            self.mentions.add_group(t.idx, out)  # "Egypt's minister and his Greek counterpart"
        elif len(out) == 1 and t.text.lower() in GROUP_PRONOUNS:
            group = self.mentions.group_of(out[0])  # "They called on Turkey": all of them
            if group:
                return list(group)
        return out

    def _of_several(self, t: Token, actor: Actor) -> list[Actor]:
        """"the delegations of Cyprus, Greece and Israel", "the leaders of France and Germany":
        one role, several countries; the first is the resolved actor's."""
        if not actor.code:
            return []
        extra: list[Actor] = []
        for p in self.tree.children(t, ("prep",)):
            if p.lemma.lower() != "of":
                continue
            for o in self.tree.children(p, ("pobj",)):
                for c in self.tree.conjuncts(o)[1:5]:
                    other = self.resolve([c])
                    if other is not None and other.code and other.code != actor.code \
                            and other.code not in {x.code for x in extra}:
                        extra.append(replace(actor, code=other.code, name=other.name or actor.name))
        return extra

    def _shared_head(self, t: Token, actor: Actor) -> list[Actor]:
        """"US and British activists", "French and Egyptian warships": one noun, several
        countries. The first modifier's country is the resolved actor's; each conjoined
        modifier gives the same role its own country."""
        if not actor.code:
            return []
        extra = []
        for m in self.tree.children(t, ("amod", "compound", "nmod")):
            for c in self._modifier_conjuncts(m):
                other = self.resolve([c])
                if other is not None and other.code and other.code != actor.code and \
                        other.code not in {x.code for x in extra}:
                    extra.append(replace(actor, code=other.code, name=other.name or actor.name))
        return extra

    def _modifier_conjuncts(self, m: Token) -> list[Token]:
        """"Greek, Cypriot and French": the modifiers coordinated with ``m``, adjectives too."""
        out, todo = [], [m]
        while todo and len(out) < 5:
            for k in self.tree.children(todo.pop(), ("conj",)):
                out.append(k)
                todo.append(k)
        return out

    # -- roles -------------------------------------------------------------------------------
    def subject(self, v: Token) -> Token | None:
        tree, cur, came_by = self.tree, v, ""
        for _ in range(5):
            if (s := tree.child(cur, SUBJ)) is not None:
                if s.text.lower() in RELATIVE and cur.dep == "relcl" and tree.head(cur):
                    return self._antecedent(tree.head(cur), s)
                return s
            if (a := tree.child(cur, ("agent",))) is not None and (p := tree.child(a, ("pobj",))):
                return p
            if cur.dep == "relcl" or (cur.dep == "acl" and self._acting_head(cur)):
                # "protesters demanding ...", "a group protested"; but "posted a message on
                # Twitter blaming Iran": whoever posted it
                return self._sender(tree.head(cur)) or tree.head(cur)
            if cur is not v and (ps := tree.child(cur, PASS_SUBJ)) is not None:
                # "is scheduled to attend": the passive subject attends; but "were killed in
                # shelling": the victims did not shell
                return ps if came_by == "xcomp" else None
            h = tree.head(cur)
            if cur.dep == "prep" and came_by == "pcomp" and h is not None and h.pos == "VERB":
                came_by, cur = "prep", h  # "resorted to throwing stones"
                continue
            if h is None or cur.dep not in INHERIT_DEPS:
                return None
            if cur.dep == "ccomp" and h.lemma.lower() in REPORTING:
                return None  # "..., medics said": the reporters are not the doers
            if cur.dep == "xcomp" and (o := tree.child(h, OBJ)) is not None:
                return o  # object control: "urged Iran to share"
            came_by, cur = cur.dep, h
        return None

    def verbal(self, tr: TriggerLike) -> tuple[Token | None, Token | None]:
        v, tree = tr.token, self.tree
        passive = tree.child(v, PASS_SUBJ)
        if passive is not None and v.lemma.lower() in STATIVE_PASSIVES and not tree.child(v, ("agent",)):
            return passive, self.recipient(v, skip=set(tr.consumed))  # "they are engaged in combat"
        if passive is not None:
            agent = tree.child(v, ("agent",))
            actor = tree.child(agent, ("pobj",)) if agent else None
            if actor is not None and actor.lemma.lower() in MISHAPS:
                actor = None  # "victims killed by the crash": no one acted
            if actor is None or actor.lemma.lower() in CAUSE_NOUNS:
                actor = self.cause_agent(v) or actor
            if passive.lemma.lower() in PROJECTILES:  # "a mortar bomb was fired at it"
                return actor, self.recipient(v, skip=set(tr.consumed))
            if passive.text.lower() in RELATIVE and v.dep == "relcl" and tree.head(v):
                passive = tree.head(v)  # "Lam, who is supported by Beijing": Lam is
            return actor, passive
        if v.dep == "advcl" and v.tag == "VBN" and not tree.children(v, tuple(SUBJ | PASS_SUBJ)) \
                and not tree.children(v, ("aux", "auxpass")):
            # "Tarrant appeared in court, charged with murder": a passive participle's
            # subject is what it was done to; its doer is the agent, if any
            agent = tree.child(v, ("agent",))
            return (tree.child(agent, ("pobj",)) if agent else None), self.subject(v)
        if v.dep == "acl" and v.tag == "VBN" and not self._acting_head(v):
            # "a claim made by Iran's foreign minister"
            agent = tree.child(v, ("agent",))
            doer = tree.child(agent, ("pobj",)) if agent else None
            return (None if doer is not None and doer.lemma.lower() in MISHAPS else doer), tree.head(v)
        subject = self.subject(v)
        if v.lemma.lower() in RECEIVING and tr.pattern.constraints:
            giver = next((self.tree.child(p, ("pobj",)) for p in self.tree.children(v, ("prep",))
                          if p.lemma.lower() == "from"), None)
            if giver is not None:  # "demonstrators received weapons from the government"
                return giver, subject
        if subject is not None and subject.lemma.lower() in CONTENT_NOUNS:
            subject = self._owner(subject) or subject  # "calls by UK officials asking ..."
        if subject is not None and subject.lemma.lower() in MISHAPS:
            return None, self.recipient(v, skip=set(tr.consumed))
        placed = subject is not None and subject.lemma.lower() in CAUSE_NOUNS and any(
            self._capital_named(k) for k in tree.children(subject, ("compound",)))
        if placed:  # "a Kabul car bombing killed five": a place, and no doer named
            subject = self._cause_doer(subject)  # type: ignore[arg-type]
        if subject is not None and subject.lemma.lower() in CAUSE_NOUNS and not self._codable(subject):
            subject = self._cause_doer(subject) or subject
        if subject is None or (subject.lemma.lower() in CAUSE_NOUNS and not self._codable(subject)):
            subject = self.cause_agent(v) or subject
        if subject is None and v.dep == "ROOT" and not placed:
            subject = self._stranded_subject(v)
        return subject, self.recipient(v, skip=set(tr.consumed))

    def _sender(self, noun: Token | None) -> Token | None:
        """Who sent a message a participle hangs on: "the ministry issued a statement
        condemning ...", "Pompeo posted a message on Twitter blaming ...", "said in a
        letter urging ..." -- the subject of the verb the message belongs to."""
        tree = self.tree
        if noun is None:
            return None
        up = tree.head(noun)
        if noun.dep == "pobj" and up is not None and up.dep == "prep" \
                and (carrier := tree.head(up)) is not None \
                and carrier.lemma.lower() in MESSAGE_NOUNS:
            noun = carrier  # "a message on Twitter"
        if noun.lemma.lower() not in MESSAGE_NOUNS:
            return None
        verb = tree.head(noun)
        if noun.dep == "pobj" and verb is not None and verb.dep == "prep":
            verb = tree.head(verb)  # "said in a statement"
        if verb is None or verb.pos not in ("VERB", "AUX") or noun.dep not in ("dobj", "pobj"):
            return None
        return tree.child(verb, SUBJ)

    def _acting_head(self, acl: Token) -> bool:
        """The noun an acl clause hangs on is its doer: a participle ("protesters demanding"),
        or a finite verb the parser took for one, which shows when the noun is the root of
        the sentence ("Palestinian youths resorted to throwing stones")."""
        h = self.tree.head(acl)
        return acl.tag in ACTIVE_TAGS or (h is not None and h.dep == "ROOT" and h.pos != "VERB"
                                          and self.tree.child(acl, ("agent",)) is None)

    def _stranded_subject(self, v: Token) -> Token | None:
        """A main verb the parser left without a subject ("With the signing of an MOU, the
        government and the rebels have agreed ..." hangs the subject under the opening phrase):
        the nearest codable noun before it, within its own clause."""
        for t in reversed(self.tree.tokens[:v.i]):
            if t.pos in ("VERB", "AUX") and t.dep != "aux":
                return None
            if t.pos in ("NOUN", "PROPN") and t.dep in ("conj", "appos", "pobj", "nsubj") \
                    and self._codable(t):
                while t.dep == "conj" and (h := self.tree.head(t)) is not None \
                        and h.pos in ("NOUN", "PROPN") and self._codable(h):
                    t = h  # the first of "the government and SPLM/A"
                return t
        return None

    def cause_agent(self, v: Token) -> Token | None:
        """The doer named inside the cause of harm: "killed in Israeli tank shelling" (Israel),
        "killed in an air strike by government forces", "a bombing by the rebels killed ..."."""
        tree = self.tree
        causes = [k for k in tree.children(v, SUBJ) + tree.children(v, ("agent",))]
        causes += [k for p in tree.children(v, ("prep", "agent")) if p.lemma.lower() in CAUSE_PREPS
                   for k in tree.children(p, ("pobj",))]
        for c in causes:
            c = tree.child(c, ("pobj",)) if c.dep == "agent" else c
            if c is not None and (doer := self._cause_doer(c)) is not None:
                return doer
        return None

    def _cause_doer(self, c: Token) -> Token | None:
        if c.lemma.lower() not in CAUSE_NOUNS:
            return None
        for k in self.tree.children(c, NOMINAL_ACTOR_DEPS):
            if self._codable(k) and not self._capital_named(k):
                return k
        for p in self.tree.children(c, ("prep", "agent")):
            o = self.tree.child(p, ("pobj",))
            if p.lemma.lower() == "by" and o is not None and self._codable(o):
                return o
        return None

    def _capital_named(self, k: Token) -> bool:
        """"a Kabul car bombing", "the Paris attacks": a capital named on an attack is where it
        happened; the government the capital stands for elsewhere ("Kabul said") did not do
        it. A country's name ("a US drone strike") still names the doer."""
        if k.dep != "compound" or k.ent_type != "GPE":
            return False
        a = self.actor_at(k)
        return a is not None and a.kind == "country" and a.sector == "GOV" \
            and bool(a.name) and (a.text or "").lower() != (a.name or "").lower()

    def _antecedent(self, noun: Token, pronoun: Token) -> Token:
        """What a relative pronoun stands for. "which" after "an air raid on the city of X"
        is the raid, not the city the parser attached it to."""
        if pronoun.text.lower() != "which":
            return noun
        cur = noun
        for _ in range(4):
            if cur.lemma.lower() in CAUSE_NOUNS:
                return cur
            if cur.dep != "pobj" or (p := self.tree.head(cur)) is None or (h := self.tree.head(p)) is None:
                return noun
            cur = h
        return noun

    def recipient(self, v: Token, *, skip: set[int] = frozenset()) -> Token | None:
        """The first codable dative, object or prepositional object; the prepositions of words
        a pattern consumed count too ("carried out attacks against officials")."""
        tree = self.tree
        order = tree.children(v, ("dative",)) + tree.children(v, OBJ)
        preps = tree.children(v, ("prep",))
        for i in skip:
            preps += tree.children(tree.tokens[i], ("prep",))
        preps.sort(key=lambda p: RECIPIENT_PREPS.index(p.lemma.lower())
                   if p.lemma.lower() in RECIPIENT_PREPS else 99)
        for p in preps:
            if p.lemma.lower() in RECIPIENT_PREPS:
                order += tree.children(p, ("pobj",))
        for t in order:
            found = self._recipient_np(t)
            if found is not None:
                return found
        return None

    def _recipient_np(self, t: Token) -> Token | None:
        if t.lemma.lower() in CONTENT_NOUNS or t.lemma.lower() == "intelligence":
            return self._owner(t)
        if _where_or_when(t):
            return None  # "on Streatham High Road", "on Sunday": a place or a time, no one
        a = self.actor_at(t)
        if a is not None and (a.code or a.sector):
            return t
        poss = self.tree.child(t, ("poss",))  # "raids on their hideouts" -> whoever "their" is
        if poss is not None and poss.pos == "PRON" and self._codable(poss):
            return poss
        return None

    def patient(self, v: Token) -> Token | None:
        """What a verb acts on, codable or not: its object, passive subject, or the noun a
        participle modifies ("a statement released by ...")."""
        found = self.tree.child(v, OBJ) or self.tree.child(v, PASS_SUBJ)
        if found is None and v.dep == "acl":
            found = self.tree.head(v)
        return found

    def _owner(self, noun: Token) -> Token | None:
        """Who made a claim: "Iran's claim", "claims by Iran", "a claim made by Iran"."""
        tree = self.tree
        if (p := tree.child(noun, ("poss",))) is not None:
            return p
        for k in tree.children(noun):
            if k.dep == "prep" and k.lemma.lower() in ("by", "from", "of"):
                if (o := tree.child(k, ("pobj",))) is not None:
                    return o
            if k.dep == "acl" and (ag := tree.child(k, ("agent",))) is not None:
                return tree.child(ag, ("pobj",))
        return None

    def nominal(self, tr: TriggerLike) -> tuple[Token | None, Token | None]:
        n, tree = tr.token, self.tree
        actor = self._owner(n) if n.lemma.lower() in CONTENT_NOUNS else None
        role_only = None
        if actor is None:
            mods = [k for k in tree.children(n, NOMINAL_ACTOR_DEPS)
                    if self._codable(k) and not self._capital_named(k)]
            actor = next((k for k in mods if (a := self.actor_at(k)) is not None and a.code), None)
            role_only = mods[0] if mods and actor is None else None
        if actor is None:
            by = next((k for k in tree.children(n, ("prep", "agent")) if k.lemma.lower() == "by"), None)
            actor = tree.child(by, ("pobj",)) if by is not None else None
        if actor is None and tr.light is not None:
            # "Turkey launched a military offensive": the light verb's subject, not "military"
            actor = self.subject(tr.light)
        if actor is None or (role_only is not None and not self._codable(actor)):
            actor = role_only or actor
        if actor is None and n.dep == "nsubj" and tree.head(n) is not None:
            actor = None  # "the attack killed ..." names no actor
        recipient = None
        for p in tree.children(n, ("prep",)):
            if p.lemma.lower() in ("against", "on", "upon", "with", "to", "of", "at", "toward", "towards"):
                o = tree.child(p, ("pobj",))
                if o is not None and o is not actor and self._codable(o):
                    recipient = o
                    break
                if o is not None and p.lemma.lower() == "of":  # "a suspension of air links with Serbia"
                    inner = next((x for q in tree.children(o, ("prep",))
                                  if q.lemma.lower() in ("with", "to", "for", "against")
                                  for x in tree.children(q, ("pobj",)) if self._codable(x)), None)
                    if inner is not None and inner is not actor:
                        recipient = inner
                        break
        if recipient is None and (acl := tree.child(n, ("acl",))) is not None:
            recipient = self.recipient(acl)  # "attacks targeting foreigners"
        return actor, recipient

    def _codable(self, t: Token) -> bool:
        a = self.actor_at(t)
        return a is not None and bool(a.code or a.sector)


# heads of phrases that say where or when: a street is no target, a weekday no doer
SITE_HEADS = {"road", "street", "avenue", "square", "boulevard", "highway", "lane", "bridge",
              "plaza", "park", "station", "airport", "mall", "market", "store", "shop",
              "hospital", "building", "stadium", "hotel", "church", "mosque", "temple", "school"}
TIME_ENTS = {"DATE", "TIME"}


def _where_or_when(t: Token) -> bool:
    """"On Streatham High Road", "on Sunday": a place or a time. A facility that is the verb's
    own object is what was acted on ("banned Iranian airline Mahan Air", which the tagger may
    call a facility)."""
    return t.ent_type in TIME_ENTS or (t.ent_type == "FAC" and t.dep != "dobj") or (
        t.pos == "PROPN" and t.lemma.lower() in SITE_HEADS) or t.lemma.lower() in {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


GROUP_PRONOUNS = frozenset({"they", "them"})
# heads of the names of bodies, never of a person's
INSTITUTIONS = frozenset({"house", "assembly", "council", "court", "senate", "congress",
                          "parliament", "ministry", "office", "committee", "commission",
                          "department", "agency", "bureau", "tribunal", "cabinet", "party",
                          "front", "movement", "forces", "army", "guard", "police"})


def _person_name(toks: Sequence[Token]) -> str | None:
    """The words of the first run of person-tagged tokens: "Sharif Hotak", not "Sharif Hotak
    Maidan Wardak" from "Sharif Hotak of Maidan Wardak"."""
    names: list[str] = []
    for t in toks:
        if t.ent_type == "PERSON":
            names.append(t.text)
        elif names:
            break
    return " ".join(names) if names else None


def _definite(toks: Sequence[Token]) -> bool:
    return any(t.lemma.lower() in ("the", "this", "that", "these", "those") for t in toks[:2])


def _as_text(actor: Actor, toks: Sequence[Token], *, sector: str | None = None) -> Actor:
    text = " ".join(t.text for t in toks)
    return Actor(text=text, code=actor.code, sector=sector or actor.sector, name=actor.name,
                 start=toks[0].idx if toks else None,
                 end=toks[-1].idx + len(toks[-1].text) if toks else None, kind=actor.kind)
