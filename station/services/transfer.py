"""Jemput bola: every record still waiting leaves on a USB bundle, and a bundle is taken in exactly once.

The bundle format (encryption, signature) is storage.bundle_format; here are the rules: who may export,
what goes in, and how an import decides repeat, conflict or new, in one transaction.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from station import bundle_format
from station.bundle_format import BundleRefused
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
    def export(self, code: str, progress: Callable[[int, int], None] | None = None) -> tuple[bytes, int]:
        """Every record in the outbox, due or not, however many: read a batch at a time and streamed into the
        bundle, with progress(done, total) after each batch (the window's progress bar). They stay in the outbox:
        the station sends them itself later, and the centre answers those repeats with the outcome it gave. Each
        record keeps its origin and the origin's signature, so whoever carries it, it is filed under its origin."""
        ctx = self._ctx
        actor = ctx.require(Action.EXPORT)
        outbox = Outbox(lambda: ctx.db.unit(ctx.clock))
        total, done = outbox.waiting_count(), [0]

        def records() -> Iterator[dict]:
            for batch in outbox.everything():
                yield from (o.to_bundle() for o in batch)
                done[0] += len(batch)
                if progress:
                    progress(done[0], max(total, done[0]))

        with ctx.db.unit(ctx.clock) as uow:
            signer = uow.keys.signing_key()
            uow.commit()
        data = bundle_format.write(records(), ctx.settings.station_id, ctx.clock.stamp(), signer, code)
        with ctx.db.unit(ctx.clock) as uow:
            uow.audit.append(actor.name, "exported", None, {"records": done[0]})
            uow.commit()
        return data, done[0]

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
