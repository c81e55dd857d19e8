"""Which language an article is written in, offline.

Two steps, cheapest first:

1. English function words ("the", "of", "said", ...) that other languages rarely write. Wire
   copy in English has 15-30% of them; French, Spanish, German or Portuguese news has under 3%.
   A sample with at least ``ENGLISH_SHARE`` of them is English, and no model is loaded.
2. Otherwise py3langid (a naive Bayes model shipped inside the package: nothing downloads),
   loaded on first use, once. A text is called non-English only when the model is sure
   (``MIN_CONFIDENCE``); anything doubtful is given to the coder as English, since a wrong skip
   loses an article and a wrong keep costs a parse that finds no event.

Texts with fewer than ``MIN_LETTERS`` letters (headlines, one-line test inputs) are not judged.
Calibrated on the gold sets in ``../shared/gold`` (429 English texts, none judged non-English)
and on the French and Spanish articles of ``tests/e2e/test_reliability.py``; re-run those
tests after changing a constant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000  # only the start of an article is read: enough, and a 5 MB text costs nothing
MIN_LETTERS = 20
ENGLISH_SHARE = 0.08
MIN_CONFIDENCE = 0.9
# languages close to English that the model may name for English text: never a reason to skip
ENGLISH_LIKE = frozenset({"en", "pcm"})
# the model's regional varieties, reported as their macrolanguage
MACRO = {"ary": "ar", "arz": "ar", "wuu": "zh", "yue": "zh", "an": "es", "ext": "es",
         "uzs": "uz", "nn": "no", "gug": "gn"}

_ENGLISH_WORDS = frozenset(
    "the of and to is was were with for that said by from has have had will its his their "
    "this which who after been are would could should they there".split())
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Language:
    """``code``: ISO 639-1 (or 639-3 where there is none), ``"en"`` when undecided;
    ``confidence``: the model's normalised probability, 1.0 when the word test decided, 0.0
    when undecided."""

    code: str
    confidence: float
    decided_by: str  # "words", "model" or "too short"

    @property
    def is_english(self) -> bool:
        return self.code in ENGLISH_LIKE


def detect_language(text: str) -> Language:
    """The language of ``text`` (its first ``SAMPLE_CHARS`` characters)."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if sum(len(w) for w in words) < MIN_LETTERS:
        return Language("en", 0.0, "too short")
    hits = sum(1 for w in words if w.lower() in _ENGLISH_WORDS)
    if hits >= 3 and hits >= ENGLISH_SHARE * len(words):
        return Language("en", 1.0, "words")
    ranked = _identifier().rank(sample)
    english = sum(prob for code, prob in ranked if code in ENGLISH_LIKE)
    if english > 1 - MIN_CONFIDENCE:  # not sure that it is not English: code it
        return Language("en", float(english), "model")
    macro = MACRO.get(ranked[0][0], ranked[0][0])
    sure = sum(prob for code, prob in ranked if MACRO.get(code, code) == macro)
    if sure < MIN_CONFIDENCE:  # not English, but not clearly anything else: a list of names?
        return Language("en", float(english), "model")
    return Language(macro, float(sure), "model")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
