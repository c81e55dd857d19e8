"""Selection and resolution in context, on records we build by hand (no model)."""
from __future__ import annotations

from dataclasses import replace

from dotterel.events import Mentions, SelectionContext, first_person, select
from dotterel.events._context import in_context
from dotterel.events._select import MIN_CONFIDENCE, calibrated
from dotterel.records import Actor, Article, Claim, Event, Place

ARTICLE = Article(id="a1", text="...", title="Rebels attack convoy", date="2024-05-06")
TALIBAN = Actor(text="the Taliban", code="AFG", sector="REB", kind="organisation", start=0, end=11)
ARMY = Actor(text="the army", code="PAK", sector="MIL", kind="role", start=20, end=28)


def ev(cameo: str = "190", plover: str | None = "ASSAULT", *, actor: Actor | None = TALIBAN,
       rec: Actor | None = ARMY, sentence: int = 0, text: str = "The Taliban attacked the army.",
       start: int = 12, **kw) -> Event:
    quad = 4 if plover in ("ASSAULT", "COERCE") else (1 if plover is None else 3)
    return Event(id=f"e{sentence}{start}{cameo}", sentence=sentence, sentence_text=text,
                 trigger="attacked", trigger_start=start, trigger_end=start + 8, actor=actor,
                 recipient=rec, cameo=cameo, plover_type=plover, plover_mode=None, goldstein=-10.0,
                 quad_class=quad, confidence=0.7, **kw)


def reasons(events: list[Event], ctx: SelectionContext | None = None) -> list[str | None]:
    kept, dropped = select(events, ctx or SelectionContext(article=ARTICLE))
    return [None] * len(kept) + [e.dropped for e in dropped]


def test_a_plain_attack_with_both_parties_is_kept():
    kept, dropped = select([ev()], SelectionContext(article=ARTICLE))
    assert len(kept) == 1 and not dropped
    assert kept[0].dropped is None


def test_each_rule_names_its_reason():
    assert reasons([ev("010", None)]) == ["statement"]
    assert reasons([ev(negated=True)]) == ["negated"]
    assert reasons([ev(hypothetical=True)]) == ["hypothetical"]
    assert reasons([ev(actor=replace(TALIBAN, code=None))]) == ["no_actor"]
    assert reasons([ev(rec=None)]) == ["no_recipient"]  # an attack always has a target
    reporter = Actor(text="a BBC correspondent", code="GBR", sector="MED", kind="role")
    assert reasons([ev("112", "ACCUSE", actor=reporter, rec=ARMY)]) == ["not_political"]
    analyst = Actor(text="political scientist Ma", code="HKG", sector="EDU", kind="person")
    assert reasons([ev("112", "ACCUSE", actor=analyst)]) == ["not_political"]


def test_a_demand_may_have_no_target_but_a_named_act_may_not():
    assert reasons([ev("100", "REQUEST", rec=None, sentence=0)]) == [None]
    assert reasons([ev("057", "SUPPORT", rec=None)]) == ["no_recipient"]
    assert reasons([ev("100", "REQUEST", rec=None, nominal=True)]) == ["mention"]


def test_background_is_history_the_article_recalls():
    assert reasons([ev(text="In 1998 the Taliban attacked the army.")]) == ["background"]
    assert reasons([ev(text="Last year's war saw the Taliban attack the army.")]) == ["background"]
    # a year the article itself is in is news, and so is an earlier year with a weekday
    assert reasons([ev(text="In 2024 the Taliban attacked the army.")]) == [None]
    text = "On Monday, as in 2019, the Taliban attacked the army."
    assert reasons([ev(text=text, start=text.index("attacked"))]) == [None]
    # where a sentence gives several times, the one nearest the act dates it
    text = ("Monday's attack was the deadliest since August 2018, when officials reported at "
            "the time that rebels killed 150 soldiers.")
    assert reasons([ev(text=text, start=text.index("killed"))]) == ["background"]
    assert reasons([ev(text=text, start=text.index("attack"))]) == [None]
    # "since 1995" runs up to now: it dates nothing in the past
    text = "The Taliban promised to repeal every law passed since 1995."
    assert reasons([ev("057", "AGREE", rec=None, text=text,
                       start=text.index("promised"))]) == [None]
    text = "The Taliban promised to repeal every law passed in 1995."
    assert reasons([ev("057", "AGREE", rec=None, text=text,
                       start=text.index("promised"))]) == ["background"]


