"""The outbox: records waiting for the central server, written in the same transaction as the record.

A record whose sealed data no longer opens is quarantined (storage.quarantine) when it comes up: named by
UUID in the audit trail and left out of every batch and export, while the others flow.

`OutboxRepository` works inside a unit of work. `Outbox` is the interface the sync layer uses: each call is
one unit of work, so a client killed at any point leaves each record either still in the outbox (sent again;
the server answers a repeat with the outcome it already gave) or answered and out of it.

Retry times are wall-clock stamps, because they must survive a restart; a clock set back (a laptop that ran
ahead, a dead CMOS battery fixed) would leave them in the future for as long as it jumped. So each deferral also
keeps when it was made, and a row whose deferral lies in the future is due at once: the clock moved backwards.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from station.domain.clock import Clock
from station.storage.biometrics import BiometricRepository
from station.storage.errors import StorageCorrupt
from station.storage.models import OutboxRow
from station.storage.photos import PhotoRepository
from station.storage.quarantine import QuarantineRepository
from station.storage.records import RecordRepository
from station.storage.rows import read_json, write_json

if TYPE_CHECKING:
    from station.storage.unit import UnitOfWork

STATUS_CURSOR = "sync_status_cursor"  # how far this station has read the centre's feed of status changes
RECORD_OVERHEAD = 1024  # bytes a record's own fields take on the wire, besides its blobs (for batch sizing)


@dataclass(frozen=True)
class Outgoing:
    """A record as it leaves the station: what it says, who accepted it (origin) with that station's signature,
    and its blobs (the photos now; fingerprints, irises and the signature image later) by kind."""

    uuid: str
    origin: str
    origin_signature: str | None  # the origin's Ed25519 over domain.payload.origin_message, base64
    payload_sha256: str
    biodata: dict
    quality: dict
    created_at: str
    operator: str
    blobs: dict[str, bytes]  # kind -> bytes as stored: compressed once, at capture
    hashes: dict[str, str]  # kind -> SHA-256 of those bytes: their content address, part of the payload digest

    def record(self) -> dict:
        """The record on the network (the API's RecordIn): blobs travel apart, as bytes, named by their SHA-256."""
        return {
            "uuid": self.uuid,
            "origin": self.origin,
            "origin_signature": self.origin_signature,
            "payload_sha256": self.payload_sha256,
            "biodata": self.biodata,
            "quality": self.quality,
            "created_at": self.created_at,
            "operator": self.operator,
            "blobs": self.hashes,
        }

    def to_bundle(self) -> dict:
        """The record in a jemput-bola bundle: the same fields, the blobs inline (base64 inside the gzipped,
        encrypted body) under `photos`, as bundle readers expect."""
        fields = {k: v for k, v in self.record().items() if k != "blobs"}  # a reader hashes the photos itself
        return fields | {"photos": {k: base64.b64encode(v).decode("ascii") for k, v in self.blobs.items()}}

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.blobs.values()) + RECORD_OVERHEAD


