"""Who speaks: the speaker phrase at a cue, and the speaker behind a statement, a source or a
platform.

- "X said", '"...," said X' (a subject inside the quote is not the speaker);
- "the BBC cited the intelligence chief as saying ...": the one cited;
- "posted a message on Twitter blaming Iran": whoever posted it, not the platform;
- "the statement said", "a statement from X", "according to a report citing the mayor's office",
  "they released a statement which said": whoever issued it, named in the phrase or, for "the
  statement", earlier in the article ("X released a statement");
- "a source within the Interior Ministry", "its source": the body the source speaks from;
- "Time", after "Time magazine": the organisation named in full before.

The speaker keeps the words written at the cue as its text ("The statement"); code, sector and
name come from whom they stand for. Coreference itself (pronouns, surnames, "the ministry") is
``dotterel.events``' (``ArgumentFinder.actor_at``), used here, not redone.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dotterel.claims import _cues as C
from dotterel.records import Actor, Sentence, Token
from dotterel.syntax import ArgumentFinder, Tree

if TYPE_CHECKING:
    from dotterel.claims._coder import _Ledger


class Speakers:
    """Speaker finding for one sentence; the claims finder of the sentence is one."""

    tree: Tree
    args: ArgumentFinder
    ledger: _Ledger
    sent: Sentence

    def _speaker(self, v: Token) -> Actor | None:
        cited = self._cited(v)
        if cited is not None:
            return self.speaker_at(cited)
        s = self.args.subject(v)
        if s is not None and self._quoted(s) and not self._quoted(v):
            s = self._inverted_subject(v)  # '"The only conclusion is ...," tweeted Ken Gude'
        if s is None and any(k.i < v.i for k in self.tree.children(v, ("ccomp",))):
            s = self._inverted_subject(v)  # "It is not for the courts to judge, argued X"
        if s is None:
            return None
        if (outer := self._outer_cue(v, s)) is not None:
            return self._speaker(outer)
        if s.lemma.lower() in C.PLATFORMS and v.dep == "acl":
            # "posted a message on Twitter blaming Iran": whoever posted it blames
            verb = self.tree.governing_verb(s)
            if verb is not None and (who := self.args.subject(verb)) is not None:
                return self.speaker_at(who)
            return None
        return self.speaker_at(s)

    def _outer_cue(self, v: Token, s: Token) -> Token | None:
        """"Netanyahu found the strike justified and called the order swift": a cue joined to
        the clause of another cue (the parser's reading) whose subject speaks for no one ("the
        strike") is said by the outer cue's speaker."""
        h = self.tree.head(v)
        if v.dep != "conj" or h is None or h.dep != "ccomp" or s.head != h.i:
            return None
        outer = self.tree.head(h)
        if outer is None or outer.lemma.lower() not in C.ASSERT_CUES:
            return None
        a = self.args.actor_at(s)
        return outer if a is None or not (a.code or a.sector) else None

    def _quoted(self, t: Token) -> bool:
        return any(a <= t.idx < b for a, b in self.ledger.quotes)

    def _inverted_subject(self, v: Token) -> Token | None:
        """The speaker named after the cue, outside the quote: '"...," said the minister'."""
        for k in self.tree.children(v):
            if k.i > v.i and k.pos in ("NOUN", "PROPN") and not self._quoted(k) \
                    and k.dep in ("nsubj", "dobj", "attr", "npadvmod", "appos", "oprd"):
                return k
        return None

    def _cited(self, v: Token) -> Token | None:
        """"The BBC cited the intelligence chief as saying ...", "quoted a source as saying",
        "the mayor was quoted as saying": the one cited says it."""
        cur = v
        for _ in range(4):
            h = self.tree.head(cur)
            if h is None or cur.dep not in ("advcl", "pcomp", "pobj", "xcomp", "prep", "dobj",
                                            "appos"):
                return None
            if h.lemma.lower() in C.CITE_VERBS:  # "the mayor was quoted as saying": passive
                return self.tree.child(h, ("dobj",)) or self.tree.child(h, ("nsubjpass",))
            cur = h
        return None

    def _short_name(self, t: Token) -> Actor | None:
        """"Time", "the Mail": the first or last word of an organisation the article named in
        full before ("Time magazine", "the Cyprus Mail")."""
        if t.pos != "PROPN":
            return None
        word = t.text.lower()
        for _, a, _ in reversed(self.args.mentions.items):
            if a.kind == "organisation" and a.code and a.name and (a.start or 0) < t.idx:
                words = a.name.lower().split()
                if len(words) > 1 and word in (words[0], words[-1]):
                    return replace(a, text=t.text, start=t.idx, end=t.idx + len(t.text))
        return None

    def speaker_at(self, t: Token) -> Actor | None:
        """The speaker as written at the cue ("he", "prosecutor Josh Bash"), with the code,
        sector and name of the actor it stands for; when nothing in the phrase can be coded,
        its text alone: "a university student" is still who said it. A statement or report
        speaks for whoever issued it ("the statement said", "a report citing the mayor's
        office"), the words as written staying its text."""
        found = self.args.actor_at(t)
        if t.lemma.lower() in C.SOURCE_NOUNS and (poss := self.tree.child(t, ("poss",))) \
                is not None and poss.pos == "PRON":
            found = self._reporter_of(t) or found  # "Znak.com reported its source said"
        if t.lemma.lower() in C.DOCUMENT_NOUNS and (found is None or not found.code):
            found = self._issuer(t) or found
        elif found is None or not found.code:
            found = self._source_within(t) or (self._short_name(t) if found is None else None) \
                or found
        found = self._refined(t, found)
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

    def _refined(self, t: Token, found: Actor | None) -> Actor | None:
        """What the phrase and the article say about the speaker beyond the dictionaries: whom
        an aide or an associate speaks for, the person a bare surname names, an outlet by the
        look of its name, the person named beside a party or a group, and an office no longer
        held."""
        if found is None or not found.code:
            found = self._entourage(t) or self._known_surname(t, found) or self._outlet(t) \
                or found
        found = self._appositive_person(t, found)
        return self._former(t, found)

    def _introductions(self) -> None:
        """Remember the people the sentence introduces with a role, so that a later "he" or
        surname finds them even when they say nothing here: "Sharif Hotak, of the provincial
        council, described ...", "speakers including Labour MP Tom Watson", "a Republican, Mark
        Amodei, ...". A subject is also a mention that a later pronoun may take."""
        mentions = self.args.mentions
        for t in self.tree.tokens:
            if t.pos not in ("NOUN", "PROPN") or t.dep == "compound":
                continue
            if any(k.ent_type == "PERSON" and k.pos == "PROPN"
                   for k in self.tree.children(t, ("appos",))):
                self._appositive_person(t, self.args.actor_at(t), remember=True)
                continue
            if t.ent_type != "PERSON" or t.pos != "PROPN":
                continue
            toks = self.tree.np_tokens(t)
            name = " ".join(x.text for x in self.tree.children(t, ("compound",))
                            if x.ent_type == "PERSON" and x.i < t.i) + " " + t.text
            known = mentions.person(name.strip())
            if known is not None and known.code:
                continue
            if t.dep in ("nsubj", "nsubjpass"):
                self.args.actor_at(t)
            elif (a := self.args.resolve(toks)) is not None and (a.code or a.sector) \
                    and a.kind != "person":
                mentions.add_person(name.strip(), a)

    def _entourage(self, t: Token) -> Actor | None:
        """"His associates", "Navalny's lawyer", "her spokesman": they speak for the one they
        belong to, when the article codes them."""
        if t.lemma.lower() not in C.ENTOURAGE_NOUNS:
            return None
        poss = self.tree.child(t, ("poss",))
        if poss is None:
            return None
        owner = self._subject_owner(poss) or self.args.actor_at(poss)
        return owner if owner is not None and owner.code else None

    def _subject_owner(self, poss: Token) -> Actor | None:
        """"Navalny is a critic of Putin, and his associates alleged ...": "his" in a clause
        joined to another is the person that clause is about (its subject), not the latest
        name."""
        if poss.pos != "PRON" or poss.text.lower() not in ("his", "her"):
            return None
        for s in self.tree.tokens:
            if s.i >= poss.i:
                return None
            if s.dep in ("nsubj", "nsubjpass") and s.pos == "PROPN":
                a = self.args.actor_at(s)
                return a if a is not None and a.kind == "person" and a.code else None
        return None

    def _known_surname(self, t: Token, found: Actor | None) -> Actor | None:
        """"Johnson", "Mijares": a bare name that the article introduced before with a coded
        role ("Prime Minister Boris Johnson", "Chief Superintendent Graciano Mijares of the
        police ..."): the latest coded mention of a person whose name ends in it."""
        if found is not None and (t.pos != "PROPN" or found.kind not in ("person", "role")):
            return None
        if t.pos not in ("PROPN", "NOUN") or not t.text[:1].isupper():
            return None  # the tagger may call a surname at the start of a sentence a noun
        name = (found.name if found is not None and found.name else t.text).split()
        if not name or not name[-1][:1].isupper():
            return None
        last = name[-1]
        earlier = [a for offset, a, _ in reversed(self.args.mentions.items)
                   if offset < t.idx and (a.code or a.sector)]
        named = [a for a in earlier if _names(a, last)] or [
            a for a in earlier if a.kind == "person" and a.name
            and _spelled_like(a.name.split()[-1], last)]  # "Sarea", later "Saree"
        # a coded mention first; a role without a country takes the article's home at the end
        return next((a for a in named if a.code), named[0] if named else None)

    def _outlet(self, t: Token) -> Actor | None:
        """"Znak.com reported", "the Nevada Independent": a name the dictionaries do not know
        that looks like a news outlet speaks as the media, of the article's country (given at
        the end of the article, like other domestic roles)."""
        if t.pos != "PROPN":
            return None
        toks = [x for x in self.tree.np_tokens(t) if x.pos == "PROPN"]
        text = " ".join(x.text for x in toks)
        if not (C.OUTLET_DOMAIN.search(text) or (toks and toks[-1].text.lower() in C.OUTLET_WORDS
                                                 and len(toks) > 1)):
            return None
        return Actor(text=text, code=None, sector="MED", start=toks[0].idx,
                     end=toks[-1].idx + len(toks[-1].text), kind="role")

    def _appositive_person(self, t: Token, found: Actor | None, *, remember: bool = False
                           ) -> Actor | None:
        """"A Republican, Mark Amodei, ...": a party or group with a person's name beside it is
        that person (so that a later "he" finds them); remembered for their surname too."""
        if found is None or not found.code:
            return found
        names = [k for k in self.tree.children(t, ("appos",))
                 if k.pos == "PROPN" and k.ent_type == "PERSON"]
        if not names:
            return found
        person = found
        if found.kind != "person":
            parts = [x for x in self.tree.np_tokens(names[0]) if x.ent_type == "PERSON"]
            person = replace(found, name=" ".join(x.text for x in parts), kind="person")
            self.args.mentions.add_person(person.name or "", person)
        if remember and t.dep in ("nsubj", "nsubjpass"):  # the topic a later "he" continues
            self.args.mentions.add(t.idx, person, subject=True)
        return person

    def _former(self, t: Token, found: Actor | None) -> Actor | None:
        """"Former federal prosecutor Elie Honig", "retired FBI agent Ali Soufan": an office no
        longer held gives the speaker no sector (CODING_GUIDE.md: the office held on the
        article's date); the country stays. Remembered for the surname too."""
        if found is None or found.kind not in ("person", "role") or not found.sector:
            return found
        mods = {k.lower() for k in (x.text for x in self.tree.np_tokens(t) if x.i < t.i)}
        if not (mods & C.FORMER_WORDS or any(m.startswith("ex-") for m in mods)):
            return found
        found = self.args.mentions.at_home(found) or found  # the country, while the role tells it
        former = replace(found, sector=None)
        if former.kind == "person" and former.name:
            self.args.mentions.add_person(former.name, former)
        return former

    def _source_within(self, t: Token) -> Actor | None:
        """"A source within the Interior Ministry", "officials close to the president": the
        body the speaker speaks from."""
        if t.lemma.lower() not in C.SOURCE_NOUNS:
            return None
        poss = self.tree.child(t, ("poss",))
        if poss is not None:  # "its source" after "the website reported"
            a = self._reporter_of(t) if poss.pos == "PRON" else None
            a = a or self.args.actor_at(poss)
            if a is not None and (a.code or a.sector):
                return a
        for p in self.tree.children(t, ("prep",)):
            o = self.tree.child(p, ("pobj",))
            if p.lemma.lower() in C.SOURCE_PREPS and o is not None:
                a = self.args.actor_at(o)
                if a is not None and (a.code or a.sector):
                    return a
        return None

    def _reporter_of(self, t: Token) -> Actor | None:
        """"Znak.com reported its source said ...": "its" is the one that reports, the subject
        of the speech verb the source's words are reported under."""
        verb = self.tree.head(t)
        if t.dep != "nsubj" or verb is None or verb.dep != "ccomp":
            return None
        outer = self.tree.head(verb)
        if outer is None or outer.lemma.lower() not in C.ASSERT_CUES:
            return None
        s = self.args.subject(outer)
        a = self.speaker_at(s) if s is not None and s.pos != "PRON" else None
        return a if a is not None and (a.code or a.sector) else None

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

    def _issuer(self, noun: Token) -> Actor | None:
        """Who issued a statement or report: the phrase names them ("a statement from the
        ministry", "Erdogan's office's statement", "a report citing the mayor's office",
        "released by ..."), else the issuer of the latest statement of the same kind."""
        found = self._named_issuer(noun)
        if found is not None or not self._definite(noun):
            return found  # "reports say ...": no one in particular
        return self.ledger.issuer(noun.lemma.lower(), noun.idx)

    def _named_issuer(self, noun: Token) -> Actor | None:
        for k in self.tree.children(noun, ("acl",)):
            if k.lemma.lower() in C.CITE_VERBS and (o := self.tree.child(k, ("dobj",))) is not None:
                a = self.args.actor_at(o)  # "a report citing the mayor's office"
                if a is not None and a.code:
                    return a
        owner = self.args._owner(noun)
        if owner is not None and owner.lemma.lower() not in C.PLATFORMS:
            a = self.args.actor_at(owner)
            if a is not None and (a.code or a.sector):
                return a
        verb = self.tree.head(noun)
        if noun.dep == "dobj" and verb is not None and verb.lemma.lower() in C.ISSUE_VERBS \
                and (s := self.args.subject(verb)) is not None:
            a = self.args.actor_at(s)  # "they released a statement which said ..."
            if a is not None and (a.code or a.sector):
                return a
        return None

    def _documents(self) -> None:
        """Remember who issued each statement the sentence names: "X released a statement",
        "in a statement, X said", "a statement from X"."""
        for t in self.tree.tokens:
            if t.pos != "NOUN" or t.lemma.lower() not in C.DOCUMENT_NOUNS:
                continue
            who = self._named_issuer(t)
            if who is None:
                a = self.args.actor_at(t)  # "the White House statement"
                who = a if a is not None and a.code else None
            if who is None and t.dep == "pobj":  # "in a statement, the ministry said"
                verb = self.tree.governing_verb(t)
                s = self.args.subject(verb) if verb is not None else None
                a = self.args.actor_at(s) if s is not None else None
                who = a if a is not None and a.code else None
            if who is not None:
                self.ledger.documents.append((t.idx, t.lemma.lower(), who))

    def _definite(self, noun: Token) -> bool:
        """"the deal", "these reports": a noun phrase that points back at something told."""
        return any(k.lemma.lower() in C.ANAPHORIC_DETS for k in self.tree.children(noun, ("det",)))


def _spelled_like(a: str, b: str) -> bool:
    """Two spellings of one transliterated name: the same length (five letters or more), the
    same first three letters, one letter apart ("Sarea" / "Saree")."""
    if a == b or len(a) != len(b) or len(a) < 5 or a[:3].lower() != b[:3].lower():
        return False
    return sum(x != y for x, y in zip(a.lower(), b.lower())) == 1


def _names(a: Actor, surname: str) -> bool:
    """The mention names the person ``surname`` stands for: a person whose name ends in it, or a
    phrase that holds it before any "of" phrase ("Chief Superintendent Graciano Mijares of the
    police"), with a role."""
    if a.kind == "person" and surname in (a.name or "").split()[-1:]:
        return True
    return bool(a.sector) and surname in _before_attachments(a.text or "")


def _before_attachments(text: str) -> list[str]:
    """The words of a phrase before its "of" phrase or apposition: "Chief Superintendent
    Graciano Mijares" of "Chief Superintendent Graciano Mijares of the police"."""
    words = []
    for w in text.replace(",", " , ").split():
        if w in (",", "of", "from", "at", "in"):
            break
        words.append(w)
    return words
