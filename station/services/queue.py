"""The day's queue: tickets against the daily quota (the next working day when today is full)."""

from __future__ import annotations

import datetime as dt

from station.domain.antrean import QueueCounts, Ticket, TicketStatus, queue_counts
from station.domain.errors import InvalidInput
from station.domain.permissions import Action
from station.services.base import Service


class Queue(Service):
    def issue(self, today: dt.date | None = None) -> Ticket:
        s = self._ctx.settings
        with self._ctx.unit(Action.QUEUE) as uow:
            ticket = uow.tickets.issue(today or self._ctx.clock.today(), s.daily_quota, s.holidays)
            uow.commit()
        return ticket

    def tickets(self, day: dt.date | None = None) -> list[Ticket]:
        with self._ctx.db.unit(self._ctx.clock) as uow:  # numbers and states only: no personal data
            return uow.tickets.on(day or self._ctx.clock.today())

    def counts(self, day: dt.date | None = None) -> QueueCounts:
        """Issued, served, waiting, quota left, and tickets already given for later days (no personal data)."""
        day = day or self._ctx.clock.today()
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return queue_counts(uow.tickets.on(day), self._ctx.settings.daily_quota, uow.tickets.later_than(day))

    def call_next(self, day: dt.date | None = None) -> Ticket | None:
        with self._ctx.unit(Action.QUEUE) as uow:
            waiting = uow.tickets.next_waiting(day or self._ctx.clock.today())
            if waiting is None:
                return None
            ticket = uow.tickets.set_status(waiting.id, TicketStatus.CALLED)
            uow.commit()
        return ticket

    def skip(self, ticket_id: int) -> Ticket:
        """Called but not served now (absent, or set aside with a draft): it can be recalled later today."""
        return self._set(ticket_id, TicketStatus.SKIPPED)

    def recall(self, ticket_id: int) -> Ticket:
        return self._set(ticket_id, TicketStatus.CALLED)

    def cancel(self, ticket_id: int, reason: str | None) -> Ticket:
        """Never served, with the reason (kept with the ticket and in the audit trail). A missing reason is
        refused in words, like an empty one."""
        reason = " ".join(reason.split()) if isinstance(reason, str) else ""
        if len(reason) < 3:
            raise InvalidInput("Tulis alasan pembatalan nomor antrean.")
        with self._ctx.unit(Action.QUEUE) as uow:
            ticket = uow.tickets.set_status(ticket_id, TicketStatus.CANCELLED, note=reason)
            uow.audit.append(self._ctx.actor.name, "ticket_cancelled", None, {"ticket": ticket.label})
            uow.commit()
        return ticket

    def attach(self, ticket_id: int, record_uuid: str) -> Ticket:
        """The citizen's draft belongs to this ticket: calling it again resumes the same record."""
        with self._ctx.unit(Action.QUEUE) as uow:
            ticket = uow.tickets.attach(ticket_id, record_uuid)
            uow.commit()
        return ticket

    def for_record(self, record_uuid: str) -> Ticket | None:
        """The ticket a draft was started under (a draft resumed from Rekaman finishes its ticket too)."""
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return uow.tickets.for_record(record_uuid)

    def get(self, ticket_id: int) -> Ticket:
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return uow.tickets.get(ticket_id)

    def _set(self, ticket_id: int, status: TicketStatus) -> Ticket:
        with self._ctx.unit(Action.QUEUE) as uow:
            ticket = uow.tickets.set_status(ticket_id, status)
            uow.commit()
        return ticket
