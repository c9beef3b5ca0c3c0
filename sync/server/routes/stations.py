"""Registration, and the list of registered stations that stations trust (master data, signed by the centre).

A station registers once with a one-time code the central admin issued for its station id
(`python -m sync.server issue-code --station-id ST-07`; only the code's SHA-256 is kept). The first registration
spends the code. The station proposes its bearer key (station_key: chosen and kept before asking; the centre keeps
its SHA-256), so the same registration presented again after a lost answer (same code, station, signing key and
station key) gets the same answer, and gives away nothing its sender did not already hold; anything else with a
spent code is refused. A registered station id can be taken over only with its current key (which may rotate the
bearer key, never the signing key) or with a code the admin issued with --rekey; every replaced signing key is kept
in station_key_history and logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from station.station_list import sign
from sync.server.deps import STATION_SCOPE_KEY, Central, central, station_of
from sync.server.intake import now
from sync.server.models import RegistrationCodeRow, StationKeyHistoryRow, StationRow
from sync.server.schemas import Registration, StationKey, StationList

router = APIRouter()
log = logging.getLogger("sync.server.stations")


def code_digest(code: str) -> str:
    """How a registration code is kept and looked up (codes are random: a plain SHA-256 is enough)."""
    return hashlib.sha256(code.strip().upper().encode("ascii")).hexdigest()


def _sha256(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@router.get("/health")
def health() -> dict:
    """Connectivity probe: cheap, no authentication."""
    return {"ok": True, "time": now()}


@router.post("/stations", response_model=StationKey, status_code=201)
def register(body: Registration, request: Request, c: Central = Depends(central)) -> StationKey:
    """Register with a one-time code. A registered station's keys change only with a code the admin issued with
    --rekey: its current bearer key alone cannot rotate it (anyone holding that key, an operator with the station's
    data key among them, could otherwise lock the station out without a trace)."""
    if request.scope.get(STATION_SCOPE_KEY) is not None:
        raise HTTPException(403, "a station's key changes only with a code issued with --rekey")
    for _ in range(3):  # two registrations racing: the loser re-reads and answers as a repeat
        try:
            return _register_with_code(c, body)
        except (IntegrityError, OperationalError):
            continue
    raise HTTPException(503, "busy, try again")


def _register_with_code(c: Central, body: Registration) -> StationKey:
    if not body.registration_code:
        raise HTTPException(403, "registration code required")
    digest = code_digest(body.registration_code)
    key = body.station_key or secrets.token_urlsafe(32)
    with c.unit() as s:
        code = s.get(RegistrationCodeRow, digest, with_for_update=True)
        if code is None or code.station_id != body.station_id:
            raise HTTPException(403, "registration code not valid for this station")
        row = s.get(StationRow, body.station_id)
        if code.used_at is not None:
            repeat = (
                body.station_key is not None
                and code.used_signing_key == body.signing_public_key
                and row is not None
                and row.signing_public_key == body.signing_public_key
                and hmac.compare_digest(row.key_sha256, _sha256(key))
            )
            if repeat:  # the first answer was lost: the same outcome again
                return StationKey(station_id=body.station_id, station_key=key)
            raise HTTPException(403, "registration code already used")
        if dt.datetime.now(dt.UTC) > dt.datetime.fromisoformat(code.expires_at):
            raise HTTPException(403, "registration code expired")
        owner = s.scalar(select(StationRow.station_id).where(StationRow.signing_public_key == body.signing_public_key))
        if owner is not None and owner != body.station_id:
            raise HTTPException(409, "signing key already registered to another station")
        stamp = now()
        if row is None:
            s.add(
                StationRow(
                    station_id=body.station_id,
                    kecamatan=body.kecamatan,
                    key_sha256=_sha256(key),
                    registered_at=stamp,
                    signing_public_key=body.signing_public_key,
                )
            )
        elif not code.rekey:
            raise HTTPException(409, "station already registered: use its current key, or a code issued with --rekey")
        else:
            s.add(
                StationKeyHistoryRow(
                    station_id=row.station_id,
                    signing_public_key=row.signing_public_key,
                    registered_at=row.registered_at,
                    replaced_at=stamp,
                    how="admin code (rekey)",
                )
            )
            log.warning("station %s: keys replaced with an admin rekey code", row.station_id)
            row.kecamatan, row.key_sha256, row.registered_at = body.kecamatan, _sha256(key), stamp
            row.signing_public_key = body.signing_public_key
        code.used_at, code.used_signing_key = stamp, body.signing_public_key
        s.flush()
    return StationKey(station_id=body.station_id, station_key=key)


@router.get("/master/stations", response_model=StationList)
def master_stations(_: str = Depends(station_of), c: Central = Depends(central)) -> dict:
    """Every registered station and its signing key, signed by the centre: a station imports a jemput-bola bundle
    only from a station on this list, checked with this key (station.station_list)."""
    with c.unit() as s:
        rows = s.scalars(select(StationRow).where(StationRow.signing_public_key.is_not(None))).all()
        stations = [
            {"station_id": r.station_id, "kecamatan": r.kecamatan, "signing_public_key": r.signing_public_key}
            for r in rows
        ]
    return sign(stations, now(), c.keys.signing)
