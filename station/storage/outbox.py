"""The outbox: records waiting for the central server, written in the same transaction as the record.

A record whose sealed data no longer opens is quarantined (storage.quarantine) when it comes up: named by
UUID in the audit trail and left out of every batch and export, while the others flow.

`OutboxRepository` works inside a unit of work. `Outbox` is the interface the sync layer uses: each call is
one unit of work, so a client killed at any point leaves each record either still in the outbox (sent again;
the server answers a repeat with the same acknowledgement) or acknowledged and out of it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from station.domain.clock import Clock
from station.domain.lifecycle import RecordStatus
from station.domain.permissions import SYSTEM
from station.storage.biometrics import BiometricRepository
from station.storage.errors import StorageCorrupt
from station.storage.models import OutboxRow
from station.storage.photos import PhotoRepository
from station.storage.quarantine import QuarantineRepository
from station.storage.records import RecordRepository

if TYPE_CHECKING:
    from station.storage.unit import UnitOfWork


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


class OutboxRepository:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        records: RecordRepository,
        photos: PhotoRepository,
        quarantine: QuarantineRepository,
        biometrics: BiometricRepository | None = None,
    ) -> None:
        self._s, self._clock, self._records, self._photos = session, clock, records, photos
        self._quarantine, self._biometrics = quarantine, biometrics

    def enqueue(self, record_uuid: str) -> None:
        self._s.add(OutboxRow(record_uuid=record_uuid, enqueued_at=self._clock.stamp(), attempts=0))

    def size(self) -> int:
        return self._s.scalar(select(func.count()).select_from(OutboxRow)) or 0

    def next_due_at(self) -> str | None:
        stmt = select(func.min(func.coalesce(OutboxRow.next_attempt_at, OutboxRow.enqueued_at)))
        return self._s.scalar(stmt.where(OutboxRow.record_uuid.not_in(self._quarantine.uuids())))

    def waiting(self, now: str | None = None, limit: int | None = 500) -> list[str]:
        """UUIDs due by `now` (due or not without it), oldest first; never a quarantined one."""
        stmt = select(OutboxRow.record_uuid).order_by(OutboxRow.enqueued_at, OutboxRow.record_uuid).limit(limit)
        stmt = stmt.where(OutboxRow.record_uuid.not_in(self._quarantine.uuids()))
        if now is not None:
            stmt = stmt.where(or_(OutboxRow.next_attempt_at.is_(None), OutboxRow.next_attempt_at <= now))
        return list(self._s.scalars(stmt))

    def outgoing(self, record_uuid: str) -> Outgoing:
        w = self._records.wire(record_uuid)
        photos = {kind: p.data for kind, p in self._photos.of(record_uuid).items()}
        if self._biometrics is not None:  # fingerprints, irises, signature travel beside the photos (bio_* kinds)
            photos |= {kind: b.data for kind, b in self._biometrics.of(record_uuid).items()}
        return Outgoing(
            w["uuid"],
            w["payload_sha256"],
            w["biodata"],
            w["quality"],
            w["created_at"],
            w["station_id"],
            w["operator"],
            photos,
        )

    def readable(self, record_uuid: str) -> Outgoing | None:
        """The record as it travels, or None after quarantining it when its sealed data does not open."""
        try:
            return self.outgoing(record_uuid)
        except StorageCorrupt as err:
            self._quarantine.add(record_uuid, err.part or "data")
            return None

    def due(self, max_bytes: int) -> list[Outgoing]:
        """Oldest first, up to max_bytes of payload (always at least one record); a record that does not open
        is quarantined on the way (the caller commits) and the next one is taken."""
        out: list[Outgoing] = []
        total = 0
        for u in self.waiting(self._clock.stamp()):
            item = self.readable(u)
            if item is None:
                continue
            if out and total + item.size > max_bytes:
                break
            out.append(item)
            total += item.size
        return out

    def mark_sent(self, uuids: list[str]) -> None:
        """Before the request leaves: 'sent' means 'may have arrived'; it stays in the outbox until acked."""
        for u in uuids:
            if self._records.status(u) is RecordStatus.QUEUED:
                self._records.move(u, RecordStatus.SENT, SYSTEM)
        for ob in self._s.scalars(select(OutboxRow).where(OutboxRow.record_uuid.in_(uuids))):
            ob.attempts += 1

    def apply(self, answers: list[Answer]) -> None:
        for a in answers:
            self._records.answered(a.uuid, a.accepted, a.ack_id, a.server_status, a.reason)
            ob = self._s.get(OutboxRow, a.uuid)
            if ob is not None:
                self._s.delete(ob)

    def defer(self, uuids: list[str], error: str, delay_s: float) -> None:
        """Try these again after delay_s; the error is kept for the operator (no personal data in it)."""
        at = self._clock.stamp_in(delay_s)
        for ob in self._s.scalars(select(OutboxRow).where(OutboxRow.record_uuid.in_(uuids))):
            ob.next_attempt_at, ob.last_error = at, error[:500]

    def attempts(self, record_uuid: str) -> int:
        ob = self._s.get(OutboxRow, record_uuid)
        return ob.attempts if ob else 0


class Outbox:
    """The outbox as the sync layer sees it; every call is one committed unit of work."""

    def __init__(self, unit: Callable[[], AbstractContextManager[UnitOfWork]]) -> None:
        self._unit = unit

    def _read(self, fn: Callable[[UnitOfWork], object]):
        with self._unit() as uow:
            return fn(uow)

    def _write(self, fn: Callable[[UnitOfWork], object]):
        with self._unit() as uow:
            out = fn(uow)
            uow.commit()
            return out

    def size(self) -> int:
        return self._read(lambda u: u.outbox.size())

    def next_due_at(self) -> str | None:
        return self._read(lambda u: u.outbox.next_due_at())

    def due(self, max_bytes: int) -> list[Outgoing]:
        return self._write(lambda u: u.outbox.due(max_bytes))  # a write: it may quarantine a damaged record

    def everything(self, batch: int = 200) -> Iterator[list[Outgoing]]:
        """Every record in the outbox, due or not, oldest first, in batches (a jemput-bola export); a damaged
        one is quarantined and left out."""
        uuids = self._read(lambda u: u.outbox.waiting(limit=None))
        for i in range(0, len(uuids), batch):
            part = uuids[i : i + batch]
            items = self._write(lambda u, part=part: [u.outbox.readable(x) for x in part])
            yield [o for o in items if o is not None]

    def mark_sent(self, uuids: list[str]) -> None:
        self._write(lambda u: u.outbox.mark_sent(uuids))

    def apply(self, answers: list[Answer]) -> None:
        self._write(lambda u: u.outbox.apply(answers))

    def defer(self, uuids: list[str], error: str, delay_s: float) -> None:
        self._write(lambda u: u.outbox.defer(uuids, error, delay_s))

    def attempts(self, record_uuid: str) -> int:
        return self._read(lambda u: u.outbox.attempts(record_uuid))

    def awaiting_print(self, limit: int = 1000) -> list[str]:
        return self._read(lambda u: u.records.awaiting_print(limit))

    def update_server_status(self, statuses: list[dict]) -> int:
        return self._write(lambda u: sum(u.records.set_server_status(st["uuid"], st["status"]) for st in statuses))

    # The audit trail follows the records to the centre; these are its cursor and its entries.
    def audit_after(self, seq: int, limit: int = 1000) -> list[dict]:
        return self._read(lambda u: u.audit.after(seq, limit))

    def audit_sent_upto(self) -> int:
        return self._read(lambda u: u.audit.sent_upto())

    def anchor_audit(self, seq: int, hash_: str) -> None:
        """The centre acknowledged holding the chain up to seq (whose hash is hash_): audit-verify checks it."""
        self._write(lambda u: u.audit.set_anchor(seq, hash_))
