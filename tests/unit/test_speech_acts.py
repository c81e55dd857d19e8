"""Speech acts told as statements, and offices of state in context (no model)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dotterel.events import Mentions, load_lexicon, spoken_acts
from dotterel.events._context import in_context
from dotterel.events._speech import read_content
from dotterel.records import Actor, Article, Claim, Event, ParsedArticle, Place, Sentence

ARTICLE = Article(id="a1", text="...", title="t", date="2024-05-06")
POMPEO = Actor(text="Pompeo", code="USA", sector="GOV", kind="person", start=0, end=6)
IRAN = Actor(text="Iran", code="IRN", kind="country", start=40, end=44)


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("text, plover", [
    ("the crash was likely Iran's doing", "ACCUSE"),
    ("this individual is a terrorist", "ACCUSE"),
    ("leaving them to die is a big mistake", "ACCUSE"),
    ("every measure led by security motives is understandable", "SUPPORT"),
    ("They must watch over the captured fighters", "REQUEST"),
    ("We expect from Iran a full investigation", "REQUEST"),
    ("I will totally destroy the economy of Turkey", "THREATEN"),
    ("the talks were long and the weather was cold", None),
    ("this was not a mistake", None),  # negated
    ("we must do more ourselves", None),  # an obligation on the speaker is no demand
    ("if they attack, it would be a mistake", None),  # a condition
])
def test_the_words_of_a_statement_say_which_act_it_is(text, plover):
    r = read_content(text)
    assert (r.plover if r else None) == plover


def _article(sentence_text: str) -> ParsedArticle:
    sent = Sentence(index=0, start=0, end=len(sentence_text), text=sentence_text, tokens=())
    return ParsedArticle(article=ARTICLE, sentences=(sent,))


def _claim(content: str, start: int, speaker: Actor = POMPEO, stance: str = "asserts") -> Claim:
    return Claim(id="c1", sentence=0, speaker=speaker, cue="said", cue_start=7, content=content,
                 content_start=start, content_end=start + len(content), stance=stance)


def test_an_accusation_told_as_a_statement_is_an_event_against_whom_it_names(lexicon):
    text = "Pompeo said the crash was likely Iran's doing."
    m = Mentions()
    m.add(IRAN.start, IRAN)
    (e,) = spoken_acts([], [_claim("the crash was likely Iran's doing", 12)], _article(text), m,
                       lexicon)
    assert (e.plover_type, e.actor.code, e.recipient.code, e.trigger) == ("ACCUSE", "USA", "IRN",
                                                                          "said")


def test_no_target_no_event_and_no_double_with_the_verbs_own_event(lexicon):
    text = "Pompeo said it was a mistake."
    claim = _claim("it was a mistake", 12)
    assert spoken_acts([], [claim], _article(text), Mentions(), lexicon) == []
    m = Mentions()
    m.add(IRAN.start, IRAN)
    coded = Event(id="x", sentence=0, sentence_text=text, trigger="said", trigger_start=7,
                  trigger_end=11, actor=POMPEO, recipient=IRAN, cameo="111",
                  plover_type="ACCUSE", plover_mode=None, goldstein=-2.0, quad_class=3)
    iran_claim = _claim("Iran made a mistake", 35)
    assert spoken_acts([coded], [iran_claim], _article(text + " " * 40), m, lexicon) == []


def test_bystanders_and_denials_are_not_read_as_acts(lexicon):
    text = "A witness said Iran's doing was shameful."
    m = Mentions()
    m.add(IRAN.start, IRAN)
    witness = Actor(text="a witness", code="IRN", sector="CVL", kind="role")
    content = "Iran's doing was shameful and unacceptable"
    assert spoken_acts([], [_claim(content, 0, speaker=witness)], _article(text), m, lexicon) == []
    assert spoken_acts([], [_claim(content, 0, stance="denies")], _article(text), m, lexicon) == []


def test_the_speakers_own_state_is_not_the_target(lexicon):
    text = 'Ebrard said: "For Mexico, this individual is a terrorist".'
    ebrard = Actor(text="Ebrard", code="MEX", sector="GOV", kind="person", start=0, end=6)
    mexico = Actor(text="Mexico", code="MEX", kind="country", start=17, end=23)
    m = Mentions()
    m.add(mexico.start, mexico)
    claim = _claim("For Mexico, this individual is a terrorist", 13, speaker=ebrard)
    assert spoken_acts([], [claim], _article(text), m, lexicon) == []


def test_offices_of_state_take_the_country_whose_politics_the_article_follows():
    """A story set in Syria about a US decision: "the senator" is American, the police in it
    are still Syria's."""
    syria = Actor(text="Syria", code="SYR", kind="country")
    m = Mentions()
    for n, a in enumerate([syria, syria, syria,
                           Actor(text="Trump", code="USA", sector="GOV", kind="person"),
                           Actor(text="US troops", code="USA", sector="MIL", kind="role"),
                           Actor(text="McGurk", code="USA", sector="GOV", kind="person")]):
        m.add(n * 10, a)
    senator = Actor(text="Senator Graham", code=None, sector="LEG", kind="person")
    police = Actor(text="police", code=None, sector="COP", kind="role")
    ev = Event(id="e", sentence=0, sentence_text="...", trigger="criticized", trigger_start=0,
               trigger_end=9, actor=senator, recipient=police, cameo="111",
               plover_type="ACCUSE", plover_mode=None, goldstein=-2.0, quad_class=3)
    raqqa = Place(name="Raqqa", country="SYR", lat=35.9, lon=39.0, feature="city")
    (e,) = in_context([ev], m, None, places=[raqqa, raqqa])
    assert m.home_code == "SYR" and m.politics_code == "USA"
    assert e.actor.code == "USA" and e.recipient.code == "SYR"


