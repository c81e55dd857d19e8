"""Stance from the whole statement, links that point where the text points, and speakers beyond
"X said" (CODING_GUIDE.md, "Claims").

The first part loads no model: the stance functions read words, the link rules read hand-built
claims, the quote rules read hand-built sentences. The second part (``model``) codes short
stories written for these tests through the real pipeline."""
from __future__ import annotations

import pytest

from dotterel.claims._links import Hint, noun_cue, own_denial, pick
from dotterel.claims._quotes import attributions, quote_spans
from dotterel.claims._stance import content_stance, cue_stance, statement_stance
from dotterel.records import Actor, Article, Claim

from ._parse import sentence

# -- stance from the content ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "there is no truth to these reports",
    "the accusations were categorically false",
    "the charges are baseless and politically motivated",
    "the story was not true",
    "the video had been fabricated",
    "those who blame us are lying",
    "the biggest lie told by the government",
])
def test_a_denial_in_the_content_denies(text):
    assert content_stance(text) == "denies"


@pytest.mark.parametrize("text", [
    "it could not confirm the figures",
    "the ministry has not confirmed the deaths",
    "the video could not be independently verified",
    "there was no evidence that the drones came from the north",
    "the claim remains unverified",
    "investigators found no trace of explosives",
    "the casualty figures were exaggerated",
])
def test_calling_a_claim_unproven_or_wrong_disputes(text):
    assert content_stance(text) == "disputes"


@pytest.mark.parametrize("text", [
    "three people died in the blast",
    "the problem lies in the north",
    "he can confirm that two suspects were arrested",
    "the talks had been confirmed by both sides",
    "it was a case of mistaken identity",
    "he was wrongfully imprisoned",
])
def test_plain_statements_take_no_stance_from_their_words(text):
    assert content_stance(text) is None


def test_could_not_confirm_is_never_support():
    assert statement_stance("supports", "it could not confirm that the commander was killed") \
        == "disputes"
    assert cue_stance("confirm", "supports", {"could", "not"}) == "disputes"
    assert cue_stance("confirm", "supports", {"have", "not"}) == "disputes"


def test_a_hedged_confirmation_is_no_support():
    assert cue_stance("confirm", "supports", {"decline"}) is None  # "declined to confirm"
    assert cue_stance("confirm", "supports", {"appear"}) == "asserts"  # "appeared to confirm"
    assert cue_stance("confirm", "supports", set()) == "supports"
    assert cue_stance("acknowledge", "supports", set()) == "supports"


def test_negated_cues_make_no_claim():
    assert cue_stance("deny", "denies", {"not", "do"}) is None  # "did not deny"
    assert cue_stance("say", "asserts", {"not", "do"}) is None  # "did not say whether"
    assert cue_stance("say", "asserts", {"will"}) == "asserts"


def test_the_content_overrides_a_plain_cue_but_not_a_stance_cue():
    assert statement_stance("asserts", "the reports were baseless") == "denies"
    assert statement_stance("asserts", "the army retook the town") == "asserts"
    assert statement_stance("disputes", "the claims are fabricated") == "denies"
    assert statement_stance("demands_evidence", "no evidence was shared") == "demands_evidence"
    assert statement_stance("retracts", "the earlier figure was wrong") == "retracts"


# -- links ------------------------------------------------------------------------------------

IRN = Actor(text="Iran's foreign minister", code="IRN", sector="GOV", name="Abdollahian")
AFG = Actor(text="the Taliban", code="AFG", sector="GOV", name="Taliban")
PAK = Actor(text="Pakistan's army", code="PAK", sector="MIL")
PAK_GOV = Actor(text="Pakistan's foreign office", code="PAK", sector="GOV")
YEM = Actor(text="the Houthis", code="YEM", sector="REB", name="Houthis")


def claim(cid: str, sentence_: int, content: str, *, speaker: Actor, stance: str = "asserts",
          start: int | None = None, cue: str = "said", about: tuple[str, ...] = ()) -> Claim:
    start = sentence_ * 100 if start is None else start
    return Claim(id=cid, sentence=sentence_, speaker=speaker, cue=cue, content=content,
                 content_start=start + 10, content_end=start + 10 + len(content), stance=stance,
                 cue_start=start, about=about)


