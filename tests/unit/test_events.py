"""The event coder on hand-built parses: no model. Lexicon from the packaged data files."""
from __future__ import annotations

import pytest

from dotterel.events import EventCoder, load_lexicon
from tests.unit._parse import chain, fake_resolve


@pytest.fixture(scope="module")
def coder():
    return EventCoder(load_lexicon(), fake_resolve)


def test_reject_claim_recipient_is_claim_owner(coder):
    art = chain([("The", "the", "DET", "det", 1), ("Taliban", "Taliban", "PROPN", "nsubj", 2),
                 ("rejected", "reject", "VERB", "ROOT", 2), ("Iran", "Iran", "PROPN", "poss", 5),
                 ("'s", "'s", "PART", "case", 3), ("claim", "claim", "NOUN", "dobj", 2),
                 (".", ".", "PUNCT", "punct", 2)])
    (ev,) = coder.code(art)
    assert ev.cameo.startswith("12") and ev.plover_type == "REJECT" and ev.quad_class == 3
    assert ev.actor.code == "AFG" and ev.recipient.code == "IRN"
    assert ev.goldstein < 0
    assert art.article.text[ev.trigger_start:ev.trigger_end] == "rejected"


def test_passive_agent_is_actor(coder):
    art = chain([("Soldiers", "soldier", "NOUN", "nsubjpass", 2), ("were", "be", "AUX", "auxpass", 2),
                 ("killed", "kill", "VERB", "ROOT", 2), ("by", "by", "ADP", "agent", 2),
                 ("rebels", "rebel", "NOUN", "pobj", 3), (".", ".", "PUNCT", "punct", 2)])
    (ev,) = coder.code(art)
    assert ev.actor.sector == "REB" and ev.recipient.sector == "MIL"
    assert ev.quad_class == 4


def test_light_verb_gives_nominal_trigger_its_actor(coder):
    art = chain([("The", "the", "DET", "det", 1), ("army", "army", "NOUN", "nsubj", 2),
                 ("launched", "launch", "VERB", "ROOT", 2), ("a", "a", "DET", "det", 4),
                 ("crackdown", "crackdown", "NOUN", "dobj", 2), ("on", "on", "ADP", "prep", 4),
                 ("rebels", "rebel", "NOUN", "pobj", 5)])
    (ev,) = coder.code(art)
    assert ev.trigger == "crackdown" and ev.cameo.startswith("17")
    assert ev.actor.sector == "MIL" and ev.recipient.sector == "REB"


def test_coordinated_actors_each_get_an_event(coder):
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 3), ("and", "and", "CCONJ", "cc", 0),
                 ("Iraq", "Iraq", "PROPN", "conj", 0), ("attacked", "attack", "VERB", "ROOT", 3),
                 ("Kuwait", "Kuwait", "PROPN", "dobj", 3)])
    evs = coder.code(art)
    assert sorted(e.actor.code for e in evs) == ["IRN", "IRQ"]
    assert {e.recipient.code for e in evs} == {"KWT"}


def test_negation_and_modality(coder):
    neg = chain([("Iran", "Iran", "PROPN", "nsubj", 3), ("did", "do", "AUX", "aux", 3),
                 ("not", "not", "PART", "neg", 3), ("attack", "attack", "VERB", "ROOT", 3),
                 ("Iraq", "Iraq", "PROPN", "dobj", 3)])
    may = chain([("Iran", "Iran", "PROPN", "nsubj", 2), ("may", "may", "AUX", "aux", 2),
                 ("attack", "attack", "VERB", "ROOT", 2), ("Iraq", "Iraq", "PROPN", "dobj", 2)])
    (n,) = coder.code(neg)
    (m,) = coder.code(may)
    assert n.negated and not n.hypothetical
    assert m.hypothetical and not m.negated
    assert n.confidence < m.confidence


def test_announced_violence_is_a_threat_and_promised_aid_is_intent(coder):
    fut = chain([("Iran", "Iran", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
                 ("attack", "attack", "VERB", "ROOT", 2), ("Iraq", "Iraq", "PROPN", "dobj", 2)])
    (f,) = coder.code(fut)
    assert f.cameo.startswith("13") and f.plover_type == "THREATEN" and not f.hypothetical
    aid = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("offered", "offer", "VERB", "ROOT", 1),
                 ("to", "to", "PART", "aux", 3), ("release", "release", "VERB", "xcomp", 1),
                 ("soldiers", "soldier", "NOUN", "dobj", 3)])
    evs = coder.code(aid)
    assert [e.trigger for e in evs] == ["offered"]  # the complement folds into its head
    assert evs[0].plover_type == "AGREE"
    refuse = chain([("Iran", "Iran", "PROPN", "nsubj", 3), ("will", "will", "AUX", "aux", 3),
                    ("not", "not", "PART", "neg", 3), ("meet", "meet", "VERB", "ROOT", 3),
                    ("Iraq", "Iraq", "PROPN", "dobj", 3)])
    (r,) = coder.code(refuse)
    assert r.plover_type == "REJECT" and not r.negated


