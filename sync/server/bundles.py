"""Import a jemput-bola bundle straight into the central database, with the same exactly-once and origin rules
as uploads (sync.server.intake).

The signer must be a registered station and the bundle signed with the key registered for it (never a key the
bundle carries). Each record is filed under the station that MADE it, as verified: the signer's own records under
the signer, a carried record under its origin only when the origin's registered key verifies its signature
(station.bundle_format). A record's own claim of a station_id decides nothing. The whole bundle or nothing.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from station.bundle_format import read
from sync.server.db import open_engine
from sync.server.intake import Intake
from sync.server.models import StationRow


@dataclass(frozen=True)
class CentralImport:
    station_id: str  # the signer: who carried the bundle
    outcomes: dict[str, int]
    origins: dict[str, int]  # records filed under each origin station


def registry(sessions: sessionmaker) -> dict[str, bytes]:
    """Every registered station's signing key (raw Ed25519)."""
    with sessions() as s:
        rows = s.execute(select(StationRow.station_id, StationRow.signing_public_key)).all()
    return {sid: base64.b64decode(key) for sid, key in rows if key}


def import_bundle(database_url: str, data: bytes, code: str) -> CentralImport:
    engine = open_engine(database_url)
    sessions = sessionmaker(engine)
    try:
        bundle = read(data, code, registry(sessions))
        outcomes: Counter[str] = Counter()
        origins: Counter[str] = Counter()
        with sessions.begin() as s:  # the whole bundle or nothing
            intake = Intake(s)  # each record filed under its origin, as on the network
            for r in bundle.records:
                ack = intake.store_bundled(bundle.station_id, r)
                outcomes["repeat" if ack.repeat else ack.outcome] += 1  # repeat: here already, stored (or refused) once
                origins[ack.origin or r["origin"]] += 1
        return CentralImport(bundle.station_id, dict(outcomes), dict(origins))
    finally:
        engine.dispose()
