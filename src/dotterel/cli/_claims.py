"""``dotterel claims`` and ``dotterel claim``: the ledger of claims and its threads."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from dotterel.cli import _output as out
from dotterel.cli._app import DbOpt, TableFormat, app

STANCE_VERB = {"asserts": "asserted", "denies": "denied", "disputes": "disputed",
               "supports": "supported", "demands_evidence": "demanded evidence for",
               "retracts": "retracted"}


@app.command()
def claims(db: DbOpt = Path("dotterel.duckdb"),
           speaker: Annotated[Optional[str], typer.Option(help="Speaker code, e.g. IRN.")] = None,
           about: Annotated[Optional[str], typer.Option(help="Free text: content, proposition or actor.")] = None,
           disputed: Annotated[bool, typer.Option("--disputed", help="Only claims in disputed threads.")] = False,
           limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
           format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """List stored claims with their stance and thread.

    Example: dotterel claims --about ISIS --disputed
    """
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        rows = store.claims(speaker=speaker, about=about, disputed=disputed, limit=limit)
    if format.value != "table":
        out.print_rows(rows, format.value, columns=())
        return
    for r in rows:
        who = r.get("speaker_name") or r.get("speaker_text") or "?"
        print(f"{r.get('article_date') or '????-??-??'}  {r['id'][:12]}  {r.get('speaker_code') or '?':<4} "
              f"{who[:28]:<28} {r['stance']:<16} thread {str(r.get('thread_id') or '-')[:12]:<12} "
              f"{(r.get('content') or '')[:70]}")
    print(f"({len(rows)} claims)")


@app.command()
def claim(ident: Annotated[str, typer.Argument(help="A claim id or thread id (a prefix is enough).")],
          db: DbOpt = Path("dotterel.duckdb"),
          format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """Show a claim's thread as a timeline: who asserted it, denied it, disputed it, demanded
    evidence or supported it, and when.

    Example: dotterel claim 65eaa25043b7
    """
    from dotterel.errors import E301, StoreError
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        thread = store.claim_thread(_expand(store, ident))
    if thread is None:
        raise StoreError(f"no claim or thread with id {ident!r} in {db}", code=E301)
    if format.value == "json":
        print(json.dumps(thread, indent=2, default=str, ensure_ascii=False))
        return
    head = thread["thread"]
    print(f"thread {head['id']}: {head.get('proposition') or ''}")
    for c in thread["claims"]:
        who = c.get("speaker_name") or c.get("speaker_text") or "someone"
        code = f" ({c['speaker_code']})" if c.get("speaker_code") else ""
        print(f"  {c.get('article_date') or '????-??-??'}  {who}{code} "
              f"{STANCE_VERB.get(c['stance'], c['stance'])}: {(c.get('content') or '')[:100]}"
              f"   [{c['id'][:12]} in {(c.get('article_title') or c['article_id'])[:50]}]")


def _expand(store, ident: str) -> str:
    """A unique id prefix -> the full claim or thread id."""
    found = store.connection.execute(
        "SELECT id FROM claims WHERE starts_with(id, ?) UNION SELECT id FROM claim_threads "
        "WHERE starts_with(id, ?) LIMIT 2", [ident, ident]).fetchall()
    return found[0][0] if len(found) == 1 else ident
