"""Queue tickets in the station database (same file, same transactions as the records)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.domain.antrean import Ticket, TicketStatus, check_ticket_move, service_date_for
from station.domain.clock import Clock
from station.storage.errors import RecordNotFound
from station.storage.models import TicketRow


def _ticket(row: TicketRow) -> Ticket:
    return Ticket(
        row.id, dt.date.fromisoformat(row.service_date), row.number, TicketStatus(row.status), row.record_uuid, row.note
    )


class TicketRepository:
    def __init__(self, session: Session, clock: Clock) -> None:
        self._s, self._clock = session, clock

    def issue(self, today: dt.date, quota: int, holidays: Iterable[dt.date] = ()) -> Ticket:
        """The next number on the first working day with room (BEGIN IMMEDIATE: no two counters share one)."""
        rows = self._s.execute(
            select(TicketRow.service_date, func.count())
            .where(TicketRow.service_date >= today.isoformat())
            .group_by(TicketRow.service_date)
        )
        per_day = {dt.date.fromisoformat(d): n for d, n in rows}
        day = service_date_for(today, per_day, quota, holidays)
        number = (
            self._s.scalar(select(func.max(TicketRow.number)).where(TicketRow.service_date == day.isoformat())) or 0
        ) + 1
        row = TicketRow(
            service_date=day.isoformat(),
            number=number,
            status=TicketStatus.WAITING.value,
            issued_at=self._clock.stamp(),
        )
        self._s.add(row)
        self._s.flush()
        return _ticket(row)

    def on(self, day: dt.date) -> list[Ticket]:
        rows = self._s.scalars(
            select(TicketRow).where(TicketRow.service_date == day.isoformat()).order_by(TicketRow.number)
        )
        return [_ticket(r) for r in rows]

    def later_than(self, day: dt.date) -> int:
        """Tickets already given for a later day (today was full): the room should know they exist."""
        return self._s.scalar(select(func.count()).where(TicketRow.service_date > day.isoformat())) or 0

    def get(self, ticket_id: int) -> Ticket:
        return _ticket(self._row(ticket_id))

    def for_record(self, record_uuid: str) -> Ticket | None:
        row = self._s.scalars(select(TicketRow).where(TicketRow.record_uuid == record_uuid).limit(1)).first()
        return _ticket(row) if row else None

    def next_waiting(self, day: dt.date) -> Ticket | None:
        row = self._s.scalars(
            select(TicketRow)
            .where(TicketRow.service_date == day.isoformat(), TicketRow.status == TicketStatus.WAITING.value)
            .order_by(TicketRow.number)
            .limit(1)
        ).first()
        return _ticket(row) if row else None

    def set_status(
        self, ticket_id: int, status: TicketStatus, record_uuid: str | None = None, note: str | None = None
    ) -> Ticket:
        """Move a ticket as the domain allows (a served or cancelled ticket stays closed)."""
        row = self._row(ticket_id)
        check_ticket_move(_ticket(row), status)
        row.status = status.value
        if record_uuid:
            row.record_uuid = record_uuid
        if note is not None:
            row.note = note
        return _ticket(row)

    def attach(self, ticket_id: int, record_uuid: str) -> Ticket:
        """The citizen's draft belongs to this ticket: calling the ticket again resumes it."""
        row = self._row(ticket_id)
        row.record_uuid = record_uuid
        return _ticket(row)

    def _row(self, ticket_id: int) -> TicketRow:
        row = self._s.get(TicketRow, ticket_id)
        if row is None:
            raise RecordNotFound(f"Nomor antrean {ticket_id} tidak ada.")
        return row