def test_pronoun_takes_earlier_actor(coder):
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("spoke", "speak", "VERB", "ROOT", 1)],
                [("It", "it", "PRON", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
                 ("Kuwait", "Kuwait", "PROPN", "dobj", 1)])
    (ev,) = [e for e in coder.code(art) if e.trigger == "attacked"]
    assert ev.actor.code == "IRN" and ev.recipient.code == "KWT"


def test_reported_speech_event_carries_speaker_and_outranks_the_saying(coder):
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1),
                 ("Iraq", "Iraq", "PROPN", "nsubj", 3), ("attacked", "attack", "VERB", "ccomp", 1),
                 ("Kuwait", "Kuwait", "PROPN", "dobj", 3)])
    evs = {e.trigger: e for e in coder.code(art)}
    assert evs["attacked"].reported_by == "Iran"
    assert evs["attacked"].actor.code == "IRQ"
    if "said" in evs:
        assert evs["said"].confidence < evs["attacked"].confidence


def test_no_actor_no_recipient_no_event(coder):
    art = chain([("Fighting", "fighting", "NOUN", "nsubj", 1), ("continued", "continue", "VERB", "ROOT", 1)])
    assert coder.code(art) == []


def test_relative_day_sets_event_date(coder):
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("attacked", "attack", "VERB", "ROOT", 1),
                 ("Iraq", "Iraq", "PROPN", "dobj", 1), ("on", "on", "ADP", "prep", 1),
                 ("Tuesday", "Tuesday", "PROPN", "pobj", 3)])
    art = type(art)(article=type(art.article)(id="t", text=art.article.text, date="2023-06-10"),
                    sentences=art.sentences)
    (ev,) = coder.code(art)
    assert ev.date == "2023-06-06"


def test_a_reported_must_is_a_demand_by_the_speaker(coder):
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("concluded", "conclude", "VERB", "ROOT", 1),
                 ("that", "that", "SCONJ", "mark", 5), ("Iraq", "Iraq", "PROPN", "nsubj", 5),
                 ("must", "must", "AUX", "aux", 5), ("release", "release", "VERB", "ccomp", 1),
                 ("Kuwait", "Kuwait", "PROPN", "dobj", 5)])
    (ev,) = coder.code(art)
    assert ev.plover_type == "REQUEST" and ev.actor.code == "IRN" and ev.recipient.code == "IRQ"


def test_unless_makes_a_future_withdrawal_a_threat(coder):
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
                 ("withdraw", "withdraw", "VERB", "ROOT", 2), ("unless", "unless", "SCONJ", "mark", 5),
                 ("Iraq", "Iraq", "PROPN", "nsubj", 5), ("agrees", "agree", "VERB", "advcl", 2)])
    evs = {e.trigger: e for e in coder.code(art)}
    assert evs["withdraw"].plover_type == "THREATEN"
    if "agrees" in evs:  # the condition is no event of its own
        assert evs["agrees"].confidence < evs["withdraw"].confidence


def test_receiving_from_a_giver_swaps_the_roles(coder):
    art = chain([("Kuwait", "Kuwait", "PROPN", "nsubj", 1), ("received", "receive", "VERB", "ROOT", 1),
                 ("weapons", "weapon", "NOUN", "dobj", 1), ("from", "from", "ADP", "prep", 1),
                 ("Iran", "Iran", "PROPN", "pobj", 3)])
    (ev,) = coder.code(art)
    assert ev.plover_type == "AID" and ev.actor.code == "IRN" and ev.recipient.code == "KWT"


def test_role_only_actor_takes_the_country_where_it_happens():
    from dotterel.records import Place

    rows = [("The", "the", "DET", "det", 1), ("rebels", "rebel", "NOUN", "nsubj", 2),
            ("attacked", "attack", "VERB", "ROOT", 2), ("Iraq", "Iraq", "PROPN", "dobj", 2),
            ("in", "in", "ADP", "prep", 2), ("Kabul", "Kabul", "PROPN", "pobj", 4, "GPE")]
    art = chain(rows)
    kabul = art.sentences[0].tokens[5]
    place = Place(name="Kabul", country="AFG", lat=34.5, lon=69.2, start=kabul.idx,
                  end=kabul.idx + 5)
    coder = EventCoder(load_lexicon(), fake_resolve, find_places=lambda toks: [place])
    (ev,) = coder.code(art)
    assert ev.actor.sector == "REB" and ev.actor.code == "AFG" and ev.location.name == "Kabul"
    # a country that is a party, not the scene, gives no code: "the rebels attacked Iraq"
    coder = EventCoder(load_lexicon(), fake_resolve, find_places=lambda toks: [
        Place(name="Iraq", country="IRQ", lat=33.0, lon=44.0, start=art.sentences[0].tokens[3].idx,
              end=art.sentences[0].tokens[3].idx + 4)])
    (ev,) = coder.code(chain(rows[:4]))
    assert ev.actor.code is None


