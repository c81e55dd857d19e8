"""Events: triggers in the parse -> actor, recipient, CAMEO, PLOVER, Goldstein, quad class."""
from dotterel.events._coder import EventCoder
from dotterel.events._context import first_person
from dotterel.events._lexicon import CameoCode, Lexicon, TriggerPattern, load_lexicon
from dotterel.events._mentions import Mentions
from dotterel.events._select import Context as SelectionContext
from dotterel.events._select import select
from dotterel.events._speech import spoken_acts

__all__ = ["CameoCode", "EventCoder", "first_person", "Lexicon", "Mentions", "SelectionContext", "TriggerPattern",
           "load_lexicon", "select", "spoken_acts"]
