"""The station's one clock: UTC for what is stored, office time for what people see and for "today".

An office in Kendal lives on WIB (UTC+7); a laptop's own time zone may say anything. Using two clocks
(`date.today()` here, office time there) made a ticket issued at 23:30 UTC land on another day than the
recap counted it on. Everything asks this object instead, and tests hand the station a clock they set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

WIB_HOURS = 7.0


def system_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Clock:
    def __init__(self, utc_offset_hours: float = WIB_HOURS, now: Callable[[], dt.datetime] = system_now) -> None:
        self.utc_offset_hours = utc_offset_hours
        self._now = now

    @property
    def offset(self) -> dt.timedelta:
        return dt.timedelta(hours=self.utc_offset_hours)

    def now(self) -> dt.datetime:
        """Now, as an aware UTC datetime."""
        return self._now().astimezone(dt.UTC)

    def stamp(self, at: dt.datetime | None = None) -> str:
        """The stored form of a moment: UTC ISO-8601 with milliseconds (sorts as text)."""
        return (at or self.now()).astimezone(dt.UTC).isoformat(timespec="milliseconds")

    def stamp_in(self, seconds: float) -> str:
        return self.stamp(self.now() + dt.timedelta(seconds=seconds))

    def office_now(self) -> dt.datetime:
        """Now on the office's wall clock (naive: for display and for 'which day is it')."""
        return (self.now() + self.offset).replace(tzinfo=None)

    def today(self) -> dt.date:
        return self.office_now().date()

    def local(self, stamp: str) -> dt.datetime:
        """A stored UTC stamp on the office's wall clock, as papers and the window show it."""
        return (dt.datetime.fromisoformat(stamp) + self.offset).replace(tzinfo=None)

    def day_bounds(self, day: dt.date) -> tuple[str, str]:
        """The stored stamps [start, end) of one office day."""
        start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) - self.offset
        return self.stamp(start), self.stamp(start + dt.timedelta(days=1))


class FixedClock(Clock):
    """A clock a test sets and moves."""

    def __init__(self, at: dt.datetime, utc_offset_hours: float = WIB_HOURS) -> None:
        self.at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
        super().__init__(utc_offset_hours, lambda: self.at)
