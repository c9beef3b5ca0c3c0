"""The outbox as the sync client sees it: what is due, and what the central server answered.

Every change here is one transaction, so a client killed at any point leaves each record either still in
the outbox (it will be sent again; the server answers a repeat with the same acknowledgement) or
acknowledged and out of it. Nothing is lost, nothing is counted twice.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from station.domain.enrolment import RecordStatus
from station.storage.audit import append_audit
from station.storage.models import OutboxRow, PhotoRow, RecordRow
from station.storage.store import RecordStore, utcnow


@dataclass(frozen=True)
class Outgoing:
    uuid: str
    payload_sha256: str
    biodata: dict
    quality: dict
    created_at: str
    station_id: str
    operator: str
    photos: dict[str, bytes]  # stored JPEGs, sent as they are: compressed once, at capture

    def to_wire(self) -> dict:
        """The record as it travels: in a sync batch (the API's RecordIn) and in a jemput-bola bundle."""
        return {
            "uuid": self.uuid,
            "payload_sha256": self.payload_sha256,
            "biodata": self.biodata,
            "quality": self.quality,
            "created_at": self.created_at,
            "operator": self.operator,
            "station_id": self.station_id,
            "photos": {k: base64.b64encode(v).decode("ascii") for k, v in self.photos.items()},
        }

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.photos.values()) * 4 // 3 + len(json.dumps(self.biodata)) + 512


@dataclass(frozen=True)
class Answer:
    uuid: str
    accepted: bool  # stored or repeat (True); rejected or conflict (False)
    ack_id: str | None
    server_status: str | None
    reason: str | None


class OutboxStore:
    def __init__(self, store: RecordStore) -> None:
        self._store = store

    def size(self) -> int:
        return self._store.outbox_size()

    def next_due_at(self) -> str | None:
        with self._store._unit() as s:
            return s.scalar(select(func.min(func.coalesce(OutboxRow.next_attempt_at, OutboxRow.enqueued_at))))

    def due(self, max_bytes: int, now: str | None = None) -> list[Outgoing]:
        """Oldest first, up to max_bytes of payload (always at least one record)."""
        now = now or utcnow()
        out: list[Outgoing] = []
        total = 0
        with self._store._unit() as s:
            rows = s.execute(
                select(RecordRow)
                .join(OutboxRow, OutboxRow.record_uuid == RecordRow.uuid)
                .where(or_(OutboxRow.next_attempt_at.is_(None), OutboxRow.next_attempt_at <= now))
                .order_by(OutboxRow.enqueued_at)
                .limit(500)
            ).scalars()
            for row in rows:
                photos = {
                    p.kind: self._store._photo(row.uuid, p)
                    for p in s.scalars(select(PhotoRow).where(PhotoRow.record_uuid == row.uuid))
                }
                item = Outgoing(
                    row.uuid,
                    row.payload_sha256,
                    self._store._biodata(row),
                    json.loads(row.quality),
                    row.created_at,
                    row.station_id,
                    row.operator,
                    photos,
                )
                if out and total + item.size > max_bytes:
                    break
                out.append(item)
                total += item.size
        return out

    def mark_sent(self, uuids: list[str]) -> None:
        """Before the request leaves: 'sent' means 'may have arrived'; it stays in the outbox until acked."""
        with self._store._unit() as s:
            for row in s.scalars(select(RecordRow).where(RecordRow.uuid.in_(uuids))):
                if row.status == RecordStatus.QUEUED.value:
                    row.status = RecordStatus.SENT.value
                    row.updated_at = utcnow()
            for ob in s.scalars(select(OutboxRow).where(OutboxRow.record_uuid.in_(uuids))):
                ob.attempts += 1

    def apply(self, answers: list[Answer]) -> None:
        now = utcnow()
        with self._store._unit() as s:
            for a in answers:
                row = s.get(RecordRow, a.uuid)
                if row is None:
                    continue
                row.status = (RecordStatus.ACKNOWLEDGED if a.accepted else RecordStatus.REJECTED).value
                row.ack_id, row.acked_at = a.ack_id, now
                row.server_status, row.server_reason = a.server_status, a.reason
                row.updated_at = now
                ob = s.get(OutboxRow, a.uuid)
                if ob is not None:
                    s.delete(ob)
                append_audit(
                    s,
                    "sync",
                    "acknowledged" if a.accepted else "rejected_by_server",
                    a.uuid,
                    {"ack_id": a.ack_id, "server_status": a.server_status},
                )

    def awaiting_print(self, limit: int = 1000) -> list[str]:
        """Acknowledged records the central server has not reported printed yet (the PRR list)."""
        with self._store._unit() as s:
            stmt = (
                select(RecordRow.uuid)
                .where(
                    RecordRow.status == RecordStatus.ACKNOWLEDGED.value,
                    or_(RecordRow.server_status.is_(None), RecordRow.server_status != "printed"),
                )
                .order_by(RecordRow.acked_at)
                .limit(limit)
            )
            return list(s.scalars(stmt))

    def update_server_status(self, statuses: list[dict]) -> int:
        changed = 0
        with self._store._unit() as s:
            for st in statuses:
                row = s.get(RecordRow, st["uuid"])
                if row is not None and row.server_status != st["status"]:
                    row.server_status, row.updated_at = st["status"], utcnow()
                    append_audit(s, "sync", "server_status", row.uuid, {"status": st["status"]})
                    changed += 1
        return changed

    def defer(self, uuids: list[str], error: str, delay_s: float) -> None:
        """Try these again after delay_s; the error is kept for the operator (no personal data in it)."""
        at = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay_s)).isoformat(timespec="milliseconds")
        with self._store._unit() as s:
            for ob in s.scalars(select(OutboxRow).where(OutboxRow.record_uuid.in_(uuids))):
                ob.next_attempt_at, ob.last_error = at, error[:500]

    def attempts(self, uuid: str) -> int:
        with self._store._unit() as s:
            ob = s.get(OutboxRow, uuid)
            return ob.attempts if ob else 0