def test_a_claim_named_inside_the_response_is_the_one_answered():
    accuse = claim("c1", 0, "the border posts were shelled", speaker=AFG)
    nominal = claim("c2", 3, "widespread fraud", speaker=IRN, cue="claims", start=150)
    answer = claim("c3", 3, "there is no evidence to support Iran's claims of widespread fraud",
                   speaker=PAK, stance="disputes", start=100)
    assert pick([accuse, nominal, answer], answer, Hint()) is nominal


def test_of_claims_named_inside_the_response_the_outermost_is_answered():
    outlet = Actor(text="Znak.com", code="RUS", sector="MED")
    source = Actor(text="an anonymous source", code=None)
    answer = claim("c1", 2, "it has found no trace of explosives despite Znak.com claiming an "
                   "anonymous source described an explosives depot", speaker=IRN,
                   stance="disputes", start=200)
    claiming = claim("c2", 2, "an anonymous source described an explosives depot",
                     speaker=outlet, cue="claiming", start=260)
    described = claim("c3", 2, "an explosives depot", speaker=source, cue="described", start=285)
    assert pick([answer, claiming, described], answer, Hint()) is claiming


def test_a_claim_the_responder_holds_itself_is_not_the_one_answered():
    associates = claim("c1", 1, "Navalny was poisoned", speaker=YEM)
    own = claim("c2", 2, "Navalny was poisoned with Novichok", speaker=PAK_GOV)
    demand = claim("c3", 3, "an explanation", speaker=PAK_GOV, stance="demands_evidence")
    assert pick([associates, own, demand], demand, Hint(owner=YEM, pointed=True)) is None
    other = claim("c4", 3, "an explanation", speaker=IRN, stance="demands_evidence")
    assert pick([associates, own, other], other, Hint(owner=YEM, pointed=True)) is associates


def test_the_owner_named_wins_over_a_later_or_more_similar_claim():
    iran = claim("c1", 1, "ISIS leaders moved to Afghanistan", speaker=IRN)
    afg = claim("c2", 2, "ISIS leaders moved to Afghanistan from Syria", speaker=AFG)
    denial = claim("c3", 3, "the claim", speaker=PAK, stance="denies")
    assert pick([iran, afg, denial], denial, Hint(owner=IRN, pointed=True)) is iran


def test_an_owner_whose_claim_is_not_in_the_ledger_gets_no_guess():
    afg = claim("c1", 1, "the village was shelled", speaker=AFG)
    denial = claim("c2", 2, "the claim", speaker=PAK, stance="denies")
    assert pick([afg, denial], denial, Hint(owner=IRN, pointed=True)) is None


def test_a_persons_claim_named_is_that_persons_not_any_of_their_country():
    pelosi = Actor(text="Nancy Pelosi", code="USA", sector="LEG", name="Nancy Pelosi",
                   kind="person")
    her = claim("c1", 1, "Biden should not debate Trump", speaker=pelosi)
    hashtag = claim("c2", 2, "users wished for the President's death",
                    speaker=Actor(text="The hashtag", code="USA"))
    biden = Actor(text="Biden", code="USA", sector="PTY", name="Joe Biden", kind="person")
    denial = claim("c3", 4, "Pelosi's suggestion", speaker=biden, stance="denies")
    assert pick([her, hashtag, denial], denial, Hint(owner=pelosi, pointed=True)) is her
    assert pick([hashtag, denial], denial, Hint(owner=pelosi, pointed=True)) is None


def test_a_claim_that_tells_the_answer_is_not_what_it_answers():
    # "after a reporter questioned whether the visit was a stroke, Trump alleged ...": Trump's
    # claim holds the reporter's question; the question does not answer it
    trump = Actor(text="Trump", code="USA", sector="GOV", name="Donald Trump", kind="person")
    outer = Claim(id="c1", sentence=3, speaker=trump, cue="alleged", content="x" * 120,
                  content_start=300, content_end=420, stance="asserts", cue_start=290)
    question = Claim(id="c2", sentence=3, speaker=Actor(text="a reporter", code="USA",
                                                        sector="MED"),
                     cue="questioned", content="the visit was the result of a stroke",
                     content_start=330, content_end=366, stance="disputes", cue_start=320)
    assert pick([outer, question], question, Hint(pointed=True)) is None


