"""Claim threads across articles: the claims that state one proposition, and the answers to them.

Each new assertion joins the thread whose proposition it shares entities and content words with
(a weighted Jaccard score over ``about`` keys and content terms, threshold THREAD_MIN), or opens
a thread of its own. A response joins the thread of the claim it answers in its article; when
its article does not hold that claim ("rejected the claims", with no claim told), it joins the
best matching thread and its ``responds_to`` is set to the thread's first assertion.

Linking runs inside the batch's transaction, only over the claims of new articles, so ingesting
the same article again changes nothing, and a new article never re-clusters old ones.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import datetime, timezone
from typing import Any

import duckdb
import pyarrow as pa

from dotterel.store._schema import THREAD_COUNTS
from dotterel.store._sql import run, unregister
from dotterel.vocab import Stance

ASSERTS: Stance = "asserts"  # the stance that states a proposition; the others answer one

# calibrated on the Wikinews set and the example story: lower values merge distinct claims
# about the same countries; re-run tests/unit/test_threads.py after changing it.
THREAD_MIN = 0.35
RESPONSE_MIN = 0.25
TERMS_MIN = 0.15  # shared actors alone never make two claims one proposition
_WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset("""the a an of to in and that have has had been be is are was were from on for
by with its their it they them this these those there here as at or but not no than then also
said says say would will could should may might can into over about after before more most
other some any all such who which what when where while been being our your his her he she we
you i me my mr mrs ms one two three many much very just only so if because""".split())


def terms(text: str, *, skip: AbstractSet[str] = frozenset()) -> set[str]:
    """Content words, crudely stemmed ("leaders" -> "leader", "moved" -> "mov"), without the
    names in ``skip`` (the actors, which are matched as ``about`` keys)."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in STOP or len(w) < 3 or w in skip:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        out.add(w)
    return out


def similarity(about_a: set[str], terms_a: set[str], about_b: set[str], terms_b: set[str]) -> float:
    """0..1: shared entities weigh as much as the overlap of content words."""
    t = len(terms_a & terms_b) / len(terms_a | terms_b) if terms_a and terms_b else 0.0
    a = len(about_a & about_b) / len(about_a | about_b) if about_a and about_b else 0.0
    if t < TERMS_MIN and not (a == 1.0 and len(about_a) >= 2):
        return 0.0  # no shared wording: only the very same set of several actors will do
    return 0.6 * t + 0.4 * a if about_a and about_b else t


def link_claims(con: duckdb.DuckDBPyConnection, claim_ids: Sequence[str]) -> None:
    """Assign ``thread_id`` (and cross-article ``responds_to``) to the given new claims."""
    if not claim_ids:
        return
    rows = _new_claims(con, claim_ids)
    threads = _Threads(_candidate_threads(con, rows))
    assigned: dict[str, str] = {}
    updates: list[tuple[str, str, str | None]] = []
    for c in sorted(rows, key=lambda r: (r["stance"] != ASSERTS, r["article_date"] or "", r["seq"])):
        thread, responds = _place(c, threads, assigned)
        if thread is not None:
            assigned[c["id"]] = thread
            updates.append((c["id"], thread, responds))
    _bulk_update(con, updates)
    added: dict[str, set[str]] = {t: set() for _, t, _ in updates}
    by_id = {c["id"]: c for c in rows}
    for cid, tid, _ in updates:
        if by_id[cid]["stance"] == ASSERTS:
            added[tid] |= by_id[cid]["terms"]
    _refresh(con, added)


class _Threads:
    """The threads a batch's claims may join, with an index from each entity key and content
    word to the threads that have it, so that a claim is scored only against the threads it
    shares one with (any other scores 0): linking stays linear in the number of claims."""

    def __init__(self, stored: dict[str, dict[str, Any]]) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self._order: dict[str, int] = {}
        self._index: dict[tuple[str, str], list[str]] = {}
        self._by_article: dict[str, list[str]] = {}
        for tid, thread in stored.items():
            self.add(tid, thread)

    def add(self, tid: str, thread: dict[str, Any]) -> None:
        self.items[tid] = thread
        self._order[tid] = len(self._order)
        for key in _keys(thread["about"], thread["terms"]):
            self._index.setdefault(key, []).append(tid)
        if "row" in thread:
            self._by_article.setdefault(thread["row"]["article_id"], []).append(tid)

    def sharing(self, about: set[str], words: set[str]) -> list[str]:
        """The threads sharing an entity key or a content word, in the order they were added."""
        found = {tid for key in _keys(about, words) for tid in self._index.get(key, ())}
        return sorted(found, key=self._order.__getitem__)

    def opened_in(self, article_id: str) -> list[str]:
        """The threads opened by this batch's claims of ``article_id``, in order."""
        return self._by_article.get(article_id, [])


