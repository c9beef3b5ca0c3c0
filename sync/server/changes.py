"""A record's status as its origin hears it: each change takes the origin's next number (stations.status_seq),
and GET /v1/records/changes gives a station its records changed after a cursor. Whatever moves a record (intake,
the dedup worker, the printing line) moves it through `set_status`, so no change is missed by the feed."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from sync.server.models import CentralRecordRow, StationRow


def next_change(s: Session, origin: str) -> int:
    """The origin's next status_seq. The UPDATE locks the station's row until commit, so one origin's changes
    commit in the order of their numbers and a reader of the feed never skips one."""
    return s.execute(
        update(StationRow)
        .where(StationRow.station_id == origin)
        .values(status_seq=StationRow.status_seq + 1)
        .returning(StationRow.status_seq)
    ).scalar_one()


def set_status(s: Session, row: CentralRecordRow, status: str, reason: str | None = None) -> None:
    """A change a station hears about through its status feed (print_ready, duplicate, printed...)."""
    row.status, row.reason, row.change_seq = status, reason, next_change(s, row.origin)
