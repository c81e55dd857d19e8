"""Where a trigger sits decides what it codes: hand-built parses, no model."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dotterel.events import EventCoder, load_lexicon
from tests.unit._parse import chain


@pytest.fixture(scope="module")
def coder():
    from tests.unit._parse import fake_resolve
    return EventCoder(load_lexicon(), fake_resolve)


def _only(coder, rows, trigger):
    return [e for e in coder.code(chain(rows)) if e.trigger == trigger]


def test_expelling_an_agency_is_a_sanction_and_expelling_people_coercion(coder):
    # "Iraq expelled UNHCR" -> 166 SANCTION; "Iraq expelled students" -> 174 COERCE
    agency = [("Iraq", "Iraq", "PROPN", "nsubj", 1), ("expelled", "expel", "VERB", "ROOT", 1),
              ("UNHCR", "UNHCR", "PROPN", "dobj", 1)]
    people = [("Iraq", "Iraq", "PROPN", "nsubj", 1), ("expelled", "expel", "VERB", "ROOT", 1),
              ("students", "student", "NOUN", "dobj", 1)]
    (a,) = _only(coder, agency, "expelled")
    (p,) = _only(coder, people, "expelled")
    assert a.cameo == "166" and a.plover_type == "SANCTION" and a.recipient.code == "IGO"
    assert p.cameo == "174" and p.plover_type == "COERCE"


def test_troops_arriving_deploy_and_peacekeepers_arriving_are_aid(coder):
    def arriving(*words):
        rows = [(w, w, "NOUN", "compound", len(words) - 1) for w in words[:-1]]
        n = len(words) - 1
        rows += [(words[-1], "troop", "NOUN", "nsubj", n + 1),
                 ("arrived", "arrive", "VERB", "ROOT", n + 1), ("in", "in", "ADP", "prep", n + 1),
                 ("Kuwait", "Kuwait", "PROPN", "pobj", n + 2)]
        return rows

    (troops,) = _only(coder, arriving("troops"), "arrived")
    (keepers,) = _only(coder, arriving("peacekeeping", "troops"), "arrived")
    assert troops.actor.sector == "MIL"
    assert troops.cameo == "154" and troops.plover_type == "MOBILIZE"
    assert keepers.cameo == "074" and keepers.plover_type == "AID"
    # an envoy arriving is a visit
    envoy = [("Iran", "Iran", "PROPN", "nsubj", 1), ("arrived", "arrive", "VERB", "ROOT", 1),
             ("in", "in", "ADP", "prep", 1), ("Kuwait", "Kuwait", "PROPN", "pobj", 2)]
    (visit,) = _only(coder, envoy, "arrived")
    assert visit.cameo == "042"


def test_prepared_to_resume_shelling_is_a_show_of_force(coder):
    rows = [("The", "the", "DET", "det", 1), ("army", "army", "NOUN", "nsubj", 2),
            ("prepared", "prepare", "VERB", "ROOT", 2), ("to", "to", "PART", "aux", 4),
            ("resume", "resume", "VERB", "xcomp", 2), ("shelling", "shell", "VERB", "xcomp", 4),
            ("rebels", "rebel", "NOUN", "dobj", 5)]
    (ev,) = _only(coder, rows, "shelling")
    assert ev.cameo == "150" and ev.plover_type == "MOBILIZE"
    # without "prepared" the shelling resumed is the attack itself
    rows = [("The", "the", "DET", "det", 1), ("army", "army", "NOUN", "nsubj", 2),
            ("resumed", "resume", "VERB", "ROOT", 2), ("shelling", "shell", "VERB", "xcomp", 2),
            ("rebels", "rebel", "NOUN", "dobj", 3)]
    (ev,) = _only(coder, rows, "shelling")
    assert ev.plover_type == "ASSAULT"


def test_what_it_is_important_to_do_is_not_done(coder):
    # "It is important for Iran to attack Iraq": no attack took place
    rows = [("It", "it", "PRON", "nsubj", 1), ("is", "be", "AUX", "ROOT", 1),
            ("important", "important", "ADJ", "acomp", 1), ("for", "for", "SCONJ", "mark", 6),
            ("Iran", "Iran", "PROPN", "nsubj", 6), ("to", "to", "PART", "aux", 6),
            ("attack", "attack", "VERB", "advcl", 1), ("Iraq", "Iraq", "PROPN", "dobj", 6)]
    assert _only(coder, rows, "attack") == []
    # "Iran wants to attack Iraq" is still coded (as intent)
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("decided", "decide", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3), ("attack", "attack", "VERB", "xcomp", 1),
            ("Iraq", "Iraq", "PROPN", "dobj", 3)]
    assert _only(coder, rows, "attack")


def test_a_trigger_noun_that_only_describes_another_noun_is_no_event(coder):
    # "The army attacked truce monitors": one attack, no truce
    rows = [("The", "the", "DET", "det", 1), ("army", "army", "NOUN", "nsubj", 2),
            ("attacked", "attack", "VERB", "ROOT", 2), ("truce", "truce", "NOUN", "compound", 4),
            ("monitors", "monitor", "NOUN", "dobj", 2)]
    assert [e.trigger for e in coder.code(chain(rows))] == ["attacked"]
    # "The army carried truce monitors": "carry" is a light verb, the monitors are still people
    rows = [("The", "the", "DET", "det", 1), ("army", "army", "NOUN", "nsubj", 2),
            ("carried", "carry", "VERB", "ROOT", 2), ("truce", "truce", "NOUN", "compound", 4),
            ("monitors", "monitor", "NOUN", "dobj", 2)]
    assert "truce" not in [e.trigger for e in coder.code(chain(rows))]
    # "Iran launched a mediation effort": the effort is the mediation
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("launched", "launch", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 4), ("mediation", "mediation", "NOUN", "compound", 4),
            ("effort", "effort", "NOUN", "dobj", 1)]
    assert [e.trigger for e in coder.code(chain(rows))] == ["mediation"]


def test_part_of_an_aid_programme_is_still_aid(coder):
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("suspended", "suspend", "VERB", "ROOT", 1),
            ("part", "part", "NOUN", "dobj", 1), ("of", "of", "ADP", "prep", 2),
            ("an", "an", "DET", "det", 6), ("aid", "aid", "NOUN", "compound", 6),
            ("program", "program", "NOUN", "pobj", 3), ("for", "for", "ADP", "prep", 6),
            ("Iraq", "Iraq", "PROPN", "pobj", 7)]
    (ev,) = _only(coder, rows, "suspended")
    assert ev.cameo.startswith("162") and ev.plover_type == "SANCTION"


def test_suspending_links_with_a_country_targets_that_country(coder):
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("announced", "announce", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3), ("suspension", "suspension", "NOUN", "dobj", 1),
            ("of", "of", "ADP", "prep", 3), ("links", "link", "NOUN", "pobj", 4),
            ("with", "with", "ADP", "prep", 5), ("Iraq", "Iraq", "PROPN", "pobj", 6)]
    (ev,) = _only(coder, rows, "suspension")
    assert ev.actor.code == "IRN" and ev.recipient is not None and ev.recipient.code == "IRQ"


def test_a_verb_the_parser_hung_on_its_subject_keeps_that_subject(coder):
    # the parser made "rebels" the root and "stormed" a modifier of it
    rows = [("Rebels", "rebel", "NOUN", "ROOT", 0), ("stormed", "storm", "VERB", "acl", 0),
            ("Kuwait", "Kuwait", "PROPN", "dobj", 1)]
    (ev,) = _only(coder, rows, "stormed")
    assert ev.actor is not None and ev.actor.sector == "REB" and ev.recipient.code == "KWT"
    # a passive participle still names what was done to the noun: "rebels captured by Kuwait"
    rows = [("Rebels", "rebel", "NOUN", "nsubj", 4), ("captured", "capture", "VERB", "acl", 0),
            ("by", "by", "ADP", "agent", 1), ("Kuwait", "Kuwait", "PROPN", "pobj", 2),
            ("surrendered", "surrender", "VERB", "ROOT", 4)]
    captured = _only(coder, rows, "captured")
    assert all(e.actor is None or e.actor.sector != "REB" for e in captured)


def test_talks_someone_travels_for_are_theirs(coder):
    rows = [("Iraqi", "iraqi", "ADJ", "amod", 1), ("negotiators", "negotiator", "NOUN", "nsubj", 2),
            ("returned", "return", "VERB", "ROOT", 2), ("to", "to", "ADP", "prep", 2),
            ("Kuwait", "Kuwait", "PROPN", "pobj", 3), ("for", "for", "ADP", "prep", 2),
            ("talks", "talk", "NOUN", "pobj", 5)]
    (ev,) = _only(coder, rows, "talks")
    assert ev.actor is not None and ev.actor.code == "IRQ" and ev.plover_type == "CONSULT"


def test_a_participle_on_a_message_is_its_senders(coder):
    """"Iran posted a message on Twitter blaming Iraq": Iran blames, not Twitter; and
    "Iran issued a statement condemning Iraq": Iran condemns, not the statement."""
    posted = [("Iran", "Iran", "PROPN", "nsubj", 1), ("posted", "post", "VERB", "ROOT", 1),
              ("a", "a", "DET", "det", 3), ("message", "message", "NOUN", "dobj", 1),
              ("on", "on", "ADP", "prep", 3), ("Twitter", "Twitter", "PROPN", "pobj", 4),
              ("blaming", "blame", "VERB", "acl", 5), ("Iraq", "Iraq", "PROPN", "dobj", 6)]
    issued = [("Iran", "Iran", "PROPN", "nsubj", 1), ("issued", "issue", "VERB", "ROOT", 1),
              ("a", "a", "DET", "det", 3), ("statement", "statement", "NOUN", "dobj", 1),
              ("condemning", "condemn", "VERB", "acl", 3), ("Iraq", "Iraq", "PROPN", "dobj", 4)]
    for rows, trigger in ((posted, "blaming"), (issued, "condemning")):
        parsed = chain(rows)
        (sent,) = parsed.sentences
        toks = tuple(replace(t, tag="VBG") if t.text == trigger else t for t in sent.tokens)
        parsed = replace(parsed, sentences=(replace(sent, tokens=toks),))
        found = [e for e in coder.code(parsed) if e.trigger == trigger]
        assert found and all(e.actor is not None and e.actor.code == "IRN" for e in found)
        assert all(e.recipient is not None and e.recipient.code == "IRQ" for e in found)


def test_a_threat_is_against_the_target_of_what_it_threatens(coder):
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("threatened", "threaten", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3), ("attack", "attack", "VERB", "xcomp", 1),
            ("Iraq", "Iraq", "PROPN", "dobj", 3)]
    (t,) = _only(coder, rows, "threatened")
    assert t.plover_type == "THREATEN" and t.recipient is not None and t.recipient.code == "IRQ"


def test_an_allegation_is_about_the_subject_of_what_it_alleges(coder):
    """"Iran alleged the army is hiding weapons": an accusation of the army, a role the
    article's context codes later."""
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("alleged", "allege", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("army", "army", "NOUN", "nsubj", 5),
            ("is", "be", "AUX", "aux", 5), ("hiding", "hide", "VERB", "ccomp", 1),
            ("weapons", "weapon", "NOUN", "dobj", 5)]
    (a,) = _only(coder, rows, "alleged")
    assert a.plover_type == "ACCUSE" and a.recipient is not None
    assert a.recipient.sector == "MIL" and a.recipient.text == "the army"


