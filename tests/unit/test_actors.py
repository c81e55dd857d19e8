"""dotterel.actors: dictionary loading, noun phrase resolution, name and place look-ups.

Tokens are built by hand (no spaCy model): ``toks("Iran 's foreign minister")`` cuts on spaces,
so a test can give the tokenizer's split ("Taliban - led") or a single token ("Taliban-led").
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dotterel.actors as actors
from dotterel.actors import country_of_place_name, load_dictionary, lookup_name, resolve_tokens
from dotterel.errors import DictionaryError
from dotterel.records import Actor, Token

PREPS = {"of", "in", "to", "from", "for", "with", "against", "by", "at", "on"}


def toks(text: str, *, lemmas: dict[str, str] | None = None) -> list[Token]:
    """Tokens for the space-separated words of ``text``; "'s" and "-" attach without a space
    (their offsets follow the previous word), as in the article text."""
    out: list[Token] = []
    idx = 0
    for i, word in enumerate(text.split()):
        if i and word not in ("'s", "-", ")", ",") and out[-1].text not in ("-", "("):
            idx += 1
        pos = "ADP" if word.lower() in PREPS else "PROPN" if word[:1].isupper() else "NOUN"
        lemma = (lemmas or {}).get(word, word.lower())
        out.append(Token(i=i, text=word, lemma=lemma, pos=pos, tag="", dep="dep", head=i, idx=idx))
        idx += len(word)
    return out


def resolve(text: str) -> Actor | None:
    return resolve_tokens(toks(text))


def coded(text: str) -> tuple[str | None, str | None, str | None]:
    actor = resolve(text)
    assert actor is not None, f"nothing resolved in {text!r}"
    return actor.code, actor.sector, actor.name


# -- the surface ---------------------------------------------------------------------------------

def test_public_surface() -> None:
    assert actors.__all__ == [
        "Dictionary", "Entry", "Role", "Row", "Skipped", "TabariFile", "article_date",
        "country_of_place_name", "load_dictionary", "lookup_entry", "lookup_name", "read_tabari",
        "resolve_tokens", "strip_edges", "superseded", "tabari_rows", "to_tsv"]


def test_no_spacy_import() -> None:
    code = ("import sys, dotterel.actors as a; a.load_dictionary(); "
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# -- countries, demonyms, capitals ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Iran 's foreign minister", ("IRN", "GOV", "Iran")),
    ("Egyptian police", ("EGY", "COP", "Egypt")),
    ("Israeli troops", ("ISR", "MIL", "Israel")),
    ("Opposition groups in Zimbabwe", ("ZWE", "OPP", "Zimbabwe")),
    ("the Foreign Minister of Afghanistan", ("AFG", "GOV", "Afghanistan")),
    ("the ambassador of France to Iran", ("FRA", "GOV", "France")),
    ("Kabul 's governor", ("AFG", "GOV", "Afghanistan")),
    ("Iranian authorities", ("IRN", "GOV", "Iran")),
    ("South Sudanese troops", ("SSD", "MIL", "South Sudan")),
    ("the Democratic Republic of Congo", ("COD", None, "Democratic Republic of the Congo")),
    ("Guinea-Bissau", ("GNB", None, "Guinea-Bissau")),
    ("Rebels in the Ivory Coast", ("CIV", "REB", "Ivory Coast")),
    ("Iraqi Kurds", ("IRQ", "CVL", "Iraq")),
    ("rebels in Darfur", ("SDN", "REB", "Darfur")),
    ("Kenyan murder suspects", ("KEN", "CRM", "Kenya")),  # whom charges and arrests are against
    ("the Kenyan shooter", ("KEN", "CRM", "Kenya")),
])
def test_countries_and_roles(text: str, expected: tuple) -> None:
    assert coded(text) == expected


@pytest.mark.parametrize("text, code", [
    ("American officials", "USA"), ("Americans", "USA"), ("Chinese", "CHN"),
    ("Chinese officials", "CHN"), ("British forces", "GBR"), ("Britons", "GBR"),
    ("Ghanian police", "GHA"), ("Filipinos", "PHL"), ("Swiss doctors", "CHE"),
    ("Emirati officials", "ARE"), ("Ivorian soldiers", "CIV"), ("Burma", "MMR"),
    ("the Russian Federation", "RUS"), ("Cote d'Ivoire", "CIV"), ("Côte d'Ivoire", "CIV"),
])
def test_demonyms_and_aliases(text: str, code: str) -> None:
    assert coded(text)[0] == code


def test_capital_alone_stands_for_the_government() -> None:
    assert coded("Tehran") == ("IRN", "GOV", "Iran")
    assert coded("Baghdad residents")[:2] == ("IRQ", "CVL")


def test_offsets_and_text() -> None:
    tokens = [Token(i=k, text=w, lemma=w.lower(), pos="", tag="", dep="", head=k, idx=100 + o)
              for k, (w, o) in enumerate([("The", 0), ("Taliban", 4), (",", 11)])]
    actor = resolve_tokens(tokens)
    assert actor is not None
    assert (actor.text, actor.start, actor.end, actor.kind) == ("The Taliban", 100, 111,
                                                                "organisation")


# -- case ------------------------------------------------------------------------------------------

def test_us_is_case_sensitive() -> None:
    assert coded("US troops")[:2] == ("USA", "MIL")
    assert coded("the U.S.")[0] == "USA"
    assert resolve("us") is None
    assert resolve("Us") is None


def test_who_and_lower_case_names() -> None:
    assert coded("WHO")[0] == "IGO"
    assert resolve("who") is None
    assert resolve("turkey") is None
    assert coded("Turkey")[0] == "TUR"


# -- organisations and armed groups --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the Taliban - led Foreign Ministry", ("AFG", "GOV", "Taliban")),
    ("Taliban - appointed Governor of Kabul", ("AFG", "GOV", "Taliban")),
    ("the Islamic State in Khorasan Province ( ISKP )", ("IMG", "REB", "ISKP")),
    ("ISIS leaders in Afghanistan", ("IMG", "REB", "ISIS")),
    ("Iran - backed Houthis", ("YEM", "REB", "Houthis")),
    ("Hezbollah", ("LBN", "REB", "Hezbollah")),
    ("Hamas", ("PSE", "REB", "Hamas")),
    ("Pakistani Taliban", ("PAK", "REB", "Tehrik-i-Taliban Pakistan")),
    ("the Pentagon", ("USA", "MIL", "Pentagon")),
    ("the Kremlin", ("RUS", "GOV", "Kremlin")),
    ("UN Security Council", ("IGO", "GOV", "UN Security Council")),
    ("UN peacekeepers", ("IGO", "MIL", "United Nations")),
    ("Russia 's UN ambassador", ("RUS", "GOV", "Russia")),
    ("Russian UN ambassador", ("RUS", "GOV", "Russia")),
    ("Amnesty International", ("NGO", None, "Amnesty International")),
    # whoever works for an organisation speaks for it, wherever its office is
    ("Kenya director of Human Rights Watch", ("NGO", None, "Human Rights Watch")),
    ("Hong Kong director of Amnesty International", ("NGO", None, "Amnesty International")),
    # ... but a country's own envoy to it, and the withdrawal of a country, stay the country's
    ("Syria 's ambassador to the United Nations", ("SYR", "GOV", "Syria")),
    ("the withdrawal of Britain from the European Union", ("GBR", None, "United Kingdom")),
])
def test_organisations(text: str, expected: tuple) -> None:
    assert coded(text) == expected


def test_taliban_led_as_one_token() -> None:
    assert coded("the Taliban-led Foreign Ministry") == ("AFG", "GOV", "Taliban")


def test_participle_clause_is_not_the_head() -> None:
    words = ["troops", "stationed", "in", "Iraq"]
    tags = ["NNS", "VBN", "IN", "NNP"]
    pos = ["NOUN", "VERB", "ADP", "PROPN"]
    tokens, idx = [], 0
    for i, (w, t, p) in enumerate(zip(words, tags, pos)):
        tokens.append(Token(i=i, text=w, lemma=w.lower(), pos=p, tag=t, dep="", head=i, idx=idx))
        idx += len(w) + 1
    assert resolve_tokens(tokens) == Actor(text="troops stationed in Iraq", code=None,
                                           sector="MIL", start=0, end=24, kind="role")
    assert coded("troops in Iraq")[:2] == ("IRQ", "MIL")  # an attached place, no participle


def test_organisation_or_country_whichever_comes_first() -> None:
    assert coded("the Red Cross in Iraq")[0] == "NGO"
    assert coded("the Syrian Red Crescent")[0] == "SYR"
    assert coded("UN troops in Sudan")[:2] == ("IGO", "MIL")
    assert coded("NATO - member Norway")[0] == "NOR"


def test_sponsor_is_not_the_actor() -> None:
    assert coded("anti - Taliban forces") == (None, "MIL", None)
    assert coded("Iran-backed militias") == (None, "REB", None)


# -- people, groups, roles -----------------------------------------------------------------------

def test_people() -> None:
    assert coded("President Mugabe") == ("ZWE", "GOV", "Robert Mugabe")
    actor = resolve("Iranian Foreign Affairs Minister , Hossein Amir Abdollahian")
    assert actor is not None and actor.kind == "person"
    assert (actor.code, actor.sector, actor.name) == ("IRN", "GOV", "Hossein Amir-Abdollahian")


def test_ethnic_group_gives_country_and_civilians() -> None:
    actor = resolve("members of the minority Hazara community")
    assert actor is not None
    assert (actor.code, actor.sector, actor.name, actor.kind) == ("AFG", "CVL", "Hazara", "group")


def test_role_only_gives_sector_without_code() -> None:
    actor = resolve("the rebels")
    assert actor == Actor(text="the rebels", code=None, sector="REB", start=0, end=10, kind="role")
    assert coded("The armed group") == (None, "REB", None)


def test_nothing_codable() -> None:
    assert resolve("the weather") is None
    assert resolve("talks with Iran") is None  # Iran is not the head of the phrase
    assert resolve_tokens([]) is None


def test_lemma_fallback_for_irregular_plurals(tmp_path: Path) -> None:
    extra = tmp_path / "farm.tsv"
    extra.write_text("phrases\tsector\tlevel\nox\tAGR\t3\n", encoding="utf-8")
    d = load_dictionary([extra])
    actor = resolve_tokens(toks("the oxen", lemmas={"oxen": "ox"}), dictionary=d)
    assert actor is not None and actor.sector == "AGR"
    assert resolve_tokens(toks("the oxen"), dictionary=d) is None


# -- look-ups ------------------------------------------------------------------------------------

def test_country_of_place_name() -> None:
    assert country_of_place_name("Kabul") == "AFG"
    assert country_of_place_name("the Netherlands") == "NLD"
    assert country_of_place_name("Paris") == "FRA"
    assert country_of_place_name("Darfur") == "SDN"
    assert country_of_place_name("Afghan") is None
    assert country_of_place_name("Springfield") is None


def test_lookup_name() -> None:
    actor = lookup_name("Abdollahian")
    assert actor is not None and (actor.code, actor.sector, actor.kind) == ("IRN", "GOV", "person")
    taliban = lookup_name("the Taliban")
    assert taliban is not None and (taliban.code, taliban.name) == ("AFG", "Taliban")
    assert lookup_name("rebels") is None
    assert lookup_name("Latin America") is None
    assert lookup_name("Abdollahian said") is None


def test_regions_do_not_code_as_countries() -> None:
    assert coded("Latin American leaders")[:2] == (None, "GOV")


# -- user files and errors -----------------------------------------------------------------------

def test_user_file_overrides_an_entry(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my coding of the Taliban before 2021\n"
                     "code\tsector\torganisation\taliases\n"
                     "AFG\tREB\tTaliban insurgency\tTaliban|Taleban\n"
                     "IMG\tREB\tMadeUp Front\tMUF\n", encoding="utf-8")
    d = load_dictionary([extra])
    assert resolve_tokens(toks("the Taliban"), dictionary=d) == Actor(
        text="the Taliban", code="AFG", sector="REB", name="Taliban insurgency", start=0, end=11,
        kind="organisation")
    muf = resolve_tokens(toks("MUF fighters"), dictionary=d)
    assert muf is not None and muf.code == "IMG"
    assert coded("the Taliban")[1] == "GOV"  # the default dictionary is untouched


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# comment\ncode\tname\taliases\tdemonyms\tcapitals\n"
                   "FRA\tFrance\n"
                   "fr\tFrance\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_dictionary([bad])
    assert info.value.code == "E201"
    assert f"{bad}:4:" in str(info.value)
    assert "'fr' is not a three-letter code" in str(info.value)


def test_too_many_cells_and_unknown_layout(tmp_path: Path) -> None:
    wide = tmp_path / "wide.tsv"
    wide.write_text("phrases\tsector\tlevel\nrebel\tREB\t3\textra\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"wide\.tsv:2: .*4 tab-separated cells"):
        load_dictionary([wide])
    layout = tmp_path / "layout.tsv"
    layout.write_text("code\taliases\nAFG\tAfghanistan\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"layout\.tsv:1: unknown column layout"):
        load_dictionary([layout])


def test_missing_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="missing.tsv"):
        load_dictionary([tmp_path / "missing.tsv"])


def test_other_lexicon_files_are_skipped(tmp_path: Path) -> None:
    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("verb\tcameo\nrebuff\t120\n", encoding="utf-8")
    assert load_dictionary([verbs]).country_names["AFG"] == "Afghanistan"


# -- the shipped data ----------------------------------------------------------------------------

def test_shipped_data_covers_the_world() -> None:
    d = load_dictionary()
    assert len(d.country_names) >= 200
    for code in ("PSE", "XKX", "TWN", "ESH", "VAT", "SSD", "TLS"):
        assert code in d.country_names


def test_dictionary_is_compiled_once() -> None:
    assert load_dictionary() is load_dictionary()


def test_a_place_inside_a_persons_name_is_no_country():
    from dotterel.records import Token

    def name(*words: str, ent: str = "PERSON") -> list[Token]:
        out, idx = [], 0
        for i, w in enumerate(words):
            out.append(Token(i=i, text=w, lemma=w, pos="PROPN", tag="NNP", dep="compound",
                             head=len(words) - 1, idx=idx, ent_type=ent, ent_iob="I"))
            idx += len(w) + 1
        return out

    assert resolve_tokens(name("Sudesh", "Amman")) is None  # Amman, the capital, is no name
    assert resolve_tokens(name("Jordan", "Peterson")) is None
    assert resolve_tokens(name("Amman", ent="GPE")).code == "JOR"  # the city itself
