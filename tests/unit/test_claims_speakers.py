"""Who speaks, beyond what the dictionaries know (claims/_speakers.py): whom an aide or an
associate speaks for, the person a bare surname names, an outlet by the look of its name, the
person named beside a party, and an office no longer held. Sentences are built by hand and the
actor dictionary is a small stand-in: no model is loaded."""
from __future__ import annotations

from dotterel.claims import ClaimCoder
from dotterel.events import Mentions
from dotterel.records import Actor

from ._parse import chain

# word -> (code, sector, kind): a stand-in for the actor dictionary
WORDS = {"iran": ("IRN", None, "country"), "republican": ("USA", "PTY", "organisation"),
         "army": (None, "MIL", "role"), "chief": (None, "GOV", "role")}


def resolve(toks) -> Actor | None:
    for t in toks:
        if t.text.lower() in WORDS:
            code, sector, kind = WORDS[t.text.lower()]
            return Actor(text=" ".join(x.text for x in toks), code=code, sector=sector,
                         name=t.text, start=toks[0].idx, end=toks[-1].idx + len(toks[-1].text),
                         kind=kind)
    return None


def _claims(*rowsets, mentions: Mentions | None = None):
    return ClaimCoder(resolve).code(chain(*rowsets), mentions=mentions or Mentions())


# "X said that talks failed": the content rows, headed by "failed" at ``head``
def _said(subject: list[tuple], *, said_at: int) -> list[tuple]:
    n = said_at
    return subject + [("said", "say", "VERB", "ROOT", n), ("that", "that", "SCONJ", "mark", n + 3),
                      ("talks", "talk", "NOUN", "nsubj", n + 3),
                      ("failed", "fail", "VERB", "ccomp", n), (".", ".", "PUNCT", "punct", n)]


def test_an_associate_speaks_for_the_one_they_belong_to():
    mentions = Mentions()  # as the events coder leaves it: Iran named in the first sentence
    mentions.add(0, Actor(text="Iran", code="IRN", name="Iran", start=0, end=4, kind="country"),
                 subject=True)
    (c,) = _claims(
        [("Iran", "Iran", "PROPN", "nsubj", 1, "GPE"), ("spoke", "speak", "VERB", "ROOT", 1),
         (".", ".", "PUNCT", "punct", 1)],
        _said([("Its", "its", "PRON", "poss", 1), ("associates", "associate", "NOUN", "nsubj", 2)],
              said_at=2), mentions=mentions)
    assert c.speaker is not None and c.speaker.code == "IRN"
    assert c.speaker.text == "Its associates"


def test_a_bare_surname_takes_the_coded_person_named_before():
    mentions = Mentions()
    mentions.add(0, Actor(text="Prime Minister Boris Johnson", code="GBR", sector="GOV",
                          name="Boris Johnson", start=0, end=28, kind="person"))
    (c,) = _claims(
        [("Minister", "minister", "NOUN", "ROOT", 0), (".", ".", "PUNCT", "punct", 0)],
        _said([("Johnson", "Johnson", "PROPN", "nsubj", 1, "PERSON")], said_at=1),
        mentions=mentions)
    assert (c.speaker.code, c.speaker.sector, c.speaker.name) == ("GBR", "GOV", "Boris Johnson")


def test_an_unknown_surname_gets_no_code():
    (c,) = _claims(_said([("Smith", "Smith", "PROPN", "nsubj", 1, "PERSON")], said_at=1))
    assert c.speaker is not None and c.speaker.code is None and c.speaker.sector is None


def test_a_name_that_looks_like_an_outlet_speaks_as_the_media():
    (c,) = _claims(_said([("Znak.com", "Znak.com", "PROPN", "nsubj", 1, "ORG")], said_at=1))
    assert c.speaker.sector == "MED"
    (c,) = _claims(_said([("Znak", "Znak", "PROPN", "nsubj", 1, "ORG")], said_at=1))
    assert c.speaker.sector is None


def test_an_office_no_longer_held_gives_no_sector():
    (c,) = _claims(_said([("Former", "former", "ADJ", "amod", 2),
                          ("army", "army", "NOUN", "compound", 2),
                          ("chief", "chief", "NOUN", "nsubj", 3)], said_at=3))
    assert c.speaker.sector is None
    (c,) = _claims(_said([("The", "the", "DET", "det", 2), ("army", "army", "NOUN", "compound", 2),
                          ("chief", "chief", "NOUN", "nsubj", 3)], said_at=3))
    assert c.speaker.sector == "MIL"


def test_a_person_named_beside_a_party_is_whom_a_later_he_means():
    first = [("A", "a", "DET", "det", 1), ("Republican", "Republican", "PROPN", "nsubj", 7, "NORP"),
             (",", ",", "PUNCT", "punct", 1), ("Mark", "Mark", "PROPN", "compound", 4, "PERSON"),
             ("Amodei", "Amodei", "PROPN", "appos", 1, "PERSON"), (",", ",", "PUNCT", "punct", 1),
             ("has", "have", "AUX", "aux", 7), ("voiced", "voice", "VERB", "ROOT", 7),
             ("support", "support", "NOUN", "dobj", 7), (".", ".", "PUNCT", "punct", 7)]
    claims = _claims(first, _said([("He", "he", "PRON", "nsubj", 1)], said_at=1))
    (c,) = [c for c in claims if c.sentence == 1]
    assert (c.speaker.code, c.speaker.name) == ("USA", "Mark Amodei")


def test_a_name_spelled_two_ways_is_one_person():
    from dotterel.claims._speakers import _spelled_like
    assert _spelled_like("Sarea", "Saree")
    assert _spelled_like("Abdollahian", "Abdolahiyan") is False  # not one letter apart
    assert not _spelled_like("Khan", "Kahn")  # too short to tell
    assert not _spelled_like("Brown", "Crown")  # the first letters differ
    assert not _spelled_like("Sarea", "Sarea")  # the same spelling is no variant


def test_a_source_with_no_affiliation_is_of_the_storys_country():
    """"an anonymous source", "a report", a director of a body the dictionary does not know:
    the home country; a coded speaker, a role with a sector and an article with no home keep
    theirs."""
    from dotterel.claims._coder import _local
    from dotterel.records import Actor
    from dotterel.syntax import Mentions

    m = Mentions()
    for n in range(3):
        m.add(n * 10, Actor(text="Russia", code="RUS", kind="country"))
    m.settle()
    source = Actor(text="an anonymous source", code=None, kind="role")
    assert _local(source, m).code == "RUS" and _local(source, m).sector is None
    coded = Actor(text="Iran", code="IRN", kind="country")
    assert _local(coded, m) is coded
    assert _local(None, m) is None
    nowhere = Mentions()
    nowhere.settle()
    assert _local(source, nowhere) is source
