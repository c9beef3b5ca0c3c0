"""Import a jemput-bola bundle straight into the central database, with the same exactly-once rule as
uploads (store_record), after checking it is signed by the station that claims it."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from sqlalchemy.orm import sessionmaker

from station.bundle_format import BundleRefused, read
from sync.server.db import open_engine
from sync.server.intake import store_record
from sync.server.models import StationRow
from sync.server.schemas import RecordIn


@dataclass(frozen=True)
class CentralImport:
    station_id: str
    outcomes: dict[str, int]


def import_bundle(database_url: str, data: bytes, code: str) -> CentralImport:
    engine = open_engine(database_url)
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
            for r in bundle.records:
                ack = store_record(
                    s,
                    r.get("station_id", bundle.station_id),
                    RecordIn(
                        **{
                            k: r[k]
                            for k in (
                                "uuid",
                                "payload_sha256",
                                "biodata",
                                "quality",
                                "created_at",
                                "operator",
                                "photos",
                            )
                        }
                    ),
                )
                outcomes[ack.outcome] = outcomes.get(ack.outcome, 0) + 1
        return CentralImport(bundle.station_id, outcomes)
    finally:
        engine.dispose()
