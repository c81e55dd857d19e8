"""The store: ``ArticleResult`` records in a DuckDB file, written idempotently one transaction
per batch, and read back by the CLI, the API and the dashboard. Knows nothing of spaCy.

Tables (schema version ``SCHEMA_VERSION``): ``meta``, ``articles``, ``events``, ``claims``,
``places``, ``failures`` and ``runs`` (one row per written batch)."""
from dotterel.store._queries import EXPORT_FORMATS, ExportFormat
from dotterel.store._schema import SCHEMA_VERSION
from dotterel.store._store import Store
from dotterel.store._writer import WriteSummary

__all__ = ["EXPORT_FORMATS", "SCHEMA_VERSION", "ExportFormat", "Store", "WriteSummary"]
