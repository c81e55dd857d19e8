"""Claims: a filtered list (speaker, free text, stance, contested only), and the thread a
claim belongs to.

A thread is found through the store's ``thread_id`` column when the store has one (threads
linked across articles), else by following ``responds_to``: up from the claim to the claim
that started it, then down to every claim that replies to it, recursively."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from dotterel.errors import NotFound, QueryError
from dotterel.query import _rows
from dotterel.query._types import ClaimThread, Page, StoredClaim, ThreadEntry
from dotterel.vocab import CHALLENGES

MAX_DEPTH = 64  # reply chains longer than this are cut (and cycles cannot loop)
_IN = ", ".join("?" * len(CHALLENGES))
_SELECT = f"""
WITH replies AS (
  SELECT r.responds_to AS id, count(*) AS responses,
         count(*) FILTER (WHERE r.stance IN ({_IN})) AS challenges,
         list(DISTINCT coalesce(r.speaker_code, r.speaker_text) ORDER BY
              coalesce(r.speaker_code, r.speaker_text))
           FILTER (WHERE r.stance IN ({_IN}) AND coalesce(r.speaker_code, r.speaker_text)
                   IS NOT NULL) AS challenged_by,
         max(ra.date) FILTER (WHERE r.stance IN ({_IN})) AS last_challenged
  FROM claims r JOIN articles ra ON ra.id = r.article_id
  WHERE r.responds_to IS NOT NULL GROUP BY 1)
SELECT c.*, a.title AS article_title, a.date AS article_date, a.input_id AS article_input_id,
       coalesce(p.responses, 0) AS responses, coalesce(p.challenges, 0) AS challenges,
       coalesce(p.challenged_by, []) AS challenged_by, p.last_challenged
FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN replies p ON p.id = c.id
"""
_SELECT_PARAMS = list(CHALLENGES) * 3
TEXT_ORDER = "a.date NULLS LAST, c.article_id, c.sentence, c.content_start, c.id"


def claims(con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, q: str | None = None,
           stance: str | None = None, disputed: bool = False, limit: int = 100,
           offset: int = 0) -> Page[StoredClaim]:
    """Claims by speaker code (any case), free text (in the content, the speaker's words or
    name), stance, and only those denied, disputed or asked for evidence (``disputed``).
    Most recently contested first, then newest article first."""
    _rows.check_page(limit, offset)
    where, params = ["TRUE"], []
    if speaker:
        where.append("upper(c.speaker_code) = upper(?)")
        params.append(speaker)
    if q:
        where.append("(c.content ILIKE ? ESCAPE '\\' OR c.speaker_text ILIKE ? ESCAPE '\\' "
                     "OR c.speaker_name ILIKE ? ESCAPE '\\')")
        params += [_rows.like(q)] * 3
    if stance:
        where.append("c.stance = ?")
        params.append(stance)
    if disputed:
        where.append("coalesce(p.challenges, 0) > 0")
    sql_where = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM ({_SELECT} WHERE {sql_where})",
                        [*_SELECT_PARAMS, *params]).fetchall()
    order = "coalesce(p.last_challenged, a.date) DESC NULLS LAST, " + TEXT_ORDER.replace(
        "a.date NULLS LAST, ", "")
    items = _select(con, sql_where, params, order=order, limit=limit, offset=offset)
    return Page(items=items, total=int(total[0][0]), limit=limit, offset=offset)


def claim_thread(con: duckdb.DuckDBPyConnection, claim_id: str) -> ClaimThread:
    """The claims of the thread ``claim_id`` belongs to, by article date (undated last) and
    text order, each with its depth below the thread's root. Raises ``NotFound`` [E404]."""
    found = _rows.fetch(con, "SELECT id, responds_to FROM claims WHERE id = ?", [claim_id])
    if not found:
        raise NotFound(f"no claim with id {claim_id!r}; find claims through /api/claims")
    ids, thread_id = _thread_ids(con, claim_id)
    stored = {s.claim.id: s for s in _select(con, "list_contains(?, c.id)", [sorted(ids)],
                                             order=TEXT_ORDER)}
    parents = {i: s.claim.responds_to for i, s in stored.items()}
    entries = sorted((ThreadEntry(stored=s, depth=_depth(i, parents)) for i, s in stored.items()),
                     key=_thread_order)
    return ClaimThread(claim_id=claim_id, root_id=_root(claim_id, parents), thread_id=thread_id,
                       entries=tuple(entries),
                       source="thread_id" if thread_id is not None else "responds_to")


