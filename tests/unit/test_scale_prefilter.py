"""The sentence prefilter: the cheap sentence cut, the word test, and what the parse skips.

No model: the word lists are given by hand, and the parse uses spaCy's blank English pipeline."""
from __future__ import annotations

import pytest

from dotterel.nlp import SentenceFilter, parse_articles, split_sentences
from dotterel.nlp._parse import word_forms
from dotterel.records import Article


def cut(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_sentences_at_stops_but_not_after_titles_or_initials():
    text = ('Gen. Smith met U.S. officials on Monday. They said "no." The U.N. agreed! '
            "3 people died. Mr. J. Doe left.")
    assert cut(text) == ["Gen. Smith met U.S. officials on Monday.", 'They said "no."',
                         "The U.N. agreed!", "3 people died.", "Mr. J. Doe left."]


def test_split_sentences_keeps_offsets_into_the_text():
    text = "  One thing happened.   Another followed.  "
    spans = split_sentences(text)
    assert [text[s:e].strip() for s, e in spans] == ["One thing happened.", "Another followed."]
    assert text[spans[0][0]] == "O" and text[spans[1][0]] == "A"


@pytest.mark.parametrize(("word", "lemma"), [
    ("attacked", "attack"), ("banned", "ban"), ("carries", "carry"), ("talks", "talk"),
    ("staging", "stage"), ("accused", "accuse"), ("Protests", "protest")])
def test_word_forms_guess_the_lemma(word, lemma):
    assert lemma in word_forms(word)


@pytest.fixture()
def keep() -> SentenceFilter:
    return SentenceFilter({"attack", "say"}, constrained={"hold": [(frozenset({"talk", "summit"}),)]},
                          irregular={"said": frozenset({"say"}), "held": frozenset({"hold"})},
                          anaphora={"he", "they"})


def test_filter_keeps_trigger_and_cue_words(keep):
    assert keep("Rebels attacked the convoy.")
    assert keep("The minister said nothing.")  # an irregular form of a cue
    assert not keep("The weather was mild in the capital.")


def test_constrained_trigger_needs_its_companion_word(keep):
    assert keep("The two leaders held talks in Doha.")
    assert not keep("The company held its annual meeting.")


def test_select_keeps_the_antecedent_of_a_pronoun(keep):
    sents = ["Omar Khan is the governor.", "He attacked the plan.", "The sky was grey.",
             "Nothing happened."]
    assert keep.select(sents) == [True, True, False, False]


class _Blank:
    """spaCy's blank English with a sentencizer: a parse without a model."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.seen: list[str] = []

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        self.seen += texts
        return self.nlp.pipe(texts, **kwargs)


def test_parse_skips_sentences_and_keeps_offsets_and_indexes(keep):
    text = "The sky was grey. Rebels attacked the convoy. It rained.\nLater officials said so."
    nlp = _Blank()
    parsed = next(parse_articles([Article(id="a", text=text)], nlp, keep=keep))
    assert nlp.seen == ["Rebels attacked the convoy.", "Later officials said so."]
    assert [(s.index, s.text, s.paragraph) for s in parsed.sentences] == [
        (1, "Rebels attacked the convoy.", 0), (3, "Later officials said so.", 1)]
    for s in parsed.sentences:
        assert text[s.start:s.end] == s.text
        assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in s.tokens)


def test_parse_without_filter_parses_every_paragraph_whole():
    nlp = _Blank()
    text = "Headline here\nThe sky was grey. Rebels attacked."
    parsed = next(parse_articles([Article(id="a", text=text)], nlp))
    assert nlp.seen == ["Headline here", "The sky was grey. Rebels attacked."]
    assert [s.index for s in parsed.sentences] == [0, 1, 2]


def test_an_article_with_nothing_to_parse_still_comes_out(keep):
    nlp = _Blank()
    arts = [Article(id="a", text="The sky was grey."), Article(id="b", text="Rebels attacked.")]
    parsed = list(parse_articles(arts, nlp, keep=keep))
    assert [p.article.id for p in parsed] == ["a", "b"]
    assert parsed[0].sentences == () and len(parsed[1].sentences) == 1
