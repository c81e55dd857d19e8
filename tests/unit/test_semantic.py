"""The semantic fallback's plumbing, with a stand-in embedder: no torch, no model."""
from __future__ import annotations

import numpy as np
import pytest

from dotterel.errors import DotterelError
from dotterel.events import EventCoder, load_lexicon
from dotterel.events._semantic import (NONE, TYPE_CODES, Classifier, SemanticFallback,
                                       load_classifier, semantic_events)
from tests.unit._parse import chain, fake_resolve

LABELS = ("ASSAULT", "SUPPORT", NONE)


class WordEmbedder:
    """One dimension per label: a sentence 'means' a label when it holds one of its words."""
    WORDS = {"ASSAULT": {"zorbed"}, "SUPPORT": {"backed"}, NONE: {"rained"}}

    def encode(self, texts):
        return np.array([[1.0 if set(t.lower().split()) & self.WORDS[label] else 0.0
                          for label in LABELS] for t in texts])


def _fallback(threshold=0.45):
    clf = Classifier(labels=LABELS, weights=np.eye(3) * 4.0, bias=np.zeros(3))
    return SemanticFallback(clf, WordEmbedder(), threshold=threshold)


def _sentence(verb, lemma, subject=("Iran", "Iran", "PROPN")):
    return [(subject[0], subject[1], subject[2], "nsubj", 1), (verb, lemma, "VERB", "ROOT", 1),
            ("Iraq", "Iraq", "PROPN", "dobj", 1)]


@pytest.fixture(scope="module")
def coder():
    return EventCoder(load_lexicon(), fake_resolve)


def test_classifier_probabilities_sum_to_one_and_round_trip(tmp_path):
    clf = Classifier(labels=LABELS, weights=np.eye(3), bias=np.array([0.0, 0.5, 0.0]))
    p = clf.probabilities(np.eye(3))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert [label for label, _ in clf.best(np.eye(3))] == list(LABELS)
    clf.save(tmp_path / "w.npz")
    back = load_classifier(tmp_path / "w.npz")
    assert back.labels == LABELS and np.allclose(back.weights, clf.weights)


def test_unreadable_weights_are_a_coded_error(tmp_path):
    bad = tmp_path / "w.npz"
    bad.write_bytes(b"not numpy")
    with pytest.raises(DotterelError) as err:
        load_classifier(bad)
    assert err.value.code == "E004" and "w.npz" in err.value.message


def test_packaged_weights_cover_every_type_and_none():
    clf = load_classifier()
    assert set(clf.labels) == set(TYPE_CODES) | {NONE}
    assert clf.weights.shape == (384, len(clf.labels))


def test_an_untyped_sentence_gets_the_classified_type(coder):
    art = chain(_sentence("zorbed", "zorb"))
    assert [e for e in coder.code(art) if e.plover_type] == []  # no rule knows "zorbed"
    evs = semantic_events(coder, art, coder.code(art), _fallback())
    (ev,) = [e for e in evs if e.plover_type]
    assert ev.plover_type == "ASSAULT" and ev.cameo == TYPE_CODES["ASSAULT"]
    assert ev.trigger == "zorbed" and ev.actor.code == "IRN" and ev.recipient.code == "IRQ"
    assert 0 < ev.confidence <= 0.5  # below any rule event


def test_no_event_where_the_classifier_says_none_or_is_unsure(coder):
    art = chain(_sentence("rained", "rain"))
    assert [e for e in semantic_events(coder, art, coder.code(art), _fallback())
            if e.plover_type] == []
    art = chain(_sentence("zorbed", "zorb"))
    assert [e for e in semantic_events(coder, art, coder.code(art), _fallback(threshold=0.99))
            if e.plover_type] == []


def test_rule_events_and_unknown_actors_are_left_alone(coder):
    # "Iran attacked Iraq": the rules typed it; the classifier is not asked
    art = chain(_sentence("attacked", "attack"))
    rules = coder.code(art)
    assert semantic_events(coder, art, rules, _fallback()) == rules
    # "Someone zorbed Iraq": no known actor, no event
    art = chain(_sentence("zorbed", "zorb", subject=("Someone", "someone", "PRON")))
    assert [e for e in semantic_events(coder, art, coder.code(art), _fallback())
            if e.plover_type] == []


def test_missing_extra_is_a_clear_error(monkeypatch):
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real(name, *a))
    clf = Classifier(labels=LABELS, weights=np.eye(3), bias=np.zeros(3))
    with pytest.raises(DotterelError) as err:
        SemanticFallback(clf)
    assert err.value.code == "E003" and "dotterel[semantic]" in err.value.message
