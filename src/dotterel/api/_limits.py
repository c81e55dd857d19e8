"""Request-size limit as plain ASGI middleware: a body over ``max_bytes`` (declared or sent)
is answered 413 before any handler reads it."""
from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dotterel.api._errors import error_response
from dotterel.errors import E402, E406

MAX_BODY_BYTES = 1_000_000  # 1 MB: a long article is ~50 KB


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await _reply(scope, receive, send, 400, "bad_request",
                         "Content-Length is not a number; send the body's length in bytes",
                         code=E402)
            return
        if declared is not None and declared > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _reply(scope, receive, send, 413, "payload_too_large",
                     f"the request body is larger than {self.max_bytes} bytes; send a shorter "
                     "text", code=E406)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return -1
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _reply(scope: Scope, receive: Receive, send: Send, status: int, kind: str,
                 message: str, *, code: str) -> None:
    response: Any = error_response(status, kind, message, code=code)
    await response(scope, receive, send)