def _strike(trigger: str, cameo: str, plover: str) -> Event:
    return Event(id=trigger, sentence=0, sentence_text="...", trigger=trigger, trigger_start=0,
                 trigger_end=6, actor=None, recipient=None, cameo=cameo, plover_type=plover,
                 plover_mode=None, goldstein=-6.5, quad_class=4)


def test_a_strike_in_an_article_of_attacks_is_an_attack(lexicon):
    from dotterel.events import EventCoder
    coder = EventCoder(lexicon, lambda toks: None)
    walkout = _strike("strike", "143", "PROTEST")
    assert coder._strike_sense([walkout]) == [walkout]  # no violence: a walkout
    (e, _) = coder._strike_sense([walkout, _strike("airstrike", "195", "ASSAULT")])
    assert (e.cameo, e.plover_type) == ("190", "ASSAULT")


def test_they_after_several_actors_named_together_is_all_of_them():
    m = Mentions()
    egypt = Actor(text="Shoukry", code="EGY", sector="GOV", kind="person", start=0, end=7)
    greece = Actor(text="his Greek counterpart", code="GRC", sector="GOV", kind="role",
                   start=12, end=33)
    m.add(0, egypt, subject=True)
    m.add(12, greece)
    m.add_group(0, [egypt, greece])
    they = m.pronoun("they", 300, subject=True)
    assert they is not None and m.group_of(they) == (egypt, greece)
    m.add(350, Actor(text="Turkey", code="TUR", kind="country", start=350, end=356), subject=True)
    later = m.pronoun("they", 400, subject=True)
    assert later.code == "TUR" and m.group_of(later) is None  # a newer topic


def _act(cameo: str, plover: str, actor: Actor | None, rec: Actor | None, start: int,
         sentence: int = 0) -> Event:
    return Event(id=f"{cameo}{start}", sentence=sentence, sentence_text="...", trigger="x",
                 trigger_start=start, trigger_end=start + 1, actor=actor, recipient=rec,
                 cameo=cameo, plover_type=plover, plover_mode=None, goldstein=-5.0, quad_class=4)


def test_condemning_an_act_targets_its_doer_once_the_article_is_read():
    from dotterel.events._targets import answered_acts
    police = Actor(text="police", code="HKG", sector="COP", kind="role")
    amnesty = Actor(text="Amnesty", code="NGO", kind="organisation")
    shooting = _act("190", "ASSAULT", police, None, 10)
    call = _act("020", "REQUEST", amnesty, None, 90, sentence=3)
    _, answered = answered_acts([shooting, call], {(3, 90): {"19"}})
    assert answered.recipient.code == "HKG" and answered.recipient.sector == "COP"
    # no doer told before: the unnamed perpetrators of violence, coded where it happened
    (alone,) = answered_acts([call], {(3, 90): {"19"}}, "RUS")
    assert (alone.recipient.code, alone.recipient.kind) == ("RUS", "unattributed")
    # nothing recorded for it, or a target already: left as it is
    assert answered_acts([call], {}, "RUS") == [call]


def test_a_denial_linked_to_a_claim_rejects_whoever_made_it(lexicon):
    text = 'Rouhani said: "Those who link the incidents to Iran are lying."'
    rouhani = Actor(text="Rouhani", code="IRN", sector="GOV", kind="person", start=0, end=7)
    accusation = Claim(id="a", sentence=0, speaker=Actor(text="Pompeo", code="USA", sector="GOV",
                                                          kind="person"),
                       cue="said", cue_start=0, content="Iran was behind the attacks",
                       content_start=0, content_end=27, stance="asserts")
    denial = replace(_claim("Those who link the incidents to Iran are lying", 14,
                            speaker=rouhani, stance="denies"), id="d", responds_to="a")
    events = spoken_acts([], [accusation, denial], _article(text), Mentions(), lexicon)
    assert [(e.plover_type, e.actor.code, e.recipient.code) for e in events] == [
        ("REJECT", "IRN", "USA")]
    # a hospital's report is no political act, whatever it answers
    hospital = Actor(text="the hospital", code="RUS", sector="HLH", kind="role")
    report = replace(denial, speaker=hospital)
    assert spoken_acts([], [accusation, report], _article(text), Mentions(), lexicon) == []
