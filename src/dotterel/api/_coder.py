"""Coding a posted text with the pipeline. The spaCy model is loaded on the first request, once,
and used by one request at a time."""
from __future__ import annotations

import threading
from typing import Any

from dotterel.api._errors import ApiError
from dotterel.api._models import CodeRequest
from dotterel.errors import E102
from dotterel.records import ArticleResult, Failure


class Coder:
    def __init__(self, pipeline: Any = None) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def code(self, req: CodeRequest) -> ArticleResult:
        """Code one posted article. Raises ``ApiError`` 422 for text that cannot be coded."""
        from dotterel.articles import make_article

        if not req.text.strip():
            raise ApiError(422, "invalid_request", "text: the text is empty; post the article's "
                           "text", code=E102)
        article = make_article(req.text, title=req.title, date=req.date, source=req.source,
                               url=req.url, origin="api", headline_in_text=req.title is None)
        with self._lock:
            (item,) = self.pipeline.process([article])
        if isinstance(item, Failure):
            raise ApiError(422, "uncodable_text", f"[{item.code}] {item.message}", code=item.code)
        return item

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            from dotterel.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline
