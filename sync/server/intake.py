"""Record intake: the whole idempotency rule, shared by network uploads and bundle imports.

A record travels with its UUID and the SHA-256 of its payload. The first arrival is stored; a repeat with the
same digest gets the same acknowledgement; a different digest under the same UUID is refused (conflict).

A record that carries fingers (RecordIn.fingers) has their minutiae extracted here and saved for the dedup
worker (sync/server/dedup/store.py), which searches it 1:N and moves it from `received` to `print_ready` (PRR) or
`duplicate` (DUP). A record without fingers stays `received`: the station's sync does not carry biometrics yet.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.domain.nik import InvalidNik, parse_nik
from station.domain.payload import payload_digest, sha256_hex
from sync.server.dedup.minutiae import Minutiae, MinutiaeError, extract
from sync.server.dedup.store import save_fingers
from sync.server.models import BlobRow, CentralRecordRow
from sync.server.schemas import RecordAck, RecordIn


def finger_key(position: int | str) -> str:
    """The name under which a finger's SHA-256 enters the payload digest, beside the photos'."""
    return f"finger_{int(position)}"


def finger_minutiae(data: bytes) -> Minutiae:
    """Minutiae of one finger sent as an ISO/IEC 19794-4 record (PNG, WSQ, JPEG 2000 inside) or a plain image."""
    from station.biometrics.codecs import encode
    from station.biometrics.records import load_sample
    from station.domain.errors import StationError

    try:
        kind, samples = load_sample(data)
    except (StationError, ValueError) as err:
        raise MinutiaeError(str(err)) from None
    if kind == "iris" or len(samples) != 1:
        raise MinutiaeError("bukan rekaman satu sidik jari")
    image = samples[0].image if kind == "finger" else samples[0]
    return extract(encode(image, "png"))


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def store_record(s: Session, station_id: str, r: RecordIn) -> RecordAck:
    """Store one record once (the whole idempotency rule); shared by uploads and bundle imports."""
    try:
        photos = {k: base64.b64decode(v, validate=True) for k, v in r.photos.items()}
        fingers = {int(p): base64.b64decode(v, validate=True) for p, v in r.fingers.items()}
    except ValueError:
        return RecordAck(uuid=r.uuid, outcome="rejected", reason="foto atau sidik jari tidak terbaca (base64)")
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    signed = hashes | {finger_key(p): sha256_hex(v) for p, v in fingers.items()}
    if payload_digest(r.uuid, r.biodata, r.quality, signed) != r.payload_sha256:
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
    minutiae: dict[int, Minutiae] = {}
    if status != "rejected" and fingers:
        unreadable = []
        for position, data in sorted(fingers.items()):
            try:
                minutiae[position] = finger_minutiae(data)
            except MinutiaeError as err:
                unreadable.append(f"{position} ({err})")
        if unreadable:  # the readable fingers are still searched; an officer sees which were not
            reason = "sidik jari tidak terbaca: " + "; ".join(unreadable)
    blobs = dict(zip(hashes.values(), photos.values(), strict=True))
    blobs |= {sha256_hex(v): v for v in fingers.values()}  # kept, so a better extractor can run again later
    for sha, data in blobs.items():
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
                    "fingers": {str(p): sha256_hex(v) for p, v in sorted(fingers.items())},
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
    if minutiae:
        save_fingers(s, r.uuid, minutiae)  # the dedup worker decides PRR or DUP
        s.flush()
    return RecordAck(
        uuid=r.uuid,
        outcome="rejected" if status == "rejected" else "stored",
        ack_id=ack,
        status=status,
        reason=reason,
    )