def test_an_obituary_is_a_life_story():
    obit = replace(ARTICLE, title="Former rebel leader dies aged 90")
    ctx = SelectionContext(article=obit)
    assert reasons([ev(text="He led the attack on the army.")], ctx) == ["background"]
    assert reasons([ev(text="On Monday mourners attacked the army.")], ctx) == [None]


def test_the_content_of_a_denied_claim_is_no_event():
    claim = Claim(id="c1", sentence=0, speaker=ARMY, cue="said", content="the Taliban attacked",
                  content_start=0, content_end=30, stance="asserts")
    denial = Claim(id="c2", sentence=1, speaker=TALIBAN, cue="denied", content="it",
                   content_start=40, content_end=42, stance="denies", responds_to="c1")
    ctx = SelectionContext(article=ARTICLE, claims=(claim, denial))
    assert reasons([ev(start=12)], ctx) == ["disputed"]
    undisputed = SelectionContext(article=ARTICLE, claims=(claim,))
    assert reasons([ev(start=12)], undisputed) == [None]


def test_one_event_per_act_and_sentence():
    a = ev(start=12)
    b = ev(start=30, rec=None, cameo="193")  # "attacked and killed": the same act
    kept, dropped = select([a, b], SelectionContext(article=ARTICLE))
    assert [e.trigger_start for e in kept] == [12]
    assert {e.dropped for e in dropped} == {"no_recipient"}
    c = ev(start=30, cameo="193")
    kept, dropped = select([a, c], SelectionContext(article=ARTICLE))
    assert len(kept) == 1 and dropped[0].dropped == "duplicate"
    # "citizens, police and reporters were injured": one attack on one country, not three;
    # "blamed Pakistan and Iran" stays two dyads
    police = replace(ARMY, sector="COP", start=40, end=46)
    kept, dropped = select([ev(start=12), ev(start=12, rec=police)],
                           SelectionContext(article=ARTICLE))
    assert len(kept) == 1 and [e.dropped for e in dropped] == ["duplicate"]
    iran = Actor(text="Iran", code="IRN", kind="country", start=50, end=54)
    kept, _ = select([ev(start=12), ev(start=12, rec=iran)], SelectionContext(article=ARTICLE))
    assert len(kept) == 2


def test_confidence_ranks_evidence():
    full = calibrated(ev(sentence=0))
    deep = calibrated(ev(sentence=9))
    reported = calibrated(ev(sentence=9, reported_by="officials"))
    vague = calibrated(ev("057", "SUPPORT", rec=None, sentence=9,
                          actor=replace(TALIBAN, kind="country")))
    assert full > deep > reported > vague
    assert vague < MIN_CONFIDENCE <= reported
    assert 0.05 <= vague and full <= 0.95


# -- resolution in the article's context --------------------------------------------------------

def mentions_in(*actors: Actor) -> Mentions:
    m = Mentions()
    for n, a in enumerate(actors):
        m.add(n * 10, a)
    return m


def test_domestic_roles_take_the_home_country():
    nga = Actor(text="Nigeria", code="NGA", kind="country")
    police = Actor(text="police", code=None, sector="COP", kind="role")
    m = mentions_in(nga, nga, police)
    (e,) = in_context([ev("173", "COERCE", actor=police, rec=None)], m, None)
    assert m.home_code == "NGA"
    assert e.actor.code == "NGA" and e.actor.sector == "COP"


def test_no_home_when_two_countries_balance():
    m = mentions_in(Actor(text="Iran", code="IRN", kind="country"),
                    Actor(text="Iraq", code="IRQ", kind="country"))
    assert m.home() is None


def test_a_person_counts_once_towards_the_home_country():
    """A foreign suspect named or referred to again and again ("the accused") does not move
    the story out of the country where it happens."""
    nzl = Actor(text="New Zealand", code="NZL", kind="country")
    police = Actor(text="police", code="NZL", sector="COP", kind="role")
    accused = Actor(text="the accused", code="AUS", sector="CRM", kind="person",
                    name="Brenton Tarrant")
    m = mentions_in(nzl, police, accused, accused, accused, accused)
    assert m.home() == "NZL"


