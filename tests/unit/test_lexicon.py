"""The CAMEO codebook and the trigger lexicon (no spaCy model needed)."""
from __future__ import annotations

import sys
import time
from importlib.resources import files
from itertools import permutations
from pathlib import Path

import pytest

try:
    import dotterel.errors  # noqa: F401
except ModuleNotFoundError:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from dotterel.errors import DictionaryError
from dotterel.events._lexicon import Lexicon, TriggerPattern, _build, _parse_cameo, load_lexicon

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT"}
ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def _all(lex: Lexicon) -> list[TriggerPattern]:
    return [p for table in (lex.verbs, lex.nouns) for ps in table.values() for p in ps]


def _user_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text("# my triggers\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- the packaged files


def test_packaged_lexicon_loads_with_breadth(lex: Lexicon) -> None:
    verbs = sum(len(ps) for ps in lex.verbs.values())
    nouns = sum(len(ps) for ps in lex.nouns.values())
    assert verbs >= 500 and nouns >= 150
    assert {"launch", "hold", "conduct", "stage", "impose", "carry"} <= lex.light_verbs
    assert load_lexicon() is load_lexicon()  # cached


def test_every_root_has_verbal_and_nominal_triggers(lex: Lexicon) -> None:
    for table in (lex.verbs, lex.nouns):
        assert {p.cameo[:2] for ps in table.values() for p in ps} == set(ROOTS)


def test_every_trigger_code_is_in_the_codebook(lex: Lexicon) -> None:
    missing = [(p.source, p.cameo) for p in _all(lex) if p.cameo not in lex.cameo]
    assert missing == []


def test_codebook_has_every_root_and_consistent_quad_classes(lex: Lexicon) -> None:
    assert set(ROOTS) <= set(lex.cameo)
    for code, entry in lex.cameo.items():
        assert entry.code == code and 2 <= len(code) <= 4 and code[:2] in ROOTS
        root = int(code[:2])
        expected = 1 if root <= 4 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert entry.quad_class == expected, code
        if len(code) == 4:
            assert code[:3] in lex.cameo, f"{code} has no 3-digit parent"


def test_goldstein_values_in_range(lex: Lexicon) -> None:
    assert all(-10.0 <= e.goldstein <= 10.0 for e in lex.cameo.values())


@pytest.mark.parametrize("code,value", [
    ("010", 0.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9), ("043", 2.8),
    ("046", 7.0), ("057", 8.0), ("061", 6.4), ("070", 7.0), ("080", 5.0), ("0874", 10.0),
    ("090", -2.0), ("100", -5.0), ("112", -2.0), ("120", -4.0), ("130", -4.4), ("138", -7.0),
    ("140", -6.5), ("145", -7.5), ("150", -7.2), ("160", -4.0), ("173", -5.0), ("180", -9.0),
    ("190", -10.0), ("195", -10.0), ("200", -10.0),
])
def test_goldstein_spot_values(lex: Lexicon, code: str, value: float) -> None:
    assert lex.cameo[code].goldstein == value


def test_plover_crosswalk(lex: Lexicon) -> None:
    by_root = {"02": "REQUEST", "04": "CONSULT", "06": "COOPERATE", "07": "AID", "09": "ACCUSE",
               "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
               "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
               "19": "ASSAULT", "20": "ASSAULT"}
    # blockades restrict movement: PLOVER codes them COERCE, whatever CAMEO's root
    exceptions = {"191": "COERCE", "1911": "COERCE"}
    for code, entry in lex.cameo.items():
        assert entry.plover_type is None or entry.plover_type in PLOVER_TYPES, code
        if code in exceptions:
            assert entry.plover_type == exceptions[code], code
        elif code[:2] in by_root:
            assert entry.plover_type == by_root[code[:2]], code
    for code in ("010", "011", "014", "017"):
        assert lex.cameo[code].plover_type is None and lex.cameo[code].plover_mode is None
    assert lex.cameo["051"].plover_type == "SUPPORT"
    # diplomatic cooperation (CAMEO 05: ties, apologies, forgiveness, signed treaties) is SUPPORT
    assert {lex.cameo[c].plover_type for c in ("050", "054", "055", "056", "057")} == {"SUPPORT"}
    # yielding on paper (easing, acceding) is CONCEDE; yielding in fact (releasing, letting in
    # inspectors or aid, de-escalating, resigning) is RETREAT, as PLOVER's RETREAT modes say
    assert {lex.cameo[c].plover_type for c in ("080", "081", "0813", "083", "085")} == {"CONCEDE"}
    assert {lex.cameo[c].plover_type for c in ("084", "0841", "0842", "086", "0862", "0863", "087",
                                               "0871", "0872", "0873", "0874", "0831")} == {"RETREAT"}
    modes = {c: lex.cameo[c].plover_mode for c in ("041", "042", "090", "111", "141", "142", "143",
                                                     "144", "145", "173", "183", "194")}
    assert modes == {"041": "phone", "042": "visit", "090": "investigate", "111": "disapprove",
                     "141": "demo", "142": "hunger", "143": "strike", "144": "obstruct",
                     "145": "riot", "173": "arrest", "183": "explosives", "194": "heavy-weapons"}


def test_code_falls_back_to_parent_then_root(lex: Lexicon) -> None:
    assert lex.code("0874").code == "0874"
    assert lex.code("0357").code == "035"  # no such 4-digit code: its 3-digit parent
    assert lex.code("109").code == "10"  # no such 3-digit code: its root
    with pytest.raises(KeyError):
        lex.code("99")


def test_phrasal_verbs_and_alternatives(lex: Lexicon) -> None:
    crack = [p for p in lex.candidates("V", "crack") if p.constraints == (frozenset({"down"}),
                                                                           frozenset({"on"}))]
    assert [p.cameo for p in crack] == ["175"]
    assert crack[0].source.startswith("triggers.tsv:")
    assert any(p.constraints == () and p.cameo == "111" for p in lex.candidates("V", "criticise"))
    assert any(p.constraints == () and p.cameo == "111" for p in lex.candidates("V", "criticize"))
    assert any(p.constraints == (frozenset({"hunger"}),) and p.cameo == "142"
               for p in lex.candidates("N", "strike"))
    assert lex.candidates("V", "no-such-verb") == ()
    with pytest.raises(ValueError):
        lex.candidates("X", "crack")


def test_candidates_most_specific_first(lex: Lexicon) -> None:
    for table in (lex.verbs, lex.nouns):
        for ps in table.values():
            sizes = [p.specificity for p in ps]
            assert sizes == sorted(sizes, reverse=True), ps[0].lemma
    calls = lex.candidates("V", "call")
    assert calls[0].specificity == 2 and calls[-1].specificity == 1
    ceasefire = next(i for i, p in enumerate(calls) if "ceasefire" in p.constraints[-1])
    bare_for = next(i for i, p in enumerate(calls) if p.constraints == (frozenset({"for"}),))
    assert ceasefire < bare_for and calls[bare_for].cameo == "020"


def test_no_two_equally_specific_patterns_fire_on_the_same_words(lex: Lexicon) -> None:
    clashes = []
    for table in (lex.verbs, lex.nouns):
        for ps in table.values():
            for i, a in enumerate(ps):
                for b in ps[i + 1:]:
                    k = a.specificity
                    if k == 0 or b.specificity != k or a.cameo == b.cameo:
                        continue
                    if any(all(a.constraints[j] & b.constraints[perm[j]] for j in range(k))
                           for perm in permutations(range(k))):
                        clashes.append((a.source, b.source))
    assert clashes == []


def test_packaged_triggers_define_each_pattern_once() -> None:
    seen: dict[tuple[str, str], int] = {}
    text = files("dotterel.events.data").joinpath("triggers.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            pos, pattern = line.split("\t")[:2]
            words = pattern.split()
            for lemma in words[0].split("|"):
                key = (pos, " ".join([lemma] + sorted("|".join(sorted(w.split("|")))
                                                      for w in words[1:])))
                assert key not in seen, f"line {number} repeats line {seen[key]}"
                seen[key] = number


def test_loading_is_fast() -> None:
    best = min(_timed_build() for _ in range(3))
    assert best < 0.05


def _timed_build() -> float:
    start = time.perf_counter()
    _build(())
    return time.perf_counter() - start


# ---------------------------------------------------------------- user files


def test_user_file_overrides_and_adds(tmp_path: Path) -> None:
    path = _user_file(tmp_path, "V\tcrack down on\t173\toverride", "V\tzap\t190",
                      "N\tflotilla block\t191", "L\tperform\t-")
    lex = load_lexicon([path])
    crack = [p for p in lex.candidates("V", "crack") if len(p.constraints) == 2
             and p.constraints[0] == frozenset({"down"})]
    assert [(p.cameo, p.source) for p in crack] == [("173", f"{path}:2")]
    assert [p.cameo for p in lex.candidates("V", "zap")] == ["190"]
    assert lex.candidates("N", "flotilla")[0].constraints == (frozenset({"block"}),)
    assert "perform" in lex.light_verbs
    # the cached packaged lexicon is untouched
    assert [p.cameo for p in load_lexicon().candidates("V", "crack") if len(p.constraints) == 2
            and p.constraints[0] == frozenset({"down"})] == ["175"]
    assert load_lexicon().candidates("V", "zap") == ()


def test_user_pattern_wins_a_tie(tmp_path: Path) -> None:
    lex = load_lexicon([_user_file(tmp_path, "V\tcall for vote\t0244")])
    calls = lex.candidates("V", "call")
    vote = next(i for i, p in enumerate(calls) if p.constraints[-1] == frozenset({"vote"}))
    release = next(i for i, p in enumerate(calls) if "release" in p.constraints[-1]
                   and p.constraints[0] == frozenset({"for"}))
    assert vote < release


@pytest.mark.parametrize("line", [
    "V\tcrack down",  # no cameo column
    "X\tcrack\t175",  # unknown pos
    "V\tCrack down\t175",  # not a lowercase lemma
    "V\tcrack a||b\t175",  # empty alternative
    "V\t\t175",  # empty pattern
    "L\tlaunch\t190",  # light verbs take '-'
    "V\tcrack\t-",  # triggers need a code
    "V\tcrack\t17x",  # not a code at all
])
def test_malformed_lines_raise_e201_with_file_and_line(tmp_path: Path, line: str) -> None:
    path = _user_file(tmp_path, "V\tzap\t190", line)
    with pytest.raises(DictionaryError) as info:
        load_lexicon([path])
    assert info.value.code == "E201"
    assert f"{path}:3" in str(info.value)


def test_unknown_code_raises_e202_with_file_and_line(tmp_path: Path) -> None:
    path = _user_file(tmp_path, "V\tzap\t190", "", "N\tzapping\t1999")
    with pytest.raises(DictionaryError) as info:
        load_lexicon([path])
    assert info.value.code == "E202"
    assert f"{path}:4" in str(info.value) and "1999" in str(info.value)


def test_unreadable_user_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError) as info:
        load_lexicon([tmp_path / "missing.tsv"])
    assert info.value.code == "E201" and "missing.tsv" in str(info.value)


@pytest.mark.parametrize("row", [
    "120\tReject\t-4.0",  # too few columns
    "120\tReject\tminus four\t3\tREJECT\t",  # bad weight
    "120\tReject\t-14.0\t3\tREJECT\t",  # out of range
    "120\tReject\t-4.0\t5\tREJECT\t",  # bad quad class
    "12x\tReject\t-4.0\t3\tREJECT\t",  # bad code
])
def test_malformed_codebook_rows_raise_e201(row: str) -> None:
    text = "code\tlabel\tgoldstein\tquad_class\tplover_type\tplover_mode\n" + row + "\n"
    with pytest.raises(DictionaryError) as info:
        _parse_cameo(text, "cameo.tsv")
    assert info.value.code == "E201" and "cameo.tsv:2" in str(info.value)
