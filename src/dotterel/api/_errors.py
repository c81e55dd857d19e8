"""One JSON error shape for every failure: ``{"error": {"code", "message"[, "details"]}}``.
Nothing the server raises reaches the client as a stack trace; unexpected errors are logged
here and answered with a generic 500."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from dotterel.errors import StoreError
from dotterel.query import NotFound, QueryError

log = logging.getLogger("dotterel.api")
RETRY_AFTER_S = 2  # what a client is told to wait when the database is busy
_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "payload_too_large", 422: "invalid_request", 500: "internal_error",
          503: "unavailable"}


class ApiError(Exception):
    """An error the API answers with ``status`` and the JSON error shape."""

    def __init__(self, status: int, code: str, message: str, *,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


def busy(message: str) -> ApiError:
    return ApiError(503, "database_busy", f"{message}; retry in {RETRY_AFTER_S} s",
                    headers={"Retry-After": str(RETRY_AFTER_S)})


def error_response(status: int, code: str, message: str, *, details: list[Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
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
    return error_response(exc.status, exc.code, exc.message, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path: {request.url.path}"
    return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
               for e in exc.errors()]
    summary = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:5])
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return error_response(400, "bad_request", f"the body is not valid JSON ({summary})")
    return error_response(422, "invalid_request", summary or "invalid request", details=details)


async def _query_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueryError)
    if isinstance(exc, NotFound):
        return error_response(404, "not_found", exc.message)
    return error_response(400, "bad_request", exc.message)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    log.warning("database unavailable: %s", exc)
    return error_response(503, "database_unavailable", str(exc),
                          headers={"Retry-After": str(RETRY_AFTER_S)})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "the server failed to answer this request; "
                          "the details are in the server's log")
