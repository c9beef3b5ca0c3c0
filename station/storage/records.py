"""Citizens' records: biodata sealed under the data key, a keyed NIK index for search, and the one place a
record's state changes (move), each change with its audit entry.

Everything a record says about a person is sealed: the summary (NIK, name) and biodata, and also the quality
summary (a waiver's reason and note can tell a health condition or a religion) and the reason a record was
refused (a server's reason can quote a NIK). Each is padded to a block before sealing (crypto.pad), so the
stored length does not give away the length of a name. The `quality` and `server_reason` columns hold
"enc1:" + base64 of the sealed JSON; anything else in them was written in clear by an older version and is
sealed at the next login (seal_plaintext)."""

from __future__ import annotations

import base64
import json
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from station.domain import lifecycle
from station.domain.clock import Clock
from station.domain.enrolment import Enrolment
from station.domain.errors import InvalidTransition
from station.domain.lifecycle import RecordStatus
from station.domain.nik import clean_nik
from station.domain.payload import Photo, origin_message, payload_digest
from station.domain.permissions import SYSTEM, Actor
from station.storage.audit import AuditRepository
from station.storage.crypto import DataKey
from station.storage.errors import RecordNotFound, StorageCorrupt
from station.storage.models import OutboxRow, RecordRow
from station.storage.rows import read_json, write_json

