"""What every route needs: a transaction on the central database, and which station is calling."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Header, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sync.server.models import StationRow


class Central:
    """The server's state, one per worker process (stateless between requests: everything is in the database)."""

    def __init__(self, sessions: sessionmaker, registration_codes: tuple[str, ...]) -> None:
        self.sessions, self.registration_codes = sessions, registration_codes

    @contextmanager
    def unit(self) -> Iterator[Session]:
        with self.sessions.begin() as s:
            yield s


def central(request: Request) -> Central:
    return request.app.state.central


def station_of(request: Request, authorization: str = Header(default="")) -> str:
    """The station a bearer key belongs to (the server keeps only the key's SHA-256)."""
    if not authorization.startswith("Bearer "):
        raise HTTPException(401, "missing station key")
    digest = hashlib.sha256(authorization[7:].encode()).hexdigest()
    with central(request).unit() as s:
        row = s.scalar(select(StationRow).where(StationRow.key_sha256 == digest))
    if row is None:
        raise HTTPException(401, "unknown station key")
    return row.station_id
