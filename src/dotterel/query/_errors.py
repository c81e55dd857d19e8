"""Errors of the query layer: a bad argument, or an id that is not in the store."""
from __future__ import annotations

from dotterel.errors import DotterelError

E401 = "E401"  # a query argument is out of range or malformed
E404 = "E404"  # no article or claim with that id


class QueryError(DotterelError):
    code = E401


class NotFound(QueryError):
    code = E404