# Padding blocks (bytes of JSON before sealing): a summary with any name up to 80 characters fits one block,
# a biodata record one or two; what the length still tells is "a long address", never "a short name".
SUMMARY_BLOCK, BIODATA_BLOCK, QUALITY_BLOCK, REASON_BLOCK = 256, 1024, 1024, 256
SEALED = "enc1:"
DAMAGED = "[data rusak]"  # shown in lists for a record whose sealed summary no longer opens
SEAL_FORMAT = "record_seal_format"  # 2: every text field padded (older rows are sealed again at a login)


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
    exported_at: str | None = None  # waiting, and carried out on a USB bundle then


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
        row.created_at = self._clock.stamp()  # recorded when accepted, not when its draft was started
        row.operator = actor.name
        row.quality = self._seal_text(quality, "quality", record_uuid, QUALITY_BLOCK)
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
        row.quality = self._seal_text(wire["quality"], "quality", wire["uuid"], QUALITY_BLOCK)
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

    def send_many(self, record_uuids: list[str]) -> None:
        """QUEUED -> SENT for those of these still queued (a sync batch about to leave): move()'s check and audit
        entry for each, in a few statements for the lot."""
        step = lifecycle.move(RecordStatus.QUEUED, RecordStatus.SENT, SYSTEM.role)
        queued = [u for u, st in self._statuses(record_uuids).items() if st == RecordStatus.QUEUED]
        now = self._clock.stamp()
        self._bulk([{"uuid": u, "status": RecordStatus.SENT.value, "updated_at": now} for u in queued])
        self._audit.append_many(SYSTEM.name, [(step.action, u, {}) for u in queued])

    def answered_many(self, answers: list[tuple[str, bool, str | None, str | None, str | None]]) -> None:
        """answered() for each (uuid, accepted, ack_id, status, reason) of a batch, in a few statements."""
        status = self._statuses([a[0] for a in answers])
        now, rows, entries = self._clock.stamp(), [], []
        for record_uuid, accepted, ack_id, server_status, reason in answers:
            if status.get(record_uuid) != RecordStatus.SENT:
                continue  # a repeated answer changes nothing
            new = RecordStatus.ACKNOWLEDGED if accepted else RecordStatus.REJECTED
            step = lifecycle.move(RecordStatus.SENT, new, SYSTEM.role)
            status[record_uuid] = new
            rows.append(
                {
                    "uuid": record_uuid,
                    "status": new.value,
                    "updated_at": now,
                    "ack_id": ack_id,
                    "acked_at": now,
                    "server_status": server_status,
                    "server_reason": self._seal_reason(record_uuid, reason),
                }
            )
            entries.append((step.action, record_uuid, {"ack_id": ack_id, "server_status": server_status}))
        self._bulk(rows)
        self._audit.append_many(SYSTEM.name, entries)

    def _statuses(self, record_uuids: list[str]) -> dict[str, RecordStatus]:
        out: dict[str, RecordStatus] = {}
        for i in range(0, len(record_uuids), 500):
            part = record_uuids[i : i + 500]
            out |= {
                u: RecordStatus(st)
                for u, st in self._s.execute(select(RecordRow.uuid, RecordRow.status).where(RecordRow.uuid.in_(part)))
            }
        return out

    def _bulk(self, rows: list[dict]) -> None:
        """UPDATE by primary key, one statement for the lot (rows loaded in this unit are not refreshed)."""
        if rows:
            self._s.execute(update(RecordRow), rows)

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
        """Records this station accepted before records were signed (schema < 0006) are signed when first sent."""
        stmt = select(RecordRow).where(
            RecordRow.uuid.in_(record_uuids), RecordRow.origin_signature.is_(None), RecordRow.station_id == station_id
        )
        for row in self._s.scalars(stmt):
            self.sign(row)

    def set_reason(self, record_uuid: str, reason: str | None) -> None:
        """Why the supervisor held or rejected it (the operator sees this in Rekaman)."""
        self._row(record_uuid).server_reason = self._seal_reason(record_uuid, reason)

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
        row.server_status, row.server_reason = status, self._seal_reason(record_uuid, reason)

    def set_server_status(self, record_uuid: str, status: str, reason: str | None = None) -> bool:
        """A change from the centre's status feed, with the centre's words for it (duplicate: which record)."""
        row = self._s.get(RecordRow, record_uuid)
        if row is None or row.server_status == status:
            return False
        row.server_status, row.updated_at = status, self._clock.stamp()
        if reason:
            row.server_reason = self._seal_reason(record_uuid, reason)
        self._audit.append("sync", "server_status", record_uuid, {"status": status})
        return True

    def forget_personal(self, record_uuid: str, actor: Actor, retention_days: float) -> None:
        """Purge after acknowledgement: biodata and quality go; the sealed receipt summary stays."""
        row = self._row(record_uuid)
        row.biodata_enc, row.quality = None, "{}"
        self._audit.append(actor.name, "purged", record_uuid, {"retention_days": retention_days})

    def seal_plaintext(self) -> int:
        """Encrypt what older versions left in clear (biodata of schema 0001-0003; quality and reasons), and
        once, seal again unpadded blobs so their length no longer tells a name's. Returns rows changed."""
        legacy = select(RecordRow).where(RecordRow.biodata_enc.is_(None), RecordRow.biodata.is_not(None))
        rows = list(self._s.scalars(legacy))
        for row in rows:
            self._fill(row, Enrolment.from_dict(json.loads(row.biodata)), touch=False)
        changed = {row.uuid for row in rows}
        clear_quality = RecordRow.quality.not_like(f"{SEALED}%") & (RecordRow.quality != "{}")
        clear_reason = RecordRow.server_reason.is_not(None) & RecordRow.server_reason.not_like(f"{SEALED}%")
        for row in self._s.scalars(select(RecordRow).where(clear_quality | clear_reason)):
            try:
                row.quality = self._seal_text(self._quality(row), "quality", row.uuid, QUALITY_BLOCK)
                row.server_reason = self._seal_reason(row.uuid, self._reason(row))
            except StorageCorrupt:
                continue
            changed.add(row.uuid)
        if read_json(self._s, SEAL_FORMAT, 1) < 2:
            changed |= self._pad_sealed()
            write_json(self._s, SEAL_FORMAT, 2)
        return len(changed)

    def note_padded(self) -> None:
        """A new database: everything it will ever hold is sealed padded, nothing to seal again at a login."""
        if self._s.scalar(select(func.count()).select_from(RecordRow)) == 0:
            write_json(self._s, SEAL_FORMAT, 2)

    def _pad_sealed(self) -> set[str]:
        """Seal again, padded, the summaries and biodata an unpadded version wrote (once per database)."""
        done = set()
        for row in self._s.scalars(select(RecordRow).where(RecordRow.summary_enc.is_not(None))):
            try:
                summary = self._summary(row.uuid, row.summary_enc)
                row.summary_enc = self._key().seal_json(summary, f"summary:{row.uuid}", SUMMARY_BLOCK)
                if row.biodata_enc is not None:
                    row.biodata_enc = self._key().seal_json(self._biodata(row), f"biodata:{row.uuid}", BIODATA_BLOCK)
            except StorageCorrupt:
                continue  # a damaged blob stays as it is: the outbox quarantines it, nothing else stops
            done.add(row.uuid)
        return done

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
            quality=self._quality(row),
            payload_sha256=row.payload_sha256,
            ack_id=row.ack_id,
            server_status=row.server_status,
            server_reason=self._reason(row),
        )

    def wire(self, record_uuid: str, row: RecordRow | None = None) -> dict:
        """Everything the record says but its photos, as it travels (sync batch or bundle)."""
        row = row or self._row(record_uuid)
        return {
            "uuid": row.uuid,
            "payload_sha256": row.payload_sha256,
            "biodata": self._biodata(row),
            "quality": self._quality(row),
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
        q = clean_nik(query) if query.strip().isdigit() else query.strip().lower()
        stmt = select(
            RecordRow.uuid, RecordRow.status, RecordRow.created_at, RecordRow.summary_enc, OutboxRow.exported_at
        ).outerjoin(OutboxRow, OutboxRow.record_uuid == RecordRow.uuid)
        if q.isdigit() and len(q) == 16:
            stmt = stmt.where(RecordRow.nik_index == self._key().index(q))
        if status is not None:
            stmt = stmt.where(RecordRow.status == status.value)
        out: list[RecordSummary] = []
        for u, st, c, blob, exported in self._s.execute(stmt.order_by(RecordRow.created_at.desc())):
            try:
                summary = self._summary(u, blob)
            except StorageCorrupt:  # one damaged record must not hide the others: it is listed as damaged
                summary = {"nik": "", "nama": DAMAGED}
            if q and not (summary["nik"].startswith(q) or q in summary["nama"].lower()):
                continue
            out.append(RecordSummary(u, RecordStatus(st), c, summary["nik"], summary["nama"], exported))
            if len(out) >= limit:
                break
        return out

    def day_records(self, start: str, end: str) -> list[DayRecord]:
        """Records accepted in [start, end): what a daily recap counts."""
        stmt = select(RecordRow).where(
            RecordRow.created_at >= start, RecordRow.created_at < end, RecordRow.status != RecordStatus.DRAFT
        )
        return [
            DayRecord(r.uuid, r.status, r.station_id, r.operator, self._quality(r, {}), r.server_status)
            for r in self._s.scalars(stmt)
        ]

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
        """Acknowledged records the central server has not reported printed yet (the PRR list); a duplicate
        (its fingers match another record: an officer resolves it) is not awaiting its card."""
        stmt = (
            select(RecordRow.uuid)
            .where(
                RecordRow.status == RecordStatus.ACKNOWLEDGED,
                (RecordRow.server_status.is_(None)) | RecordRow.server_status.not_in(("printed", "duplicate")),
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
        nik = clean_nik(e.nik)
        row.nik_index = key.index(nik) if nik else None
        row.summary_enc = key.seal_json({"nik": nik, "nama": e.nama.strip()}, f"summary:{row.uuid}", SUMMARY_BLOCK)
        row.biodata_enc = key.seal_json(e.to_dict(), f"biodata:{row.uuid}", BIODATA_BLOCK)
        row.nik = row.nama = row.biodata = None
        if touch:
            row.updated_at = self._clock.stamp()

    def _summary(self, row_uuid: str, blob: bytes | None) -> dict:
        return self._key().open_json(blob, f"summary:{row_uuid}") if blob else {"nik": "", "nama": ""}

    def _biodata(self, row: RecordRow) -> dict:
        return self._key().open_json(row.biodata_enc, f"biodata:{row.uuid}")

    def _seal_text(self, value, field: str, row_uuid: str, block: int) -> str:
        blob = self._key().seal_json(value, f"{field}:{row_uuid}", block)
        return SEALED + base64.b64encode(blob).decode("ascii")

    def _open_text(self, text: str, field: str, row_uuid: str):
        try:
            blob = base64.b64decode(text[len(SEALED) :], validate=True)
        except ValueError:
            raise StorageCorrupt(f"Data terenkripsi rusak ({field}).", field) from None
        return self._key().open_json(blob, f"{field}:{row_uuid}")

    def _quality(self, row: RecordRow, damaged: dict | None = None) -> dict:
        """The quality summary (sealed, or plaintext JSON from an older version); `damaged` instead of an
        error when given (a daily recap counts what it can)."""
        text = row.quality or "{}"
        try:
            return self._open_text(text, "quality", row.uuid) if text.startswith(SEALED) else json.loads(text)
        except (StorageCorrupt, ValueError):
            if damaged is None:
                raise StorageCorrupt(f"Data terenkripsi rusak (quality) pada rekaman {row.uuid}.", "quality") from None
            return damaged

    def _seal_reason(self, row_uuid: str, reason: str | None) -> str | None:
        return None if reason is None else self._seal_text(reason, "reason", row_uuid, REASON_BLOCK)

    def _reason(self, row: RecordRow) -> str | None:
        text = row.server_reason
        if text is None or not text.startswith(SEALED):
            return text
        return self._open_text(text, "reason", row.uuid)

    def _enrolment_or_summary(self, row: RecordRow) -> Enrolment:
        if row.biodata_enc is not None:
            return Enrolment.from_dict(self._biodata(row))
        summary = self._summary(row.uuid, row.summary_enc)  # purged after acknowledgement: receipt fields only
        return Enrolment(nik=summary["nik"], nama=summary["nama"])
