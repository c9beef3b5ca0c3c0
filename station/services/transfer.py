"""Jemput bola: every record still waiting leaves on a USB bundle, and a bundle is taken in exactly once.

The bundle format (encryption, signatures, what a reader checks) is station.bundle_format; here are the rules: who
may export, what goes in, and how an import decides repeat, conflict, refused or new, in one transaction.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from station import bundle_format
from station.bundle_format import BundleRefused
from station.domain.enrolment import Enrolment, validate
from station.domain.errors import InvalidInput, StationError
from station.domain.passwords import check_transfer_code
from station.domain.payload import Photo, payload_digest, sha256_hex
from station.domain.permissions import Action
from station.files import not_written, write_whole
from station.services.base import Service
from station.services.biometric_record import biometric_mime, is_biometric
from station.station_list import StationList, StationListInvalid, raw_public
from station.storage import Outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportReport:
    station_id: str  # who signed (carried) the bundle
    imported: int
    repeats: int
    conflicts: list[str]
    refused: list[tuple[str, str]] = field(default_factory=list)  # (uuid, the first rule it breaks)


class Transfer(Service):
    def export(
        self, code: str, progress: Callable[[int, int], None] | None = None, to: Path | None = None
    ) -> tuple[bytes, int]:
        """Every record in the outbox, due or not, however many: read a batch at a time and streamed into the
        bundle, with progress(done, total) after each batch (the window's progress bar). They stay in the outbox:
        the station sends them itself later, and the centre answers those repeats with the outcome it gave. Each
        record keeps its origin and the origin's signature, so whoever carries it, it is filed under its origin.
        to: the file (a USB stick) the bundle is written to, whole or not at all; once it is there, its records are
        marked as exported (the records list says so)."""
        ctx = self._ctx
        actor = ctx.require(Action.EXPORT)
        check_transfer_code(code)  # a bundle on a lost stick is only as safe as this code
        outbox = Outbox(lambda: ctx.db.unit(ctx.clock))
        total, done = outbox.waiting_count(), []

        def records() -> Iterator[dict]:
            if progress:
                progress(0, total)  # the count known before the first batch is read
            for batch in outbox.everything():
                yield from (o.to_bundle() for o in batch)
                done.extend(o.uuid for o in batch)
                if progress:
                    progress(len(done), max(total, len(done)))

        with ctx.db.unit(ctx.clock) as uow:
            signer = uow.keys.signing_key()
            uow.commit()
        data = bundle_format.write(records(), ctx.settings.station_id, ctx.clock.stamp(), signer, code)
        if to is not None:
            try:
                write_whole(to, data)
            except OSError as err:
                raise InvalidInput(not_written(to, err)) from None
        with ctx.db.unit(ctx.clock) as uow:
            if to is not None:
                uow.outbox.exported(done)
            uow.audit.append(actor.name, "exported", None, {"records": len(done)})
            uow.commit()
        return data, len(done)

    def import_bundle(self, data: bytes, code: str) -> ImportReport:
        """Verify everything first (station.bundle_format: a registered signer, its registered key, fixed key
        derivation, capped inflation, every field, every record's origin, every payload digest); then one
        transaction. A record already here with the same digest is a repeat (skipped); the same UUID with other
        content is a conflict; a record that breaks the domain rules (domain.enrolment.validate) is refused. Those
        are reported and not imported; they stay in the exporting station's outbox and are sent from there."""
        actor = self._ctx.require(Action.IMPORT)
        bundle = bundle_format.read(data, code, self._registry(bundle_format.signer_of(data)))
        photos_of = {r["uuid"]: _verified_photos(r) for r in bundle.records}
        broken = {r["uuid"]: why for r in bundle.records if (why := self._rule_errors(r))}
        imported, repeats, conflicts, refused = 0, 0, [], []
        with self._ctx.unit() as uow:  # permission checked above, before the bundle was opened
            for r in bundle.records:
                if uow.records.exists(r["uuid"]):
                    if uow.records.digest(r["uuid"]) == r["payload_sha256"]:
                        repeats += 1
                    else:
                        conflicts.append(r["uuid"])
                    continue
                if r["uuid"] in broken:
                    refused.append((r["uuid"], broken[r["uuid"]]))
                    continue
                uow.records.add_received(r, r["origin"])
                for kind, jpeg in photos_of[r["uuid"]].items():
                    if is_biometric(kind):  # fingerprints, irises, signature: their own sealed table
                        uow.biometrics.add(r["uuid"], kind, Photo(jpeg, biometric_mime(kind)))
                    else:
                        uow.photos.add(r["uuid"], kind, Photo(jpeg))
                uow.outbox.enqueue(r["uuid"])
                imported += 1
            detail = {
                "from": bundle.station_id,
                "records": imported,
                "repeats": repeats,
                "conflicts": len(conflicts),
                "refused": len(refused),
            }
            uow.audit.append(actor.name, "imported", None, detail)
            uow.commit()
        return ImportReport(bundle.station_id, imported, repeats, conflicts, refused)

    def _registry(self, signer: str) -> dict[str, bytes]:
        """Whose keys a bundle's signatures are checked with. A bundle this very station wrote is checked with
        the signing key it holds itself (no list from the centre needed to know its own key); any other signer
        needs the centre's signed list. This station's own entry is always its own key, never a list's."""
        ctx = self._ctx
        with ctx.db.unit(ctx.clock) as uow:
            own = raw_public(uow.keys.signing_key())
            uow.commit()
        me = ctx.settings.station_id
        if signer == me:
            try:
                listed = dict(self._registered(signer).keys)
            except StationError:  # no list, or one that no longer verifies: this station's own records still open
                listed = {}
        else:
            listed = dict(self._registered(signer).keys)
        listed[me] = own
        return listed

    def _registered(self, signer: str) -> StationList:
        """The centre's list of registered stations, pulled again first when it does not know this signer (a
        station registered since the last pull) or when the list here no longer verifies; offline, the list
        already here decides, and a list that does not verify refuses everything."""
        from station.services.master import pull_station_list, saved_station_list
        from station.services.sync import SyncService

        try:
            known, broken = saved_station_list(self._ctx), None
        except StationListInvalid as err:
            known, broken = None, err
        if (known is None or known.key_of(signer) is None) and self._ctx.settings.sync.url:
            try:
                known, broken = pull_station_list(self._ctx, SyncService(self._ctx).client()), None
            except StationError as err:
                log.info("station list not refreshed: %s", err.code)
        if broken is not None:
            raise broken
        if known is None:
            raise BundleRefused(
                "Stasiun ini belum punya daftar stasiun terdaftar dari server pusat, jadi belum bisa memeriksa "
                f"penanda tangan bundel dari stasiun {signer}. Supervisor: daftarkan stasiun ini lewat menu Stasiun > "
                "Daftarkan ke server pusat, biarkan sinkronisasi berjalan sekali (status bar: Sinkronisasi), lalu "
                "impor lagi."
            )
        return known

    def _rule_errors(self, record: dict) -> str | None:
        """The domain's rules as of the day the record was accepted (its office date): the first error, or None."""
        enrolment = Enrolment.from_dict(record["biodata"])
        day = self._ctx.clock.local(record["created_at"]).date()
        errors = [p for p in validate(enrolment, self._ctx.regions, day) if p.blocking]
        return f"{errors[0].field}: {errors[0].message}" if errors else None


def _verified_photos(record: dict) -> dict[str, bytes]:
    photos = {k: base64.b64decode(v) for k, v in record["photos"].items()}
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    if payload_digest(record["uuid"], record["biodata"], record["quality"], hashes) != record["payload_sha256"]:
        raise BundleRefused(f"Rekaman {record['uuid'][:8]} dalam bundel rusak. Tidak ada yang diimpor.")
    return photos
