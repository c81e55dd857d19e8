"""Attributed statements and the responses between them, within one article.

What is found, sentence by sentence:
- reported speech: a cue verb with a content clause ("X stated that ...", "X has been claiming
  that ...");
- a cue verb with an object that is what is claimed: "claimed responsibility for the attack",
  "alleged Iranian involvement", "denied involvement", "confirmed the deaths";
- characterisations: "X called the attack an act of barbarity", "described the strike as
  defensive";
- "according to X, ...";
- nominal claims: "Iran's claim that ...", which also stand as the claim they name;
- direct quotes (``_quotes``), over several sentences and paragraphs;
- responses: a denial or dispute of a claim noun ("rejected these claims"), a demand for the
  evidence behind it ("requested more information from Iran"), a reasoned counter-argument
  attached to a denial ("..., emphasizing that Afghanistan does not share a border"), and an
  agreement with what was just said ("Hataman agreed, saying ...").
A negated cue makes no claim ("did not say whether", "did not deny"). Who speaks is found by
``_speakers`` (statements, sources, platforms, outlets).

Once the whole article is read, ``_Ledger.settle`` gives each claim its stance from the whole
statement (``_stance``: "said there was no evidence that ..." disputes; "acknowledged" what the
same speaker denied retracts the denial) and links responses to the claims they answer
(``_links``).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from dotterel.claims import _cues as C
from dotterel.claims import _reactions as R
from dotterel.claims._links import Hint, overlap, own_denial, pick
from dotterel.claims._quotes import attributions, quote_spans
from dotterel.claims._speakers import Speakers
from dotterel.claims._stance import ADMIT_CUES, content_stance, cue_stance, statement_stance
from dotterel.records import Actor, Claim, Event, ParsedArticle, Sentence, Token
from dotterel.syntax import ArgumentFinder, Mentions, Resolver, Tree

OVERLAP_SAME = 0.6  # a nominal claim that repeats a coded claim this much is the same claim
FIRST_PERSON = frozenset({"i", "we"})
QUOTE_CUES = frozenset(C.ASSERT_CUES - C.LABEL_VERBS - C.NOT_QUOTE_CUES)
PARSE_STANCES = ("denies", "disputes", "demands_evidence", "retracts")
DOCUMENT_REACH = 600  # characters: "the summary" may take the issuer of a statement this close


class ClaimCoder:
    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def code(self, parsed: ParsedArticle, *, mentions: Mentions | None = None,
             events: Sequence[Event] = ()) -> list[Claim]:
        ledger = _Ledger(parsed.article.id)
        ledger.events = events
        ledger.quotes = quote_spans(parsed.article.text)
        mentions = mentions if mentions is not None else Mentions()
        finders: dict[int, _SentenceClaims] = {}
        for sent in parsed.sentences:
            tree = Tree(sent)
            finders[sent.index] = _SentenceClaims(tree, ArgumentFinder(tree, self.resolve, mentions),
                                                  ledger)
            finders[sent.index].run()
        for span, sent, cue in attributions(parsed.sentences, parsed.article.text, QUOTE_CUES,
                                            documents=C.DOCUMENT_NOUNS):
            finders[sent.index].quote(span, cue, parsed.article.text)
        ledger.claims = [_about_quote(c, parsed.sentences, finders) for c in ledger.claims]
        ledger.claims = [c if (s := _local(mentions.at_home(c.speaker), mentions)) is c.speaker
                         else replace(c, speaker=s) for c in ledger.claims]
        ledger.settle()
        return ledger.claims


def _local(speaker: Actor | None, mentions: Mentions) -> Actor | None:
    """A source the article gives no affiliation that codes ("an anonymous source", "a
    report", "Scripps Oceanography director Margaret Leinen") is, by default, of the country
    the story is set in, as unnamed domestic actors are."""
    if speaker is None or speaker.code or speaker.sector or not mentions.home_code \
            or not (speaker.text or "").strip() or speaker.kind == "pronoun":
        return speaker
    return replace(speaker, code=mentions.home_code)


class _Ledger:
    """The claims of one article so far, what the text says about the claims they answer, and
    the statements (documents) whose issuer is known."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.claims: list[Claim] = []
        self.hints: dict[str, Hint] = {}
        self.fixed: set[str] = set()  # stance set by the parse: not revised from the content
        self.follows: dict[str, str] = {}  # a counter-argument -> the response it backs
        self.quotes: list[tuple[int, int]] = []  # the article's quote spans
        self.documents: list[tuple[int, str, Actor]] = []  # (offset, noun lemma, issuer)
        self.framings: list[R.Framing] = []  # speakers told as critics or admirers of an act
        self.events: Sequence[Event] = ()  # the article's candidate events: who did what

    def add(self, sent: Sentence, *, speaker: Actor | None, cue: Token, content: Sequence[Token],
            stance: str, about: tuple[str, ...] = (), hint: Hint | None = None,
            fixed: bool = False) -> Claim:
        start, end = _span(content, cue)
        text = sent.text[start - sent.start:end - sent.start]
        cid = hashlib.sha1(f"{self.article_id}|{sent.index}|{cue.idx}|{stance}|{start}"
                           .encode()).hexdigest()[:16]
        for old in self.claims:
            if old.id == cid:
                return old
        claim = Claim(id=cid, sentence=sent.index, speaker=speaker, cue=cue.text, content=text,
                      content_start=start, content_end=end, stance=stance,
                      cue_start=cue.idx, about=about)
        self.claims.append(claim)
        self.hints[cid] = hint or Hint(lemma=cue.lemma.lower())
        if fixed:
            self.fixed.add(cid)
        return claim

    def add_text(self, sent: Sentence, *, speaker: Actor | None, cue: Token, start: int,
                 content: str, stance: str) -> Claim:
        """A claim whose content is a stretch of text rather than a clause (a quote)."""
        cid = hashlib.sha1(f"{self.article_id}|q|{cue.idx}|{start}".encode()).hexdigest()[:16]
        claim = Claim(id=cid, sentence=sent.index, speaker=speaker, cue=cue.text, content=content,
                      content_start=start, content_end=start + len(content), stance=stance,
                      cue_start=cue.idx)
        self.claims.append(claim)
        self.hints[cid] = Hint(lemma=cue.lemma.lower())
        return claim

    def issuer(self, lemma: str, before: int) -> Actor | None:
        """Who issued the latest statement of this kind before ``before`` ("the statement"),
        else the latest statement of any kind just before ("issued a ruling" ... "the summary
        of the decision read")."""
        for offset, noun, actor in reversed(self.documents):
            if offset < before and noun == lemma:
                return actor
        for offset, _, actor in reversed(self.documents):
            if before - DOCUMENT_REACH <= offset < before:
                return actor
        return None

    def settle(self) -> None:
        """Stance from the whole statement, then the links, once the article is read: a
        response told before the claim it answers (a headline) is linked too."""
        for n, c in enumerate(self.claims):
            hint = self.hints.get(c.id, Hint())
            stance = c.stance if c.id in self.fixed else statement_stance(c.stance, c.content)
            if hint.lemma in ADMIT_CUES and (denial := own_denial(self.claims, c)) is not None:
                self.claims[n] = replace(c, stance="retracts", responds_to=denial.id)
            elif stance != c.stance:
                self.claims[n] = replace(c, stance=stance)
        for n, c in enumerate(self.claims):
            if c.stance == "asserts" or c.responds_to is not None or c.id in self.follows:
                continue
            found = pick(self.claims, c, self.hints.get(c.id, Hint()))
            if found is not None:
                self.claims[n] = replace(c, responds_to=found.id)
        by_id = {c.id: c for c in self.claims}
        for n, c in enumerate(self.claims):  # a counter-argument answers what its denial answers
            lead = by_id.get(self.follows.get(c.id, ""))
            if lead is not None and lead.responds_to and c.stance != "asserts":
                self.claims[n] = replace(c, responds_to=lead.responds_to)
        self.claims = R.react(self.claims, self.framings, self.events)


def _about_quote(c: Claim, sentences: Sequence[Sentence],
                 finders: dict[int, _SentenceClaims]) -> Claim:
    """What a quote mentions, over every sentence it spans ('"... the Islamic Republic of Iran
    ... ," he said' is told in one sentence and attributed in the next)."""
    keys = set(c.about)
    for sent in sentences:
        if sent.start < c.content_end and c.content_start < sent.start + len(sent.text) \
                and sent.index != c.sentence:
            inside = [t for t in sent.tokens if c.content_start <= t.idx < c.content_end]
            keys.update(finders[sent.index]._about(inside))
    return c if keys == set(c.about) else replace(c, about=tuple(sorted(keys)))


def _span(content: Sequence[Token], cue: Token) -> tuple[int, int]:
    if not content:
        return cue.idx, cue.idx + len(cue.text)
    toks = [t for t in content if t.pos != "PUNCT"] or list(content)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


class _SentenceClaims(Speakers):
    """The claims of one sentence, added to the article's ledger."""

    def __init__(self, tree: Tree, args: ArgumentFinder, ledger: _Ledger) -> None:
        self.tree, self.args, self.ledger = tree, args, ledger
        self.sent = tree.sent

    def run(self) -> None:
        self._documents()
        self._introductions()
        for t in self.tree.tokens:
            if t.pos in ("VERB", "AUX", "NOUN", "PROPN"):
                self._nominal_claim(t) if t.pos in ("NOUN", "PROPN") else self._verb(t)
                self._frame_noun(t) if t.pos == "NOUN" else self._frame_verb(t)
            if t.lemma.lower() == "be" and t.pos in ("AUX", "VERB"):
                self._told_as(t)
        self._according_to()

    def _add(self, *, content: Sequence[Token], **kw) -> Claim | None:
        speaker = kw.get("speaker")
        if speaker is not None and speaker.text and speaker.text.split()[-1].lower().rstrip("s") \
                in C.NOT_SPEAKERS:
            return None  # "a banner saying 'united in diversity'"
        return self.ledger.add(self.sent, content=content, about=self._about(content), **kw)

    def _about(self, content: Sequence[Token]) -> tuple[str, ...]:
        """Codes and names of the actors a claim's content mentions ("isis", "AFG")."""
        keys: set[str] = set()
        for t in content:
            if t.pos == "PROPN" or (t.pos == "NOUN" and t.dep in ("nsubj", "nsubjpass", "dobj", "pobj")):
                a = self.args.actor_at(t)
                if a is not None and a.code:
                    keys.add(a.code)
            elif t.pos == "ADJ" and t.ent_type == "NORP":  # "alleged Iranian involvement"
                a = self.args.resolve([t])
                if a is not None and a.code:
                    keys.add(a.code)
            if t.pos == "PROPN" and len(t.text) > 1:
                keys.add(t.text.lower())
        return tuple(sorted(keys))

    # -- quotes -------------------------------------------------------------------------------
    def quote(self, span: tuple[int, int], cue: Token, text: str) -> None:
        """A direct quote attributed by ``cue``: it replaces the reported-speech claim of the
        same cue when it is longer (a quote over several sentences)."""
        speaker = self._speaker(cue)
        content = text[span[0]:span[1]].strip(" ,.")
        start = span[0] + text[span[0]:span[1]].index(content[:1]) if content else span[0]
        end = start + len(content)
        for n, c in enumerate(self.ledger.claims):
            overlaps = c.content_start < end and start < c.content_end
            if c.cue_start == cue.idx and overlaps and c.stance not in PARSE_STANCES:
                if len(content) > len(c.content):  # the quote, whole, over several sentences
                    self.ledger.claims[n] = replace(c, content=content, content_start=start,
                                                    content_end=end)
                return
        stance = cue_stance(cue.lemma.lower(), C.CUE_STANCE.get(cue.lemma.lower()),
                            self._clause_words(cue)) or "asserts"
        if stance == "asserts" and self._contrary(cue):
            stance = "disputes"
        claim = self.ledger.add_text(self.sent, speaker=speaker, cue=cue, start=start,
                                     content=content, stance=stance)
        inside = [t for t in self.tree.tokens if start <= t.idx < end]
        if inside:
            self.ledger.claims[-1] = replace(claim, about=self._about(inside))

    # -- verbs --------------------------------------------------------------------------------
    def _verb(self, v: Token) -> None:
        if any(a <= v.idx < b for a, b in self.ledger.quotes):
            return  # "we can say that ..." inside a quote is the quoted speaker's wording
        if v.dep in ("advcl", "xcomp", "acl", "relcl") and any(
                k.dep == "aux" and k.lemma.lower() == "to" for k in self.tree.children(v)):
            return  # "... to confirm if he is fit": a purpose, not a statement
        lemma = v.lemma.lower()
        stance = C.CUE_STANCE.get(lemma)
        obj = self.tree.child(v, ("dobj",))
        if stance and obj is not None and obj.lemma.lower() in C.CLAIM_NOUNS:
            return self._response(v, obj, stance)
        if lemma in C.DEMAND_VERBS and self._evidence_object(v):
            return self._demand(v)
        clause = self.tree.child(v, ("ccomp",))
        if lemma in C.LABEL_VERBS:
            return self._label(v)
        if clause is not None and (lemma in C.ASSERT_CUES or stance):
            self._reported(v, clause, stance or "asserts")
        elif lemma in QUOTE_CUES and (content := self._before_cue(v)) \
                and (who := self._inverted_subject(v)) is not None:
            self._add(speaker=self.speaker_at(who), cue=v, content=content, stance="asserts")
        elif lemma in ("accuse", "blame", "charge") and obj is not None:
            first = self.tree.subtree(obj.i)[0].i
            content = [t for t in self.tree.tokens if t.i >= first and self._under(t, v)]
            self._add(speaker=self._speaker(v), cue=v, content=content,
                      stance="asserts")
        elif lemma in C.OBJECT_CUES and obj is not None and clause is None:
            self._object_claim(v, obj, stance or "asserts")

    def _before_cue(self, v: Token) -> list[Token]:
        """"It is not for the court to opine, argued the government's lawyer": a cue after a
        comma at the end of the sentence, its speaker after it and no clause of its own, says
        what comes before the comma (a quote without quote marks). The parser reads the cue as
        joined to the main clause."""
        h = self.tree.head(v)
        toks = self.tree.tokens
        if v.dep not in ("conj", "parataxis") or h is None or h.dep != "ROOT" or v.i < 3 \
                or toks[v.i - 1].text != "," or self._inverted_subject(v) is None \
                or self.tree.children(v, ("nsubj", "nsubjpass", "ccomp", "xcomp")) \
                or self._quoted(toks[v.i - 2]):
            return []
        words = [t for t in toks[:v.i - 1] if t.pos != "PUNCT" or t.i > 0]
        return words if len([t for t in words if t.pos != "PUNCT"]) >= 4 else []

    def _under(self, t: Token, v: Token) -> bool:
        return t.i != v.i and v in self.tree.ancestors(t)

    def _clause_words(self, v: Token) -> set[str]:
        """The cue's negation and auxiliaries, and the verbs that govern it as their infinitive
        ("could not confirm", "declined to confirm", "appeared to confirm")."""
        own = self.tree.children(v, ("neg", "aux"))
        own += [n for k in own if k.dep == "aux" for n in self.tree.children(k, ("neg",))]
        words = {k.lemma.lower() for k in own} | {k.text.lower() for k in own if k.dep == "neg"}
        cur = v
        for _ in range(2):
            h = self.tree.head(cur)
            if h is None or cur.dep != "xcomp":
                break
            words.add(h.lemma.lower())
            words |= {k.lemma.lower() for k in self.tree.children(h) if k.dep in ("neg", "aux")}
            cur = h
        return words

    def _reported(self, v: Token, clause: Token, stance: str) -> None:
        if stance == "asserts" and self._is_response(clause):
            return  # "stated that they reject Iran's claim": the rejection is the claim
        stance = cue_stance(v.lemma.lower(), stance, self._clause_words(v))
        if stance is None:
            return  # "did not deny that ...", "declined to confirm whether ...": no claim
        content = self.tree.subtree(clause.i)
        content = [t for t in content if not (t.dep == "mark" and t.head == clause.i)]
        speaker = self._speaker(v)
        hint, fixed, lead = Hint(lemma=v.lemma.lower()), False, None
        reaction = self._reaction(v) if stance == "asserts" else None
        if stance == "asserts" and (lead := self._counter_argument(v)) is not None:
            stance, fixed = "disputes", True
        elif reaction is not None:
            stance, hint = reaction, Hint(lemma=v.lemma.lower(), pointed=True)
        elif stance == "asserts" and self._own_denial(content, speaker):
            stance = "denies"
        elif stance == "asserts" and self._contrary(v):
            stance = "disputes"
        claim = self._add(speaker=speaker, cue=v, content=content, stance=stance, hint=hint,
                          fixed=fixed)
        if lead is not None and claim is not None:
            self.ledger.follows[claim.id] = lead

    def _object_claim(self, v: Token, obj: Token, stance: str) -> None:
        """"claimed responsibility for the attack", "alleged Iranian involvement", "denied
        involvement", "confirmed the deaths": what is claimed is the object."""
        stance = cue_stance(v.lemma.lower(), stance, self._clause_words(v))
        if stance is None or self.tree.children(v, ("nsubjpass", "auxpass")):
            return
        if any(p.lemma.lower() == "as" for p in self.tree.children(v, ("prep",))):
            return  # "acknowledged Haitham as the new Sultan": a recognition, not a claim
        subject = self.tree.child(v, ("nsubj",))
        if subject is not None and (subject.lemma.lower() in ("nobody", "none", "no one") or any(
                k.lemma.lower() == "no" for k in self.tree.children(subject, ("det",)))):
            return  # "No group claimed responsibility"
        content = [t for k in self.tree.children(v)
                   if k.i > v.i and k.dep in ("dobj", "prep", "dative")
                   for t in self.tree.subtree(k.i)]
        words = [t for t in content if t.pos != "PUNCT"]
        if len(words) < 2 and obj.lemma.lower() not in C.OBJECT_NOUNS:
            return  # "confirmed it", "announced them"
        self._add(speaker=self._speaker(v), cue=v, content=content, stance=stance,
                  hint=Hint(lemma=v.lemma.lower(), pointed=self._definite(obj),
                            head=obj.lemma.lower()))

    def _label(self, v: Token) -> None:
        """"called the stabbing an act of barbarity", "described the attacks as a dastardly
        act", "calling it 'an aggression on Iraq'": what is called, and what it is called."""
        if self.tree.children(v, ("prt",)) or any(
                p.lemma.lower() in ("for", "on", "upon", "off", "in") for p in
                self.tree.children(v, ("prep",))):
            return  # "called for restraint", "called on Iran to ...", "called off the talks"
        objs = self.tree.children(v, ("dobj", "oprd"))
        if not objs or self.tree.children(v, ("nsubjpass", "auxpass")):
            return  # "Zimbabwe was called the breadbasket of Africa": by whom, the text says not
        content = [t for k in self.tree.children(v)
                   if k.i > v.i and k.dep in ("dobj", "oprd", "punct")
                   for t in self.tree.subtree(k.i) if t.i > v.i]
        inner = [k for o in objs for k in self.tree.subtree(o.i) if k is not o]
        names_it = (len(objs) > 1 or any(k.dep == "dobj" for k in inner)  # "X an act of Y"
                    or any(t.pos == "ADJ" and t.i > objs[0].i for t in content)  # "X swift"
                    or any(t.lemma.lower() == "as" and t.dep == "prep" for t in content))
        words = [t for t in content if t.pos != "PUNCT"]
        # "experts called this dubious": a judgment of what was just said
        pointing = bool(words) and words[0].text.lower() in R.DEMONSTRATIVES \
            and content_stance(_text(content)) is not None
        if not pointing and (not names_it or len(words) < 3):
            return  # "called the minister", "described the scene"
        self._frame_label(v, objs[0], content)
        lead = self._counter_argument(v)  # "denounced the conclusions, calling the deal legal"
        claim = self._add(speaker=self._speaker(v), cue=v, content=content,
                          stance="disputes" if lead else "asserts", fixed=lead is not None,
                          hint=Hint(lemma=v.lemma.lower(), pointed=pointing))
        if lead is not None and claim is not None:
            self.ledger.follows[claim.id] = lead

    # -- reactions (``_reactions``) ------------------------------------------------------------
    def _frame_verb(self, v: Token) -> None:
        """"USCIRF criticized the move", "spoke out against the attack", "welcomed Trump's
        decision": the subject is told as a critic (an admirer) of the act."""
        lemma = v.lemma.lower()
        if v.pos != "VERB" or self.tree.is_negated(v):
            return
        stance = "disputes" if lemma in R.CRITIC_VERBS else "supports" if lemma in R.PRAISE_VERBS \
            else None
        obj = self.tree.child(v, ("dobj",))
        if stance is None and lemma in R.AGAINST_VERBS:
            against = next((p for p in self.tree.children(v, ("prep",))
                            if p.lemma.lower() == "against"), None)
            obj = self.tree.child(against, ("pobj",)) if against is not None else None
            stance = "disputes" if obj is not None else None
        if stance is None or obj is None or obj.lemma.lower() in C.CLAIM_NOUNS:
            return  # "rebuked Iran's claim" answers that claim itself (``_response``)
        critic = self._speaker(v)
        if critic is None:
            return
        named, author = self._author(obj)
        if named or obj.lemma.lower() in R.ACT_NOUNS:
            self.ledger.framings.append(R.Framing(self.sent.index, critic, stance, author, named,
                                                  act=obj.lemma.lower()))

    def _frame_noun(self, noun: Token) -> None:
        """"despite criticism by the Greek foreign minister and UNESCO": each is a critic of
        what the subject of the verb it qualifies did."""
        lemma = noun.lemma.lower()
        stance = "disputes" if lemma in R.CRITIC_NOUNS else "supports" if lemma in R.PRAISE_NOUNS \
            else None
        by = next((k for k in self.tree.children(noun, ("prep",))
                   if k.lemma.lower() in ("by", "from")), None)
        first = self.tree.child(by, ("pobj",)) if by is not None and stance else None
        prep = self.tree.head(noun) if noun.dep == "pobj" else None
        verb = self.tree.head(prep) if prep is not None and prep.dep == "prep" else None
        if first is None or stance is None or verb is None or verb.pos not in ("VERB", "AUX"):
            return
        subject = self.args.subject(verb)
        author = self.args.actor_at(subject) if subject is not None else None
        if author is None:
            return
        for t in [first, *self.tree.conjuncts(first)]:
            if (critic := self.speaker_at(t)) is not None:
                self.ledger.framings.append(R.Framing(self.sent.index, critic, stance, author, True))

    def _frame_label(self, v: Token, obj: Token, content: Sequence[Token]) -> None:
        """"called Trump's order swift, forceful and decisive": a label that judges an act
        whose author the text names."""
        named, author = self._author(obj)
        stance = R.label_stance(_text(content))
        critic = self._speaker(v)
        if named and stance is not None and critic is not None:
            self.ledger.framings.append(R.Framing(self.sent.index, critic, stance, author, True))

    def _author(self, obj: Token) -> tuple[bool, Actor | None]:
        """Whose act ``obj`` is, where the text names it ("Trump's order", "his authority",
        "the proclamation by Trump"): (named, the actor it resolves to)."""
        tok = self.tree.child(obj, ("poss",))
        for k in self.tree.children(obj) if tok is None else ():
            if k.dep == "prep" and k.lemma.lower() == "by":
                tok = self.tree.child(k, ("pobj",))
            elif k.dep == "acl" and (ag := self.tree.child(k, ("agent",))) is not None:
                tok = self.tree.child(ag, ("pobj",))
        if tok is None:
            return False, None
        return True, self.args.actor_at(tok)

    def _is_response(self, clause: Token) -> bool:
        lemma = clause.lemma.lower()
        obj = self.tree.child(clause, ("dobj",))
        if lemma in C.CUE_STANCE and obj is not None and obj.lemma.lower() in C.CLAIM_NOUNS:
            return True
        return lemma in C.DEMAND_VERBS and self._evidence_object(clause)

    def _counter_argument(self, v: Token) -> str | None:
        """A reason given alongside a denial ("rejected these claims, emphasizing that ...")
        disputes the claim the denial answers: the id of that denial."""
        h = self.tree.head(v)
        if v.dep not in ("advcl", "conj") or h is None:
            return None
        for c in reversed(self.ledger.claims):
            if c.sentence == self.sent.index and c.cue_start == h.idx and c.stance in ("denies", "disputes"):
                return c.id
        return None

    def _reaction(self, v: Token) -> str | None:
        """"Hataman agreed, saying ...": a verb of agreement (or disagreement) with no object
        of its own makes the reason given with it support (or dispute) what was just said."""
        h = self.tree.head(v)
        if v.dep not in ("advcl", "conj") or h is None or self.tree.children(h, ("dobj", "ccomp")):
            return None
        if any(p.lemma.lower() in ("on", "to") for p in self.tree.children(h, ("prep",))):
            return None  # "agreed on a ceasefire", "agreed to talks": an agreement, not assent
        lemma = h.lemma.lower()
        if lemma in C.AGREE_VERBS and not self.tree.is_negated(h):
            return "supports"
        if lemma in C.DISAGREE_VERBS:
            return "disputes"
        return None

    def _contrary(self, v: Token) -> bool:
        """"Bolton gave a different account, ...": the cue, or the verb it hangs from, tells an
        account that contradicts another, so what it says disputes that other account."""
        for verb in (v, self.tree.head(v) if v.dep in ("advcl", "conj") else None):
            if verb is None:
                continue
            for o in self.tree.children(verb, ("dobj",)):
                if o.lemma.lower() in C.ACCOUNT_NOUNS and any(
                        k.lemma.lower() in C.CONTRARY_WORDS
                        for k in self.tree.children(o, ("amod", "det"))):
                    return True
        return False

    def _own_denial(self, content: Sequence[Token], speaker: Actor | None) -> bool:
        """The content reports the speaker's own denial: "said it denied the report", "we
        reject these accusations"."""
        for t in content:
            if t.pos != "VERB" or C.CUE_STANCE.get(t.lemma.lower()) != "denies" \
                    or self.tree.is_negated(t):
                continue
            s = self.tree.child(t, ("nsubj",))
            if s is None:
                continue
            if s.text.lower() in FIRST_PERSON:
                return True
            a = self.args.actor_at(s) if s.pos == "PRON" else None
            if a is not None and speaker is not None and a.code and a.code == speaker.code:
                return True
        return False

    def _claim_owner(self, noun: Token) -> Actor | None:
        tok = self.args._owner(noun)
        return self.args.actor_at(tok) if tok is not None else None

    def _claim_content(self, noun: Token) -> list[Token]:
        for k in self.tree.children(noun):
            if k.dep in ("acl", "ccomp", "relcl") and any(
                    g.dep == "mark" and g.lemma.lower() == "that" for g in self.tree.children(k)):
                return [t for t in self.tree.subtree(k.i) if not (t.dep == "mark" and t.head == k.i)]
            if k.dep == "prep" and k.lemma.lower() in ("of", "about") and noun.lemma.lower() != "report":
                if self._claim_owner(noun) is not None or k.i > noun.i:
                    return self.tree.subtree(k.i)[1:]
        return []

    def _nominal_claim(self, noun: Token) -> None:
        """"Iran's claim that ISIS leaders moved" stands as Iran's assertion."""
        if noun.lemma.lower() not in C.CLAIM_NOUNS:
            return
        owner = self._claim_owner(noun)
        content = self._claim_content(noun)
        if owner is None or not content:
            return
        text = _text(content)
        if any(c.stance == "asserts" and overlap(text, c.content) > OVERLAP_SAME
               for c in self.ledger.claims):
            return
        self._add(speaker=owner, cue=noun, content=content, stance="asserts", fixed=True)

    def _told_as(self, be: Token) -> None:
        """"The government's counter-argument was that ...", "Iran's position is that ...": a
        claim told as what it is, by the owner of the subject; a counter-argument disputes."""
        subjects = self.tree.children(be, ("nsubj",))
        clause = next((k for k in self.tree.children(be, ("ccomp",)) if any(
            g.dep == "mark" and g.lemma.lower() == "that" for g in self.tree.children(k))), None)
        noun = next((s for s in reversed(subjects) if s.lemma.lower() in C.ARGUMENT_NOUNS), None)
        if clause is None or noun is None:
            return
        owners = [self._claim_owner(s) for s in subjects]
        owner = next((a for a in owners if a is not None), None)
        if owner is None:
            return
        words = {x.lower() for s in subjects for x in (s.text, s.lemma)}
        words |= {k.lemma.lower() for s in subjects for k in self.tree.children(s)}
        stance = "disputes" if words & C.COUNTER_WORDS else "asserts"
        content = [t for t in self.tree.subtree(clause.i)
                   if not (t.dep == "mark" and t.head == clause.i)]
        self._add(speaker=owner, cue=noun, content=content, stance=stance, fixed=True)

    def _response(self, v: Token, noun: Token, stance: str) -> None:
        stance = cue_stance(v.lemma.lower(), stance, self._clause_words(v))
        if stance is None or stance == "asserts":
            return  # "did not deny the report"
        self._nominal_claim(noun)
        owner = self._claim_owner(noun)
        content = self._claim_content(noun)
        hint = Hint(owner=owner, noun=noun.lemma.lower(), pointed=True, lemma=v.lemma.lower())
        self._add(speaker=self._reporter(v) or self._speaker(v), cue=v,
                  content=content or self._np(noun), stance=stance, hint=hint, fixed=True)

    def _reporter(self, v: Token) -> Actor | None:
        """"A police spokesman said he could not confirm the army's account": a response told as
        what someone said, with a pronoun for its subject, is the reporting speaker's."""
        h, s = self.tree.head(v), self.tree.child(v, ("nsubj",))
        if v.dep != "ccomp" or h is None or h.lemma.lower() not in C.ASSERT_CUES \
                or s is None or s.pos != "PRON":
            return None
        return self._speaker(h)

    def _np(self, noun: Token) -> list[Token]:
        return [t for t in self.tree.subtree(noun.i) if t.dep not in ("relcl", "punct")]

    def _evidence_object(self, v: Token) -> bool:
        objs = self.tree.children(v, ("dobj",))
        for p in self.tree.children(v, ("prep",)):
            objs += self.tree.children(p, ("pobj",))
        if any(o.lemma.lower() in C.EVIDENCE_NOUNS for o in objs):
            return True
        for x in self.tree.children(v, ("xcomp", "ccomp")):
            if x.lemma.lower() in C.SHARE_VERBS and any(
                    o.lemma.lower() in C.EVIDENCE_NOUNS for o in self.tree.children(x, ("dobj",))):
                return True
        return False

    def _demand(self, v: Token) -> None:
        speaker = self._speaker(v)
        rec_tok = self.args.recipient(v)
        rec = self.args.actor_at(rec_tok) if rec_tok is not None else None
        content = [t for k in self.tree.children(v) if k.i > v.i and k.dep not in ("conj", "cc", "punct")
                   for t in self.tree.subtree(k.i)]
        h = self.tree.head(v)
        taken = {c.cue_start for c in self.ledger.claims}
        if v.idx in taken or (h is not None and v.dep in ("advcl", "conj", "xcomp") and h.idx in taken):
            return  # "requested information, urging them to share it": one demand
        self._add(speaker=speaker, cue=v, content=content, stance="demands_evidence",
                  hint=Hint(owner=rec, pointed=True, lemma=v.lemma.lower()), fixed=True)

    def _according_to(self) -> None:
        toks = self.sent.tokens
        for t in toks[:-1]:
            if t.text.lower() == "according" and toks[t.i + 1].text.lower() == "to":
                src = self.tree.child(toks[t.i + 1], ("pobj",))
                if src is None:
                    continue
                skip = {x.i for x in self.tree.subtree(t.i)} | {t.i}
                content = [x for x in toks if x.i not in skip and x.pos != "PUNCT"]
                self._add(speaker=self.speaker_at(src), cue=t, content=content,
                          stance="asserts")


def _text(toks: Sequence[Token]) -> str:
    return " ".join(t.text for t in toks)
