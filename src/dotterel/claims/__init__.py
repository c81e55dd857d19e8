"""Claims: who asserted what, and who denied, disputed, supported or demanded proof of it."""
from dotterel.claims._coder import ClaimCoder
from dotterel.claims._cues import ASSERT_CUES, CLAIM_NOUNS, CUE_STANCE, DEMAND_VERBS, EVIDENCE_NOUNS
from dotterel.vocab import STANCES  # the stances' home is dotterel.vocab; re-exported

__all__ = ["ASSERT_CUES", "CLAIM_NOUNS", "CUE_STANCE", "DEMAND_VERBS", "EVIDENCE_NOUNS",
           "STANCES", "ClaimCoder"]