def test_the_accused_is_the_person_the_article_named():
    m = mentions_in(Actor(text="Brenton Tarrant", code="AUS", kind="person",
                          name="Brenton Tarrant"),
                    Actor(text="Judge Paul Kellar", code="NZL", sector="JUD", kind="person",
                          name="Paul Kellar"))
    found = m.definite("accused", 1000)
    assert found is not None and found.code == "AUS"
    assert m.definite("suspect", 0) is None  # nobody named before it


def test_passive_arrests_are_the_police_and_unnamed_violence_is_unattributed():
    nga = Actor(text="Nigeria", code="NGA", kind="country")
    suspects = Actor(text="two suspects", code=None, sector="CRM", kind="role")
    arrest = ev("173", "COERCE", actor=None, rec=suspects, text="Two suspects were arrested.")
    killing = ev("190", "ASSAULT", actor=None, rec=suspects, text="Two men were shot dead.")
    crash = ev("190", "ASSAULT", actor=None, rec=suspects, text="A bus crash killed two men.")
    a, k, c = in_context([arrest, killing, crash], mentions_in(nga, nga), None)
    assert (a.actor.code, a.actor.sector, a.actor.kind) == ("NGA", "COP", "implied")
    assert (k.actor.code, k.actor.kind) == ("NGA", "unattributed")
    assert c.actor is None  # an accident is nobody's act


def test_violence_against_no_one_coded_hits_where_it_happened():
    kano = Place(name="Kano", country="NGA", lat=12.0, lon=8.5, feature="city")
    boko = Actor(text="Boko Haram", code="NGA", sector="REB", kind="organisation")
    (e,) = in_context([ev(actor=boko, rec=None, location=kano)], Mentions(), None)
    assert e.recipient.code == "NGA" and e.recipient.kind == "implied"


def test_a_claim_of_responsibility_makes_the_group_the_doer():
    irq = Actor(text="Iraq", code="IRQ", kind="country")
    isis = Actor(text="Islamic State", code="IMG", sector="REB", kind="organisation")
    victims = Actor(text="four officers", code="IRQ", sector="COP", kind="role")
    bomb = ev("183", "ASSAULT", actor=None, rec=victims, text="A car bomb exploded, killing four.")
    claim = ev("015", None, actor=isis, rec=None, sentence=1, start=60,
               text="Islamic State claimed responsibility for the attack.")
    e, c = in_context([bomb, claim], mentions_in(irq, irq), None)
    assert e.actor.code == "IMG" and e.confidence < bomb.confidence
    assert c.cameo == "015"


def test_we_in_a_quote_is_its_speaker():
    houthis = Actor(text="Saree", code="YEM", sector="REB", kind="person")
    we = Actor(text="we", code="SAU", kind="speaker")  # what the sentence alone guessed
    quote = Claim(id="q", sentence=0, speaker=houthis, cue="said", content="we warn the Saudis",
                  content_start=0, content_end=40, stance="asserts")
    (e,) = first_person([ev("130", "THREATEN", actor=we, start=3)], [quote])
    assert e.actor.code == "YEM" and e.actor.text == "we"
    (outside,) = first_person([ev("130", "THREATEN", actor=we, start=50)], [quote])
    assert outside.actor.code == "SAU"


def test_an_act_told_again_takes_the_place_the_article_gave_it():
    kirkuk = Place(name="Kirkuk", country="IRQ", lat=35.5, lon=44.4, feature="city")
    iraq = Place(name="Iraq", country="IRQ", lat=33.0, lon=44.0, feature="country")
    isis = Actor(text="Islamic State", code="IMG", sector="REB", kind="organisation")
    police = Actor(text="police", code="IRQ", sector="COP", kind="role")
    first = ev(actor=isis, rec=police, location=kirkuk, sentence=0)
    again = ev(actor=isis, rec=police, sentence=4, start=200)
    talks = ev("040", "CONSULT", actor=Actor(text="Iraq", code="IRQ", kind="country"),
               rec=Actor(text="Iran", code="IRN", kind="country"), sentence=5, start=300)
    m = mentions_in(Actor(text="Iraq", code="IRQ", kind="country"),
                    Actor(text="Iraq", code="IRQ", kind="country"))
    a, b, c = in_context([first, again, talks], m, None, places=[kirkuk, iraq])
    assert b.location == kirkuk
    assert c.location is None  # a meeting with a foreign party: no place unless the text says


