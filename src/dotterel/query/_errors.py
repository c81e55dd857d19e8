"""Errors of the query layer, from the catalogue (``dotterel.errors``): a bad argument [E401],
or an id that is not in the store [E404]."""
from __future__ import annotations

from dotterel.errors import E401, E404, NotFound, QueryError

__all__ = ["E401", "E404", "NotFound", "QueryError"]
