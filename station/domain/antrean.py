"""The day's queue (antrean): numbered tickets against a daily quota. Nobody leaves without a ticket:
when today is full the ticket is for the next working day (weekends and the office's holidays skipped)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from station.domain.errors import InvalidTransition

DEFAULT_QUOTA = 150


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SKIPPED = "skipped"  # called but not served (absent, or set aside with a draft): may be recalled
    DONE = "done"
    CANCELLED = "cancelled"  # with a reason; never served


T = TicketStatus
# Which moves a ticket may make. A finished or cancelled ticket is closed: it cannot be skipped, recalled or
# cancelled again (the window once let a served ticket be called back, and the citizen served twice).
TICKET_MOVES: dict[TicketStatus, frozenset[TicketStatus]] = {
    T.WAITING: frozenset({T.CALLED, T.DONE, T.CANCELLED}),  # done: served straight away (no call)
    T.CALLED: frozenset({T.CALLED, T.SKIPPED, T.DONE, T.CANCELLED}),  # called again: announced again
    T.SKIPPED: frozenset({T.CALLED, T.DONE, T.CANCELLED}),  # done: its draft finished from Rekaman
    T.DONE: frozenset(),
    T.CANCELLED: frozenset(),
}
STATUS_WORDS = {
    T.WAITING: "menunggu",
    T.CALLED: "dipanggil",
    T.SKIPPED: "ditunda",
    T.DONE: "selesai",
    T.CANCELLED: "dibatalkan",
}


@dataclass(frozen=True)
class Ticket:
    id: int
    service_date: dt.date
    number: int
    status: TicketStatus
    record_uuid: str | None = None
    note: str | None = None  # why it was cancelled

    @property
    def label(self) -> str:
        return f"A-{self.number:03d}"

    @property
    def open(self) -> bool:
        return bool(TICKET_MOVES[self.status])


def check_ticket_move(ticket: Ticket, new: TicketStatus) -> None:
    """InvalidTransition, in words the operator understands, unless the ticket may move to `new`."""
    if new not in TICKET_MOVES[ticket.status]:
        raise InvalidTransition(
            f"Nomor {ticket.label} sudah {STATUS_WORDS[ticket.status]}: tidak bisa {_VERBS[new]}."
            if not ticket.open
            else f"Nomor {ticket.label} ({STATUS_WORDS[ticket.status]}) tidak bisa {_VERBS[new]}."
        )


_VERBS = {
    T.WAITING: "kembali menunggu",
    T.CALLED: "dipanggil",
    T.SKIPPED: "dilewati",
    T.DONE: "diselesaikan",
    T.CANCELLED: "dibatalkan",
}


@dataclass(frozen=True)
class QueueCounts:
    """What the room sees: today's tickets by state, the quota left, and tickets already given for later days."""

    issued: int
    served: int
    waiting: int
    called: int
    skipped: int
    cancelled: int
    quota: int
    later: int  # issued for a later working day (today was full)

    @property
    def quota_left(self) -> int:
        return max(0, self.quota - self.issued)


def queue_counts(tickets: Iterable[Ticket], quota: int, later: int) -> QueueCounts:
    by = {s: 0 for s in TicketStatus}
    n = 0
    for t in tickets:
        by[t.status] += 1
        n += 1
    return QueueCounts(n, by[T.DONE], by[T.WAITING], by[T.CALLED], by[T.SKIPPED], by[T.CANCELLED], quota, later)


def is_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in set(holidays)


def next_working_day(after: dt.date, holidays: Iterable[dt.date] = ()) -> dt.date:
    hol = set(holidays)
    day = after + dt.timedelta(days=1)
    while not is_working_day(day, hol):
        day += dt.timedelta(days=1)
    return day


def service_date_for(
    today: dt.date, issued_per_day: dict[dt.date, int], quota: int, holidays: Iterable[dt.date] = ()
) -> dt.date:
    """The first working day from today with room under the quota."""
    hol = set(holidays)
    day = today if is_working_day(today, hol) else next_working_day(today, hol)
    while issued_per_day.get(day, 0) >= quota:
        day = next_working_day(day, hol)
    return day
