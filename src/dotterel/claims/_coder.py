"""Attributed statements and the responses between them, within one article.

What is found, sentence by sentence:
- reported speech: a cue verb with a content clause ("X stated that ...", "X has been claiming
  that ...");
- "according to X, ...";
- nominal claims: "Iran's claim that ...", which also stand as the claim they name;
- responses: a denial or dispute of a claim noun ("rejected these claims"), a demand for the
  evidence behind it ("requested more information from Iran"), and a reasoned counter-argument
  attached to a denial ("..., emphasizing that Afghanistan does not share a border").
``responds_to`` points at the claim answered: the one the claim noun names by its owner or its
content, else the latest claim by someone else.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from collections.abc import Sequence

from dotterel.claims import _cues as C
from dotterel.claims._quotes import attributions, quote_spans
from dotterel.events import Mentions
from dotterel.events._arguments import ArgumentFinder, Resolver
from dotterel.events._tree import Tree
from dotterel.records import Actor, Claim, Event, ParsedArticle, Sentence, Token

_WORD = re.compile(r"\w+")
MIN_OVERLAP = 0.08  # one shared content word in a dozen; tuned on the seed and example stories
ACCUSATION_NOUNS = {"accusation", "allegation", "charge", "blame"}
ACCUSE_CUES = ("accus", "blam", "alleg", "charg")
STOP = {"the", "a", "an", "of", "to", "in", "and", "that", "have", "has", "been", "be", "is",
        "are", "was", "were", "from", "on", "for", "by", "with", "its", "their", "it", "they"}


class ClaimCoder:
    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def code(self, parsed: ParsedArticle, *, mentions: Mentions | None = None,
             events: Sequence[Event] = ()) -> list[Claim]:
        ledger = _Ledger(parsed.article.id)
        ledger.quotes = quote_spans(parsed.article.text)
        mentions = mentions if mentions is not None else Mentions()
        finders: dict[int, _SentenceClaims] = {}
        for sent in parsed.sentences:
            tree = Tree(sent)
            finders[sent.index] = _SentenceClaims(tree, ArgumentFinder(tree, self.resolve, mentions),
                                                  ledger)
            finders[sent.index].run()
        for span, sent, cue in attributions(parsed.sentences, parsed.article.text, C.ASSERT_CUES):
            finders[sent.index].quote(span, cue, parsed.article.text)
        ledger.resolve_forward()
        return [c if (s := mentions.at_home(c.speaker)) is c.speaker else replace(c, speaker=s)
                for c in ledger.claims]


class _Ledger:
    """The claims of one article so far, and the matching of responses to them."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.claims: list[Claim] = []
        self._pending: dict[str, tuple[Actor | None, str]] = {}  # response id -> (owner, noun)
        self.quotes: list[tuple[int, int]] = []  # the article's quote spans

    def add(self, sent: Sentence, *, speaker: Actor | None, cue: Token, content: Sequence[Token],
            stance: str, responds_to: str | None = None, about: tuple[str, ...] = ()) -> Claim:
        start, end = _span(content, cue)
        text = sent.text[start - sent.start:end - sent.start]
        cid = hashlib.sha1(f"{self.article_id}|{sent.index}|{cue.idx}|{stance}|{start}"
                           .encode()).hexdigest()[:16]
        for old in self.claims:
            if old.id == cid:
                return old
        claim = Claim(id=cid, sentence=sent.index, speaker=speaker, cue=cue.text, content=text,
                      content_start=start, content_end=end, stance=stance,
                      responds_to=responds_to, cue_start=cue.idx, about=about)
        self.claims.append(claim)
        return claim

    def add_text(self, sent: Sentence, *, speaker: Actor | None, cue: Token, start: int,
                 content: str, stance: str) -> Claim:
        """A claim whose content is a stretch of text rather than a clause (a quote)."""
        cid = hashlib.sha1(f"{self.article_id}|q|{cue.idx}|{start}".encode()).hexdigest()[:16]
        claim = Claim(id=cid, sentence=sent.index, speaker=speaker, cue=cue.text, content=content,
                      content_start=start, content_end=start + len(content), stance=stance,
                      cue_start=cue.idx)
        self.claims.append(claim)
        return claim

    def resolve_forward(self) -> None:
        """A response told before the claim it answers (a headline rejecting what the body
        reports) is linked once the whole article has been read."""
        for n, c in enumerate(self.claims):
            if c.stance == "asserts" or c.responds_to is not None:
                continue
            owner, noun = self._pending.get(c.id, (None, ""))
            rest = [x for x in self.claims if x.id != c.id]
            found = _Ledger._pick(rest, owner=owner, content=c.content, responder=c.speaker,
                                  noun=noun)
            if found is not None:
                self.claims[n] = replace(c, responds_to=found.id)

    def target(self, *, owner: Actor | None, content: str, responder: Actor | None,
               noun: str = "") -> Claim | None:
        """The earlier assertion a response answers: the owner's ("Iran's claim"), else one by
        someone other than the responder; among those the one whose content overlaps most, else
        an accusation when an accusation is answered, else the latest."""
        return self._pick(self.claims, owner=owner, content=content, responder=responder, noun=noun)

    @staticmethod
    def _pick(claims: Sequence[Claim], *, owner: Actor | None, content: str,
              responder: Actor | None, noun: str) -> Claim | None:
        pool = [c for c in claims if c.stance == "asserts"]
        if noun in ACCUSATION_NOUNS:
            accusations = [c for c in pool if c.cue.lower().startswith(ACCUSE_CUES)]
            pool = accusations or pool
        if owner is not None and owner.code:
            owned = [c for c in pool if c.speaker and c.speaker.code == owner.code]
            pool = owned or pool
        elif responder is not None and responder.code:
            others = [c for c in pool if not (c.speaker and c.speaker.code == responder.code)]
            pool = others or pool
        if not pool:
            return None
        if content:
            best = max(reversed(pool), key=lambda c: _overlap(content, c.content))
            if _overlap(content, best.content) >= MIN_OVERLAP:
                return best
        return pool[-1]


