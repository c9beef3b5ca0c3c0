"""Request size limits, applied before a body is read, on every route.

A caller without a known station key may send at most ANONYMOUS_BYTES (registration is well under 1 KB); a
station at most STATION_BYTES (a sync batch is about 2 MB). The key is checked first, from the headers alone; a
declared Content-Length over the limit is answered 413 at once, without reading a byte of the body, and a body
sent without a length (chunked) is cut off with 413 as soon as it passes the limit. So a stranger's 60 MB upload
costs the server nothing, and a station's at most its limit; with uvicorn's --limit-concurrency that bounds the
memory requests can take.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.deps import STATION_SCOPE_KEY

ANONYMOUS_BYTES = 64 * 1024
STATION_BYTES = 16 * 1024 * 1024


class _TooLarge(HTTPException):
    """Raised from inside the body read: FastAPI passes an HTTPException on as it is (413), anything else as 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class BodyLimit:
    def __init__(self, app: ASGIApp, anonymous: int = ANONYMOUS_BYTES, station: int = STATION_BYTES) -> None:
        self.app, self.anonymous, self.station = app, anonymous, station

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        authorization = headers.get("authorization")
        station_id = None
        if authorization:
            central = scope["app"].state.central
            station_id = await run_in_threadpool(central.station_for, authorization)
        if station_id is not None:
            scope[STATION_SCOPE_KEY] = station_id
        limit = self.station if station_id is not None else self.anonymous
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, limit)
            return
        seen, started = 0, False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(limit)
            return message

        async def watching(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, watching)
        except _TooLarge:
            if not started:
                await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body larger than {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})
