"""Export the outbox to a jemput-bola bundle, and import one into this station (exactly once)."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.domain.enrolment import Enrolment, RecordStatus
from station.domain.payload import payload_digest, sha256_hex
from station.storage import bundle_format
from station.storage.audit import append_audit
from station.storage.models import OutboxRow, PhotoRow, RecordRow
from station.storage.outbox import OutboxStore
from station.storage.store import RecordStore, _json, utcnow

SIGNING = "signing_key"  # sealed Ed25519 private key of this station


def signing_key(store: RecordStore) -> Ed25519PrivateKey:
    """This station's signing key, created on first use and kept sealed under the data key."""
    key = store._k()
    sealed = store.setting(SIGNING)
    if sealed is None:
        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes_raw()
        store.set_setting(SIGNING, base64.b64encode(key.seal(raw, "signing-key")).decode())
        store.set_setting("signing_public_key", base64.b64encode(bundle_format.public_bytes(private)).decode())
        return private
    return Ed25519PrivateKey.from_private_bytes(key.open(base64.b64decode(sealed), "signing-key"))


def export(store: RecordStore, code: str, actor: str) -> tuple[bytes, int]:
    """Every record still in the outbox. They stay there: the station sends them itself later, and the
    central server answers those repeats with the acknowledgement it already gave."""
    items = OutboxStore(store).due(max_bytes=1 << 62, now="9999")
    records = [o.to_wire() for o in items]
    data = bundle_format.write(records, store.setting("station_id", "?"), utcnow(), signing_key(store), code)
    store.audit(actor, "exported", None, {"records": len(records)})
    return data, len(records)


@dataclass(frozen=True)
class ImportReport:
    station_id: str
    imported: int
    repeats: int
    conflicts: list[str]


def import_bundle(store: RecordStore, data: bytes, code: str, actor: str) -> ImportReport:
    """Verify everything first; then one transaction. A record already here with the same digest is a
    repeat (skipped); the same UUID with other content is a conflict (reported, not imported)."""
    bundle = bundle_format.read(data, code)
    photos_of: dict[str, dict[str, bytes]] = {}
    for r in bundle.records:
        photos = {k: base64.b64decode(v) for k, v in r["photos"].items()}
        digest = payload_digest(r["uuid"], r["biodata"], r["quality"], {k: sha256_hex(v) for k, v in photos.items()})
        if digest != r["payload_sha256"]:
            raise bundle_format.BundleRefused(f"Rekaman {r['uuid'][:8]} dalam bundel rusak. Tidak ada yang diimpor.")
        photos_of[r["uuid"]] = photos
    key = store._k()
    imported, repeats, conflicts = 0, 0, []
    with store._unit() as s:
        for r in bundle.records:
            existing = s.get(RecordRow, r["uuid"])
            if existing is not None:
                if existing.payload_sha256 == r["payload_sha256"]:
                    repeats += 1
                else:
                    conflicts.append(r["uuid"])
                continue
            row = RecordRow(
                uuid=r["uuid"],
                created_at=r["created_at"],
                updated_at=utcnow(),
                station_id=r.get("station_id", bundle.station_id),
                operator=r["operator"],
                status=RecordStatus.QUEUED.value,
                quality=_json(r["quality"]).decode(),
                payload_sha256=r["payload_sha256"],
            )
            store._fill(row, Enrolment.from_dict(r["biodata"]), row.updated_at)
            s.add(row)
            s.flush()
            for kind, jpeg in photos_of[r["uuid"]].items():
                s.add(
                    PhotoRow(
                        record_uuid=row.uuid,
                        kind=kind,
                        mime="image/jpeg",
                        sha256=sha256_hex(jpeg),
                        data=key.seal(jpeg, f"photo:{row.uuid}:{kind}"),
                        sealed=1,
                    )
                )
            s.add(OutboxRow(record_uuid=row.uuid, enqueued_at=utcnow(), attempts=0))
            imported += 1
        append_audit(
            s,
            actor,
            "imported",
            None,
            {"from": bundle.station_id, "records": imported, "repeats": repeats, "conflicts": len(conflicts)},
        )
    return ImportReport(bundle.station_id, imported, repeats, conflicts)
