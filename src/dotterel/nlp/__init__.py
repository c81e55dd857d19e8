"""The one place that imports spaCy: load the English model once, parse articles into records."""
from dotterel.nlp._model import MODEL_PACKAGES, load_model
from dotterel.nlp._parse import SentenceFilter, irregular_forms, parse_articles, split_sentences, to_sentences

__all__ = ["MODEL_PACKAGES", "SentenceFilter", "irregular_forms", "load_model", "parse_articles",
           "split_sentences", "to_sentences"]
