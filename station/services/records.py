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
from station.services.acceptance import Accepted, NotAcceptable, encode_jpeg, problems_with, quality_summary
from station.services.base import Service
from station.services.context import Confirmation
from station.storage import Quarantined, RecordSummary, StoredRecord, UnitOfWork

if TYPE_CHECKING:
    from station.quality.live import Capture

log = logging.getLogger(__name__)


class Records(Service):
    def save_draft(self, enrolment: Enrolment, record_uuid: str | None = None) -> str:
        with self._ctx.unit(Action.RECORD_DRAFT) as uow:
            uuid = uow.records.save_draft(enrolment, self._ctx.actor, self._ctx.settings.station_id, record_uuid)
            uow.commit()
        return uuid

    def accept(
        self,
        enrolment: Enrolment,
        capture: Capture,
        waiver: Waiver | None = None,
        record_uuid: str | None = None,
        ticket: Ticket | None = None,
    ) -> Accepted:
        """Check everything once more, then commit record, photos, outbox entry and ticket together. A waiver
        is taken only with the supervisor's confirmation given for it (accounts.confirm_supervisor), once."""
        ctx = self._ctx
        actor = ctx.require(Action.RECORD_ACCEPT)
        confirmation = self._confirmation_for(waiver) if waiver else None
        problems = problems_with(enrolment, capture, waiver, ctx.regions, ctx.clock.today())
        if problems:
            log.info("record refused: %s", sorted({p.code for p in problems}))  # codes only, never the values
            raise NotAcceptable(problems)
        photos = {"crop": Photo(encode_jpeg(capture.crop)), "frame": Photo(encode_jpeg(capture.frame, 85))}
        with ctx.unit() as uow:  # permission checked above, before the photo was encoded
            uuid = self._commit(uow, enrolment, photos, quality_summary(capture, waiver), record_uuid, ticket)
            if confirmation is not None:
                detail = {"supervisor": confirmation.supervisor, "checks": sorted(waiver.checks)}
                uow.audit.append(actor.name, "waiver_used", uuid, detail)
            uow.commit()
        ctx.confirmation = None  # used: the next exception needs its own
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
    ) -> str:
        settings = uow.settings.load()
        status = RecordStatus.CAPTURED if settings.review_required else RecordStatus.QUEUED
        hashes = {kind: p.sha256 for kind, p in photos.items()}
        uuid = uow.records.accept(enrolment, self._ctx.actor, settings.station_id, quality, hashes, status, record_uuid)
        for kind, photo in photos.items():
            uow.photos.add(uuid, kind, photo)
        if status is RecordStatus.QUEUED:  # with end-of-day review, the outbox entry comes with approval
            uow.outbox.enqueue(uuid)
        if ticket is not None:
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

    def quarantined(self) -> list[Quarantined]:
        """Records set aside because their sealed data no longer opens (UUID, when, which part): the rest of
        the outbox flows without them; an admin restores them from a backup."""
        with self._ctx.read(Action.RECORD_READ) as uow:
            return uow.quarantine.all()

    def waiting_to_sync(self) -> int:
        with self._ctx.read() as uow:
            return uow.outbox.size()