def claim_id(con: duckdb.DuckDBPyConnection, prefix: str) -> str:
    """The claim id that starts with ``prefix`` (a whole id, or a unique beginning of one).
    Raises ``NotFound`` [E404] when none does, ``QueryError`` [E401] when several do."""
    found = _rows.run(con, "SELECT id FROM claims WHERE starts_with(id, ?) ORDER BY id LIMIT 3",
                      [prefix])
    ids = [r[0] for r in found]
    if prefix in ids or len(ids) == 1:
        return prefix if prefix in ids else ids[0]
    if not ids:
        raise NotFound(f"no claim with an id starting {prefix!r}; list claims with "
                       "dotterel claims, or GET /api/claims")
    raise QueryError(f"several claims have ids starting {prefix!r} ({', '.join(ids[:2])}, ...); "
                     "give more of the id")


def _select(con: duckdb.DuckDBPyConnection, where: str, params: Sequence[Any], *, order: str,
            limit: int | None = None, offset: int = 0) -> tuple[StoredClaim, ...]:
    sql = f"{_SELECT} WHERE {where} ORDER BY {order}"
    args = [*_SELECT_PARAMS, *params]
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, offset]
    return tuple(_stored(r) for r in _rows.fetch(con, sql, args))


def _stored(row: dict[str, Any]) -> StoredClaim:
    return StoredClaim(claim=_rows.claim(row), article=_rows.article_ref(row),
                       responses=int(row["responses"]), challenges=int(row["challenges"]),
                       challenged_by=tuple(row["challenged_by"] or ()),
                       thread_id=row.get("thread_id"))


def _thread_ids(con: duckdb.DuckDBPyConnection, claim_id: str) -> tuple[set[str], str | None]:
    """The ids in the claim's thread, and the store's thread id when the store has one."""
    if "thread_id" in _rows.columns(con, "claims"):
        rows = con.execute("SELECT t.id, t.thread_id FROM claims t JOIN claims c "
                           "ON t.thread_id = c.thread_id WHERE c.id = ?", [claim_id]).fetchall()
        if rows:
            return {r[0] for r in rows} | {claim_id}, rows[0][1]
    root = _walk_up(con, claim_id)
    return _walk_down(con, root) | {claim_id}, None


def _walk_up(con: duckdb.DuckDBPyConnection, claim_id: str) -> str:
    seen, current = {claim_id}, claim_id
    for _ in range(MAX_DEPTH):
        parent = con.execute("SELECT responds_to FROM claims WHERE id = ?", [current]).fetchall()
        if not parent or parent[0][0] is None or parent[0][0] in seen:
            return current
        exists = con.execute("SELECT count(*) FROM claims WHERE id = ?", [parent[0][0]]).fetchall()
        if not exists[0][0]:
            return current
        current = parent[0][0]
        seen.add(current)
    return current


def _walk_down(con: duckdb.DuckDBPyConnection, root: str) -> set[str]:
    found, frontier = {root}, [root]
    for _ in range(MAX_DEPTH):
        if not frontier:
            break
        rows = con.execute("SELECT id FROM claims WHERE list_contains(?, responds_to)",
                           [frontier]).fetchall()
        frontier = [r[0] for r in rows if r[0] not in found]
        found.update(frontier)
    return found


def _thread_order(entry: ThreadEntry) -> tuple[Any, ...]:
    """Article date (undated last), article, sentence; a reply after what it answers."""
    s, c = entry.stored, entry.stored.claim
    return (s.article.date is None, s.article.date or "", s.article.id, c.sentence, entry.depth,
            c.content_start, c.id)


def _depth(claim_id: str, parents: dict[str, str | None]) -> int:
    depth, current, seen = 0, claim_id, {claim_id}
    while parents.get(current) in parents and parents[current] not in seen:
        current = parents[current]  # type: ignore[assignment]
        seen.add(current)
        depth += 1
    return depth


def _root(claim_id: str, parents: dict[str, str | None]) -> str:
    current, seen = claim_id, {claim_id}
    while parents.get(current) in parents and parents[current] not in seen:
        current = parents[current]  # type: ignore[assignment]
        seen.add(current)
    return current
