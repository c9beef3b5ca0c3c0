"""Blobs (photos now; fingerprints, irises and the signature image later): content-addressed, sent as bytes,
never sent twice, and an interrupted upload resumes where it stopped.

A station asks which of a batch's blobs the centre lacks (POST /v1/blobs/missing: for each, the bytes already
held), then sends those, from there, in one request body of frames (POST /v1/blobs): SHA-256 (32 bytes), total
size, offset and length (big-endian u64, u64, u32), then the bytes. Each frame is stored as it arrives; when the
connection dies mid-body, what arrived is kept (complete blobs, and the part of the one in flight), so the next
attempt sends only the rest. A blob is kept only when its bytes match its SHA-256.
"""

from __future__ import annotations

import asyncio
import struct
import time
from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync.server.deps import Central, central, station_of
from sync.server.intake import MAX_BLOB, missing_blobs, put_parts
from sync.server.schemas import BlobNeeds, BlobQuery, BlobUploadAck

router = APIRouter()
FRAME = struct.Struct(">32sQQI")
FLUSH_BYTES = 4 * 1024 * 1024  # written in transactions of about this size while a long upload goes on


@dataclass(frozen=True)
class Frame:
    sha256: str
    total: int
    offset: int
    data: bytes


class BadFrame(ValueError):
    pass


class FrameReader:
    """Frames out of a byte stream, and the part of the frame in flight when the stream stops."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.head: tuple[str, int, int, int] | None = None

    def feed(self, chunk: bytes) -> list[Frame]:
        self.buf += chunk
        out = []
        while True:
            if self.head is None:
                if len(self.buf) < FRAME.size:
                    return out
                sha, total, offset, length = FRAME.unpack_from(self.buf)
                if total > MAX_BLOB or offset + length > total or length == 0:
                    raise BadFrame("frame out of bounds")
                del self.buf[: FRAME.size]
                self.head = (sha.hex(), total, offset, length)
            sha, total, offset, length = self.head
            if len(self.buf) < length:
                return out
            with memoryview(self.buf) as view:  # one copy of the bytes, not two
                out.append(Frame(sha, total, offset, bytes(view[:length])))
            del self.buf[:length]
            self.head = None

    def tail(self) -> Frame | None:
        """What arrived of the frame in flight (an upload cut in the middle of a blob)."""
        if self.head is None or not self.buf:
            return None
        sha, total, offset, _ = self.head
        return Frame(sha, total, offset, bytes(self.buf))


@router.post("/blobs/missing", response_model=BlobNeeds)
def blobs_missing(q: BlobQuery, _: str = Depends(station_of), c: Central = Depends(central)) -> BlobNeeds:
    """Which of these the centre lacks, each with the bytes it already holds (0: none). Ask before sending."""
    with c.unit() as s:
        return BlobNeeds(missing=missing_blobs(s, q.sha256))


def _write(c: Central, frames: list[Frame]) -> tuple[list[str], dict[str, int]]:
    for attempt in range(6):
        stored, partial = [], {}
        try:
            with c.unit() as s:
                for sha, held in put_parts(s, [(f.sha256, f.total, f.offset, f.data) for f in frames]).items():
                    if held is None:
                        stored.append(sha)
                    else:
                        partial[sha] = held
            return stored, partial
        except (IntegrityError, OperationalError):  # the same blob from two stations at once: read again
            time.sleep(0.02 * (attempt + 1))
    raise HTTPException(503, "busy, try again")


@router.post(
    "/blobs",
    response_model=BlobUploadAck,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            "description": "frames: SHA-256 (32 bytes), total (u64), offset (u64), length (u32), then the bytes",
        }
    },
)
async def blobs_upload(request: Request, _: str = Depends(station_of), c: Central = Depends(central)) -> Response:
    # The frames are written a few megabytes at a time while the rest of the body arrives: one write in flight,
    # in order, so reading the link and writing the database overlap. (A comment: a docstring would be the API's.)
    reader = FrameReader()
    pending: list[Frame] = []
    stored: list[str] = []
    partial: dict[str, int] = {}
    writing: asyncio.Future | None = None

    async def write(frames: list[Frame]) -> None:
        done, held = await run_in_threadpool(_write, c, frames)
        stored.extend(done)
        for sha in done:
            partial.pop(sha, None)
        partial.update(held)

    async def flush(frames: list[Frame]) -> None:
        """Wait for the write before, then start this one."""
        nonlocal writing
        await settle()
        writing = asyncio.ensure_future(write(frames))

    async def settle() -> None:
        nonlocal writing
        if writing is not None:
            under_way, writing = writing, None
            await under_way

    waiting = 0  # bytes in `pending`
    try:
        async for chunk in request.stream():
            for frame in reader.feed(chunk):
                pending.append(frame)
                waiting += len(frame.data)
            if waiting >= FLUSH_BYTES:
                await flush(pending)
                pending, waiting = [], 0
    except ClientDisconnect:  # the link died mid-upload: keep what came, so the next attempt resumes
        tail = reader.tail()
        await flush(pending + ([tail] if tail else []))
        await settle()
        return Response(status_code=400)
    except BadFrame:
        await settle()
        raise HTTPException(400, "bad blob frame") from None
    except BaseException:
        await asyncio.shield(settle()) if writing is not None else None
        raise
    if reader.head is not None or reader.buf:
        await settle()
        raise HTTPException(400, "truncated blob frame")
    await flush(pending)
    await settle()
    return BlobUploadAck(stored=stored, partial=partial)
