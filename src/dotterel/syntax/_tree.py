"""Small helpers over a parsed ``Sentence``: children by relation, noun-phrase spans, clause walks.

The dependency labels are spaCy's English (ClearNLP) labels."""
from __future__ import annotations

from collections.abc import Iterable

from dotterel.records import Sentence, Token

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj"}
# modifiers kept inside a noun phrase when it is handed to the actor resolver
NP_KEEP = {"compound", "amod", "poss", "det", "nmod", "case", "punct", "npadvmod",
           "prep", "pobj", "cc", "appos", "flat", "nn", "conj"}  # not numbers: "more than 100"
NP_PREP_KEEP = {"of", "in", "from", "for", "at"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "us",
            "our", "i", "me", "my", "you"}


class Tree:
    """Indexes a sentence's children once, so that walks are cheap."""

    __slots__ = ("sent", "tokens", "kids")

    def __init__(self, sent: Sentence) -> None:
        self.sent = sent
        self.tokens = sent.tokens
        kids: list[list[Token]] = [[] for _ in sent.tokens]
        for t in sent.tokens:
            if t.head != t.i and 0 <= t.head < len(kids):
                kids[t.head].append(t)
        self.kids = kids

    def head(self, t: Token) -> Token | None:
        return None if t.head == t.i else self.tokens[t.head]

    def children(self, t: Token, deps: Iterable[str] | None = None) -> list[Token]:
        kids = self.kids[t.i]
        if deps is None:
            return kids
        deps = set(deps)
        return [k for k in kids if k.dep in deps]

    def child(self, t: Token, deps: Iterable[str]) -> Token | None:
        found = self.children(t, deps)
        return found[0] if found else None

    def subtree(self, i: int) -> list[Token]:
        """Token ``i`` and everything it dominates, in text order."""
        keep, todo = [i], [i]
        while todo:
            for k in self.kids[todo.pop()]:
                keep.append(k.i)
                todo.append(k.i)
        return [self.tokens[j] for j in sorted(keep)]

    def conjuncts(self, t: Token) -> list[Token]:
        """``t`` and the tokens coordinated with it ("A, B and C")."""
        out, todo = [t], [t]
        while todo:
            cur = todo.pop()
            for k in self.kids[cur.i]:
                if k.dep == "conj" and k.pos in ("NOUN", "PROPN", "PRON") and k not in out:
                    out.append(k)
                    todo.append(k)
        return out

    def np_tokens(self, t: Token) -> list[Token]:
        """The noun phrase headed by ``t``: its modifiers and ``of/in`` phrases, without clauses
        or coordinated phrases."""
        keep, todo = {t.i}, [t]
        while todo:
            cur = todo.pop()
            for k in self.kids[cur.i]:
                if k.dep in CLAUSE_DEPS or k.dep in ("conj", "cc"):
                    continue
                if k.dep == "prep" and k.lemma.lower() not in NP_PREP_KEEP:
                    continue
                if k.dep in NP_KEEP or k.dep in ("pobj", "acomp"):
                    keep.add(k.i)
                    todo.append(k)
        toks = [self.tokens[i] for i in sorted(keep)]
        while toks and toks[-1].pos == "PUNCT":
            toks.pop()
        while toks and toks[0].pos == "PUNCT":
            toks.pop(0)
        return toks

    def governing_verb(self, t: Token) -> Token | None:
        """Climb from a noun through prepositions and objects to the verb it belongs to."""
        cur, steps = t, 0
        while steps < 6:
            h = self.head(cur)
            if h is None:
                return None
            if h.pos in ("VERB", "AUX"):
                return h
            if cur.dep not in ("pobj", "prep", "dobj", "attr", "acomp", "pcomp", "compound",
                               "appos", "conj", "npadvmod"):
                return None
            cur, steps = h, steps + 1
        return None

    def is_negated(self, t: Token) -> bool:
        return any(k.dep == "neg" for k in self.kids[t.i])

    def ancestors(self, t: Token) -> list[Token]:
        out, cur = [], t
        while (h := self.head(cur)) is not None and len(out) < 30:
            out.append(h)
            cur = h
        return out
