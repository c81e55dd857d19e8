"""PETRARCH/TABARI actor dictionaries: the parser, dated roles, the converted TSV, ``--dict``.

The dictionary below is written for these tests in the TABARI format; its people are invented.
No spaCy model is loaded.
"""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from dotterel.actors import Entry, load_dictionary, lookup_name, resolve_tokens
from dotterel.actors._dictionary import on_date
from dotterel.actors._files import Role, read_rows
from dotterel.actors._resolve import article_date
from dotterel.actors._tabari import (display, looks_like_tabari, parse_tabari, read_tabari,
                                     split_code, superseded, tabari_rows, to_tsv)
from dotterel.errors import DictionaryError
from dotterel.records import Token

SAMPLE = """\
# Invented actors in the PETRARCH/TABARI format, for dotterel's tests.
<!-- a comment
     over two lines -->
FREEDONIA_  [FRE]   ; the old KEDS comment
+FREEDONIAN_
+FREEDONIA_CITY
+FREEDONIA_CITY_

RUFUS_T._FIREFLY_  # a person with three dated roles and an undated one
+PRESIDENT_FIREFLY_
+FIREFLY_
\t[FREGOV 20090120-20170120]
\t[FREOPP >20170121]
\t[FREMIL <851231]
\t[FREELI]
TRENTINO_   [SYLGOV 990101-050630] [IGOUNOKID >050701]<!-- inline -->
+AMBASSADOR_TRENTINO
U.N._
THE_SYLVANIAN_ARMY_
\t[SYLMIL]
~GOV  agent lines are skipped
{ a brace block
  over two lines }
---STOP---
NOT_READ_ [XYZ]
"""


