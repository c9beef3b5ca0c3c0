"""The day's queue: tickets against the daily quota (the next working day when today is full)."""

from __future__ import annotations

import datetime as dt

from station.domain.antrean import Ticket, TicketStatus
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

    def call_next(self, day: dt.date | None = None) -> Ticket | None:
        with self._ctx.unit(Action.QUEUE) as uow:
            waiting = uow.tickets.next_waiting(day or self._ctx.clock.today())
            if waiting is None:
                return None
            ticket = uow.tickets.set_status(waiting.id, TicketStatus.CALLED)
            uow.commit()
        return ticket

    def skip(self, ticket_id: int) -> Ticket:
        return self._set(ticket_id, TicketStatus.SKIPPED)

    def recall(self, ticket_id: int) -> Ticket:
        return self._set(ticket_id, TicketStatus.CALLED)

    def _set(self, ticket_id: int, status: TicketStatus) -> Ticket:
        with self._ctx.unit(Action.QUEUE) as uow:
            ticket = uow.tickets.set_status(ticket_id, status)
            uow.commit()
        return ticket
