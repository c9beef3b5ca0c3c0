"""Import a jemput-bola bundle straight into the central database, with the same exactly-once and origin rules
as uploads (sync.server.intake), after checking it is signed by the station that claims it."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from station.bundle_format import BundleRefused, read
from sync.server.intake import Intake
from sync.server.models import Base, StationRow


@dataclass(frozen=True)
class CentralImport:
    station_id: str
    outcomes: dict[str, int]


def import_bundle(database_url: str, data: bytes, code: str) -> CentralImport:
    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    sessions = sessionmaker(engine)
    try:
        unsigned = read(data, code)  # signature checked against the key inside; then against the registry
        with sessions() as s:
            station = s.get(StationRow, unsigned.station_id)
        if station is None or not station.signing_public_key:
            raise BundleRefused(f"Stasiun {unsigned.station_id} tidak terdaftar (atau tanpa kunci tanda tangan).")
        bundle = read(data, code, base64.b64decode(station.signing_public_key))
        outcomes: dict[str, int] = {}
        with sessions.begin() as s:  # the whole bundle or nothing
            intake = Intake(s)  # each record filed under its origin, its signature checked as on the network
            for r in bundle.records:
                ack = intake.store_bundled(bundle.station_id, r)
                key = "repeat" if ack.repeat else ack.outcome  # here already: stored (or refused) once
                outcomes[key] = outcomes.get(key, 0) + 1
        return CentralImport(bundle.station_id, outcomes)
    finally:
        engine.dispose()
