"""Import a jemput-bola bundle straight into the central database, with the same exactly-once rule as uploads
(store_record).

The signer must be a registered station and the bundle signed with the key registered for it (never a key the
bundle carries). Each record is filed under the station that MADE it, as verified: the signer's own records under
the signer, a carried record under its origin only when the origin's registered key verifies its signature
(station.bundle_format). A record's own claim of a station_id decides nothing.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from station.bundle_format import BundleRefused, read
from sync.server.db import open_engine
from sync.server.intake import store_record
from sync.server.models import StationRow
from sync.server.schemas import RecordIn

WIRE_FIELDS = ("uuid", "payload_sha256", "biodata", "quality", "created_at", "operator", "photos")


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
        try:
            wires = [(r["origin"], RecordIn(**{k: r[k] for k in WIRE_FIELDS})) for r in bundle.records]
        except ValidationError:
            raise BundleRefused(
                "Rekaman dalam bundel tidak sesuai skema server pusat. Tidak ada yang diimpor."
            ) from None
        outcomes: Counter[str] = Counter()
        with sessions.begin() as s:  # the whole bundle or nothing
            for origin, wire in wires:
                outcomes[store_record(s, origin, wire).outcome] += 1
        return CentralImport(bundle.station_id, dict(outcomes), dict(Counter(origin for origin, _ in wires)))
    finally:
        engine.dispose()
