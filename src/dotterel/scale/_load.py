"""``dotterel load DIR``: the Parquet that ``dotterel spark`` wrote, into a store.

The store writes it (``Store.write_parquet``) through the routine that stores ``ingest``'s
batches, in one transaction: articles already stored are skipped with their events, claims and
places, repeats are stored once, failures once per id; the new events are clustered and the new
claims threaded; one ``runs`` row records the load. DuckDB reads the Parquet itself."""
from __future__ import annotations

from pathlib import Path

from dotterel.errors import E302, StoreError
from dotterel.store import STAGED_TABLES, Store, WriteSummary


def load_parquet(folder: str | Path, store: Store) -> WriteSummary:
    """Load ``folder/<table>/*.parquet`` into ``store`` in one transaction.

    Raises ``StoreError`` [E302] when the folder holds no articles or failures, or the load
    fails (then nothing of it is kept)."""
    folder = Path(folder)
    files = {t.name: sorted((folder / t.name).glob("*.parquet")) for t in STAGED_TABLES}
    if not files["articles"] and not files["failures"]:
        raise StoreError(f"{folder} holds no Parquet written by dotterel spark (looked for "
                         f"{folder / 'articles'} and {folder / 'failures'}); give the --out "
                         "folder of a dotterel spark run", code=E302)
    return store.write_parquet(files)
