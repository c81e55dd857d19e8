"""Claim threads across articles in the store: hand-built results, no model."""
from __future__ import annotations

import duckdb

from dotterel import query
from dotterel.records import Actor, Article, ArticleResult, Claim
from dotterel.store import Store
from dotterel.store._threads import similarity, terms

IRN = Actor(text="Iran's foreign minister", code="IRN", sector="GOV", name="Abdollahian")
AFG = Actor(text="The Taliban", code="AFG", sector="GOV", name="Taliban")
USA = Actor(text="the United States", code="USA", sector="GOV")


def claim(cid: str, content: str, *, speaker: Actor, stance: str = "asserts",
          about: tuple[str, ...] = ("AFG", "IMG", "isis"), responds_to: str | None = None) -> Claim:
    return Claim(id=cid, sentence=0, speaker=speaker, cue="said", content=content,
                 content_start=0, content_end=len(content), stance=stance,
                 responds_to=responds_to, cue_start=0, about=about)


def article(aid: str, day: str, *claims: Claim) -> ArticleResult:
    return ArticleResult(article=Article(id=aid, text=f"text {aid}", title=aid, date=day),
                         claims=claims)


ASSERT = article("a1", "2023-06-01", claim("c1", "leaders of ISIS have moved to Afghanistan",
                                           speaker=IRN))
DENIAL = article("a2", "2023-06-03", claim(
    "c2", "ISIS commanders relocated to Afghanistan", speaker=AFG, stance="denies"))
DEMAND = article("a3", "2023-06-04", claim(
    "c3", "evidence that ISIS leaders moved to Afghanistan", speaker=AFG,
    stance="demands_evidence"))
OTHER = article("a4", "2023-06-05", claim(
    "c4", "the United States is behind the group", speaker=AFG, about=("USA", "IMG")))


def threads(store: Store) -> dict[str, str]:
    return dict(store.connection.execute("SELECT id, thread_id FROM claims").fetchall())


def test_terms_and_similarity():
    assert terms("Leaders moved to Afghanistan") == {"leader", "mov", "afghanistan"}
    a, b = terms("ISIS leaders moved to Afghanistan"), terms("ISIS leaders relocated to Afghanistan")
    assert similarity({"IMG"}, a, {"IMG"}, b) > similarity({"IMG"}, a, {"USA"}, terms("tariffs rose"))
    # shared actors alone do not make one proposition
    names = {"afghanistan", "isis"}
    assert terms("ISIS moved to Afghanistan", skip=names) == {"mov"}
    assert similarity({"AFG"}, terms("Afghanistan will respond", skip=names), {"AFG", "IMG"},
                      terms("ISIS leaders moved to Afghanistan", skip=names)) == 0.0
    # different wording, the very same actors: one proposition
    assert similarity({"IMG", "AFG"}, terms("commanders relocated"), {"IMG", "AFG"},
                      terms("leaders moved")) >= 0.35


def test_cross_article_thread_links_denial_and_demand(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch([ASSERT])
        s.write_batch([DENIAL, DEMAND, OTHER])
        t = threads(s)
        assert t["c1"] == t["c2"] == t["c3"] == "c1"
        assert t["c4"] == "c4"
        con = s.connection
        rows = {x.claim.id: x for x in query.claims(con).items}
        assert rows["c2"].claim.responds_to == "c1" and rows["c3"].claim.responds_to == "c1"
        head = con.execute("SELECT first_speaker_code, first_date, n_denials, n_evidence_demands "
                           "FROM claim_threads WHERE id = 'c1'").fetchall()
        assert [(a, str(b), c, d) for a, b, c, d in head] == [("IRN", "2023-06-01", 1, 1)]
        thread = query.claim_thread(con, "c2")
        assert [e.stored.claim.id for e in thread.entries] == ["c1", "c2", "c3"]
        assert {x.claim.id for x in query.claims(con, disputed=True).items} == {"c1"}
        assert rows["c1"].challenged_by == ("AFG",)
        assert {x.claim.id for x in query.claims(con, q="United States").items} == {"c4"}


def test_reingest_neither_splits_nor_duplicates(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch([ASSERT, DENIAL])
        before = s.connection.execute("SELECT * FROM claim_threads ORDER BY id").fetchall()
        s.write_batch([ASSERT, DENIAL])
        s.write_batch([DENIAL])
        after = s.connection.execute("SELECT * FROM claim_threads ORDER BY id").fetchall()
        assert [r[:-1] for r in before] == [r[:-1] for r in after]  # all but updated_at
        assert query.counts(s.connection)["claims"] == 2


def test_one_batch_equals_two_batches(tmp_path):
    with Store(tmp_path / "one.duckdb") as s:
        s.write_batch([ASSERT, DENIAL, DEMAND, OTHER])
        one = threads(s)
    with Store(tmp_path / "two.duckdb") as s:
        s.write_batch([ASSERT, OTHER])
        s.write_batch([DENIAL, DEMAND])
        two = threads(s)
    assert one == two


def test_response_without_match_stays_unthreaded(tmp_path):
    lone = article("a9", "2023-06-09", claim("c9", "the report", speaker=AFG, stance="denies",
                                             about=()))
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch([ASSERT, lone])
        assert threads(s)["c9"] is None


def test_version_1_store_is_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute('CREATE TABLE meta ("key" VARCHAR PRIMARY KEY, "value" VARCHAR)')
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    from dotterel.store._schema import ARTICLES, CLAIMS, EVENTS, FAILURES, PLACES, RUNS
    for table in (ARTICLES, EVENTS, FAILURES, PLACES, RUNS):
        con.execute(table.ddl())
    old_claims = [c for c in CLAIMS.columns if c[0] not in ("about", "thread_id")]
    cols = ", ".join(f'"{c}" {t}' for c, t in old_claims)
    con.execute(f'CREATE TABLE claims ({cols}, PRIMARY KEY ("id"))')
    con.close()
    with Store(path) as s:
        s.write_batch([ASSERT, DENIAL])
        assert threads(s)["c2"] == "c1"


def test_linking_is_linear_in_the_claims_of_a_batch(monkeypatch, tmp_path):
    """A claim is scored only against the threads it shares an actor or a content word with:
    n unrelated claims in one article cost n scorings, not n * n / 2."""
    import dotterel.store._threads as threads_module

    calls = 0
    real = threads_module.similarity

    def counted(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(threads_module, "similarity", counted)
    def word(i: int) -> str:  # a made-up content word of letters only, one per i
        return "qx" + "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3))

    n = 400
    claims = tuple(claim(f"k{i:04d}", f"{word(2 * i)} {word(2 * i + 1)}", speaker=IRN,
                         about=(f"X{i}",)) for i in range(n))
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch([article("dense", "2023-06-01", *claims)])
        assert len(set(threads(s).values())) == n  # each its own thread
    assert calls == 0  # nothing shared, nothing scored (was n * (n - 1) / 2)
