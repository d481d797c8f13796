"""Request size limit, enforced before a body is parsed."""

from __future__ import annotations

import json
import logging

from starlette.exceptions import HTTPException

log = logging.getLogger(__name__)

# A full push (500 commands) of large orders stays well below this.
MAX_BODY_BYTES = 16 * 1024 * 1024


class BodyTooLarge(HTTPException):
    """Raised while a body is read; FastAPI lets an HTTPException through its body parsing."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodySizeLimit:
    """ASGI middleware that returns 413 "request_too_large" for bodies over `max_bytes`.

    It checks Content-Length first and also counts the bytes of a chunked
    body as they arrive.
    """

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._reject(send, int(length))
            return
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send, received)

    async def _reject(self, send, size: int) -> None:
        log.warning("rejected a request body of %d bytes (max %d)", size, self.max_bytes)
        body = json.dumps({"code": "request_too_large", "params": {"max_bytes": self.max_bytes}}).encode()
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})
