"""Events: triggers in the parse -> actor, recipient, CAMEO, PLOVER, Goldstein, quad class.

Also the face of the syntax helpers that claims and the LLM coder share with events, until they
move to a package of their own (issue 15): ``Tree`` (a sentence's dependency tree),
``ArgumentFinder`` and ``Resolver`` (who did it, to whom), ``Mentions`` and the pronoun and
definite-description words it resolves (coreference across an article)."""
from dotterel.events._arguments import ArgumentFinder, Resolver
from dotterel.events._coder import EventCoder
from dotterel.events._context import first_person
from dotterel.events._lexicon import CameoCode, Lexicon, TriggerPattern, load_lexicon
from dotterel.events._mentions import (
    DEFINITES,
    FIRST_PLURAL,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
    Mentions,
)
from dotterel.events._select import Context as SelectionContext
from dotterel.events._select import select
from dotterel.events._semantic import SemanticFallback, semantic_events
from dotterel.events._speech import spoken_acts
from dotterel.events._tree import Tree

__all__ = ["DEFINITES", "FIRST_PLURAL", "PERSON_PRONOUNS", "PLURAL_PRONOUNS", "THING_PRONOUNS",
           "ArgumentFinder", "CameoCode", "EventCoder", "Lexicon", "Mentions", "Resolver",
           "SelectionContext", "SemanticFallback", "Tree", "TriggerPattern", "first_person",
           "load_lexicon", "select", "semantic_events", "spoken_acts"]
