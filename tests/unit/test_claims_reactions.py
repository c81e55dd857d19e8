"""Reactions (``dotterel.claims._reactions``): a speaker told as a critic or an admirer of
someone's act answers that actor's claim. Hand-built claims and framings, no model; the
stories at the end go through the pipeline."""
from __future__ import annotations

import pytest

from dotterel.claims._quotes import attributions
from dotterel.claims._reactions import Framing, label_stance, react, same_actor
from dotterel.records import Actor, Article, Claim, Event

from ._parse import sentence

ERDOGAN = Actor(text="Erdogan", code="TUR", sector="GOV", name="Recep Tayyip Erdoğan",
                kind="person")
HE = Actor(text="he", code="TUR", sector="GOV", name="Recep Tayyip Erdogan", kind="person")
GREECE = Actor(text="the Greek foreign minister", code="GRC", sector="GOV", name="Greece",
               kind="country")
KATROUGALOS = Actor(text="George Katrougalos", code="GRC", sector="GOV",
                    name="George Katrougalos", kind="person")
USA = Actor(text="The United States", code="USA", sector=None, name="United States",
            kind="country")
TRUMP = Actor(text="Trump", code="USA", sector="GOV", name="Donald Trump", kind="person")
OUTLET = Actor(text="Business Insider", code="USA", sector="MED", name="Business Insider",
               kind="organisation")
IRAQ = Actor(text="Adil Abdul-Mahdi", code="IRQ", sector="GOV", name="Adil Abdul-Mahdi",
             kind="person")


def claim(cid: str, n: int, content: str, speaker: Actor, stance: str = "asserts") -> Claim:
    return Claim(id=cid, sentence=n, speaker=speaker, cue="said", content=content,
                 content_start=n * 100 + 10, content_end=n * 100 + 10 + len(content),
                 stance=stance, cue_start=n * 100)


def act(n: int, cameo: str, actor: Actor) -> Event:
    return Event(id=f"e{n}{cameo}", sentence=n, sentence_text="", trigger="x", trigger_start=0,
                 trigger_end=1, actor=actor, recipient=None, cameo=cameo, plover_type=None,
                 plover_mode=None, goldstein=0.0, quad_class=0)


def _links(claims):
    return {c.id: (c.stance, c.responds_to) for c in claims}


def test_a_critic_answers_the_first_claim_of_the_author_it_names():
    claims = [claim("pointing", 1, "this change by live television", ERDOGAN),
              claim("pledge", 2, "we will change the museum into a mosque", ERDOGAN),
              claim("later", 4, "its status will change", HE),
              claim("greek", 7, "any questioning of this status is an insult", KATROUGALOS)]
    framings = [Framing(1, GREECE, "disputes", ERDOGAN, named=True)]
    got = _links(react(claims, framings))
    # "this change" points at a claim told elsewhere: the first claim that says it is answered
    assert got["greek"] == ("disputes", "pledge")
    assert got["pledge"] == ("asserts", None) and got["later"] == ("asserts", None)


def test_a_critic_before_its_framing_or_an_author_without_claims_gets_nothing():
    claims = [claim("greek", 0, "the museum belongs to humanity", KATROUGALOS),
              claim("pledge", 2, "we will change the museum into a mosque", ERDOGAN)]
    assert _links(react(claims, [Framing(1, GREECE, "disputes", ERDOGAN, True)]))["greek"] == \
        ("asserts", None)
    other = Actor(text="Cyprus", code="CYP", sector="GOV", name="Cyprus", kind="country")
    claims = [claim("pledge", 0, "we will change the museum", ERDOGAN),
              claim("greek", 3, "the museum belongs to humanity", KATROUGALOS)]
    assert _links(react(claims, [Framing(1, GREECE, "disputes", other, True)]))["greek"] == \
        ("asserts", None)