def test_a_headline_answers_the_claim_the_body_tells_later():
    head = claim("c1", 0, "Kabul's accusation", speaker=PAK, stance="denies")
    body = claim("c2", 2, "Pakistani artillery shelled villages", speaker=AFG)
    assert pick([head, body], head, Hint(owner=AFG, pointed=True)) is body


def test_a_response_that_repeats_a_claim_answers_it():
    shelled = claim("c1", 1, "Pakistani artillery shelled three villages in Kunar", speaker=AFG)
    other = claim("c2", 2, "talks will be held in Doha next week", speaker=IRN)
    denial = claim("c3", 5, "artillery shelled villages in Kunar", speaker=PAK, stance="denies")
    assert pick([shelled, other, denial], denial, Hint()) is shelled


def test_naming_the_speaker_counts_as_repeating_a_word():
    houthi = claim("c1", 2, "responsibility for the attacks", speaker=YEM)
    dispute = claim("c2", 9, "no evidence the attacks came from Yemen", speaker=PAK,
                    stance="disputes", about=("YEM",))
    assert pick([houthi, dispute], dispute, Hint()) is houthi
    unnamed = claim("c3", 9, "no evidence the attacks came from the sea", speaker=PAK,
                    stance="disputes")
    assert pick([houthi, unnamed], unnamed, Hint()) is None


def test_one_shared_word_far_away_is_no_link():
    far = claim("c1", 1, "the explosion destroyed the building", speaker=AFG)
    denial = claim("c2", 6, "the two explosions are related", speaker=PAK, stance="denies")
    assert pick([far, denial], denial, Hint()) is None


def test_a_stance_right_after_a_claim_on_the_same_subject_answers_it():
    poisoned = claim("c1", 4, "the opposition leader was poisoned", speaker=AFG)
    hospital = claim("c2", 5, "no traces of poison were found in his blood", speaker=PAK,
                     stance="disputes")
    assert pick([poisoned, hospital], hospital, Hint()) is poisoned


def test_these_claims_take_the_latest_claim_by_someone_else_nearby():
    iran = claim("c1", 3, "leaders are hiding in Afghanistan", speaker=IRN)
    own = claim("c2", 4, "we fight ISIS every day", speaker=AFG)
    denial = claim("c3", 5, "these claims", speaker=AFG, stance="denies")
    assert pick([iran, own, denial], denial, Hint(pointed=True)) is iran
    later = claim("c4", 9, "these claims", speaker=AFG, stance="denies")
    assert pick([iran, own, later], later, Hint(pointed=True)) is None


def test_two_officials_of_one_country_can_answer_each_other():
    general = claim("c1", 1, "the rebels were behind the attack", speaker=PAK)
    minister = claim("c2", 2, "only the rebels could have done it", speaker=PAK_GOV,
                     stance="supports")
    assert pick([general, minister], minister, Hint(pointed=True)) is general


def test_an_accusation_answered_is_an_accusation():
    said = claim("c1", 2, "talks will go on", speaker=IRN)
    accused = claim("c2", 1, "Iran of shooting down the jet", speaker=AFG, cue="accused")
    denial = claim("c3", 3, "the accusation", speaker=IRN, stance="denies")
    later = claim("c4", 2, "the jet crashed", speaker=PAK)
    assert pick([accused, said, later, denial], denial,
                Hint(noun="accusation", pointed=True)) is accused


def test_an_admission_takes_back_the_speakers_own_denial():
    denial = claim("c1", 3, "its jets bombed the market", speaker=PAK, stance="denies")
    other = claim("c2", 4, "its jets bombed the market", speaker=AFG, stance="denies")
    admits = claim("c3", 0, "its jets had bombed the market by mistake", speaker=PAK,
                   cue="acknowledged")
    assert own_denial([admits, denial, other], admits) is denial
    assert own_denial([admits, other], admits) is None


# -- quotes -----------------------------------------------------------------------------------


def test_a_quote_left_open_at_a_paragraph_end_goes_on():
    text = '"We will find them. They will pay.\n"Every one of them," he said.'
    spans = quote_spans(text)
    assert [text[a:b] for a, b in spans] == ["We will find them. They will pay.",
                                              "Every one of them,"]


