"""``dotterel claims`` and ``dotterel claim``: the ledger of claims and its threads, read through
the same named queries as the API (``dotterel.query``)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from dotterel.cli import _output as out
from dotterel.cli._options import DbOpt, TableFormat, TableFormatOpt, app
from dotterel.vocab import STANCE_VERBS


@app.command()
def claims(db: DbOpt = Path("dotterel.duckdb"),
           speaker: Annotated[Optional[str], typer.Option(help="Speaker code, e.g. IRN.")] = None,
           about: Annotated[Optional[str], typer.Option(
               help="Free text in the claim or its speaker.")] = None,
           disputed: Annotated[bool, typer.Option(
               "--disputed", help="Only claims someone denied, disputed or asked proof of.")] = False,
           limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
           format: TableFormatOpt = TableFormat("table")) -> None:
    """List stored claims with their stance, thread and challengers.

    Example: dotterel claims --about ISIS --disputed
    """
    from dotterel import query
    from dotterel.contract import stored_claim_json
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        page = query.claims(store.connection, speaker=speaker, q=about, disputed=disputed,
                            limit=min(limit, query.MAX_LIMIT))
    if format.value != "table":
        out.print_rows([stored_claim_json(s) for s in page.items], format.value, columns=())
        return
    for s in page.items:
        c = s.claim
        who = (c.speaker.name or c.speaker.text) if c.speaker else "?"
        code = c.speaker.code if c.speaker and c.speaker.code else "?"
        against = f" challenged by {','.join(s.challenged_by)}" if s.challenges else ""
        print(f"{s.article.date or '????-??-??'}  {c.id[:12]}  {code:<4} {who[:28]:<28} "
              f"{c.stance:<16} {(c.content or '')[:70]}{against}")
    print(f"({len(page.items)} of {page.total} claims)")


@app.command()
def claim(ident: Annotated[str, typer.Argument(help="A claim id (a unique prefix is enough).")],
          db: DbOpt = Path("dotterel.duckdb"),
          format: TableFormatOpt = TableFormat("table")) -> None:
    """Show a claim's thread as a timeline: who asserted it, denied it, disputed it, demanded
    evidence or supported it, and when.

    Example: dotterel claim 65eaa25043b7
    """
    from dotterel import query
    from dotterel.contract import thread_json
    from dotterel.store import Store

    out.require_db(db)
    with Store(db, read_only=True) as store:
        thread = query.claim_thread(store.connection, query.claim_id(store.connection, ident))
    if format.value == "json":
        print(json.dumps(thread_json(thread), indent=2, default=str, ensure_ascii=False))
        return
    print(f"thread {thread.thread_id or thread.root_id}")
    for entry in thread.entries:
        c, a = entry.stored.claim, entry.stored.article
        who = (c.speaker.name or c.speaker.text) if c.speaker else "someone"
        code = f" ({c.speaker.code})" if c.speaker and c.speaker.code else ""
        print(f"  {a.date or '????-??-??'}  {'  ' * min(entry.depth, 3)}{who}{code} "
              f"{STANCE_VERBS.get(c.stance, c.stance)}: {(c.content or '')[:100]}"
              f"   [{c.id[:12]} in {(a.title or a.id)[:50]}]")