def _keys(about: set[str], words: set[str]) -> list[tuple[str, str]]:
    return [("about", k) for k in about] + [("term", w) for w in words]


def _bulk_update(con: duckdb.DuckDBPyConnection, updates: list[tuple[str, str, str | None]]) -> None:
    if not updates:
        return
    ids, threads, responds = (list(x) for x in zip(*updates))
    con.register("_dotterel_threads", pa.table({
        "id": pa.array(ids, pa.string()), "thread_id": pa.array(threads, pa.string()),
        "responds": pa.array(responds, pa.string())}))
    try:
        run(con, """UPDATE claims SET thread_id = u.thread_id,
                        responds_to = coalesce(claims.responds_to, u.responds)
                    FROM _dotterel_threads u WHERE claims.id = u.id""")
    finally:
        unregister(con, "_dotterel_threads")


def _ids(con: duckdb.DuckDBPyConnection, name: str, ids: Sequence[str]) -> None:
    """Register ``ids`` as a one-column relation ``name`` to join with (``list_contains`` on
    a parameter would cost rows x ids)."""
    con.register(name, pa.table({"id": pa.array(list(ids), pa.string())}))


def _new_claims(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[dict[str, Any]]:
    _ids(con, "_dotterel_claim_ids", ids)
    try:
        found = run(con, """
            SELECT c.id, c.stance, c.content, coalesce(c.about, ''), c.responds_to,
                   c.speaker_code, c.speaker_name, c.speaker_text, a.date, c.article_id
            FROM claims c JOIN articles a ON a.id = c.article_id
            JOIN _dotterel_claim_ids n ON n.id = c.id
            ORDER BY a.date NULLS LAST, c.article_id, c.sentence, c.content_start""")
    finally:
        unregister(con, "_dotterel_claim_ids")
    keys = ("id", "stance", "content", "about", "responds_to", "speaker_code", "speaker_name",
            "speaker_text", "article_date", "article_id")
    out = []
    for n, r in enumerate(found):
        row = dict(zip(keys, r))
        row["article_date"] = str(row["article_date"]) if row["article_date"] else None
        row["seq"] = n
        row["about_set"] = set(row["about"].split())
        row["terms"] = terms(row["content"] or "", skip=row["about_set"])
        out.append(row)
    return out


def _candidate_threads(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> dict[str, dict]:
    keys = sorted({k for r in rows for k in r["about_set"]})
    words = sorted({w for r in rows for w in r["terms"]})
    found = run(con, """
        SELECT id, coalesce(about, ''), coalesce(terms, ''), first_claim_id, first_speaker_code
        FROM claim_threads
        WHERE list_has_any(string_split(coalesce(about, ''), ' '), ?::VARCHAR[])
           OR list_has_any(string_split(coalesce(terms, ''), ' '), ?::VARCHAR[])""", [keys, words])
    return {r[0]: {"about": set(r[1].split()), "terms": set(r[2].split()), "first": r[3],
                   "speaker": r[4], "new": False} for r in found}


def _place(c: dict[str, Any], threads: _Threads, assigned: dict[str, str]
           ) -> tuple[str | None, str | None]:
    """(thread id, cross-article responds_to) for claim ``c``; may open a new thread."""
    if c["stance"] != ASSERTS and c["responds_to"] in assigned:
        return assigned[c["responds_to"]], None
    best, score = None, 0.0
    for tid in threads.sharing(c["about_set"], c["terms"]):
        t = threads.items[tid]
        s = similarity(c["about_set"], c["terms"], t["about"], t["terms"])
        if s > score:
            best, score = tid, s
    if c["stance"] == ASSERTS:
        if best is not None and score >= THREAD_MIN:
            return best, None
        if (same := _restated(c, threads)) is not None:
            return same, None
        threads.add(c["id"], {"about": c["about_set"], "terms": c["terms"], "first": c["id"],
                              "speaker": c["speaker_code"], "new": True, "row": c})
        return c["id"], None
    if best is not None and score >= RESPONSE_MIN:
        return best, threads.items[best]["first"]
    return None, None


def _restated(c: dict[str, Any], threads: _Threads) -> str | None:
    """A speaker restating, in the same article, a claim about the same actors (a headline's
    "Iran's claim of ISIS presence" and the body's "ISIS leaders moved to Afghanistan")."""
    if not c["speaker_code"]:
        return None
    own = {c["speaker_code"]}
    for tid in threads.opened_in(c["article_id"]):
        t = threads.items[tid]
        row = t["row"]
        if row["speaker_code"] == c["speaker_code"] and (t["about"] & c["about_set"]) - own:
            return tid
    return None


def _refresh(con: duckdb.DuckDBPyConnection, added: dict[str, set[str]]) -> None:
    """Rewrite the touched threads' summaries from their claims; their ``terms`` (the content
    words of their assertions) gain those of the assertions ``added`` to each."""
    if not added:
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    _ids(con, "_dotterel_thread_ids", sorted(added))
    try:
        _rewrite(con, added, now)
    finally:
        unregister(con, "_dotterel_thread_ids")


def _rewrite(con: duckdb.DuckDBPyConnection, added: dict[str, set[str]], now: datetime) -> None:
    # a thread's terms are the union of its assertions' terms: the stored ones and the new ones
    words = {tid: set(added[tid]) for tid in sorted(added)}
    for tid, stored in run(con, "SELECT id, coalesce(terms, '') FROM claim_threads "
                                "WHERE id IN (SELECT id FROM _dotterel_thread_ids)"):
        words[tid] |= set(stored.split())
    run(con, "DELETE FROM claim_threads WHERE id IN (SELECT id FROM _dotterel_thread_ids)")
    counted = "".join(f', "{column}"' for column in THREAD_COUNTS.values())
    counts = "".join(", count(*) FILTER (WHERE t.stance = ?)" for _ in THREAD_COUNTS)
    run(con, f"""
        INSERT INTO claim_threads (id, proposition, about, terms, first_claim_id,
                                   first_speaker_code, first_speaker_name, first_date, n_claims,
                                   n_articles{counted}, updated_at)
        SELECT t.thread_id, arg_min_null(t.content, t.rank),
               coalesce(array_to_string(list_sort(list_distinct(
                   string_split(string_agg(DISTINCT t.about, ' '), ' '))), ' '), ''),
               NULL, arg_min_null(t.id, t.rank), arg_min_null(t.speaker_code, t.rank),
               arg_min_null(coalesce(t.speaker_name, t.speaker_text), t.rank),
               min(t.date) FILTER (WHERE t.stance = ?), count(*),
               count(DISTINCT t.article_id){counts}, ?
        FROM (SELECT c.*, a.date,
                     -- the thread's first claim: assertions first, by date (undated last),
                     -- article, sentence; the id settles ties (arg_min streams, no sort)
                     (c.stance != ?, coalesce(a.date, DATE '9999-12-31'),
                      c.article_id, c.sentence, c.id) AS rank
              FROM claims c JOIN articles a ON a.id = c.article_id
              WHERE c.thread_id IN (SELECT id FROM _dotterel_thread_ids)) t
        GROUP BY t.thread_id""", [ASSERTS, *THREAD_COUNTS, now, ASSERTS])  # in the ?s' order
    con.register("_dotterel_terms", pa.table({
        "id": pa.array(list(words), pa.string()),
        "terms": pa.array([" ".join(sorted(w)) for w in words.values()], pa.string())}))
    try:
        run(con, "UPDATE claim_threads SET terms = u.terms FROM _dotterel_terms u "
                 "WHERE claim_threads.id = u.id")
    finally:
        unregister(con, "_dotterel_terms")