def test_a_quote_after_a_colon_is_the_subjects():
    rows = [("Ruto", "Ruto", "PROPN", "nsubj", 1), ("praised", "praise", "VERB", "ROOT", 1),
            ("troops", "troop", "NOUN", "dobj", 1), (":", ":", "PUNCT", "punct", 1),
            ('"', '"', "PUNCT", "punct", 7), ("They", "they", "PRON", "nsubj", 7),
            ("all", "all", "DET", "advmod", 7), ("fought", "fight", "VERB", "ccomp", 1),
            ("well", "well", "ADV", "advmod", 7), (".", ".", "PUNCT", "punct", 1),
            ('"', '"', "PUNCT", "punct", 1)]
    sent = sentence(rows)
    found = attributions([sent], sent.text, {"say"})
    assert [(sent.text[a:b].strip(), cue.text) for (a, b), _, cue in found] == \
        [("They all fought well .", "praised")]


def test_a_denial_by_the_accused_answers_the_accusation_against_it():
    iran = Actor(text="he", code="IRN", sector="GOV", name="Hassan Rouhani", kind="person")
    sau = Actor(text="Saudi Arabia", code="SAU", name="Saudi Arabia", kind="country")
    denial = claim("c1", 3, "those who link the incidents to the Islamic Republic of Iran are lying",
                   speaker=iran, stance="denies", about=("IRN",))
    other = claim("c2", 8, "cooperation with the navies of China", speaker=YEM, about=("CHN",))
    alleged = claim("c3", 10, "Iranian involvement", speaker=sau, cue="alleged", about=("IRN",))
    said = claim("c4", 11, "Iran was behind it", speaker=sau, about=("IRN",))
    assert pick([denial, other, alleged, said], denial, Hint()) is alleged
    # a denial that does not name its own speaker has no accusation to answer
    bare = claim("c5", 3, "those who say so are lying", speaker=iran, stance="denies")
    assert pick([bare, other, alleged], bare, Hint()) is None
    # nor does an accusation against someone else
    elsewhere = claim("c6", 10, "Syrian involvement", speaker=sau, cue="alleged", about=("SYR",))
    assert pick([denial, other, elsewhere], denial, Hint()) is None


def test_a_claim_noun_picks_the_claim_told_with_its_verb():
    egy = Actor(text="they", code="EGY", sector="GOV", kind="country")
    tur = Actor(text="the Turkish ministry", code="TUR", sector="GOV", kind="organisation")
    concluded = claim("c1", 4, "the agreement is null and void", speaker=egy, cue="concluded")
    deemed = claim("c2", 5, "the deal goes against resolution 2259", speaker=egy, cue="deemed")
    denial = claim("c3", 7, "the summit", speaker=tur, stance="disputes", cue="denounced")
    assert pick([concluded, deemed, denial], denial,
                Hint(noun="conclusion", pointed=True)) is concluded
    assert pick([concluded, deemed, denial], denial, Hint(pointed=True)) is deemed
    assert noun_cue("finding", "found") and noun_cue("allegation", "alleged")
    assert not noun_cue("claim", "said")


def test_two_people_of_one_government_are_two_speakers():
    trump = Actor(text="Trump", code="USA", sector="GOV", name="Donald Trump", kind="person")
    bolton = Actor(text="Bolton", code="USA", sector="GOV", name="John Bolton", kind="person")
    told = claim("c1", 3, "I informed John Bolton last night that his services are no longer "
                 "needed", speaker=trump)
    account = claim("c2", 6, "I offered to resign last night and President Trump said let's talk "
                    "about it tomorrow", speaker=bolton, stance="disputes", about=("USA",))
    assert pick([told, account], account, Hint()) is told
    again = claim("c3", 7, "I offered to resign last night", speaker=trump, stance="disputes")
    assert pick([told, again], again, Hint()) is None  # Trump does not answer himself


def test_a_former_office_holder_is_not_the_government():
    major = Actor(text="John Major", code="GBR", sector=None, name="John Major", kind="person")
    gov = Actor(text="the government", code="GBR", sector="GOV", kind="organisation")
    intent = claim("c1", 16, "the true intent of seeking prorogation was to shut down debate",
                   speaker=major)
    counter = claim("c2", 17, "prorogation is a political tool given to the executive",
                    speaker=gov, stance="disputes")
    assert pick([intent, counter], counter, Hint()) is intent


