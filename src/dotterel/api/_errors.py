"""One JSON error shape for every failure:
``{"error": {"code": "E401", "kind": "bad_request", "message": "..."[, "details": [...]]}}``.

``code`` is the error's code in the catalogue (``dotterel.errors``), ``kind`` says what kind of
failure it is in words, stable for clients (``KINDS``), and ``message`` says what happened and
what to do. Nothing the server raises reaches the client as a stack trace; unexpected errors are
logged here and answered with a generic 500 [E900]."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from dotterel import errors as E
from dotterel.errors import NotFound, QueryError, StoreError

log = logging.getLogger("dotterel.api")
RETRY_AFTER_S = 2  # what a client is told to wait when the database is busy
# kind -> (HTTP status, what it means); the API's error kinds, documented in /openapi.json
KINDS: dict[str, tuple[int, str]] = {
    "bad_request": (400, "a query argument is malformed or out of range, or the body is not JSON"),
    "forbidden": (403, "the server does not allow this (a write on a read-only server)"),
    "not_found": (404, "no such article, claim or path"),
    "method_not_allowed": (405, "the path does not take this HTTP method"),
    "payload_too_large": (413, "the request body is over the limit"),
    "invalid_request": (422, "the parameters or the body do not validate"),
    "uncodable_text": (422, "the posted text cannot be coded (empty, not English, ...)"),
    "internal_error": (500, "the server failed; the details are in its log"),
    "database_busy": (503, "another process is writing the database; retry after Retry-After"),
    "database_unavailable": (503, "the database cannot be opened"),
}
# HTTP errors raised by the framework (Starlette) -> (kind, code)
_HTTP = {400: ("bad_request", E.E402), 403: ("forbidden", E.E403), 404: ("not_found", E.E405),
         405: ("method_not_allowed", E.E405), 413: ("payload_too_large", E.E406),
         422: ("invalid_request", E.E402), 500: ("internal_error", E.E900),
         503: ("database_unavailable", E.E301)}


class ApiError(Exception):
    """An error the API answers with ``status`` and the JSON error shape."""

    def __init__(self, status: int, kind: str, message: str, *, code: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.kind, self.code, self.message = status, kind, code, message
        self.headers = headers or {}


def busy(message: str) -> ApiError:
    return ApiError(503, "database_busy", f"{message}; retry in {RETRY_AFTER_S} s", code=E.E301,
                    headers={"Retry-After": str(RETRY_AFTER_S)})


def error_response(status: int, kind: str, message: str, *, code: str,
                   details: list[Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "kind": kind, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into the JSON error shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.kind, exc.message, code=exc.code, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind, code = _HTTP.get(exc.status_code, ("internal_error", E.E900))
    message = exc.detail if isinstance(exc.detail, str) else kind.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path: {request.url.path}; the API's paths are in /openapi.json"
    elif exc.status_code == 405:
        message = (f"{request.method} is not allowed on {request.url.path}; its methods are in "
                   "/openapi.json")
    return error_response(exc.status_code, kind, message, code=code,
                          headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
               for e in exc.errors()]
    summary = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:5])
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return error_response(400, "bad_request", f"the body is not valid JSON ({summary}); "
                              "send a JSON object", code=E.E402)
    return error_response(422, "invalid_request", (summary or "invalid request") +
                          "; the parameters are described in /openapi.json", code=E.E402,
                          details=details)


async def _query_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueryError)
    if isinstance(exc, NotFound):
        return error_response(404, "not_found", exc.message, code=exc.code)
    return error_response(400, "bad_request", exc.message, code=exc.code)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    log.warning("database unavailable: %s", exc)
    return error_response(503, "database_unavailable", exc.message, code=exc.code,
                          headers={"Retry-After": str(RETRY_AFTER_S)})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "the server failed to answer this request; "
                          "the details are in the server's log", code=E.E900)
