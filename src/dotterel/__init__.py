"""dotterel: news articles -> political event data (CAMEO/PLOVER) and a ledger of claims.

    >>> from dotterel import Pipeline, read_path, result_json
    >>> for result in Pipeline().process(read_path("article.txt")):
    ...     print(result_json(result))

Heavy parts (the spaCy model, dictionaries, gazetteer) load lazily, once, on first use.
"""
from dotterel.articles import make_article, read_inputs, read_path
from dotterel.contract import result_json
from dotterel.errors import DictionaryError, DotterelError, InputError, ModelError, StoreError
from dotterel.pipeline import Pipeline, process_batch
from dotterel.records import Actor, Article, ArticleResult, Claim, Event, Failure, Place

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "ArticleResult", "Claim", "DictionaryError", "DotterelError", "Event",
    "Failure", "InputError", "ModelError", "Pipeline", "Place", "StoreError", "make_article",
    "process_batch", "read_inputs", "read_path", "result_json",
]
