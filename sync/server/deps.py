"""What every route needs: a transaction on the central database, which station is calling, and the centre's keys."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Header, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sync.server.centre_keys import CentreKeys, load_or_create
from sync.server.models import StationRow

STATION_SCOPE_KEY = "central.station_id"  # set by the body limit (limits.py), which authenticates first


class Central:
    """The server's state, one per worker process (stateless between requests: everything is in the database,
    and the centre's keys in their file)."""

    def __init__(self, sessions: sessionmaker, secrets_path: Path) -> None:
        self.sessions, self.secrets_path = sessions, Path(secrets_path)
        self._keys: CentreKeys | None = None
        self._lock = threading.Lock()

    @contextmanager
    def unit(self) -> Iterator[Session]:
        with self.sessions.begin() as s:
            yield s

    @property
    def keys(self) -> CentreKeys:
        """Loaded (made, the first time) when first needed: generating the API document never touches them."""
        with self._lock:
            if self._keys is None:
                self._keys = load_or_create(self.secrets_path)
            return self._keys

    def station_for(self, authorization: str | None) -> str | None:
        """The station whose bearer key this is (the server keeps only the key's SHA-256), or None."""
        if not authorization or not authorization.startswith("Bearer "):
            return None
        digest = hashlib.sha256(authorization[7:].encode("utf-8", "surrogateescape")).hexdigest()
        with self.unit() as s:
            return s.scalar(select(StationRow.station_id).where(StationRow.key_sha256 == digest))


def central(request: Request) -> Central:
    return request.app.state.central


def station_of(request: Request, authorization: str = Header(default="")) -> str:
    """The calling station; 401 without a known key."""
    station_id = request.scope.get(STATION_SCOPE_KEY) or central(request).station_for(authorization)
    if station_id is None:
        raise HTTPException(401, "missing or unknown station key")
    return station_id