def test_doer_named_inside_the_cause_of_harm(coder):
    # "Soldiers were killed in Iraqi shelling , rebels said": Iraq shelled; the rebels only report it
    art = chain([("Soldiers", "soldier", "NOUN", "nsubjpass", 2), ("were", "be", "AUX", "auxpass", 2),
                 ("killed", "kill", "VERB", "ccomp", 8), ("in", "in", "ADP", "prep", 2),
                 ("Iraqi", "Iraqi", "ADJ", "amod", 5), ("shelling", "shelling", "NOUN", "pobj", 3),
                 (",", ",", "PUNCT", "punct", 8), ("rebels", "rebel", "NOUN", "nsubj", 8),
                 ("said", "say", "VERB", "ROOT", 8)])
    killed = next(e for e in coder.code(art) if e.trigger == "killed")
    assert killed.actor.code == "IRQ" and killed.recipient.sector == "MIL"


def test_reporters_are_not_the_doers_of_what_they_report(coder):
    # "Soldiers were killed , rebels said" -> nobody named did the killing
    art = chain([("Soldiers", "soldier", "NOUN", "nsubjpass", 2), ("were", "be", "AUX", "auxpass", 2),
                 ("killed", "kill", "VERB", "ccomp", 5), (",", ",", "PUNCT", "punct", 5),
                 ("rebels", "rebel", "NOUN", "nsubj", 5), ("said", "say", "VERB", "ROOT", 5)])
    assert all(e.actor is None or e.actor.sector != "REB" for e in coder.code(art)
               if e.trigger == "killed")


def test_unattributed_violence_takes_the_country_where_it_happened():
    from dotterel.records import Place
    from tests.unit._parse import sentence, article

    def places(tokens):
        return [Place(name="Kuwait", country="KWT", lat=29.4, lon=47.9, feature="country",
                      start=t.idx, end=t.idx + len(t.text)) for t in tokens if t.text == "Kuwait"]

    coder = EventCoder(load_lexicon(), fake_resolve, find_places=places)
    # "A bomb killed soldiers in Kuwait": no doer named -> coded KWT, marked unattributed
    art = article(sentence([("A", "a", "DET", "det", 1), ("bomb", "bomb", "NOUN", "nsubj", 2),
                            ("killed", "kill", "VERB", "ROOT", 2),
                            ("soldiers", "soldier", "NOUN", "dobj", 2), ("in", "in", "ADP", "prep", 2),
                            ("Kuwait", "Kuwait", "PROPN", "pobj", 4, "GPE")]))
    (ev,) = coder.code(art)
    assert ev.actor.code == "KWT" and ev.actor.kind == "unattributed"
    assert ev.location.name == "Kuwait"
    # a named doer keeps its own code
    art = article(sentence([("Iraq", "Iraq", "PROPN", "nsubj", 1), ("killed", "kill", "VERB", "ROOT", 1),
                            ("soldiers", "soldier", "NOUN", "dobj", 1), ("in", "in", "ADP", "prep", 1),
                            ("Kuwait", "Kuwait", "PROPN", "pobj", 3, "GPE")]))
    (ev,) = coder.code(art)
    assert ev.actor.code == "IRQ" and ev.actor.kind != "unattributed"


def test_protesting_that_is_a_complaint_not_a_demonstration(coder):
    # "Iran protested that Iraq attacked Kuwait": a complaint (114, ACCUSE), not a street protest
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("protested", "protest", "VERB", "ROOT", 1),
                 ("that", "that", "SCONJ", "mark", 4), ("Iraq", "Iraq", "PROPN", "nsubj", 4),
                 ("attacked", "attack", "VERB", "ccomp", 1), ("Kuwait", "Kuwait", "PROPN", "dobj", 4)])
    protest = next(e for e in coder.code(art) if e.trigger == "protested")
    assert protest.cameo == "114" and protest.plover_type == "ACCUSE"
    # protesting in the street stays a protest
    art = chain([("Iran", "Iran", "PROPN", "nsubj", 1), ("protested", "protest", "VERB", "ROOT", 1),
                 ("against", "against", "ADP", "prep", 1), ("Iraq", "Iraq", "PROPN", "pobj", 2)])
    (ev,) = coder.code(art)
    assert ev.cameo.startswith("14")
