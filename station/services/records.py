"""Records at the counter: drafts, acceptance (record + photos + outbox + ticket in one transaction),
resuming a draft, and reading records back."""

from __future__ import annotations

import dataclasses
import logging

from station.domain.antrean import Ticket, TicketStatus
from station.domain.enrolment import Enrolment
from station.domain.lifecycle import RecordStatus
from station.domain.payload import Photo
from station.domain.permissions import Action
from station.domain.waivers import Waiver
from station.quality.live import Capture
from station.services.base import Service
from station.services.recording import (
    Accepted,
    NotAcceptable,
    PhotoApproval,
    encode_jpeg,
    problems_with,
    quality_summary,
)
from station.storage import RecordSummary, StoredRecord

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
        approval: PhotoApproval | None = None,
    ) -> Accepted:
        """Check everything once more, then commit record, photos, outbox entry and ticket together. `approval`
        is the citizen's answer when the photo was shown to them (Dukcapil 400.8.1.2/13999/Dukcapil, 2024)."""
        ctx = self._ctx
        problems = problems_with(enrolment, capture, waiver, ctx.regions, ctx.clock.today())
        if problems:
            log.info("record refused: %s", sorted({p.code for p in problems}))  # codes only, never the values
            raise NotAcceptable(problems)
        photos = {"crop": Photo(encode_jpeg(capture.crop)), "frame": Photo(encode_jpeg(capture.frame, 85))}
        quality = quality_summary(capture, waiver, approval)
        uuid = self.store(enrolment, photos, quality, record_uuid, ticket)
        waived = tuple(sorted(waiver.checks)) if waiver else ()
        log.info("record accepted uuid=%s waived=%s", uuid, list(waived))
        return Accepted(uuid, waived)

    def store(
        self,
        enrolment: Enrolment,
        photos: dict[str, Photo],
        quality: dict,
        record_uuid: str | None = None,
        ticket: Ticket | None = None,
    ) -> str:
        """The commit itself, for a record whose checks have passed (the counter, demo data)."""
        with self._ctx.unit(Action.RECORD_ACCEPT) as uow:
            settings = uow.settings.load()
            status = RecordStatus.CAPTURED if settings.review_required else RecordStatus.QUEUED
            hashes = {kind: p.sha256 for kind, p in photos.items()}
            uuid = uow.records.accept(
                enrolment, self._ctx.actor, settings.station_id, quality, hashes, status, record_uuid
            )
            for kind, photo in photos.items():
                uow.photos.add(uuid, kind, photo)
            if status is RecordStatus.QUEUED:  # with end-of-day review, the outbox entry comes with approval
                uow.outbox.enqueue(uuid)
            if ticket is None and record_uuid is not None:  # a draft resumed without its ticket (from Rekaman)
                ticket = uow.tickets.for_record(record_uuid)
            if ticket is not None and uow.tickets.get(ticket.id).open:
                uow.tickets.set_status(ticket.id, TicketStatus.DONE, uuid)
            uow.commit()
        return uuid

    def get(self, uuid: str, with_photos: bool = True) -> StoredRecord:
        with self._ctx.unit(Action.RECORD_READ) as uow:
            record = uow.records.get(uuid)
            return dataclasses.replace(record, photos=uow.photos.of(uuid)) if with_photos else record

    def find(self, query: str = "", status: RecordStatus | None = None, limit: int = 500) -> list[RecordSummary]:
        with self._ctx.unit(Action.RECORD_READ) as uow:
            return uow.records.find(query, status, limit)

    def same_nik(self, nik: str, except_uuid: str | None = None) -> list[RecordSummary]:
        """Other records with this whole NIK (a citizen recorded twice, or an unfinished draft)."""
        nik = "".join(nik.split())
        if len(nik) != 16 or not nik.isdigit():
            return []
        return [r for r in self.find(nik) if r.nik == nik and r.uuid != except_uuid]

    def counts(self) -> dict[str, int]:
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return uow.records.counts()

    def accepted_on(self, day) -> int:
        """Records accepted on an office day (no personal data: for the window's header)."""
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return len(uow.records.day_records(*self._ctx.clock.day_bounds(day)))

    def waiting_to_sync(self) -> int:
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return uow.outbox.size()