@dataclass(frozen=True)
class Answer:
    uuid: str
    accepted: bool  # the centre stored it (now or on an earlier send); False: refused, with a reason
    ack_id: str | None
    server_status: str | None
    reason: str | None
    retry: bool = False  # the centre could not decide yet (a blob it lacks, an origin not yet registered)


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
        now, quarantined = self._clock.stamp(), self._quarantine.uuids()
        live = OutboxRow.record_uuid.not_in(quarantined)
        if self._s.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.deferred_at > now, live)):
            return now  # the clock went back past a deferral: due now
        stmt = select(func.min(func.coalesce(OutboxRow.next_attempt_at, OutboxRow.enqueued_at)))
        return self._s.scalar(stmt.where(live))

    def waiting(self, now: str | None = None, limit: int | None = 500, exclude: list[str] = ()) -> list[str]:
        """UUIDs due by `now` (due or not without it), oldest first; `exclude`: those already on their way; never
        a quarantined one."""
        stmt = select(OutboxRow.record_uuid).order_by(OutboxRow.enqueued_at, OutboxRow.record_uuid).limit(limit)
        stmt = stmt.where(OutboxRow.record_uuid.not_in(self._quarantine.uuids()))
        if exclude:
            stmt = stmt.where(OutboxRow.record_uuid.not_in(list(exclude)))
        if now is not None:
            stmt = stmt.where(
                or_(
                    OutboxRow.next_attempt_at.is_(None),
                    OutboxRow.next_attempt_at <= now,
                    OutboxRow.deferred_at > now,  # deferred "in the future": the clock was set back since
                )
            )
        return list(self._s.scalars(stmt))

    def load(self, record_uuids: list[str]) -> list[Outgoing]:
        """The records as they leave, in the order asked, with their blobs (three queries for the lot). Own
        records accepted before records were signed get their signature here. A record whose sealed data does
        not open is quarantined on the way (the caller commits) and left out; the others leave."""
        try:
            return self._load(record_uuids)
        except StorageCorrupt:
            pass  # which one: each on its own
        out: list[Outgoing] = []
        for u in record_uuids:
            try:
                out += self._load([u])
            except StorageCorrupt as err:
                self._quarantine.add(u, err.part or "data")
        return out

    def _load(self, record_uuids: list[str]) -> list[Outgoing]:
        station_id = read_json(self._s, "station_id")
        if station_id:
            self._records.sign_own(record_uuids, station_id)
        wires = self._records.wire_many(record_uuids)
        blobs = self._photos.blobs_of(record_uuids)
        if self._biometrics is not None:  # fingerprints, irises, signature travel beside the photos (bio_* kinds)
            for u, more in self._biometrics.blobs_of(record_uuids).items():
                blobs[u] |= more
        out = []
        for u in record_uuids:
            w, b = wires[u], blobs[u]
            out.append(
                Outgoing(
                    u,
                    w["origin"],
                    w["origin_signature"],
                    w["payload_sha256"],
                    w["biodata"],
                    w["quality"],
                    w["created_at"],
                    w["operator"],
                    {k: data for k, (_, data) in b.items()},
                    {k: sha for k, (sha, _) in b.items()},
                )
            )
        return out

    def due(self, max_bytes: int, exclude: list[str] = ()) -> list[Outgoing]:
        """Oldest first, up to max_bytes of payload (always at least one record), none of `exclude`; sized before
        anything is opened, so a batch costs one decryption per blob it carries. A record that does not open is
        quarantined on the way (the caller commits) and the next ones are taken."""
        while True:
            candidates = self.waiting(self._clock.stamp(), exclude=exclude)
            sizes = self._photos.sizes_of(candidates)
            if self._biometrics is not None:
                for u, n in self._biometrics.sizes_of(candidates).items():
                    sizes[u] = sizes.get(u, 0) + n
            chosen, total = [], 0
            for u in candidates:
                size = sizes.get(u, 0) + RECORD_OVERHEAD
                if chosen and total + size > max_bytes:
                    break
                chosen.append(u)
                total += size
            out = self.load(chosen)
            if out or not chosen:  # every one chosen was quarantined: they are out of `waiting` now
                return out

    def mark_sent(self, uuids: list[str]) -> int:
        """Before the request leaves: 'sent' means 'may have arrived'; it stays in the outbox until answered.
        Returns the most attempts any of them has had now (for the back-off)."""
        self._records.send_many(uuids)
        return self.tried(uuids)

    def tried(self, uuids: list[str]) -> int:
        """Count an attempt at sending these (mark_sent does; so does a batch whose blobs could not go up, its
        records never having left). Returns the most attempts any of them has had now (for the back-off)."""
        most = 0
        for part in _chunks(uuids):
            mine = OutboxRow.record_uuid.in_(part)
            self._s.execute(
                update(OutboxRow).where(mine).values(attempts=OutboxRow.attempts + 1),
                execution_options={"synchronize_session": False},
            )
            most = max(most, self._s.scalar(select(func.max(OutboxRow.attempts)).where(mine)) or 0)
        return most

    def exported(self, uuids: list[str]) -> None:
        """These left on a USB bundle now: they stay here (the centre's word has not come), marked so the operator
        sees they are on their way."""
        for part in _chunks(uuids):
            self._s.execute(
                update(OutboxRow).where(OutboxRow.record_uuid.in_(part)).values(exported_at=self._clock.stamp()),
                execution_options={"synchronize_session": False},
            )

    def apply(self, answers: list[Answer]) -> None:
        """The centre's decisions; an answer that asks to send again later leaves the record in the outbox."""
        decided = [a for a in answers if not a.retry]
        self._records.answered_many([(a.uuid, a.accepted, a.ack_id, a.server_status, a.reason) for a in decided])
        for part in _chunks([a.uuid for a in decided]):
            self._s.execute(
                delete(OutboxRow).where(OutboxRow.record_uuid.in_(part)),
                execution_options={"synchronize_session": False},
            )

    def defer(self, uuids: list[str], error: str, delay_s: float) -> None:
        """Try these again after delay_s; the error is kept for the operator (no personal data in it)."""
        now, at = self._clock.stamp(), self._clock.stamp_in(delay_s)
        for ob in self._s.scalars(select(OutboxRow).where(OutboxRow.record_uuid.in_(uuids))):
            ob.next_attempt_at, ob.deferred_at, ob.last_error = at, now, error[:500]

    def attempts(self, record_uuid: str) -> int:
        ob = self._s.get(OutboxRow, record_uuid)
        return ob.attempts if ob else 0

    def status_cursor(self) -> int:
        return int(read_json(self._s, STATUS_CURSOR, 0))

    def apply_statuses(self, changes: list[dict], cursor: int) -> int:
        """Status changes from the centre's feed, and how far the feed has been read, in one commit."""
        self._records.load([c["uuid"] for c in changes])
        n = sum(self._records.set_server_status(c["uuid"], c["status"], c.get("reason")) for c in changes)
        write_json(self._s, STATUS_CURSOR, cursor)
        return n


