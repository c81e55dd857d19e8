"""Syntax shared by the coders: a sentence's dependency tree, the arguments of a word (who did
it, to whom), and coreference across an article (mentions, pronouns, definite descriptions).

Above ``nlp/`` (it reads the parsed ``Sentence`` records), below ``events/`` and ``claims/``,
which both build on it; the LLM coder reaches it through them."""
from dotterel.syntax._arguments import ArgumentFinder, Resolver, TriggerLike
from dotterel.syntax._mentions import (
    DEFINITES,
    FIRST_PLURAL,
    FIRST_SINGULAR,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
    WEAPONS,
    Mentions,
)
from dotterel.syntax._tree import OBJ, PASS_SUBJ, PRONOUNS, SUBJ, Tree

__all__ = ["DEFINITES", "FIRST_PLURAL", "FIRST_SINGULAR", "OBJ", "PASS_SUBJ", "PERSON_PRONOUNS",
           "PLURAL_PRONOUNS", "PRONOUNS", "SUBJ", "THING_PRONOUNS", "WEAPONS", "ArgumentFinder",
           "Mentions", "Resolver", "Tree", "TriggerLike"]