def test_a_passive_participle_is_done_to_the_subject_it_hangs_on(coder):
    """"Iran appeared in court, charged with spying": Iran is charged, by no one the
    sentence names; Iran does not charge anyone."""
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("appeared", "appear", "VERB", "ROOT", 1),
            (",", ",", "PUNCT", "punct", 1), ("charged", "charge", "VERB", "advcl", 1),
            ("with", "with", "ADP", "prep", 3), ("spying", "spying", "NOUN", "pobj", 4)]
    parsed = chain(rows)
    (sent,) = parsed.sentences
    toks = tuple(replace(t, tag="VBN") if t.text == "charged" else t for t in sent.tokens)
    parsed = replace(parsed, sentences=(replace(sent, tokens=toks),))
    found = [e for e in coder.code(parsed) if e.trigger == "charged"]
    assert found and all(e.recipient is not None and e.recipient.code == "IRN" for e in found)
    # its doer is the police the passive implies (the article's home), not Iran
    assert all(e.actor is None or e.actor.kind == "implied" for e in found)


def test_demonstrating_something_is_no_protest(coder):
    shows = [("Iran", "Iran", "PROPN", "nsubj", 1),
             ("demonstrated", "demonstrate", "VERB", "ROOT", 1),
             ("ignorance", "ignorance", "NOUN", "dobj", 1)]
    march = [("students", "student", "NOUN", "nsubj", 1),
             ("demonstrated", "demonstrate", "VERB", "ROOT", 1),
             ("in", "in", "ADP", "prep", 1), ("Iraq", "Iraq", "PROPN", "pobj", 2)]
    assert _only(coder, shows, "demonstrated") == []
    (p,) = _only(coder, march, "demonstrated")
    assert p.plover_type == "PROTEST"