def test_a_domestic_act_without_a_place_is_placed_in_its_country():
    iraq = Place(name="Iraq", country="IRQ", lat=33.0, lon=44.0, feature="country")
    gov = Actor(text="the government", code="IRQ", sector="GOV", kind="role")
    protesters = Actor(text="protesters", code="IRQ", sector="CVL", kind="role")
    demand = ev("100", "REQUEST", actor=protesters, rec=gov, sentence=6)
    m = mentions_in(Actor(text="Iraq", code="IRQ", kind="country"))
    (e,) = in_context([demand], m, None, places=[iraq])
    assert e.location == iraq


def test_he_is_the_person_a_role_names():
    commander = Actor(text="Boko Haram commander Abu Musab", code="NGA", sector="REB",
                      kind="person", start=0, end=30)
    spokesman = Actor(text="A spokesman for the Nigerian police", code="NGA", sector="COP",
                      kind="country", start=72, end=107)
    police = Actor(text="the police", code="NGA", sector="COP", kind="role", start=120, end=130)
    m = Mentions()
    m.add(0, commander, subject=True)
    m.add(72, spokesman, subject=True)
    assert m.pronoun("he", 113, subject=True).sector == "COP"
    m.add(120, police)
    assert m.pronoun("it", 140).text == "the police"  # a body, not the spokesman


def test_accidents_resignations_and_victims_are_no_events():
    crash = "A motorcyclist was struck by a car driving on the wrong side of the road."
    assert reasons([ev(text=crash)]) == ["accident"]
    rammed = "The attacker rammed a car into the wrong side of the road, killing two."
    assert reasons([ev(text=rammed)]) == [None]
    quit_ = ev("0831", "CONCEDE", rec=None, text="The envoy resigned on Friday.")
    assert reasons([quit_]) == ["office"]
    forced = replace(quit_, sentence_text="The minister resigned after weeks of protests.")
    assert reasons([forced]) == [None]
    victims = Actor(text="the casualties", code="USA", sector=None, kind="role")
    assert reasons([ev(actor=victims)]) == ["no_actor"]


def test_an_accusation_needs_someone_accused():
    blame = ev("111", "ACCUSE", rec=None, text="The Taliban condemned it.")
    assert reasons([blame]) == ["no_recipient"]
    assert reasons([replace(blame, recipient=ARMY)]) == [None]


def test_what_a_demand_asks_for_is_not_done():
    text = "Amnesty called for an investigation into the shooting."
    amnesty = Actor(text="Amnesty", code="NGO", sector=None, kind="organisation")
    demand = ev("020", "REQUEST", actor=amnesty, rec=ARMY, text=text, start=8)
    probe = replace(ev("112", "ACCUSE", actor=amnesty, rec=ARMY, text=text,
                       start=text.index("investigation")), nominal=True)
    assert reasons([demand, probe]) == [None, "requested"]


def test_an_attack_told_through_its_weapon_takes_the_weapons_target():
    text = "Iran launched missiles targeting US troops."
    iran = Actor(text="Iran", code="IRN", kind="country")
    missiles = Actor(text="missiles", code="IRN", sector="MIL", kind="role")
    troops = Actor(text="US troops", code="USA", sector="MIL", kind="role")
    launch = ev("195", "ASSAULT", actor=iran, rec=missiles, text=text, start=5)
    target = ev("190", "ASSAULT", actor=missiles, rec=troops, text=text, start=23)
    kept, dropped = select([launch, target], SelectionContext(article=ARTICLE))
    assert [(e.actor.code, e.recipient.code) for e in kept] == [("IRN", "USA")]
    assert [e.dropped for e in dropped] == ["no_actor"]  # the missiles are no doer


def test_an_analysts_reading_of_events_is_not_an_event():
    text = "A political scientist said the turnout was public support of the protesters."
    scientist = Actor(text="political scientist Ma Ngok", code=None, sector="EDU", kind="person")
    claim = Claim(id="c", sentence=0, speaker=scientist, cue="said", content=text[29:],
                  content_start=29, content_end=len(text), stance="asserts")
    public = Actor(text="public", code="HKG", sector="CVL", kind="role")
    backing = ev("051", "SUPPORT", actor=public, text=text, start=text.index("support"))
    ctx = SelectionContext(article=ARTICLE, claims=[claim])
    assert reasons([backing], ctx) == ["not_political"]
    assert reasons([backing]) == [None]


