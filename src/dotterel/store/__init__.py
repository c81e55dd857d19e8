"""The store: coded articles in a DuckDB file, written idempotently one transaction per batch.
The store owns every write (``Store.write_batch`` for records, ``Store.write_parquet`` for what
``dotterel spark`` wrote: one routine); ``dotterel.query`` owns every read. Knows nothing of
spaCy.

Tables (schema version ``SCHEMA_VERSION``): ``meta``, ``articles``, ``events``,
``event_clusters``, ``claims``, ``claim_threads``, ``places``, ``failures`` and ``runs`` (one
row per written batch), and for ``dotterel watch`` ``feeds`` and ``feed_items`` (``FeedState``,
``FeedUpdate``, ``ItemMark``). ``record_rows`` gives the rows of one coded article in the layout of
``STAGED_TABLES``, the tables a batch brings (and ``dotterel spark`` writes); ``event_row``
one event's row."""
from dotterel.store._feeds import FeedState, FeedUpdate, ItemMark
from dotterel.store._schema import DATA_TABLES, SCHEMA_VERSION, Table
from dotterel.store._store import Store
from dotterel.store._writer import STAGED_TABLES, WriteSummary, event_row, record_rows

__all__ = ["DATA_TABLES", "SCHEMA_VERSION", "STAGED_TABLES", "FeedState", "FeedUpdate", "ItemMark",
           "Store", "Table", "WriteSummary", "event_row", "record_rows"]
