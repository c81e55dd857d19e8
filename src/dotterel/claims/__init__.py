"""Claims: who asserted what, and who denied, disputed, supported or demanded proof of it."""
from dotterel.claims._coder import ClaimCoder

STANCES = ("asserts", "denies", "disputes", "supports", "demands_evidence", "retracts")

__all__ = ["STANCES", "ClaimCoder"]
