"""Citizens' records: biodata sealed under the data key, a keyed NIK index for search, and the one place a
record's state changes (move), each change with its audit entry."""

from __future__ import annotations

import base64
import json
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.domain import lifecycle
from station.domain.clock import Clock
from station.domain.enrolment import Enrolment
from station.domain.errors import InvalidTransition
from station.domain.lifecycle import RecordStatus
from station.domain.payload import Photo, origin_message, payload_digest
from station.domain.permissions import SYSTEM, Actor
from station.storage.audit import AuditRepository
from station.storage.crypto import DataKey
from station.storage.errors import RecordNotFound
from station.storage.models import RecordRow


def _json(d: dict) -> bytes:
    return json.dumps(d, ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class StoredRecord:
    uuid: str
    status: RecordStatus
    created_at: str
    updated_at: str
    station_id: str
    operator: str
    enrolment: Enrolment
    quality: dict
    payload_sha256: str | None
    photos: dict[str, Photo] = field(default_factory=dict)
    ack_id: str | None = None  # the central server's receipt
    server_status: str | None = None  # received, duplicate_nik, rejected, printed
    server_reason: str | None = None  # why the central server (or the supervisor) refused it


@dataclass(frozen=True)
class RecordSummary:
    uuid: str
    status: RecordStatus
    created_at: str
    nik: str
    nama: str


@dataclass(frozen=True)
class DayRecord:
    """What a daily recap counts about a record: no personal data."""

    uuid: str
    status: str
    station_id: str
    operator: str
    quality: dict
    server_status: str | None


class RecordRepository:
    def __init__(
        self,
        session: Session,
        key: Callable[[], DataKey],
        clock: Clock,
        audit: AuditRepository,
        signer: Callable[[], Ed25519PrivateKey] | None = None,
    ) -> None:
        self._s, self._key, self._clock, self._audit, self._signer = session, key, clock, audit, signer
        self._held: list[RecordRow] = []

    # --- writing ----------------------------------------------------------------------------------
    def save_draft(self, enrolment: Enrolment, actor: Actor, station_id: str, record_uuid: str | None = None) -> str:
        """Keep a half-filled form, so closing the app mid-form loses nothing."""
        record_uuid = record_uuid or str(uuidlib.uuid4())
        row = self._s.get(RecordRow, record_uuid)
        if row is None:
            row = self._new(record_uuid, RecordStatus.DRAFT, station_id, actor.name)
        elif row.status != RecordStatus.DRAFT:
            raise InvalidTransition(f"Rekaman {record_uuid[:8]} sudah diterima; tidak bisa diubah sebagai draf.")
        self._fill(row, enrolment)
        self._audit.append(actor.name, "draft_saved", record_uuid)
        return record_uuid

    def accept(
        self,
        enrolment: Enrolment,
        actor: Actor,
        station_id: str,
        quality: dict,
        photo_hashes: dict[str, str],
        status: RecordStatus,
        record_uuid: str | None = None,
    ) -> str:
        """The record as accepted at the counter (from its draft, or new), moved to `status`."""
        record_uuid = record_uuid or str(uuidlib.uuid4())
        row = self._s.get(RecordRow, record_uuid) or self._new(record_uuid, RecordStatus.DRAFT, station_id, actor.name)
        if row.status != RecordStatus.DRAFT:
            raise InvalidTransition(f"Rekaman {record_uuid[:8]} sudah diterima sebelumnya.")
        self._fill(row, enrolment)
        row.operator = actor.name
        row.quality = json.dumps(quality, ensure_ascii=False)
        row.payload_sha256 = payload_digest(record_uuid, enrolment.to_dict(), quality, photo_hashes)
        self.sign(row)  # this station is the record's origin, and says so with its key
        self._s.flush()  # the record row first: photos and outbox reference it
        waived = (quality.get("waiver") or {}).get("checks")
        self.move(record_uuid, status, actor, {"waived": waived})
        return record_uuid

    def add_received(self, wire: dict, station_id: str) -> None:
        """A record another station accepted (a jemput-bola bundle), queued to be sent from here. It keeps its
        origin and the origin's signature: this station only carries it."""
        row = self._new(wire["uuid"], RecordStatus.QUEUED, wire.get("origin") or station_id, wire["operator"])
        row.created_at = wire["created_at"]
        row.quality = _json(wire["quality"]).decode()
        row.payload_sha256 = wire["payload_sha256"]
        row.origin_signature = wire.get("origin_signature")
        self._fill(row, Enrolment.from_dict(wire["biodata"]))
        self._s.flush()

    def move(self, record_uuid: str, new: RecordStatus, actor: Actor, detail: dict | None = None) -> RecordStatus:
        """The one way a record changes state: checked against the domain's life cycle, audited."""
        row = self._row(record_uuid)
        step = lifecycle.move(RecordStatus(row.status), new, actor.role)
        row.status, row.updated_at = new.value, self._clock.stamp()
        self._audit.append(actor.name, step.action, record_uuid, detail or {})
        return new

    def load(self, record_uuids: list[str]) -> None:
        """Read these rows in one query, so that the moves that follow need none (a sync batch). They are held
        here for the unit of work: the session's identity map keeps only weak references."""
        for i in range(0, len(record_uuids), 500):
            self._held += self._s.scalars(select(RecordRow).where(RecordRow.uuid.in_(record_uuids[i : i + 500])))

    def sign(self, row: RecordRow) -> None:
        """The origin's signature over the record's digest (domain.payload.origin_message)."""
        if self._signer is not None and row.payload_sha256:
            message = origin_message(row.payload_sha256)
            row.origin_signature = base64.b64encode(self._signer().sign(message)).decode("ascii")

    def sign_own(self, record_uuids: list[str], station_id: str) -> None:
        """Records this station accepted before records were signed (schema < 0005) are signed when first sent."""
        stmt = select(RecordRow).where(
            RecordRow.uuid.in_(record_uuids), RecordRow.origin_signature.is_(None), RecordRow.station_id == station_id
        )
        for row in self._s.scalars(stmt):
            self.sign(row)

    def set_reason(self, record_uuid: str, reason: str | None) -> None:
        """Why the supervisor held or rejected it (the operator sees this in Rekaman)."""
        self._row(record_uuid).server_reason = reason

    def answered(self, record_uuid: str, accepted: bool, ack_id: str | None, status: str | None, reason: str | None):
        """The central server's answer for a sent record; a repeated answer changes nothing."""
        row = self._s.get(RecordRow, record_uuid)
        if row is None or row.status != RecordStatus.SENT:
            return
        self.move(
            record_uuid,
            RecordStatus.ACKNOWLEDGED if accepted else RecordStatus.REJECTED,
            SYSTEM,
            {"ack_id": ack_id, "server_status": status},
        )
        row.ack_id, row.acked_at = ack_id, self._clock.stamp()
        row.server_status, row.server_reason = status, reason

    def set_server_status(self, record_uuid: str, status: str) -> bool:
        row = self._s.get(RecordRow, record_uuid)
        if row is None or row.server_status == status:
            return False
        row.server_status, row.updated_at = status, self._clock.stamp()
        self._audit.append("sync", "server_status", record_uuid, {"status": status})
        return True

    def forget_personal(self, record_uuid: str, actor: Actor, retention_days: float) -> None:
        """Purge after acknowledgement: biodata and quality go; the sealed receipt summary stays."""
        row = self._row(record_uuid)
        row.biodata_enc, row.quality = None, "{}"
        self._audit.append(actor.name, "purged", record_uuid, {"retention_days": retention_days})

    def seal_plaintext(self) -> int:
        """Encrypt rows written in plaintext by schema 0001-0003."""
        legacy = select(RecordRow).where(RecordRow.biodata_enc.is_(None), RecordRow.biodata.is_not(None))
        rows = list(self._s.scalars(legacy))
        for row in rows:
            self._fill(row, Enrolment.from_dict(json.loads(row.biodata)), touch=False)
        return len(rows)

    # --- reading ----------------------------------------------------------------------------------
    def exists(self, record_uuid: str) -> bool:
        return self._s.get(RecordRow, record_uuid) is not None

    def digest(self, record_uuid: str) -> str | None:
        row = self._s.get(RecordRow, record_uuid)
        return row.payload_sha256 if row else None

    def status(self, record_uuid: str) -> RecordStatus:
        return RecordStatus(self._row(record_uuid).status)

    def get(self, record_uuid: str) -> StoredRecord:
        row = self._row(record_uuid)
        return StoredRecord(
            uuid=row.uuid,
            status=RecordStatus(row.status),
            created_at=row.created_at,
            updated_at=row.updated_at,
            station_id=row.station_id,
            operator=row.operator,
            enrolment=self._enrolment_or_summary(row),
            quality=json.loads(row.quality),
            payload_sha256=row.payload_sha256,
            ack_id=row.ack_id,
            server_status=row.server_status,
            server_reason=row.server_reason,
        )

    def wire(self, record_uuid: str, row: RecordRow | None = None) -> dict:
        """Everything the record says but its photos, as it travels (sync batch or bundle)."""
        row = row or self._row(record_uuid)
        return {
            "uuid": row.uuid,
            "payload_sha256": row.payload_sha256,
            "biodata": self._biodata(row),
            "quality": json.loads(row.quality),
            "created_at": row.created_at,
            "origin": row.station_id,
            "origin_signature": row.origin_signature,
            "operator": row.operator,
        }

    def wire_many(self, record_uuids: list[str]) -> dict[str, dict]:
        """wire() for many records in one query (a sync batch)."""
        rows = self._s.scalars(select(RecordRow).where(RecordRow.uuid.in_(record_uuids)))
        return {row.uuid: self.wire(row.uuid, row) for row in rows}

    def find(self, query: str = "", status: RecordStatus | None = None, limit: int = 500) -> list[RecordSummary]:
        """Newest first. A whole NIK is found through the keyed index; anything else (part of a name, the
        start of a NIK) by decrypting the summaries here, never by a query on clear text."""
        q = "".join(query.split()) if query.strip().isdigit() else query.strip().lower()
        stmt = select(RecordRow.uuid, RecordRow.status, RecordRow.created_at, RecordRow.summary_enc)
        if q.isdigit() and len(q) == 16:
            stmt = stmt.where(RecordRow.nik_index == self._key().index(q))
        if status is not None:
            stmt = stmt.where(RecordRow.status == status.value)
        out: list[RecordSummary] = []
        for u, st, c, blob in self._s.execute(stmt.order_by(RecordRow.created_at.desc())):
            summary = self._summary(u, blob)
            if q and not (summary["nik"].startswith(q) or q in summary["nama"].lower()):
                continue
            out.append(RecordSummary(u, RecordStatus(st), c, summary["nik"], summary["nama"]))
            if len(out) >= limit:
                break
        return out

    def day_records(self, start: str, end: str) -> list[DayRecord]:
        """Records accepted in [start, end): what a daily recap counts."""
        stmt = select(
            RecordRow.uuid,
            RecordRow.status,
            RecordRow.station_id,
            RecordRow.operator,
            RecordRow.quality,
            RecordRow.server_status,
        ).where(RecordRow.created_at >= start, RecordRow.created_at < end, RecordRow.status != RecordStatus.DRAFT)
        return [DayRecord(u, st, sid, op, json.loads(q), ss) for u, st, sid, op, q, ss in self._s.execute(stmt)]

    def counts(self) -> dict[str, int]:
        rows = self._s.execute(select(RecordRow.status, func.count()).group_by(RecordRow.status))
        return {status: n for status, n in rows}

    def purgeable(self, acked_before: str) -> list[str]:
        stmt = select(RecordRow.uuid).where(
            RecordRow.status == RecordStatus.ACKNOWLEDGED,
            RecordRow.acked_at <= acked_before,
            RecordRow.biodata_enc.is_not(None),
        )
        return list(self._s.scalars(stmt))

    def awaiting_print(self, limit: int) -> list[str]:
        """Acknowledged records the central server has not reported printed yet (the PRR list)."""
        stmt = (
            select(RecordRow.uuid)
            .where(
                RecordRow.status == RecordStatus.ACKNOWLEDGED,
                (RecordRow.server_status.is_(None)) | (RecordRow.server_status != "printed"),
            )
            .order_by(RecordRow.acked_at)
            .limit(limit)
        )
        return list(self._s.scalars(stmt))

    # --- inside -----------------------------------------------------------------------------------
    def _row(self, record_uuid: str) -> RecordRow:
        row = self._s.get(RecordRow, record_uuid)
        if row is None:
            raise RecordNotFound(f"Rekaman {record_uuid[:8]} tidak ada.")
        return row

    def _new(self, record_uuid: str, status: RecordStatus, station_id: str, operator: str) -> RecordRow:
        now = self._clock.stamp()
        row = RecordRow(
            uuid=record_uuid,
            status=status.value,
            created_at=now,
            updated_at=now,
            quality="{}",
            station_id=station_id,
            operator=operator,
        )
        self._s.add(row)
        return row

    def _fill(self, row: RecordRow, e: Enrolment, touch: bool = True) -> None:
        key = self._key()
        nik = "".join(e.nik.split())
        row.nik_index = key.index(nik) if nik else None
        row.summary_enc = key.seal(_json({"nik": nik, "nama": e.nama.strip()}), f"summary:{row.uuid}")
        row.biodata_enc = key.seal(_json(e.to_dict()), f"biodata:{row.uuid}")
        row.nik = row.nama = row.biodata = None
        if touch:
            row.updated_at = self._clock.stamp()

    def _summary(self, row_uuid: str, blob: bytes | None) -> dict:
        return json.loads(self._key().open(blob, f"summary:{row_uuid}")) if blob else {"nik": "", "nama": ""}

    def _biodata(self, row: RecordRow) -> dict:
        return json.loads(self._key().open(row.biodata_enc, f"biodata:{row.uuid}"))

    def _enrolment_or_summary(self, row: RecordRow) -> Enrolment:
        if row.biodata_enc is not None:
            return Enrolment.from_dict(self._biodata(row))
        summary = self._summary(row.uuid, row.summary_enc)  # purged after acknowledgement: receipt fields only
        return Enrolment(nik=summary["nik"], nama=summary["nama"])
