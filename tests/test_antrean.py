import datetime as dt

from station.domain.antrean import TicketStatus, next_working_day
from station.storage import RecordStore
from station.storage.queue import QueueStore

FRIDAY = dt.date(2026, 11, 27)


def test_next_working_day_skips_weekend_and_holidays():
    assert next_working_day(FRIDAY) == dt.date(2026, 11, 30)
    assert next_working_day(FRIDAY, [dt.date(2026, 11, 30)]) == dt.date(2026, 12, 1)


def test_full_day_sends_the_ticket_to_the_next_working_day(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        q = QueueStore(store)
        first = [q.issue(FRIDAY, quota=3) for _ in range(3)]
        assert [t.label for t in first] == ["A-001", "A-002", "A-003"] and first[0].service_date == FRIDAY
        fourth = q.issue(FRIDAY, quota=3, holidays=[dt.date(2026, 11, 30)])
        assert fourth.service_date == dt.date(2026, 12, 1) and fourth.number == 1


def test_call_skip_recall_done(data_dir):
    with RecordStore.in_folder(data_dir) as store:
        q = QueueStore(store)
        a, b = q.issue(FRIDAY, 150), q.issue(FRIDAY, 150)
        called = q.call_next(FRIDAY)
        assert called.id == a.id and called.status is TicketStatus.CALLED
        q.skip(a.id)
        assert q.call_next(FRIDAY).id == b.id
        assert q.recall(a.id).status is TicketStatus.CALLED
        assert q.done(a.id, "some-uuid").record_uuid == "some-uuid"
        assert q.call_next(FRIDAY) is None
        assert [t.status for t in q.tickets(FRIDAY)] == [TicketStatus.DONE, TicketStatus.CALLED]
