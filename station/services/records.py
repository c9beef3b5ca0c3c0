"""Records at the counter: drafts, acceptance (record + photos + outbox + ticket + audit in one transaction),
and reading records back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import TYPE_CHECKING

from station.domain.antrean import Ticket, TicketStatus
from station.domain.enrolment import Enrolment
from station.domain.errors import NotAllowed
from station.domain.lifecycle import RecordStatus
from station.domain.nik import clean_nik
from station.domain.payload import Photo
from station.domain.permissions import Action
from station.domain.waivers import Waiver
from station.services.acceptance import (
    Accepted,
    NotAcceptable,
    PhotoApproval,
    encode_jpeg,
    problems_with,
    quality_summary,
)
from station.services.base import Service
from station.services.biometric_record import biometric_problems
from station.services.biometric_record import blobs as biometric_blobs
from station.services.biometric_record import meta as biometric_meta
from station.services.context import Confirmation
from station.storage import Quarantined, RecordSummary, StoredRecord, UnitOfWork

if TYPE_CHECKING:
    from station.quality.live import Capture
    from station.services.biometrics import BiometricRecord

log = logging.getLogger(__name__)


class Records(Service):
    def save_draft(self, enrolment: Enrolment, record_uuid: str | None = None, ticket: Ticket | None = None) -> str:
        """Keep a half-filled form; with a ticket, the ticket points at it so calling it again resumes it."""
        with self._ctx.unit(Action.RECORD_DRAFT) as uow:
            uuid = uow.records.save_draft(enrolment, self._ctx.actor, self._ctx.settings.station_id, record_uuid)
            if ticket is not None and ticket.record_uuid != uuid:
                uow.tickets.attach(ticket.id, uuid)
            uow.commit()
        return uuid

    def drafts(self) -> list[RecordSummary]:
        """Forms started and not accepted, newest first (to resume after a restart)."""
        return self.find(status=RecordStatus.DRAFT)

    def accept(
        self,
        enrolment: Enrolment,
        capture: Capture,
        waiver: Waiver | None = None,
        record_uuid: str | None = None,
        ticket: Ticket | None = None,
        biometrics: BiometricRecord | None = None,
        approval: PhotoApproval | None = None,
    ) -> Accepted:
        """Check everything once more, then commit record, photos, biometrics, outbox entry and ticket together.
        A waiver is taken only with the supervisor's confirmation given for it (accounts.confirm_supervisor), once.
        Biometrics must be complete (every finger and eye captured or excepted with a supervisor's confirmation,
        the signature, the verification) unless the office records photos only (settings biometrics.required).
        `approval` is the citizen's answer when the photo was shown to them (Dukcapil 400.8.1.2/13999/Dukcapil,
        2024)."""
        ctx = self._ctx
        actor = ctx.require(Action.RECORD_ACCEPT)
        confirmation = self._confirmation_for(waiver) if waiver else None
        problems = problems_with(enrolment, capture, waiver, ctx.regions, ctx.clock.today())
        problems += biometric_problems(biometrics, ctx.settings.biometrics.required, ctx.biometric_exceptions)
        if problems:
            log.info("record refused: %s", sorted({p.code for p in problems}))  # codes only, never the values
            raise NotAcceptable(problems)
        photos = {"crop": Photo(encode_jpeg(capture.crop)), "frame": Photo(encode_jpeg(capture.frame, 85))}
        quality, bio = quality_summary(capture, waiver, approval), {}
        if biometrics is not None:
            quality["biometrics"], bio = biometric_meta(biometrics), biometric_blobs(biometrics)
        with ctx.unit() as uow:  # permission checked above, before the photo was encoded
            uuid = self._commit(uow, enrolment, photos, quality, record_uuid, ticket, bio)
            if confirmation is not None:
                detail = {"supervisor": confirmation.supervisor, "checks": sorted(waiver.checks)}
                uow.audit.append(actor.name, "waiver_used", uuid, detail)
            uow.commit()
        ctx.confirmation = None  # used: the next exception needs its own
        if biometrics is not None:
            ctx.biometric_exceptions.clear()
        waived = tuple(sorted(waiver.checks)) if waiver else ()
        log.info("record accepted uuid=%s waived=%s", uuid, list(waived))
        return Accepted(uuid, waived)

    def store_unchecked(
        self, enrolment: Enrolment, photos: dict[str, Photo], quality: dict, ticket: Ticket | None = None
    ) -> str:
        """Commit a record without the form's rules or the photo gate: demo data and training only, so a
        supervisor's act (Action.DEMO_DATA)."""
        with self._ctx.unit(Action.DEMO_DATA) as uow:
            uuid = self._commit(uow, enrolment, photos, {**quality, "unchecked": True}, None, ticket)
            uow.commit()
        return uuid

    def _confirmation_for(self, waiver: Waiver) -> Confirmation:
        """The supervisor's confirmation this waiver names, given to this operator in the last minutes."""
        ctx = self._ctx
        c = ctx.confirmation
        fresh = c is not None and (ctx.clock.now() - dt.datetime.fromisoformat(c.at)).total_seconds() < c.VALID_SECONDS
        if not (fresh and c.supervisor == waiver.supervisor and c.operator == waiver.operator == ctx.actor.name):
            raise NotAllowed("Pengecualian foto belum dikonfirmasi supervisor (atau konfirmasinya sudah lewat).")
        return c

    def _commit(
        self,
        uow: UnitOfWork,
        enrolment: Enrolment,
        photos: dict[str, Photo],
        quality: dict,
        record_uuid: str | None,
        ticket: Ticket | None,
        biometrics: dict[str, Photo] | None = None,
    ) -> str:
        settings = uow.settings.load()
        status = RecordStatus.CAPTURED if settings.review_required else RecordStatus.QUEUED
        biometrics = biometrics or {}
        hashes = {kind: p.sha256 for kind, p in (photos | biometrics).items()}
        uuid = uow.records.accept(enrolment, self._ctx.actor, settings.station_id, quality, hashes, status, record_uuid)
        for kind, photo in photos.items():
            uow.photos.add(uuid, kind, photo)
        for kind, blob in biometrics.items():
            uow.biometrics.add(uuid, kind, blob)
        if status is RecordStatus.QUEUED:  # with end-of-day review, the outbox entry comes with approval
            uow.outbox.enqueue(uuid)
        if ticket is None and record_uuid is not None:  # a draft resumed without its ticket (from Rekaman)
            found = uow.tickets.for_record(record_uuid)
            ticket = found if found is not None and found.open else None
        if ticket is not None:  # a served ticket is finished: set_status refuses it (its record keeps its number)
            uow.tickets.set_status(ticket.id, TicketStatus.DONE, uuid)
        return uuid

    def get(self, uuid: str, with_photos: bool = True) -> StoredRecord:
        with self._ctx.read(Action.RECORD_READ) as uow:
            record = uow.records.get(uuid)
            return dataclasses.replace(record, photos=uow.photos.of(uuid)) if with_photos else record

    def find(self, query: str = "", status: RecordStatus | None = None, limit: int = 500) -> list[RecordSummary]:
        with self._ctx.read(Action.RECORD_READ) as uow:
            return uow.records.find(query, status, limit)

    def same_nik(self, nik: str, except_uuid: str | None = None) -> list[RecordSummary]:
        """Other records with this whole NIK (a citizen recorded twice, or an unfinished draft)."""
        nik = clean_nik(nik)
        if len(nik) != 16 or not nik.isdigit():
            return []
        return [r for r in self.find(nik) if r.nik == nik and r.uuid != except_uuid]

    def counts(self) -> dict[str, int]:
        """Records by state (no personal data)."""
        with self._ctx.read() as uow:
            return uow.records.counts()

    def accepted_on(self, day) -> int:
        """Records accepted on an office day (no personal data: for the window's header)."""
        with self._ctx.read() as uow:
            return len(uow.records.day_records(*self._ctx.clock.day_bounds(day)))

    def quarantined(self) -> list[Quarantined]:
        """Records set aside because their sealed data no longer opens (UUID, when, which part): the rest of
        the outbox flows without them; an admin restores them from a backup."""
        with self._ctx.read(Action.RECORD_READ) as uow:
            return uow.quarantine.all()

    def waiting_to_sync(self) -> int:
        with self._ctx.read() as uow:
            return uow.outbox.size()
