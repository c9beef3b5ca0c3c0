import datetime as dt

import pytest

from station.domain.antrean import TicketStatus, next_working_day
from station.domain.errors import InvalidTransition
from tests.stations import station_at, store_record
from tests.test_enrolment import good

FRIDAY = dt.date(2026, 11, 27)


def test_next_working_day_skips_weekend_and_holidays():
    assert next_working_day(FRIDAY) == dt.date(2026, 11, 30)
    assert next_working_day(FRIDAY, [dt.date(2026, 11, 30)]) == dt.date(2026, 12, 1)


def test_full_day_sends_the_ticket_to_the_next_working_day(data_dir):
    with station_at(data_dir) as station:
        q = station.queue
        station.settings.change(daily_quota=3)
        first = [q.issue(FRIDAY) for _ in range(3)]
        assert [t.label for t in first] == ["A-001", "A-002", "A-003"] and first[0].service_date == FRIDAY
        station.settings.change(holidays=[dt.date(2026, 11, 30)])
        fourth = q.issue(FRIDAY)
        assert fourth.service_date == dt.date(2026, 12, 1) and fourth.number == 1


def test_call_skip_recall_done(data_dir):
    with station_at(data_dir) as station:
        q = station.queue
        a, b = q.issue(FRIDAY), q.issue(FRIDAY)
        called = q.call_next(FRIDAY)
        assert called.id == a.id and called.status is TicketStatus.CALLED
        q.skip(a.id)
        assert q.call_next(FRIDAY).id == b.id
        assert q.recall(a.id).status is TicketStatus.CALLED
        store_record(station, good(), b"j" * 100, ticket=a)
        assert q.tickets(FRIDAY)[0].record_uuid is not None
        assert q.call_next(FRIDAY) is None
        assert [t.status for t in q.tickets(FRIDAY)] == [TicketStatus.DONE, TicketStatus.CALLED]
        for again in (
            lambda: q.recall(a.id),
            lambda: q.skip(a.id),
            lambda: store_record(station, good(), b"k", ticket=a),
        ):
            with pytest.raises(InvalidTransition):  # a served ticket is finished: its record keeps its number
                again()
        assert q.tickets(FRIDAY)[0].status is TicketStatus.DONE


def test_a_served_or_cancelled_ticket_stays_closed(data_dir):
    from station.domain.errors import InvalidInput

    with station_at(data_dir) as station:
        q = station.queue
        a, b, c = q.issue(FRIDAY), q.issue(FRIDAY), q.issue(FRIDAY)
        q.call_next(FRIDAY)
        store_record(station, good(), b"j" * 100, ticket=a)
        for move in (q.skip, q.recall):
            with pytest.raises(InvalidTransition, match="sudah selesai"):
                move(a.id)
        with pytest.raises(InvalidInput, match="alasan"):
            q.cancel(b.id, " ")
        cancelled = q.cancel(b.id, "Tidak hadir")
        assert cancelled.status is TicketStatus.CANCELLED and cancelled.note == "Tidak hadir"
        with pytest.raises(InvalidTransition, match="dibatalkan"):
            q.recall(b.id)
        assert q.call_next(FRIDAY).id == c.id  # a cancelled ticket is never called


def test_counts_for_the_room(data_dir):
    with station_at(data_dir) as station:
        station.settings.change(daily_quota=3)
        q = station.queue
        tickets = [q.issue(FRIDAY) for _ in range(4)]  # the fourth is for Monday
        q.call_next(FRIDAY)
        store_record(station, good(), b"j" * 100, ticket=tickets[0])
        c = q.counts(FRIDAY)
        assert (c.issued, c.served, c.waiting, c.quota_left, c.later) == (3, 1, 2, 0, 1)
