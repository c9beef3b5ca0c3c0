"""Queue tickets in the station database (same file, same transactions as the records)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select

from station.domain.antrean import Ticket, TicketStatus, service_date_for
from station.storage.errors import RecordNotFound
from station.storage.models import TicketRow
from station.storage.store import RecordStore, utcnow


def _ticket(row: TicketRow) -> Ticket:
    return Ticket(
        row.id, dt.date.fromisoformat(row.service_date), row.number, TicketStatus(row.status), row.record_uuid
    )


class QueueStore:
    def __init__(self, store: RecordStore) -> None:
        self._store = store

    def issue(self, today: dt.date, quota: int, holidays: Iterable[dt.date] = ()) -> Ticket:
        with self._store._unit() as s:  # BEGIN IMMEDIATE: two counters never get the same number
            rows = s.execute(
                select(TicketRow.service_date, func.count())
                .where(TicketRow.service_date >= today.isoformat())
                .group_by(TicketRow.service_date)
            )
            per_day = {dt.date.fromisoformat(d): n for d, n in rows}
            day = service_date_for(today, per_day, quota, holidays)
            number = (
                s.scalar(select(func.max(TicketRow.number)).where(TicketRow.service_date == day.isoformat())) or 0
            ) + 1
            row = TicketRow(
                service_date=day.isoformat(), number=number, status=TicketStatus.WAITING.value, issued_at=utcnow()
            )
            s.add(row)
            s.flush()
            return _ticket(row)

    def tickets(self, day: dt.date) -> list[Ticket]:
        with self._store._unit() as s:
            rows = s.scalars(
                select(TicketRow).where(TicketRow.service_date == day.isoformat()).order_by(TicketRow.number)
            )
            return [_ticket(r) for r in rows]

    def tickets_for_record(self, record_uuid: str) -> list[Ticket]:
        with self._store._unit() as s:
            return [_ticket(r) for r in s.scalars(select(TicketRow).where(TicketRow.record_uuid == record_uuid))]

    def call_next(self, day: dt.date) -> Ticket | None:
        with self._store._unit() as s:
            row = s.scalars(
                select(TicketRow)
                .where(TicketRow.service_date == day.isoformat(), TicketRow.status == TicketStatus.WAITING.value)
                .order_by(TicketRow.number)
                .limit(1)
            ).first()
            if row is None:
                return None
            row.status = TicketStatus.CALLED.value
            return _ticket(row)

    def _set(self, ticket_id: int, status: TicketStatus, record_uuid: str | None = None) -> Ticket:
        with self._store._unit() as s:
            row = s.get(TicketRow, ticket_id)
            if row is None:
                raise RecordNotFound(f"Nomor antrean {ticket_id} tidak ada.")
            row.status = status.value
            if record_uuid:
                row.record_uuid = record_uuid
            return _ticket(row)

    def skip(self, ticket_id: int) -> Ticket:
        return self._set(ticket_id, TicketStatus.SKIPPED)

    def recall(self, ticket_id: int) -> Ticket:
        return self._set(ticket_id, TicketStatus.CALLED)

    def done(self, ticket_id: int, record_uuid: str) -> Ticket:
        return self._set(ticket_id, TicketStatus.DONE, record_uuid)