def test_praise_of_a_leaders_order_answers_the_states_claim_not_its_press():
    claims = [claim("us", 1, "its actions defensive in nature", USA),
              claim("press", 3, "the strike follows rocket attacks", OUTLET),
              claim("israel", 5, "Trump's order swift and decisive",
                    Actor(text="Netanyahu", code="ISR", sector="GOV", name="Netanyahu",
                          kind="person"))]
    netanyahu = claims[2].speaker
    assert netanyahu is not None
    got = _links(react(claims, [Framing(5, netanyahu, "supports", TRUMP, True)]))
    assert got["israel"] == ("supports", "us")


def test_criticism_of_an_unnamed_act_answers_the_claim_the_article_leads_with():
    claims = [claim("us", 1, "its actions defensive in nature", USA),
              claim("pmf", 3, "Israel and the United States for the attack",
                    Actor(text="al-Assadi", code="IRQ", sector="MIL", name="al-Assadi",
                          kind="person")),
              claim("iraq", 6, "it an aggression on Iraq", IRAQ)]
    frame = Framing(6, IRAQ, "disputes", None, named=False, act="attack")
    strike = act(0, "190", Actor(text="US forces", code="USA", sector="MIL", kind="role"))
    got = _links(react(claims, [frame], [strike]))
    assert got["iraq"] == ("disputes", "us")
    # the lead claimant did no violence (it only spoke, or did something else): no link
    for other in ([], [act(0, "010", USA)], [act(0, "173", USA)], [act(8, "190", USA)]):
        assert _links(react(claims, [frame], other))["iraq"] == ("asserts", None), other
    # the author named but not resolved ("the proclamation by the committee"): no guess
    assert _links(react(claims, [Framing(6, IRAQ, "disputes", None, named=True)],
                        [strike]))["iraq"] == ("asserts", None)


def test_only_what_the_framing_introduces_reacts_unless_it_repeats_the_reaction():
    claims = [claim("pledge", 0, "we will change the museum into a mosque", ERDOGAN),
              claim("first", 3, "this change would require approval of the committee",
                    KATROUGALOS),
              claim("other", 6, "the pipeline will reach Crete next year", KATROUGALOS),
              claim("again", 9, "a change of name would require approval of the committee",
                    KATROUGALOS)]
    got = _links(react(claims, [Framing(1, GREECE, "disputes", ERDOGAN, True)]))
    assert got["first"] == ("disputes", "pledge")
    assert got["other"] == ("asserts", None)  # news of its own
    assert got["again"] == ("disputes", "pledge")  # the same reaction told again


def test_the_authors_latest_claim_before_the_framing_is_the_one_judged():
    claims = [claim("old", 0, "the visit to the hospital was routine", TRUMP),
              claim("panic", 4, "it was not in the national interest to stir up panic", TRUMP),
              claim("biden", 5, "Trump's action a betrayal of the American people",
                    Actor(text="Biden", code="USA", sector="GOV", name="Joe Biden",
                          kind="person"))]
    biden = claims[2].speaker
    assert biden is not None
    got = _links(react(claims, [Framing(5, biden, "disputes", TRUMP, True)]))
    # "it was ..." is no pointer to another claim: the latest before the framing is answered
    assert got["biden"] == ("disputes", "panic")


def test_an_unnamed_act_answers_only_a_claim_the_article_leads_with():
    claims = [claim("poll", 6, "most voters oppose the plan", OUTLET),
              claim("iraq", 9, "it an aggression on Iraq", IRAQ)]
    assert _links(react(claims, [Framing(9, IRAQ, "disputes", None, False)]))["iraq"] == \
        ("asserts", None)


def test_a_denial_keeps_its_own_stance_and_link():
    claims = [claim("pledge", 1, "we will change the museum", ERDOGAN),
              claim("deny", 3, "there is no truth to it", KATROUGALOS, stance="denies")]
    got = _links(react(claims, [Framing(2, GREECE, "disputes", ERDOGAN, True)]))
    assert got["deny"] == ("denies", None)