def _span(content: Sequence[Token], cue: Token) -> tuple[int, int]:
    if not content:
        return cue.idx, cue.idx + len(cue.text)
    toks = [t for t in content if t.pos != "PUNCT"] or list(content)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _stem(w: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _overlap(a: str, b: str) -> float:
    ta = {_stem(w) for w in _WORD.findall(a.lower()) if w not in STOP}
    tb = {_stem(w) for w in _WORD.findall(b.lower()) if w not in STOP}
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


class _SentenceClaims:
    def __init__(self, tree: Tree, args: ArgumentFinder, ledger: _Ledger) -> None:
        self.tree, self.args, self.ledger = tree, args, ledger
        self.sent = tree.sent

    def run(self) -> None:
        for t in self.tree.tokens:
            if t.pos in ("VERB", "AUX", "NOUN", "PROPN"):
                self._nominal_claim(t) if t.pos in ("NOUN", "PROPN") else self._verb(t)
        self._according_to()

    def _add(self, *, content: Sequence[Token], **kw) -> Claim:
        return self.ledger.add(self.sent, content=content, about=self._about(content), **kw)

    def _about(self, content: Sequence[Token]) -> tuple[str, ...]:
        """Codes and names of the actors a claim's content mentions ("isis", "AFG")."""
        keys: set[str] = set()
        for t in content:
            if t.pos == "PROPN" or (t.pos == "NOUN" and t.dep in ("nsubj", "nsubjpass", "dobj", "pobj")):
                a = self.args.actor_at(t)
                if a is not None and a.code:
                    keys.add(a.code)
            if t.pos == "PROPN" and len(t.text) > 1:
                keys.add(t.text.lower())
        return tuple(sorted(keys))

    def _speaker(self, v: Token) -> Actor | None:
        s = self.args.subject(v)
        return self.speaker_at(s) if s is not None else None

    def speaker_at(self, t: Token) -> Actor | None:
        """The speaker as written at the cue ("he", "prosecutor Josh Bash"), with the code,
        sector and name of the actor it stands for; when nothing in the phrase can be coded,
        its text alone: "a university student" is still who said it."""
        found = self.args.actor_at(t)
        toks = self._mention(t)
        if not toks:
            return found
        text = self.sent.text[toks[0].idx - self.sent.start:toks[-1].idx + len(toks[-1].text)
                              - self.sent.start]
        where = {"text": text, "start": toks[0].idx, "end": toks[-1].idx + len(toks[-1].text)}
        if found is not None:
            name = found.name or (found.text if t.pos == "PRON" else None)
            return replace(found, name=name, **where)
        if t.pos == "PRON":
            return None
        return Actor(code=None, kind="unknown", **where)

    def _mention(self, t: Token) -> list[Token]:
        """The speaker phrase without appositions, relative clauses and, after a name, its "of"
        phrase ("Arnel dela Vega of the army's command" -> "Arnel dela Vega")."""
        if t.pos == "PRON":
            return [t]
        cut: set[int] = set()
        for k in self.tree.children(t):
            if k.dep in ("appos", "relcl", "acl") or (k.dep == "prep" and t.pos == "PROPN"
                                                        and k.lemma.lower() == "of"):
                cut.update(x.i for x in self.tree.subtree(k.i))
        toks = [x for x in self.tree.np_tokens(t) if x.i not in cut]
        while toks and toks[-1].pos == "PUNCT":
            toks.pop()
        return toks

    def quote(self, span: tuple[int, int], cue: Token, text: str) -> None:
        """A direct quote attributed by ``cue``: it replaces the reported-speech claim of the
        same cue when it is longer (a quote over several sentences)."""
        speaker = self._speaker(cue)
        content = text[span[0]:span[1]].strip(" ,.")
        start = span[0] + text[span[0]:span[1]].index(content[:1]) if content else span[0]
        end = start + len(content)
        for n, c in enumerate(self.ledger.claims):
            overlaps = c.content_start < end and start < c.content_end
            if c.cue_start == cue.idx and c.stance == "asserts" and overlaps:
                if len(content) > len(c.content):  # the quote, whole, over several sentences
                    self.ledger.claims[n] = replace(c, content=content, content_start=start,
                                                    content_end=end)
                return
        self.ledger.add_text(self.sent, speaker=speaker, cue=cue, start=start,
                             content=content, stance="asserts")

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
        if clause is not None and (lemma in C.ASSERT_CUES or stance):
            self._reported(v, clause, stance or "asserts")
        elif lemma in ("accuse", "blame", "charge") and obj is not None:
            first = self.tree.subtree(obj.i)[0].i
            content = [t for t in self.tree.tokens if t.i >= first and self._under(t, v)]
            self._add(speaker=self._speaker(v), cue=v, content=content,
                            stance="asserts")

    def _under(self, t: Token, v: Token) -> bool:
        return t.i != v.i and v in self.tree.ancestors(t)

    def _reported(self, v: Token, clause: Token, stance: str) -> None:
        if stance == "asserts" and self._is_response(clause):
            return  # "stated that they reject Iran's claim": the rejection is the claim
        content = self.tree.subtree(clause.i)
        content = [t for t in content if not (t.dep == "mark" and t.head == clause.i)]
        speaker = self._speaker(v)
        responds = None
        if stance == "asserts" and self._counter_argument(v):
            stance, responds = "disputes", self._counter_argument(v)
        elif stance != "asserts":
            target = self.ledger.target(owner=None, content=_text(content), responder=speaker)
            responds = target.id if target else None
        self._add(speaker=speaker, cue=v, content=content, stance=stance,
                        responds_to=responds)

    def _is_response(self, clause: Token) -> bool:
        lemma = clause.lemma.lower()
        obj = self.tree.child(clause, ("dobj",))
        if lemma in C.CUE_STANCE and obj is not None and obj.lemma.lower() in C.CLAIM_NOUNS:
            return True
        return lemma in C.DEMAND_VERBS and self._evidence_object(clause)

    def _counter_argument(self, v: Token) -> str | None:
        """A reason given alongside a denial ("rejected these claims, emphasizing that ...")
        disputes the claim the denial answers."""
        h = self.tree.head(v)
        if v.dep not in ("advcl", "conj") or h is None:
            return None
        for c in reversed(self.ledger.claims):
            if c.sentence == self.sent.index and c.cue_start == h.idx and c.stance in ("denies", "disputes"):
                return c.responds_to
        return None

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
        if any(c.stance == "asserts" and _overlap(text, c.content) > 0.6 for c in self.ledger.claims):
            return
        self._add(speaker=owner, cue=noun, content=content, stance="asserts")

    def _response(self, v: Token, noun: Token, stance: str) -> None:
        self._nominal_claim(noun)
        owner = self._claim_owner(noun)
        content = self._claim_content(noun)
        speaker = self._speaker(v)
        target = self.ledger.target(owner=owner, content=_text(content), responder=speaker,
                                    noun=noun.lemma.lower())
        claim = self._add(speaker=speaker, cue=v, content=content or self._np(noun),
                          stance=stance, responds_to=target.id if target else None)
        if target is None:
            self.ledger._pending[claim.id] = (owner, noun.lemma.lower())

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
        target = self.ledger.target(owner=rec, content=_text(content), responder=speaker)
        h = self.tree.head(v)
        taken = {c.cue_start for c in self.ledger.claims}
        if v.idx in taken or (h is not None and v.dep in ("advcl", "conj", "xcomp") and h.idx in taken):
            return  # "requested information, urging them to share it": one demand
        self._add(speaker=speaker, cue=v, content=content,
                        stance="demands_evidence", responds_to=target.id if target else None)

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