def _chunks(items: list[str], n: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


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

    def due(self, max_bytes: int, exclude: list[str] = ()) -> list[Outgoing]:
        # a write: it may sign records accepted unsigned, and quarantine a damaged one
        return self._write(lambda u: u.outbox.due(max_bytes, exclude))

    def everything(self, batch: int = 200) -> Iterator[list[Outgoing]]:
        """Every record in the outbox, due or not, oldest first, in batches (a jemput-bola export): however
        many there are, each batch read on its own so memory holds one batch of blobs at a time; a damaged one is
        quarantined and left out."""
        uuids = self._read(lambda u: u.outbox.waiting(limit=None))
        for i in range(0, len(uuids), batch):
            yield self._write(lambda u, part=uuids[i : i + batch]: u.outbox.load(part))

    def waiting_count(self) -> int:
        return self.size()

    def mark_sent(self, uuids: list[str]) -> int:
        return self._write(lambda u: u.outbox.mark_sent(uuids))

    def tried(self, uuids: list[str]) -> int:
        return self._write(lambda u: u.outbox.tried(uuids))

    def apply(self, answers: list[Answer]) -> None:
        self._write(lambda u: u.outbox.apply(answers))

    def defer(self, uuids: list[str], error: str, delay_s: float) -> None:
        self._write(lambda u: u.outbox.defer(uuids, error, delay_s))

    def attempts(self, record_uuid: str) -> int:
        return self._read(lambda u: u.outbox.attempts(record_uuid))

    def status_cursor(self) -> int:
        return self._read(lambda u: u.outbox.status_cursor())

    def apply_statuses(self, changes: list[dict], cursor: int) -> int:
        return self._write(lambda u: u.outbox.apply_statuses(changes, cursor))

    # The audit trail follows the records to the centre; these are its cursor and its entries.
    def audit_after(self, seq: int, limit: int = 1000) -> list[dict]:
        return self._read(lambda u: u.audit.after(seq, limit))

    def audit_sent_upto(self) -> int:
        return self._read(lambda u: u.audit.sent_upto())

    def anchor_audit(self, seq: int, hash_: str) -> None:
        """The centre acknowledged holding the chain up to seq (whose hash is hash_): audit-verify checks it."""
        self._write(lambda u: u.audit.set_anchor(seq, hash_))