def test_words_said_at_a_meeting_take_its_place_and_home_acts_the_country():
    cairo = Place(name="Cairo", country="EGY", lat=30.0, lon=31.2, feature="city")
    egypt = Actor(text="Shoukry", code="EGY", sector="GOV", kind="person")
    turkey = Actor(text="Turkey", code="TUR", kind="country")
    met = ev("040", "CONSULT", actor=egypt, rec=turkey, location=cairo, sentence=2, start=10)
    called = ev("100", "REQUEST", actor=egypt, rec=turkey, sentence=4, start=300)
    far = ev("100", "REQUEST", actor=egypt, rec=turkey, sentence=9, start=900)
    attack = ev("190", "ASSAULT", actor=egypt, rec=turkey, sentence=4, start=320)
    _, c, f, a = in_context([met, called, far, attack], Mentions(), None)
    assert c.location == cairo  # said there
    assert f.location is None and a.location is None  # later, or an act rather than words
    # an arrest at home in an article that never names its country as a place
    police = Actor(text="", code="POL", sector="COP", kind="implied")
    suspect = Actor(text="a man", code="POL", sector="CVL", kind="role")
    m = mentions_in(Actor(text="Poland", code="POL", kind="country"),
                    Actor(text="Warsaw", code="POL", sector="GOV", kind="country"))
    poland = Place(name="Poland", country="POL", lat=52.0, lon=19.0, feature="country")
    (arrest,) = in_context([ev("173", "COERCE", actor=police, rec=suspect)], m, None,
                           country_of=lambda code: poland if code == "POL" else None)
    assert arrest.location == poland


def test_anti_government_protests_are_the_publics_against_the_government():
    text = "Anti-government protests continue in Baghdad."
    gov = Actor(text="government", code="IRQ", sector="GOV", kind="role", start=5, end=15)
    protests = replace(ev("140", "PROTEST", actor=gov, rec=None, text=text, start=16),
                       nominal=True)
    m = mentions_in(Actor(text="Iraq", code="IRQ", kind="country"),
                    Actor(text="Baghdad", code="IRQ", sector="GOV", kind="country"))
    (e,) = in_context([protests], m, None)
    assert (e.actor.code, e.actor.sector, e.actor.kind) == ("IRQ", "CVL", "implied")
    assert (e.recipient.code, e.recipient.sector) == ("IRQ", "GOV")
    # "government protests" with no "anti-": the modifier stays the doer
    plain = replace(protests, sentence_text="Government rallies continue in Baghdad.",
                    actor=replace(gov, start=0, end=10))
    (p,) = in_context([plain], m, None)
    assert p.actor.sector == "GOV"


def test_an_act_takes_the_finest_place_the_article_gives_it_and_the_leads_town():
    iraq = Place(name="Iraq", country="IRQ", lat=33.0, lon=44.0, feature="country")
    baghdad = Place(name="Baghdad", country="IRQ", lat=33.3, lon=44.4, feature="city")
    usa = Actor(text="US forces", code="USA", sector="MIL", kind="role")
    general = Actor(text="Soleimani", code="IRN", sector="MIL", kind="person")
    first = ev(actor=usa, rec=general, location=iraq, sentence=0)
    second = ev(actor=usa, rec=general, location=baghdad, sentence=2, start=200)
    a, b = in_context([first, second], Mentions(), None)
    assert a.location == baghdad and b.location == baghdad
    # an attack at home told with no place takes the town the headline and lead name
    police = Actor(text="police", code="GBR", sector="COP", kind="role")
    attacker = Actor(text="the attacker", code="GBR", sector="CRM", kind="role")
    london = Place(name="London", country="GBR", lat=51.5, lon=-0.1, feature="city")
    m = mentions_in(Actor(text="Britain", code="GBR", kind="country"),
                    Actor(text="London", code="GBR", sector="GOV", kind="country"))
    (shot,) = in_context([ev("190", "ASSAULT", actor=police, rec=attacker, sentence=7)], m,
                         None, lead=[london])
    assert shot.location == london


