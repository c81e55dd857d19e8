"""Printing results for the CLI: JSON, JSONL, tables, CSV."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import typer

from dotterel.contract import failure_json, result_json
from dotterel.records import ArticleResult, Failure

EVENT_COLUMNS = ("event_date", "actor_code", "actor_sector", "cameo", "plover_type",
                 "recipient_code", "recipient_sector", "goldstein", "trigger", "actor_text",
                 "recipient_text", "article_id")


def _warn(f: Failure) -> None:
    where = f"{f.origin}:{f.line}" if f.line is not None else f.origin
    print(f"dotterel: [{f.code}] {where}: {f.message}", file=sys.stderr)


def print_results(items: Iterable[ArticleResult | Failure], fmt: str, *,
                  candidates: bool = False) -> int:
    """Print coded articles in ``fmt``; failures go to stderr (and, in jsonl, a line each).
    ``candidates`` adds the events selection dropped, with the reason. Returns the number of
    failures."""
    failed, objs = 0, []
    for item in items:
        if isinstance(item, Failure):
            failed += 1
            _warn(item)
            if fmt == "jsonl":
                print(json.dumps(failure_json(item), ensure_ascii=False), flush=True)
            continue
        obj = result_json(item, candidates=candidates)
        if fmt == "jsonl":
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        elif fmt == "table":
            _print_table(item, candidates=candidates)
        else:
            objs.append(obj)
    if fmt == "json":
        print(json.dumps(objs[0] if len(objs) == 1 else objs, indent=2, ensure_ascii=False))
    return failed


def _print_table(r: ArticleResult, *, candidates: bool = False) -> None:
    print(f"# {r.article.title or r.article.origin or r.article.id}  ({r.article.date or 'no date'})")
    shown = sorted(r.events + r.candidates, key=lambda e: (e.sentence, e.trigger_start)) \
        if candidates else r.events
    for e in shown:
        a = e.actor.code if e.actor else "-"
        b = e.recipient.code if e.recipient else "-"
        flags = (f"({e.dropped}) " if e.dropped else "") + ("NEG " if e.negated else "") \
            + ("HYP " if e.hypothetical else "")
        print(f"  [{e.sentence:>2}] {a or '?':<4} {e.cameo:<4} {e.plover_type or '-':<9} {b or '?':<4}"
              f" {e.goldstein:>5.1f}  {flags}{e.trigger!r}: "
              f"{(e.actor.text if e.actor else '')} -> {(e.recipient.text if e.recipient else '')}")
    for c in r.claims:
        who = c.speaker.code if c.speaker else "?"
        link = f" -> {c.responds_to}" if c.responds_to else ""
        print(f"  claim {c.id[:8]} {who} {c.stance}{link}: {c.content[:90]!r}")


def print_summary(s: Any, db: Path) -> None:
    status = "ok"
    if s.failures:
        skipped = getattr(s, "not_english", 0)
        status = (f"{skipped} not in English; " if skipped else "") + "see the failures table"
    typer.echo(f"ingested into {db}: {s.articles_new} new articles, {s.articles_skipped} already "
               f"stored, {s.events} events, {s.claims} claims, {s.failures} failed inputs ({status})")
    for f in s.failure_samples:
        _warn(f)


def require_db(db: Path) -> None:
    if not db.exists():
        from dotterel.errors import E301, StoreError

        raise StoreError(f"no database at {db}; create one with: dotterel ingest FILES --db {db}",
                         code=E301)


def all_events(con: Any, *, limit: int, **filters: Any) -> list[Any]:
    """Up to ``limit`` events from ``dotterel.query.events``, a page at a time."""
    from dotterel import query

    found: list[Any] = []
    while len(found) < limit:
        page = query.events(con, limit=min(query.MAX_LIMIT, limit - len(found)),
                            offset=len(found), **filters)
        found += page.items
        if len(found) >= page.total or not page.items:
            break
    return found


def event_row(stored: Any) -> dict[str, Any]:
    """A stored event (``dotterel.query.StoredEvent``) as one flat row, in the store's column
    layout (``article_id`` is the article's hash, ``input_id`` its input record's id), with
    its cluster and the cluster's counts."""
    from dotterel.store import event_row as stored_row

    row = stored_row(stored.event, article_id=stored.article.id)
    row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    return {**row, "cluster_id": stored.cluster_id, "num_mentions": stored.num_mentions,
            "num_articles": stored.num_articles, "num_sources": stored.num_sources,
            "input_id": stored.article.input_id}


def print_rows(rows: Sequence[dict], fmt: str, *, columns: Sequence[str]) -> None:
    if fmt == "json":
        print(json.dumps(list(rows), indent=2, default=str, ensure_ascii=False))
        return
    if fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns))
        w.writeheader()
        w.writerows(rows)
        return
    cols = [c for c in columns if not rows or c in rows[0]]
    print("  ".join(cols))
    for r in rows:
        print("  ".join(_cell(r.get(c)) for c in cols))
    print(f"({len(rows)} events)", file=sys.stderr)


def _cell(v: Any) -> str:
    s = "" if v is None else str(v)
    return s if len(s) <= 40 else s[:37] + "..."


def print_claims(stored: Sequence[Any]) -> None:
    """Claims as ``dotterel.query`` returns them (``StoredClaim``), one line each."""
    print("\nclaims:")
    for s in sorted(stored, key=lambda s: (s.article.id, s.claim.sentence, s.claim.content_start)):
        c = s.claim
        link = f" (responds to {c.responds_to[:8]})" if c.responds_to else ""
        who = (c.speaker.name or c.speaker.text) if c.speaker else "?"
        code = c.speaker.code if c.speaker and c.speaker.code else "?"
        print(f"  {c.id[:8]} {code:<4} {who[:30]:<30} {c.stance:<16}{link}: {(c.content or '')[:80]}")
