"""Record intake: the whole idempotency rule, shared by network uploads and bundle imports.

A record travels with its UUID and the SHA-256 of its payload. The first arrival is stored; a repeat with the
same digest gets the same acknowledgement; a different digest under the same UUID is refused (conflict).
"""

from __future__ import annotations

import base64
import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.domain.nik import InvalidNik, parse_nik
from station.domain.payload import payload_digest, sha256_hex
from sync.server.models import BlobRow, CentralRecordRow
from sync.server.schemas import RecordAck, RecordIn


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def store_record(s: Session, station_id: str, r: RecordIn) -> RecordAck:
    """Store one record once (the whole idempotency rule); shared by uploads and bundle imports."""
    try:
        photos = {k: base64.b64decode(v, validate=True) for k, v in r.photos.items()}
    except ValueError:
        return RecordAck(uuid=r.uuid, outcome="rejected", reason="foto tidak terbaca (base64)")
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    if payload_digest(r.uuid, r.biodata, r.quality, hashes) != r.payload_sha256:
        return RecordAck(uuid=r.uuid, outcome="rejected", reason="SHA-256 isi rekaman tidak cocok (rusak di jalan)")
    existing = s.get(CentralRecordRow, r.uuid)
    if existing is not None:
        if existing.payload_sha256 == r.payload_sha256:
            return RecordAck(
                uuid=r.uuid,
                outcome="repeat",
                ack_id=existing.ack_id,
                status=existing.status,
                reason=existing.reason,
            )
        return RecordAck(uuid=r.uuid, outcome="conflict", reason="UUID sudah dipakai rekaman lain (isi berbeda)")
    status, reason = "received", None
    nik = str(r.biodata.get("nik", ""))
    try:
        parse_nik(nik)
    except InvalidNik as err:
        status, reason = "rejected", str(err)
    if "crop" not in photos:
        status, reason = "rejected", "foto KTP tidak ada"
    if status == "received" and s.scalar(select(CentralRecordRow.uuid).where(CentralRecordRow.nik == nik).limit(1)):
        status = "duplicate_nik"  # stored, flagged for the central office to resolve
    for sha, data in zip(hashes.values(), photos.values(), strict=True):
        if s.get(BlobRow, sha) is None:
            s.add(BlobRow(sha256=sha, data=data))
    ack = "ACK-" + r.uuid[:8] + "-" + r.payload_sha256[:12]
    s.add(
        CentralRecordRow(
            uuid=r.uuid,
            station_id=station_id,
            payload_sha256=r.payload_sha256,
            nik=nik[:16],
            payload=json.dumps(
                {
                    "biodata": r.biodata,
                    "quality": r.quality,
                    "photos": hashes,
                    "created_at": r.created_at,
                    "operator": r.operator,
                }
            ),
            ack_id=ack,
            received_at=now(),
            status=status,
            reason=reason,
        )
    )
    s.flush()
    return RecordAck(
        uuid=r.uuid,
        outcome="rejected" if status == "rejected" else "stored",
        ack_id=ack,
        status=status,
        reason=reason,
    )