def test_a_quote_after_a_colon_spelling_out_a_finding_is_the_finders():
    rows = [("The", "the", "DET", "det", 2), ("High", "High", "PROPN", "compound", 2),
            ("Court", "Court", "PROPN", "nsubj", 3), ("ruled", "rule", "VERB", "ROOT", 3),
            (",", ",", "PUNCT", "punct", 3), ("finding", "find", "VERB", "advcl", 3),
            ("that", "that", "SCONJ", "mark", 8), ("it", "it", "PRON", "nsubj", 8),
            ("was", "be", "AUX", "ccomp", 5), ("not", "not", "PART", "neg", 8),
            ("justiciable", "justiciable", "ADJ", "acomp", 8), (":", ":", "PUNCT", "punct", 3),
            ('"', '"', "PUNCT", "punct", 15), ("It", "it", "PRON", "nsubj", 15),
            ("is", "be", "AUX", "ccomp", 15), ("not", "not", "PART", "neg", 15),
            ("for", "for", "ADP", "prep", 15), ("us", "we", "PRON", "pobj", 17),
            (".", ".", "PUNCT", "punct", 3), ('"', '"', "PUNCT", "punct", 3)]
    rows[14] = ("is", "be", "AUX", "ccomp", 3)
    rows[13] = ("It", "it", "PRON", "nsubj", 14)
    rows[15] = ("not", "not", "PART", "neg", 14)
    rows[16] = ("for", "for", "ADP", "prep", 14)
    rows[17] = ("us", "we", "PRON", "pobj", 16)
    rows[12] = ('"', '"', "PUNCT", "punct", 14)
    sent = sentence(rows)
    found = attributions([sent], sent.text, {"say"})
    assert [cue.text for _, _, cue in found] == ["finding"]


def test_a_cue_inside_another_quote_attributes_nothing():
    text = '"No troops were hurt," and then: "we maintain the right to defend ourselves."'
    rows = [(w, w.lower().rstrip("s") if w == "maintain" else w.lower(), "VERB" if w in
             ("hurt", "maintain", "defend") else "X", "dep", 0) for w in text.split()]
    sent = sentence(rows)
    assert attributions([sent], sent.text, {"maintain"}) == []


# -- stories through the pipeline -------------------------------------------------------------

STORIES = {
    "dispute": "Kenyan police said on Monday that protesters had set fire to a bank in Nairobi. "
               "Opposition leaders said there was no evidence that any protester had set fire "
               "to the bank.",
    "noconfirm": "Nigeria's army said on Sunday that it had killed a senior Boko Haram commander. "
                 "A spokesman for the Nigerian police said he could not confirm the army's "
                 "account.",
    "confirm": "Police spokesman Ahmed Khalil confirmed that two suspects were arrested in Cairo "
               "on Tuesday.",
    "retract": "Sudan's army denied that its jets had bombed the market in El Fasher. On Friday, "
               "the army acknowledged that its jets had bombed the market by mistake.",
    "agree": "General Omar Hassan of the Somali army said al-Shabaab fighters were behind the "
             "attack on the hotel. Somalia's interior minister agreed, saying only al-Shabaab "
             "could have carried out such an attack.",
    "owner": "Ethiopia rejected Egypt's claim that Ethiopian drones had attacked a convoy in "
             "Sudan.",
    "baseless": "Iran's foreign ministry said the accusations made by Israel were baseless.",
    "statement": "Kenya's interior ministry released a statement on Tuesday. The statement said "
                 "that forty people had been arrested in Mombasa.",
    "outlet": "Reuters reported that the talks between Ethiopia and Egypt had collapsed. Al "
              "Jazeera said the Egyptian delegation had left Addis Ababa.",
    "cited": "The BBC cited a Kenyan police spokesman as saying that the gunmen had fled towards "
             "the border.",
    "twitter": "US Secretary of State Antony Blinken posted a message on Twitter blaming Russia "
               "for the attack.",
    "citing": "According to a report citing Pakistan's interior ministry, twelve militants were "
              "killed in the raid.",
    "source": "A source within the Afghan interior ministry said that the death toll was far "
              "higher than reported.",
    "colon": "In his message, Ghana's president praised the soldiers: \"They fought bravely for "
             "their country. They will never be forgotten.\"",
    "label": "The Egyptian foreign minister called the attack on the convoy \"a cowardly act of "
             "terrorism\".",
    "responsibility": "The Islamic State group claimed responsibility for the bombing in Kabul.",
    "quoted": "The mayor of Lagos was quoted as saying the city had run out of shelters.",
    "trailing": "It is not for the courts to judge the army's motives, argued the Kenyan "
                "army's lawyer.",
    "joined": "The police arrested the suspect on Monday, and the court freed him.",
    "negated": "The Turkish government did not say whether its troops had crossed the border.",
}


