"""The one place that imports spaCy: load the English model once, parse articles into records."""
from dotterel.nlp._model import MODEL_PACKAGES, load_model
from dotterel.nlp._parse import parse_articles, to_sentences

__all__ = ["MODEL_PACKAGES", "load_model", "parse_articles", "to_sentences"]
