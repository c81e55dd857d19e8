"""Events: triggers in the parse -> actor, recipient, CAMEO, PLOVER, Goldstein, quad class.

The syntax the event coder shares with the claims coder (the dependency tree, arguments,
coreference) is its own package, ``dotterel.syntax``; ``Mentions`` is re-exported here because
the pipeline hands one article's mentions from the event coder to the claims coder."""
from dotterel.events._characterize import CONDEMN, judgment
from dotterel.events._coder import EventCoder
from dotterel.events._context import first_person
from dotterel.events._lexicon import CameoCode, Lexicon, TriggerPattern, load_lexicon
from dotterel.events._select import Context as SelectionContext
from dotterel.events._select import select
from dotterel.events._semantic import SemanticFallback, semantic_events
from dotterel.events._speech import spoken_acts
from dotterel.syntax import Mentions

__all__ = ["CONDEMN", "CameoCode", "EventCoder", "Lexicon", "Mentions", "SelectionContext",
           "SemanticFallback", "TriggerPattern", "first_person", "judgment", "load_lexicon",
           "select", "semantic_events", "spoken_acts"]
