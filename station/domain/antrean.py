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
    SKIPPED = "skipped"
    DONE = "done"


# A ticket's moves: a served ticket is finished for good (its record keeps its number).
TICKET_MOVES = {
    TicketStatus.WAITING: {TicketStatus.CALLED, TicketStatus.SKIPPED},
    TicketStatus.CALLED: {TicketStatus.CALLED, TicketStatus.SKIPPED, TicketStatus.DONE},
    TicketStatus.SKIPPED: {TicketStatus.CALLED},
    TicketStatus.DONE: set(),
}
WORDS = {
    TicketStatus.WAITING: "menunggu",
    TicketStatus.CALLED: "dipanggil",
    TicketStatus.SKIPPED: "dilewati",
    TicketStatus.DONE: "selesai",
}


def check_ticket_move(old: TicketStatus, new: TicketStatus) -> None:
    if new not in TICKET_MOVES[old]:
        raise InvalidTransition(f"Nomor antrean yang {WORDS[old]} tidak bisa menjadi {WORDS[new]}.")


@dataclass(frozen=True)
class Ticket:
    id: int
    service_date: dt.date
    number: int
    status: TicketStatus
    record_uuid: str | None = None

    @property
    def label(self) -> str:
        return f"A-{self.number:03d}"


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