def write(tmp_path: Path, text: str, name: str = "sample.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def toks(text: str) -> list[Token]:
    out, idx = [], 0
    for i, word in enumerate(text.split()):
        out.append(Token(i=i, text=word, lemma=word.lower(), pos="PROPN", tag="NNP", dep="dep",
                         head=i, idx=idx))
        idx += len(word) + 1
    return out


# -- the parser ----------------------------------------------------------------------------------

def test_entries_synonyms_and_roles() -> None:
    parsed = parse_tabari(SAMPLE, "sample")
    names = [e.name for e in parsed.entries]
    assert names == ["Freedonia", "Rufus T. Firefly", "Trentino", "The Sylvanian Army"]
    freedonia, firefly, trentino, army = parsed.entries
    assert freedonia.aliases == ("Freedonian", "Freedonia City")  # the repeated synonym once
    assert firefly.aliases == ("President Firefly", "Firefly")
    assert [(r.code, r.start, r.end) for r in firefly.roles] == [
        ("FREGOV", "2009-01-20", "2017-01-20"), ("FREOPP", "2017-01-21", None),
        ("FREMIL", None, "1985-12-31"), ("FREELI", None, None)]
    assert [(r.code, r.start, r.end) for r in trentino.roles] == [
        ("SYLGOV", "1999-01-01", "2005-06-30"), ("IGOUNOKID", "2005-07-01", None)]
    assert trentino.aliases == ("Ambassador Trentino",)
    assert army.roles[0].code == "SYLMIL" and army.line == 19
    assert parsed.counts == {"entries": 4, "synonyms": 5, "roles": 8, "dated roles": 5}


def test_skipped_and_mended_lines_are_counted_with_their_reason() -> None:
    parsed = parse_tabari(SAMPLE, "sample")
    reasons = {(s.line, s.reason) for s in parsed.skipped}
    assert {(1, "comment"), (2, "comment"), (3, "comment"), (18, "entry without a code"),
            (21, "agent-dictionary line (~ code)"), (22, "{...} block"), (23, "{...} block"),
            (25, "after ---STOP---")} == reasons
    assert (6, "phrase without the final _ (read as whole words)") in {
        (s.line, s.reason) for s in parsed.mended}


def test_two_digit_years_follow_tabari() -> None:
    text = "A_PERSON_\n\t[FREGOV 300101-301231]\n\t[FREELI 310101-991231]\n\t[FREOPP >000229]\n"
    (entry,) = parse_tabari(text, "t").entries
    assert [(r.start, r.end) for r in entry.roles] == [
        ("2030-01-01", "2030-12-31"), ("1931-01-01", "1999-12-31"), ("2000-02-29", None)]


@pytest.mark.parametrize("line, problem", [
    ("\t[FREGOV 2004017-20061201]", "'2004017' is not a date"),
    ("\t[FREGOV 20100931-20101231]", "'20100931' is not a valid date"),
    ("\t[FREGOV 20170120-20090120]", "ends before it starts"),
    ("\t[usagov]", "'usagov' is not a CAMEO actor code"),
    ("\t[FREGOVX]", "'FREGOVX' is not a CAMEO actor code"),
    ("\t[FREGOV 20090120", "unclosed bracket"),
    ("\t[FREGOV after 2009]", "cannot read the code"),
])
def test_broken_lines_name_file_and_line(line: str, problem: str) -> None:
    text = f"A_PERSON_\n{line}\n"
    with pytest.raises(DictionaryError) as err:
        parse_tabari(text, "mine.txt")
    assert err.value.code == "E203"
    (listed,) = [x for x in str(err.value).splitlines() if x.startswith("  mine.txt:")]
    assert listed.startswith("  mine.txt:2: ") and problem in listed
    assert "--keep-going" in str(err.value)


def test_synonym_or_code_before_any_entry_is_broken() -> None:
    with pytest.raises(DictionaryError, match=r"t:1: synonym before any entry"):
        parse_tabari("+LOST_\nA_ [FRE]\n", "t")
    with pytest.raises(DictionaryError, match=r"t:2: code before any entry"):
        parse_tabari("# c\n\t[FRE]\nA_ [FRE]\n", "t")


def test_keep_going_skips_broken_lines_and_keeps_the_rest() -> None:
    text = "A_PERSON_\n\t[FREGOV 2004017-20061201]\n\t[FREELI]\nB_ [FRE]\n"
    parsed = parse_tabari(text, "t", keep_going=True)
    assert [e.name for e in parsed.entries] == ["A Person", "B"]
    assert [r.code for r in parsed.entries[0].roles] == ["FREELI"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (2, "broken: '2004017' is not a date: write YYYYMMDD (or YYMMDD)")]


def test_many_broken_lines_are_listed_up_to_a_limit() -> None:
    text = "A_\n" + "".join(f"\t[FREGOV 2004{i:03d}]\n" for i in range(15))
    with pytest.raises(DictionaryError) as err:
        parse_tabari(text, "t")
    assert "15 broken line(s)" in str(err.value) and "... and 5 more" in str(err.value)


def test_binary_and_latin1_files(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"A_ [FRE]\x00\x01")
    with pytest.raises(DictionaryError, match="binary"):
        read_tabari(tmp_path / "bin.txt")
    (tmp_path / "latin.txt").write_bytes("MANFRED_WÖRNER_ [IGOWSTNAT]\n".encode("latin-1"))
    assert read_tabari(tmp_path / "latin.txt").entries[0].name == "Manfred Wörner"


@pytest.mark.parametrize("code, expected", [
    ("AFGGOVAGR", ("AFG", "GOV")), ("IGOUNO", ("IGO", None)), ("IGOWSTNAT", ("IGO", None)),
    ("IRQREBSEP", ("IRQ", "REB")), ("IMGMUSALQ", ("IMG", None)), ("ELI", (None, "ELI")),
    ("---", (None, None)), ("USA", ("USA", None))])
def test_cameo_codes_split_into_code_and_sector(code: str, expected: tuple) -> None:
    assert split_code(code) == expected


def test_display_names() -> None:
    assert display("RUFUS_T._FIREFLY_") == "Rufus T. Firefly"
    assert display("BAN_KI-MOON") == "Ban Ki-Moon"
    assert display("U.N._") == "U.N." and display("UN_") == "UN"
    assert display("UN_Secy_Gen") == "UN Secy Gen"  # mixed case is kept


def test_detection_by_content(tmp_path: Path) -> None:
    assert looks_like_tabari(SAMPLE)
    assert not looks_like_tabari("code\tsector\tperson\taliases\nUSA\tGOV\tJo Doe\t-\n")
    assert not looks_like_tabari("pos\tpattern\tcameo\tcomment\nV\tbombard\t195\tx\n")
    assert not looks_like_tabari("just some words\nand more\n")


# -- dated roles: which one an article's date picks -----------------------------------------------

ROLES = (Role("FRE", "ELI", None, None), Role("FRE", "GOV", "2009-01-20", "2017-01-20"),
         Role("FRE", "OPP", "2017-01-20", None), Role("FRE", "MIL", None, "1985-12-31"))


@pytest.mark.parametrize("day, sector", [
    ("2010-06-01", "GOV"),  # covered by one dated role
    ("2017-01-20", "OPP"),  # two cover the day: the one that starts last
    ("2020-06-01", "OPP"),
    ("1980-06-01", "MIL"),  # a dated role beats the undated one, which covers every day
    ("1995-06-01", "ELI"),  # no dated role covers it: the undated one
    (None, "ELI")])
def test_on_date_with_an_undated_role(day: str | None, sector: str) -> None:
    entry = Entry("person", "FRE", "ELI", "Rufus T. Firefly", roles=ROLES)
    assert on_date(entry, day).sector == sector


@pytest.mark.parametrize("day, sector", [
    ("1995-06-01", "MIL"),  # no role covers it: the one that ended most recently before
    ("2012-06-01", "GOV"),
    ("1970-01-01", "MIL"),  # open start covers it
])
def test_on_date_without_an_undated_role(day: str, sector: str) -> None:
    entry = Entry("person", "FRE", "OPP", "Firefly", roles=ROLES[1:])
    assert on_date(entry, day).sector == sector
    before_all = Entry("person", "FRE", "GOV", "X", roles=ROLES[1:3])
    assert on_date(before_all, "1990-01-01").sector == "GOV"  # the earliest role


def test_entry_without_roles_is_unchanged() -> None:
    entry = Entry("person", "FRE", "GOV", "X")
    assert on_date(entry, "2020-01-01") is entry


# -- converted TSV and --dict ---------------------------------------------------------------------

def test_converted_tsv_round_trips(tmp_path: Path) -> None:
    parsed = parse_tabari(SAMPLE, "sample")
    rows = tabari_rows(parsed)
    out = write(tmp_path, to_tsv(rows, source="sample"), "converted.tsv")
    assert sorted(read_rows(out, str(out)), key=str) == sorted(rows, key=str)
    firefly = next(r for r in rows if r.name == "Rufus T. Firefly")
    assert (firefly.kind, firefly.code, firefly.sector) == ("people", "FRE", "ELI")
    assert firefly.roles == (Role("FRE", "GOV", "2009-01-20", "2017-01-20"),
                             Role("FRE", "OPP", "2017-01-21", None),
                             Role("FRE", "MIL", None, "1985-12-31"))
    trentino = next(r for r in rows if r.name == "Trentino")
    assert (trentino.code, trentino.sector) == (None, None)  # no undated code
    army = next(r for r in rows if r.name == "The Sylvanian Army")
    assert (army.kind, army.code, army.sector, army.roles) == ("organisations", "SYL", "MIL", ())


def test_a_later_entry_keeps_a_shared_name() -> None:
    parsed = parse_tabari("A_ONE_ [FRE]\n+SHARED_NAME_\nB_TWO_ [SYL]\n+SHARED_NAME_\n", "t")
    rows = tabari_rows(parsed)
    assert [(r.name, r.aliases) for r in rows] == [("A One", ()), ("B Two", ("Shared Name",))]
    assert superseded(parsed) == 1


@pytest.mark.parametrize("cell, problem", [
    ("FRE GOV 2009-01-20", "is not CODE SECTOR FROM..TO"),
    ("FRE GOV ..", "is not CODE SECTOR FROM..TO"),
    ("FRE GOV 2009-02-30..", "is not a date"),
    ("FRE GOV 2017-01-01..2009-01-01", "ends before it starts"),
    ("fre GOV 2009-01-01..", "is not a three-letter code")])
def test_malformed_roles_cell(tmp_path: Path, cell: str, problem: str) -> None:
    path = write(tmp_path, f"code\tsector\tperson\taliases\troles\n-\t-\tJo Doe\t-\t{cell}\n",
                 "bad.tsv")
    with pytest.raises(DictionaryError, match=problem) as err:
        load_dictionary([path])
    assert err.value.code == "E201" and "bad.tsv:2" in str(err.value)


def test_converted_file_codes_by_date(tmp_path: Path) -> None:
    rows = tabari_rows(parse_tabari(SAMPLE, "sample"))
    d = load_dictionary([write(tmp_path, to_tsv(rows, source="s"), "converted.tsv")])
    assert d.dated
    firefly = [(a.code, a.sector) for a in (lookup_name("President Firefly", dictionary=d,
                                                        date=day)
                                            for day in ("2010-05-01", "2020-05-01", None))]
    assert firefly == [("FRE", "GOV"), ("FRE", "OPP"), ("FRE", "ELI")]
    trentino = [lookup_name("Trentino", dictionary=d, date=day).code
                for day in ("2001-01-01", "2008-01-01", None)]
    assert trentino == ["SYL", "IGO", "IGO"]  # undated: the role that starts last


def test_resolver_takes_the_article_date_from_the_context(tmp_path: Path) -> None:
    d = load_dictionary([write(tmp_path, SAMPLE)])  # a TABARI file passed as it is
    phrase = toks("President Firefly")
    assert resolve_tokens(phrase, dictionary=d).sector == "ELI"
    with article_date("2010-05-01"):
        assert resolve_tokens(phrase, dictionary=d).sector == "GOV"
        assert resolve_tokens(phrase, dictionary=d, date="2020-05-01").sector == "OPP"
    assert resolve_tokens(phrase, dictionary=d).sector == "ELI"  # the context is left


def test_tabari_file_goes_to_the_actor_loader_not_the_lexicon(tmp_path: Path) -> None:
    from dotterel.events import load_lexicon
    from dotterel.pipeline import _trigger_files

    tabari = write(tmp_path, SAMPLE)
    people = write(tmp_path, "code\tsector\tperson\taliases\nFRE\tGOV\tJo Doe\t-\n", "p.tsv")
    triggers = write(tmp_path, "pos\tpattern\tcameo\tcomment\nV\tbombard\t195\tx\n", "t.tsv")
    paths = (tabari, people, triggers)
    assert load_dictionary(paths).actor_files[-2:] == (str(tabari), str(people))
    assert _trigger_files(paths) == (triggers,)
    assert load_lexicon(_trigger_files(paths)).candidates("V", "bombard")[0].cameo == "195"


def test_shipped_taliban_code_as_insurgents_before_the_fall_of_kabul() -> None:
    from dotterel.actors import lookup_name

    d = load_dictionary()
    assert d.dated
    assert lookup_name("the Taliban", dictionary=d, date="2019-01-24").sector == "REB"
    assert lookup_name("the Taliban", dictionary=d, date="2021-08-15").sector == "GOV"
    assert lookup_name("the Taliban", dictionary=d).sector == "GOV"  # undated: today's reading


# -- scale ----------------------------------------------------------------------------------------

def synthetic(n: int, seed: int = 7) -> str:
    """A TABARI file of ``n`` invented entries: a third undated, the rest with two dated roles."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "shi", "ba", "dur", "el", "zan", "fir"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).upper()

    lines = []
    for i in range(n):
        lines.append(f"{word()}_{word()}_{i}_")
        lines.extend(f"+{word()}_{word()}_{i}_" for _ in range(rng.randint(0, 2)))
        year = rng.randint(1960, 2015)
        lines.extend([f"\t[FREGOV {year}0101-{year + 4}1231]", f"\t[FREELI >{year + 5}0101]"]
                     if i % 3 else ["\t[SYLMIL]"])
    return "\n".join(lines) + "\n"


def test_fifty_thousand_entries_load_in_seconds(tmp_path: Path) -> None:
    path = write(tmp_path, synthetic(50_000), "big.actors.txt")
    start = time.perf_counter()
    parsed = read_tabari(path)
    out = write(tmp_path, to_tsv(tabari_rows(parsed), source="big"), "big.tsv")
    d = load_dictionary([out])
    elapsed = time.perf_counter() - start
    assert parsed.counts["entries"] == 50_000
    assert lookup_name(parsed.entries[1].name, dictionary=d, date="2100-01-01").sector == "ELI"
    assert elapsed < 30, f"parsing, converting and loading 50,000 entries took {elapsed:.1f} s"
