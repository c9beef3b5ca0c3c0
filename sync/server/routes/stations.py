"""Registration: a station presents a code from the central admin and receives its bearer key, once."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import APIRouter, Depends, HTTPException

from sync.server.deps import Central, central
from sync.server.intake import now
from sync.server.models import StationRow
from sync.server.schemas import Registration, StationKey

router = APIRouter()


@router.get("/health")
def health() -> dict:
    """Connectivity probe: cheap, no authentication."""
    return {"ok": True, "time": now()}


@router.post("/stations", response_model=StationKey, status_code=201)
def register(body: Registration, c: Central = Depends(central)) -> StationKey:
    if not any(hmac.compare_digest(body.registration_code, code) for code in c.registration_codes):
        raise HTTPException(403, "registration code not valid")
    key = body.station_key or secrets.token_urlsafe(32)
    with c.unit() as s:
        row = s.get(StationRow, body.station_id)
        same = row is not None and row.signing_public_key == body.signing_public_key
        if same and hmac.compare_digest(row.key_sha256, hashlib.sha256(key.encode()).hexdigest()):
            return StationKey(station_id=body.station_id, station_key=key)  # presented again after a lost answer
        if row is None:
            s.add(
                StationRow(
                    station_id=body.station_id,
                    kecamatan=body.kecamatan,
                    key_sha256=hashlib.sha256(key.encode()).hexdigest(),
                    registered_at=now(),
                    signing_public_key=body.signing_public_key,
                )
            )
        else:  # re-registration with a valid code rotates the key
            row.key_sha256 = hashlib.sha256(key.encode()).hexdigest()
            row.signing_public_key = body.signing_public_key or row.signing_public_key
    return StationKey(station_id=body.station_id, station_key=key)
