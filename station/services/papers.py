"""Papers: gathers what each one needs from the station and hands it to station.reports (PDF bytes out).

Every paper is bytes in memory. A paper that must pass through a file to reach the printer (the system's
PDF viewer) goes to DATA_DIR/papers, private to the user, and does not stay: the next lock or login removes
it once the viewer has had PAPER_MAX_AGE_S, a purge removes them all, and `cleanup()` does it on demand."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from station.domain.antrean import Ticket
from station.domain.errors import InvalidInput
from station.domain.lifecycle import WAITING_TO_LEAVE, RecordStatus
from station.domain.permissions import Action
from station.files import PAPER_MAX_AGE_S, papers_dir, private_dir, remove_papers, write_private
from station.reports.biometric_lines import receipt_lines
from station.reports.recap import Indicator, OperatorDay, PrrEntry, build_daily_recap, build_progress, build_prr
from station.reports.receipt import ReceiptData, build_receipt
from station.reports.recovery import build_recovery_sheet
from station.reports.ticket import build_ticket
from station.services.base import Service
from station.storage import DayRecord


class Papers(Service):
    def receipt(self, uuid: str, thermal: bool = False) -> bytes:
        ctx = self._ctx
        with ctx.unit(Action.PAPERS) as uow:
            rec = uow.records.get(uuid)
            if rec.status is RecordStatus.DRAFT:
                raise InvalidInput("Draf belum diterima: belum ada bukti perekaman.")
            photos = uow.photos.of(uuid)
            ticket = uow.tickets.for_record(uuid)
            uow.audit.append(ctx.actor.name, "receipt_printed", uuid, {"thermal": thermal})
            uow.commit()
        data = ReceiptData(
            uuid=rec.uuid,
            payload_sha256=rec.payload_sha256,
            nama=rec.enrolment.nama,
            nik=rec.enrolment.nik,
            recorded_at=f"{ctx.clock.local(rec.created_at):%d-%m-%Y %H:%M}",
            station_id=rec.station_id,
            queue_no=ticket.label if ticket else None,
            photo_jpeg=photos["crop"].data if "crop" in photos else None,
            biometrics=tuple(receipt_lines(rec.quality.get("biometrics"))),
            status_url=f"{ctx.settings.sync.url.rstrip('/')}/cek" if ctx.settings.sync.url else "",
        )
        return build_receipt(data, ctx.settings.office, thermal)

    def ticket(self, ticket: Ticket) -> bytes:
        self._ctx.require(Action.PAPERS)
        return build_ticket(ticket.label, ticket.service_date, self._ctx.clock.today(), self._ctx.settings.office)

    def recovery_sheet(self, code: str) -> bytes:
        """The recovery code on an A4 sheet for the office safe (the code is the caller's: nothing is kept)."""
        ctx = self._ctx
        actor = ctx.require(Action.PAPERS)
        with ctx.db.unit(ctx.clock) as uow:
            uow.audit.append(actor.name, "recovery_sheet_printed")
            uow.commit()
        return build_recovery_sheet(code, ctx.settings.station_id, ctx.clock.today(), ctx.settings.office)

    def find_ticket(self, day: dt.date, number: int) -> Ticket:
        """An issued ticket, to print again (printing never issues one)."""
        with self._ctx.unit(Action.PAPERS) as uow:
            found = [t for t in uow.tickets.on(day) if t.number == number]
        if not found:
            raise InvalidInput(f"Nomor antrean {number} untuk {day:%d-%m-%Y} tidak ada.")
        return found[0]

    def recap_rows(self, day: dt.date) -> list[OperatorDay]:
        with self._ctx.unit(Action.PAPERS) as uow:
            records = uow.records.day_records(*self._ctx.clock.day_bounds(day))
        return _recap_rows(records)

    def recap(self, day: dt.date) -> bytes:
        return build_daily_recap(day, self.recap_rows(day), self._ctx.settings.office)

    def progress(self, day: dt.date) -> bytes:
        self._ctx.require(Action.PAPERS)
        settings = self._ctx.settings
        p = settings.progress
        counts = self._counts()
        recorded = p.recorded_before + sum(n for status, n in counts.items() if status != RecordStatus.DRAFT)
        indicators = []
        for name, target in p.targets.items():
            value = p.achieved.get(name)
            if name == "Perekaman KTP-el" and p.wajib_ktp:
                value = 100.0 * recorded / p.wajib_ktp
            indicators.append(Indicator(name, float(target), float(value or 0.0)))
        return build_progress(day, indicators, p.wajib_ktp, recorded, settings.office)

    def prr_entries(self) -> list[PrrEntry]:
        """Recorded (acknowledged by the central server) but not yet printed there."""
        clock = self._ctx.clock
        with self._ctx.unit(Action.PAPERS) as uow:
            unprinted = set(uow.records.awaiting_print(limit=1_000_000))
            acked = uow.records.find(status=RecordStatus.ACKNOWLEDGED, limit=1_000_000)
        rows = [r for r in acked if r.uuid in unprinted]
        out = [PrrEntry(r.nama, r.nik, clock.local(r.created_at).date()) for r in rows]
        return sorted(out, key=lambda e: (e.recorded_on, e.nama))

    def prr(self, day: dt.date) -> bytes:
        return build_prr(day, self.prr_entries(), self._ctx.settings.office)

    def save(self, pdf: bytes, name: str) -> Path:
        """A temporary file for the printer (the window hands it to the system's viewer): 0600, removed by
        cleanup() and by the next lock, login or purge once older than PAPER_MAX_AGE_S."""
        return write_private(private_dir(papers_dir(self._ctx.data_dir)) / Path(name).name, pdf)

    def cleanup(self, older_than_s: float = PAPER_MAX_AGE_S) -> int:
        """Remove papers left on their way to the printer; returns how many went."""
        return remove_papers(self._ctx.data_dir, older_than_s)

    def _counts(self) -> dict[str, int]:
        with self._ctx.read() as uow:
            return uow.records.counts()


def _recap_rows(records: list[DayRecord]) -> list[OperatorDay]:
    groups: dict[tuple[str, str], OperatorDay] = {}
    for r in records:
        g = groups.setdefault((r.station_id, r.operator), OperatorDay(r.station_id, r.operator))
        g.recorded += 1
        g.exceptions += bool((r.quality.get("waiver") or {}).get("checks"))
        g.synced += r.status == RecordStatus.ACKNOWLEDGED
        g.rejected += r.status == RecordStatus.REJECTED
        g.waiting += r.status in WAITING_TO_LEAVE
        # citizens whose photo was refused at least once for the reason (not frames: a video frame is no person)
        g.gate_refusals.update(Counter(k for k, n in (r.quality.get("gate_refusals") or {}).items() if n))
    return sorted(groups.values(), key=lambda g: (g.station_id, g.operator))
