"""Jemput bola: every record still waiting leaves on a USB bundle, and a bundle is taken in exactly once.

The bundle format (encryption, signature) is storage.bundle_format; here are the rules: who may export,
what goes in, and how an import decides repeat, conflict or new, in one transaction.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from station import bundle_format
from station.bundle_format import BundleRefused
from station.domain.passwords import check_transfer_code
from station.domain.payload import Photo, payload_digest, sha256_hex
from station.domain.permissions import Action
from station.services.base import Service
from station.storage import Outbox


@dataclass(frozen=True)
class ImportReport:
    station_id: str
    imported: int
    repeats: int
    conflicts: list[str]


class Transfer(Service):
    def export(self, code: str) -> tuple[bytes, int]:
        """Every record in the outbox, due or not. They stay there: the station sends them itself later, and
        the central server answers those repeats with the acknowledgement it already gave."""
        ctx = self._ctx
        actor = ctx.require(Action.EXPORT)
        check_transfer_code(code)  # a bundle on a lost stick is only as safe as this code
        outbox = Outbox(lambda: ctx.db.unit(ctx.clock))
        records = [o.to_wire() for batch in outbox.everything() for o in batch]
        with ctx.db.unit(ctx.clock) as uow:
            signer = uow.keys.signing_key()
            uow.audit.append(actor.name, "exported", None, {"records": len(records)})
            uow.commit()
        data = bundle_format.write(records, ctx.settings.station_id, ctx.clock.stamp(), signer, code)
        return data, len(records)

    def import_bundle(self, data: bytes, code: str) -> ImportReport:
        """Verify everything first; then one transaction. A record already here with the same digest is a
        repeat (skipped); the same UUID with other content is a conflict (reported, not imported)."""
        actor = self._ctx.require(Action.IMPORT)
        bundle = bundle_format.read(data, code)
        photos_of = {r["uuid"]: _verified_photos(r) for r in bundle.records}
        imported, repeats, conflicts = 0, 0, []
        with self._ctx.unit(Action.IMPORT) as uow:
            for r in bundle.records:
                if uow.records.exists(r["uuid"]):
                    if uow.records.digest(r["uuid"]) == r["payload_sha256"]:
                        repeats += 1
                    else:
                        conflicts.append(r["uuid"])
                    continue
                uow.records.add_received(r, r.get("station_id", bundle.station_id))
                for kind, jpeg in photos_of[r["uuid"]].items():
                    uow.photos.add(r["uuid"], kind, Photo(jpeg))
                uow.outbox.enqueue(r["uuid"])
                imported += 1
            detail = {"from": bundle.station_id, "records": imported, "repeats": repeats, "conflicts": len(conflicts)}
            uow.audit.append(actor.name, "imported", None, detail)
            uow.commit()
        return ImportReport(bundle.station_id, imported, repeats, conflicts)


def _verified_photos(record: dict) -> dict[str, bytes]:
    photos = {k: base64.b64decode(v) for k, v in record["photos"].items()}
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    if payload_digest(record["uuid"], record["biodata"], record["quality"], hashes) != record["payload_sha256"]:
        raise BundleRefused(f"Rekaman {record['uuid'][:8]} dalam bundel rusak. Tidak ada yang diimpor.")
    return photos