@pytest.fixture(scope="module")
def stories(pipeline):
    arts = [Article(id=k, text=v, date="2024-03-01") for k, v in STORIES.items()]
    return {r.article.id: r for r in pipeline.process(arts)}


def _by(r, stance):
    return [c for c in r.claims if c.stance == stance]


def _target(r, c):
    return {x.id: x for x in r.claims}.get(c.responds_to)


@pytest.mark.model
def test_no_evidence_disputes_the_claim_just_told(stories):
    r = stories["dispute"]
    (d,) = _by(r, "disputes")
    assert d.speaker.code == "KEN" and _target(r, d).speaker.sector == "COP"


@pytest.mark.model
def test_could_not_confirm_disputes_the_armys_account(stories):
    r = stories["noconfirm"]
    assert not _by(r, "supports")
    (d,) = _by(r, "disputes")
    assert d.speaker.sector == "COP" and _target(r, d).speaker.sector == "MIL"


@pytest.mark.model
def test_a_confirmation_with_nothing_before_it_supports_and_links_nowhere(stories):
    (c,) = stories["confirm"].claims
    assert c.stance == "supports" and c.responds_to is None


@pytest.mark.model
def test_acknowledging_what_one_denied_retracts_the_denial(stories):
    r = stories["retract"]
    (back,) = _by(r, "retracts")
    (denial,) = _by(r, "denies")
    assert back.responds_to == denial.id


@pytest.mark.model
def test_agreeing_supports_the_claim_just_before(stories):
    r = stories["agree"]
    (s,) = _by(r, "supports")
    assert s.speaker.sector == "GOV" and _target(r, s).speaker.sector == "MIL"


@pytest.mark.model
def test_rejecting_a_named_claim_denies_that_claim(stories):
    r = stories["owner"]
    (d,) = _by(r, "denies")
    assert d.speaker.code == "ETH" and _target(r, d).speaker.code == "EGY"


@pytest.mark.model
def test_baseless_in_a_plain_statement_denies(stories):
    (c,) = stories["baseless"].claims
    assert c.stance == "denies" and c.speaker.code == "IRN"


@pytest.mark.model
@pytest.mark.parametrize("key,code,sector", [
    ("statement", "KEN", "GOV"),  # "the statement said": whoever issued it
    ("cited", "KEN", "COP"),  # "cited X as saying": X
    ("twitter", "USA", "GOV"),  # "posted a message on Twitter blaming": not Twitter
    ("citing", "PAK", "GOV"),  # "a report citing the ministry": the ministry
    ("source", "AFG", "GOV"),  # "a source within the ministry"
    ("colon", "GHA", "GOV"),  # 'praised the soldiers: "..."'
    ("label", "EGY", "GOV"),  # 'called the attack "a cowardly act"'
    ("responsibility", "IMG", "REB"),  # "claimed responsibility for"
    ("quoted", "NGA", "GOV"),  # "was quoted as saying": whoever was quoted
    ("trailing", "KEN", "MIL"),  # "..., argued the army's lawyer": a quote without marks
])
def test_speakers_beyond_x_said(stories, key, code, sector):
    claims = stories[key].claims
    assert claims, key
    assert {(c.speaker.code, c.speaker.sector) for c in claims if c.speaker} == {(code, sector)}


@pytest.mark.model
def test_news_outlets_speak_as_media_of_their_country(stories):
    speakers = {(c.speaker.code, c.speaker.sector) for c in stories["outlet"].claims}
    assert speakers == {("GBR", "MED"), ("QAT", "MED")}


@pytest.mark.model
def test_what_a_speaker_did_not_say_is_no_claim(stories):
    assert stories["negated"].claims == ()


@pytest.mark.model
def test_a_cue_after_a_comma_says_what_comes_before_it(stories):
    (c,) = stories["trailing"].claims
    assert c.content.startswith("It is not for the courts") and c.cue == "argued"
    assert stories["joined"].claims == ()  # two acts joined by a comma say nothing