def test_plans_to_attack_are_no_attack(coder):
    """"Iran developed plans to attack Iraq": a plan, not an act (nor a public threat)."""
    rows = [("Iran", "Iran", "PROPN", "nsubj", 1), ("developed", "develop", "VERB", "ROOT", 1),
            ("plans", "plan", "NOUN", "dobj", 1), ("to", "to", "PART", "aux", 4),
            ("attack", "attack", "VERB", "acl", 2), ("Iraq", "Iraq", "PROPN", "dobj", 4)]
    parsed = chain(rows)
    (sent,) = parsed.sentences
    toks = tuple(replace(t, tag="VB") if t.text == "attack" else t for t in sent.tokens)
    found = [e for e in coder.code(replace(parsed, sentences=(replace(sent, tokens=toks),)))
             if e.trigger == "attack"]
    assert found and all(e.hypothetical and e.plover_type == "ASSAULT" for e in found)


def test_a_capital_named_on_an_attack_is_where_not_who():
    """"a Kabul car bombing killed five": Kabul is where; the government it stands for in
    "Kabul said" did not bomb anyone. "a US drone strike" names the doer."""
    from dotterel.records import Actor

    def resolve(toks):
        words = {t.text for t in toks}
        at = dict(start=toks[0].idx, end=toks[-1].idx + len(toks[-1].text))
        if "Kabul" in words:
            return Actor(text="Kabul", code="AFG", sector="GOV", name="Afghanistan",
                         kind="country", **at)
        if "US" in words:
            return Actor(text="US", code="USA", name="United States", kind="country", **at)
        if "people" in words:
            return Actor(text="people", code=None, sector="CVL", kind="role", **at)
        return None

    coder = EventCoder(load_lexicon(), resolve)

    def killed(place):
        rows = [(place, place, "PROPN", "compound", 1, "GPE"),
                ("bombing", "bombing", "NOUN", "nsubj", 2),
                ("killed", "kill", "VERB", "ROOT", 2), ("people", "people", "NOUN", "dobj", 2)]
        return [e for e in coder.code(chain(rows)) if e.trigger == "killed"]

    kabul = killed("Kabul")
    assert kabul and all(e.actor is None or e.actor.kind == "unattributed" for e in kabul)
    assert any(e.actor is not None and e.actor.code == "USA" for e in killed("US"))