def test_one_actor_by_name_accents_aside_or_by_code_and_sector():
    assert same_actor(ERDOGAN, HE)
    assert same_actor(GREECE, KATROUGALOS)
    assert not same_actor(USA, TRUMP)  # the state and its president are told apart by sector
    assert not same_actor(TRUMP, Actor(text="Biden", code="USA", sector="GOV",
                                       name="Joe Biden", kind="person"))


@pytest.mark.parametrize("words,stance", [
    ('it "an aggression on Iraq"', "disputes"),
    ("the agreement null and void", "disputes"),
    ("Trump's order swift, forceful and decisive", "supports"),
    ("the talks long", None),
])
def test_a_label_judges_by_its_words(words, stance):
    assert label_stance(words) == stance


def test_a_quote_that_ends_its_sentence_is_not_the_next_speakers():
    text = ('He said , " Constantinople will never exist again . The name is Islambol . " '
            "UNESCO said a change of name would require approval .")
    words = text.split()
    rows = []
    for w in words:
        verb = w == "said" or w in ("exist", "is", "require")
        rows.append((w, "say" if w == "said" else w.lower(), "VERB" if verb else "X", "dep", 0))
    sent = sentence(rows)
    found = attributions([sent], sent.text, {"say"})
    assert [(sent.text[a:b].strip(), cue.idx) for (a, b), _, cue in found] == \
        [("Constantinople will never exist again . The name is Islambol .", 3)]


STORIES = {
    "critic": "Kenya's interior minister said on Monday that police had closed the Dadaab "
              "refugee camp and deported its leaders. The UNHCR criticised the decision. In a "
              "statement, the UNHCR said that the refugees had nowhere safe to go.",
    "condemned": "Police in Nairobi said three gunmen had stormed a shopping centre on "
                 "Saturday, killing twelve people. The African Union condemned the attack. In a "
                 "statement, the African Union said that violence against civilians could never "
                 "be justified.",
    "label": "Turkey's defence ministry said its strike on the camp had hit only militants. "
             "Iraq's foreign minister called Turkey's strike \"a flagrant violation of Iraqi "
             "sovereignty\".",
    "event": "The Egyptian foreign minister called the attack on the convoy \"a cowardly act of "
             "terrorism\".",
    "pointing": "Kenya's finance minister said the new port would pay for itself within ten "
                "years. Independent economists called this unrealistic.",
}


@pytest.fixture(scope="module")
def stories(pipeline):
    arts = [Article(id=k, text=v, date="2024-03-01") for k, v in STORIES.items()]
    return {r.article.id: r for r in pipeline.process(arts)}


@pytest.mark.model
def test_a_critics_statement_disputes_the_announcement(stories):
    r = stories["critic"]
    (d,) = [c for c in r.claims if c.stance == "disputes"]
    answered = {c.id: c for c in r.claims}[d.responds_to]
    assert (d.speaker.code, answered.speaker.code) == ("IGO", "KEN")


@pytest.mark.model
def test_a_harsh_label_on_a_named_act_disputes_its_authors_claim(stories):
    r = stories["label"]
    (d,) = [c for c in r.claims if c.stance == "disputes"]
    answered = {c.id: c for c in r.claims}[d.responds_to]
    assert (d.speaker.code, answered.speaker.code) == ("IRQ", "TUR")


@pytest.mark.model
def test_a_label_on_an_act_with_no_claim_behind_it_stays_an_assertion(stories):
    (c,) = stories["event"].claims
    assert c.stance == "asserts" and c.responds_to is None


@pytest.mark.model
def test_calling_what_was_just_said_unrealistic_disputes_it(stories):
    r = stories["pointing"]
    (d,) = [c for c in r.claims if c.stance == "disputes"]
    answered = {c.id: c for c in r.claims}[d.responds_to]
    assert answered.speaker.sector == "GOV" and "port" in answered.content


@pytest.mark.model
def test_condemning_an_attack_does_not_answer_the_polices_account_of_it(stories):
    assert all(c.stance == "asserts" and c.responds_to is None
               for c in stories["condemned"].claims)
