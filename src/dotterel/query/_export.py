"""Exports and counts: every data table to Parquet, CSV or JSONL files, or GDELT's two tables
(``_gdelt``); the rows per table. Table names come from this module, never from the caller.

Article ids in the files: ``articles.id`` and every ``article_id`` are the article's hash (of
its normalised text), as in the store; ``input_id`` is the id its input record gave (a JSONL
line's ``id``), which ``dotterel code`` prints as ``article.id``. ``events``, ``claims`` and
``places`` carry the ``input_id`` of their article too, so the files join with ``dotterel
code``'s output on either id."""
from __future__ import annotations

from pathlib import Path

import duckdb

from dotterel.errors import E303, QueryError, StoreError
from dotterel.query._rows import run
from dotterel.store import DATA_TABLES
from dotterel.vocab import EXPORT_FORMATS as _FORMATS

# each format of ``dotterel.vocab.EXPORT_FORMATS`` -> (file suffix, COPY options); ``gdelt`` is
# GDELT 2.0's layout (query/_gdelt.py)
_COPY: dict[str, tuple[str, str]] = {
    "parquet": (".parquet", "FORMAT parquet"),
    "csv": (".csv", "FORMAT csv, HEADER true"),
    "jsonl": (".jsonl", "FORMAT json"),  # DuckDB writes newline-delimited JSON
    "gdelt": ("", ""),
}
EXPORT_FORMATS: dict[str, tuple[str, str]] = {f: _COPY[f] for f in _FORMATS}  # in vocab's order
_WITH_INPUT_ID = ("events", "claims", "places")  # rows of an article: its input_id beside
COUNTED = ("articles", "events", "claims", "failures")


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in articles, events, claims and failures."""
    return {t: int(run(con, f'SELECT count(*) FROM "{t}"')[0][0]) for t in COUNTED}


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path) -> list[Path]:
    """Write every data table to ``out/<table><suffix>`` (``gdelt``: GDELT's event and
    mentions tables); return the files written. Raises ``QueryError`` [E401] for an unknown
    format and ``StoreError`` [E303] when the files cannot be written."""
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    out = Path(out)
    try:
        if fmt == "gdelt":
            from dotterel.query._gdelt import export as export_gdelt

            return export_gdelt(con, out)
        return _tables(con, fmt, out)
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"exporting as {fmt} to {out} failed: {exc}. Check that the folder "
                         "can be written, and the disk has room", code=E303) from exc


def _tables(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    suffix, options = EXPORT_FORMATS[fmt]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in DATA_TABLES:
        path = out / f"{table}{suffix}"
        target = str(path).replace("'", "''")  # COPY takes no parameter for its target
        run(con, f"COPY ({_select(table)}) TO '{target}' ({options})")
        written.append(path)
    return written


def _select(table: str) -> str:
    if table not in _WITH_INPUT_ID:
        return f'SELECT * FROM "{table}" ORDER BY id'
    return (f'SELECT t.*, a.input_id FROM "{table}" t LEFT JOIN articles a ON a.id = t.article_id '
            "ORDER BY t.id")
