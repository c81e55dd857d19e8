"""Events: triggers in the parse -> actor, recipient, CAMEO, PLOVER, Goldstein, quad class."""
from dotterel.events._coder import EventCoder
from dotterel.events._lexicon import CameoCode, Lexicon, TriggerPattern, load_lexicon
from dotterel.events._mentions import Mentions

__all__ = ["CameoCode", "EventCoder", "Lexicon", "Mentions", "TriggerPattern", "load_lexicon"]