def test_a_states_own_acts_happen_on_its_soil():
    """"Germany banned Iranian airline Mahan Air": Germany; what a parliament does other than
    speak happens at home; a minister's words and an army's strikes abroad stay unplaced."""
    countries = {c: Place(name=c, country=c, lat=0.0, lon=0.0, feature="country")
                 for c in ("DEU", "IRQ")}
    germany = Actor(text="Germany", code="DEU", kind="country")
    airline = Actor(text="Mahan Air", code="IRN", sector="BUS", kind="organisation")
    mps = Actor(text="Kurdish MPs", code="IRQ", sector="LEG", kind="role")
    minister = Actor(text="the minister", code="DEU", sector="GOV", kind="role")
    army = Actor(text="the army", code="DEU", sector="MIL", kind="role")
    ban = ev("163", "SANCTION", actor=germany, rec=airline)
    boycott = ev("143", "PROTEST", actor=mps, rec=None, sentence=1, start=100)
    words = ev("112", "ACCUSE", actor=minister, rec=airline, sentence=2, start=200)
    strike = ev("190", "ASSAULT", actor=army, rec=airline, sentence=3, start=300)
    b, p, w, s = in_context([ban, boycott, words, strike], Mentions(), None,
                            country_of=countries.get)
    assert b.location == countries["DEU"] and p.location == countries["IRQ"]
    assert w.location is None and s.location is None


def test_words_at_a_rally_take_the_rallys_place():
    minsk = Place(name="Minsk", country="BLR", lat=53.9, lon=27.6, feature="city")
    leader = Actor(text="Tsikhanouskaya", code="BLR", sector="OPP", kind="person")
    voters = Actor(text="voters", code="BLR", sector="CVL", kind="role")
    rally = ev("141", "PROTEST", actor=leader, rec=None, location=minsk, sentence=0)
    asked = ev("020", "REQUEST", actor=leader, rec=voters, sentence=2, start=200)
    _, a = in_context([rally, asked], Mentions(), None)
    assert a.location == minsk


def test_in_the_capital_and_violence_against_the_home_country():
    """"a bombing in the country's capital" is in the home capital; an attack by a foreigner
    on the home country's people is placed at home like a home act."""
    tunis = Place(name="Tunis", country="TUN", lat=36.8, lon=10.2, feature="city")
    tunisia = Place(name="Tunisia", country="TUN", lat=36.8, lon=10.2, feature="country")
    m = mentions_in(Actor(text="Tunisia", code="TUN", kind="country"),
                    Actor(text="Tunis", code="TUN", sector="GOV", kind="country"))
    victims = Actor(text="people", code="TUN", sector="CVL", kind="role")
    text = "Two suicide bombings killed people in the country's capital."
    bombing = ev("190", "ASSAULT", actor=None, rec=victims, text=text)
    (e,) = in_context([bombing], m, None, country_of=lambda c: tunisia,
                      capital_of=lambda c: tunis if c == "TUN" else None)
    assert e.location == tunis
    plain = ev("190", "ASSAULT", actor=None, rec=victims, text="Two bombings killed people.")
    (p,) = in_context([plain], m, None, country_of=lambda c: tunisia,
                      capital_of=lambda c: tunis)
    assert p.location == tunisia
    foreign = Actor(text="an Australian", code="AUS", sector="CRM", kind="person")
    (f,) = in_context([ev("190", "ASSAULT", actor=foreign, rec=victims)], m, None,
                      country_of=lambda c: tunisia, lead=[tunis])
    assert f.location == tunis


def test_a_hypothetical_act_gives_no_place_to_a_real_one():
    """"operations in the United States" that Turkey might carry out do not place the
    operation Turkey carried out."""
    usa = Place(name="United States", country="USA", lat=38.9, lon=-77.0, feature="country")
    turkey = Actor(text="Turkey", code="TUR", kind="country")
    kurds = Actor(text="the YPG", code="SYR", sector="REB", kind="organisation")
    maybe = ev(actor=turkey, rec=kurds, location=usa, hypothetical=True, sentence=1, start=100)
    real = ev(actor=turkey, rec=kurds, sentence=2, start=200)
    _, r = in_context([maybe, real], Mentions(), None)
    assert r.location is None
    told = ev(actor=turkey, rec=kurds, location=usa, sentence=1, start=100)
    _, r = in_context([told, real], Mentions(), None)
    assert r.location == usa
