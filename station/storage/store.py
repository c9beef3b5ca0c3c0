"""The station's records: the only way the rest of the program reads or writes the database.

Each public write is one transaction (a unit of work): "accept" writes the record, its photos and
its outbox entry together, or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc as saexc
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from station.domain.enrolment import Enrolment, RecordStatus
from station.domain.payload import payload_digest, sha256_hex
from station.paths import database_path
from station.storage.audit import AuditCheck, append_audit, verify_chain
from station.storage.crypto import DataKey, Locked
from station.storage.db import open_engine
from station.storage.errors import InvalidTransition, RecordNotFound, StorageError, translate
from station.storage.models import AuditRow, OutboxRow, PhotoRow, RecordRow, SettingRow

_ORDER = {
    RecordStatus.DRAFT: 0,
    RecordStatus.CAPTURED: 1,
    RecordStatus.HELD: 1,
    RecordStatus.QUEUED: 2,
    RecordStatus.SENT: 3,
    RecordStatus.ACKNOWLEDGED: 4,
    RecordStatus.REJECTED: 4,
}


def _json(d: dict) -> bytes:
    return json.dumps(d, ensure_ascii=False, sort_keys=True).encode("utf-8")


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Photo:
    data: bytes
    mime: str = "image/jpeg"

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)


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
    server_reason: str | None = None  # why the central server rejected it


@dataclass(frozen=True)
class RecordSummary:
    uuid: str
    status: RecordStatus
    created_at: str
    nik: str
    nama: str


class RecordStore:
    def __init__(self, path: Path, key: DataKey | None = None) -> None:
        self.path = Path(path)
        self.engine = open_engine(self.path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.key: DataKey | None = None
        if key is not None:
            self.unlock(key)

    @classmethod
    def in_folder(cls, folder: Path, key: DataKey | None = None) -> RecordStore:
        return cls(database_path(Path(folder)), key)

    def unlock(self, key: DataKey) -> None:
        """Give the store the data key (after a login); seals any plaintext an older schema left."""
        self.key = key
        if self._seal_legacy():
            with self.engine.connect() as conn:
                conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.connection.driver_connection.execute("VACUUM")

    def lock(self) -> None:
        self.key = None

    def _k(self) -> DataKey:
        if self.key is None:
            raise Locked()
        return self.key

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _unit(self) -> Iterator[Session]:
        """One transaction; any database failure becomes a StorageError and nothing is half-written."""
        try:
            with self._sessions.begin() as session:
                yield session
        except StorageError:
            raise
        except (saexc.SQLAlchemyError, OSError) as err:
            raise translate(err, str(self.path)) from err

    # --- settings -------------------------------------------------------------------------
    def setting(self, key: str, default=None):
        with self._unit() as s:
            return self._setting(s, key, default)

    def set_setting(self, key: str, value) -> None:
        with self._unit() as s:
            s.merge(SettingRow(key=key, value=json.dumps(value)))

    # --- writing records ------------------------------------------------------------------
    def save_draft(self, enrolment: Enrolment, operator: str, record_uuid: str | None = None) -> str:
        """Keep a half-filled form, so closing the app mid-form loses nothing."""
        record_uuid = record_uuid or str(uuidlib.uuid4())
        now = utcnow()
        with self._unit() as s:
            row = s.get(RecordRow, record_uuid)
            if row is None:
                row = RecordRow(
                    uuid=record_uuid,
                    status=RecordStatus.DRAFT.value,
                    created_at=now,
                    quality="{}",
                    station_id=self._setting(s, "station_id", "BELUM-DIATUR"),
                    operator=operator,
                )
                s.add(row)
            elif row.status != RecordStatus.DRAFT.value:
                raise InvalidTransition(f"Rekaman {record_uuid} sudah diterima; tidak bisa diubah sebagai draf.")
            self._fill(row, enrolment, now)
            self._audit(s, operator, "draft_saved", record_uuid, {})
        return record_uuid

    def accept(
        self,
        enrolment: Enrolment,
        crop: bytes,
        operator: str,
        frame: bytes | None = None,
        quality: dict | None = None,
        record_uuid: str | None = None,
    ) -> str:
        """Commit an accepted record with its photo and outbox entry; returns its UUID once durable."""
        if not crop:
            raise ValueError("accept() needs the ID photo")
        record_uuid = record_uuid or str(uuidlib.uuid4())
        quality = quality or {}
        photos = {"crop": Photo(crop)} | ({"frame": Photo(frame)} if frame else {})
        now = utcnow()
        with self._unit() as s:
            review = bool(self._setting(s, "review_required", False))  # read before the new row (autoflush)
            row = s.get(RecordRow, record_uuid)
            if row is None:
                row = RecordRow(
                    uuid=record_uuid,
                    created_at=now,
                    station_id=self._setting(s, "station_id", "BELUM-DIATUR"),
                    operator=operator,
                )
                s.add(row)
            elif row.status != RecordStatus.DRAFT.value:
                raise InvalidTransition(f"Rekaman {record_uuid} sudah diterima sebelumnya.")
            self._fill(row, enrolment, now)
            row.operator = operator
            row.status = (RecordStatus.CAPTURED if review else RecordStatus.QUEUED).value
            row.quality = json.dumps(quality, ensure_ascii=False)
            row.payload_sha256 = payload_digest(
                record_uuid, enrolment.to_dict(), quality, {k: p.sha256 for k, p in photos.items()}
            )
            s.flush()  # the record row first: photos and outbox reference it
            key = self._k()
            for kind, p in photos.items():
                sealed = key.seal(p.data, f"photo:{record_uuid}:{kind}")
                s.add(PhotoRow(record_uuid=record_uuid, kind=kind, mime=p.mime, sha256=p.sha256, data=sealed, sealed=1))
            self._audit(s, operator, "accepted", record_uuid, {"waived": (quality.get("waiver") or {}).get("checks")})
            if not review:  # with end-of-day review, the outbox entry comes with the supervisor's approval
                s.add(OutboxRow(record_uuid=record_uuid, enqueued_at=now, attempts=0))
        return record_uuid

    def advance(self, record_uuid: str, status: RecordStatus) -> None:
        """Move a record forward; never back (an acknowledged record stays acknowledged)."""
        with self._unit() as s:
            row = s.get(RecordRow, record_uuid)
            if row is None:
                raise RecordNotFound(f"Rekaman {record_uuid} tidak ada.")
            old = RecordStatus(row.status)
            if _ORDER[status] <= _ORDER[old]:
                raise InvalidTransition(f"Status tidak bisa mundur/berulang: {old.value} -> {status.value}.")
            row.status = status.value
            row.updated_at = utcnow()

    def _fill(self, row: RecordRow, e: Enrolment, now: str) -> None:
        key = self._k()
        nik = "".join(e.nik.split())
        row.nik_index = key.index(nik) if nik else None
        row.summary_enc = key.seal(_json({"nik": nik, "nama": e.nama.strip()}), f"summary:{row.uuid}")
        row.biodata_enc = key.seal(_json(e.to_dict()), f"biodata:{row.uuid}")
        row.nik = row.nama = row.biodata = None
        row.updated_at = now

    def _summary(self, row_uuid: str, blob: bytes | None) -> dict:
        return json.loads(self._k().open(blob, f"summary:{row_uuid}")) if blob else {"nik": "", "nama": ""}

    def _biodata(self, row: RecordRow) -> dict:
        return json.loads(self._k().open(row.biodata_enc, f"biodata:{row.uuid}"))

    def _enrolment_or_summary(self, row: RecordRow) -> Enrolment:
        if row.biodata_enc is not None:
            return Enrolment.from_dict(self._biodata(row))
        summary = self._summary(row.uuid, row.summary_enc)  # purged after acknowledgement: receipt fields only
        return Enrolment(nik=summary["nik"], nama=summary["nama"])

    def _photo(self, row_uuid: str, p: PhotoRow) -> bytes:
        return self._k().open(p.data, f"photo:{row_uuid}:{p.kind}")

    def _seal_legacy(self) -> bool:
        """Encrypt rows written in plaintext by schema 0001-0003 (one transaction)."""
        key = self._k()
        with self._unit() as s:
            legacy = select(RecordRow).where(RecordRow.biodata_enc.is_(None), RecordRow.biodata.is_not(None))
            rows = list(s.scalars(legacy))
            for row in rows:
                self._fill(row, Enrolment.from_dict(json.loads(row.biodata)), row.updated_at)
            photos = list(s.scalars(select(PhotoRow).where(PhotoRow.sealed == 0)))
            for p in photos:
                p.data, p.sealed = key.seal(p.data, f"photo:{p.record_uuid}:{p.kind}"), 1
            return bool(rows or photos)

    @staticmethod
    def _setting(s: Session, key: str, default=None):
        row = s.get(SettingRow, key)
        return json.loads(row.value) if row else default

    def review(self, record_uuid: str, decision: str, supervisor: str, reason: str = "") -> RecordStatus:
        """End-of-day review: approve (into the outbox), hold or reject, with a reason the operator sees."""
        targets = {"approve": RecordStatus.QUEUED, "hold": RecordStatus.HELD, "reject": RecordStatus.REJECTED}
        if decision not in targets:
            raise ValueError(f"keputusan tidak dikenal: {decision}")
        if decision != "approve" and len(reason.strip()) < 3:
            raise InvalidTransition("Tulis alasan menahan atau menolak rekaman.")
        with self._unit() as s:
            row = s.get(RecordRow, record_uuid)
            if row is None:
                raise RecordNotFound(f"Rekaman {record_uuid} tidak ada.")
            if row.status not in (RecordStatus.CAPTURED.value, RecordStatus.HELD.value):
                raise InvalidTransition(f"Rekaman {record_uuid} tidak menunggu tinjauan ({row.status}).")
            new = targets[decision]
            row.status, row.updated_at = new.value, utcnow()
            row.server_reason = None if decision == "approve" else f"Supervisor: {reason.strip()}"
            if new is RecordStatus.QUEUED:
                s.add(OutboxRow(record_uuid=record_uuid, enqueued_at=utcnow(), attempts=0))
            self._audit(s, supervisor, f"review_{decision}", record_uuid, {})
            return new

    # --- reading --------------------------------------------------------------------------
    def get(self, record_uuid: str, with_photos: bool = False) -> StoredRecord:
        with self._unit() as s:
            row = s.get(RecordRow, record_uuid)
            if row is None:
                raise RecordNotFound(f"Rekaman {record_uuid} tidak ada.")
            photos = {}
            if with_photos:
                for p in s.scalars(select(PhotoRow).where(PhotoRow.record_uuid == record_uuid)):
                    photos[p.kind] = Photo(self._photo(record_uuid, p), p.mime)
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
                photos=photos,
                ack_id=row.ack_id,
                server_status=row.server_status,
                server_reason=row.server_reason,
            )

    def find(self, query: str = "", status: RecordStatus | None = None, limit: int = 500) -> list[RecordSummary]:
        """Newest first. A whole NIK is found through the keyed index; anything else (part of a name, the
        start of a NIK) by decrypting the summaries here, never by a query on clear text."""
        key = self._k()
        q = "".join(query.split()) if query.strip().isdigit() else query.strip().lower()
        stmt = select(RecordRow.uuid, RecordRow.status, RecordRow.created_at, RecordRow.summary_enc)
        if q.isdigit() and len(q) == 16:
            stmt = stmt.where(RecordRow.nik_index == key.index(q))
        if status is not None:
            stmt = stmt.where(RecordRow.status == status.value)
        out: list[RecordSummary] = []
        with self._unit() as s:
            for u, st, c, blob in s.execute(stmt.order_by(RecordRow.created_at.desc())):
                summary = self._summary(u, blob)
                if q and not (summary["nik"].startswith(q) or q in summary["nama"].lower()):
                    continue
                out.append(RecordSummary(u, RecordStatus(st), c, summary["nik"], summary["nama"]))
                if len(out) >= limit:
                    break
        return out

    def day_records(self, start_utc: str, end_utc: str) -> list[dict]:
        """Records accepted in [start, end): what a daily recap counts. No personal data in the result."""
        stmt = select(
            RecordRow.uuid,
            RecordRow.status,
            RecordRow.station_id,
            RecordRow.operator,
            RecordRow.quality,
            RecordRow.server_status,
        ).where(
            RecordRow.created_at >= start_utc,
            RecordRow.created_at < end_utc,
            RecordRow.status != RecordStatus.DRAFT.value,
        )
        with self._unit() as s:
            return [
                {
                    "uuid": u,
                    "status": st,
                    "station_id": sid,
                    "operator": op,
                    "quality": json.loads(q),
                    "server_status": ss,
                }
                for u, st, sid, op, q, ss in s.execute(stmt)
            ]

    def counts(self) -> dict[str, int]:
        with self._unit() as s:
            rows = s.execute(select(RecordRow.status, func.count()).group_by(RecordRow.status))
            return {status: n for status, n in rows}

    def outbox_size(self) -> int:
        with self._unit() as s:
            return s.scalar(select(func.count()).select_from(OutboxRow)) or 0

    def purge_acknowledged(self, older_than_days: float, actor: str) -> int:
        """After the central server acknowledged a record and the retention passed: delete its photos and
        biodata from this laptop. The sealed summary (name, NIK) and the receipt fields stay for reprints."""
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=older_than_days)).isoformat(timespec="milliseconds")
        with self._unit() as s:
            rows = list(
                s.scalars(
                    select(RecordRow).where(
                        RecordRow.status == RecordStatus.ACKNOWLEDGED.value,
                        RecordRow.acked_at <= cutoff,
                        RecordRow.biodata_enc.is_not(None),
                    )
                )
            )
            for row in rows:
                for p in s.scalars(select(PhotoRow).where(PhotoRow.record_uuid == row.uuid)):
                    s.delete(p)
                row.biodata_enc = None
                row.quality = "{}"
                self._audit(s, actor, "purged", row.uuid, {"retention_days": older_than_days})
        return len(rows)

    # --- audit trail ----------------------------------------------------------------------------
    def _audit(self, s: Session, actor: str, action: str, record_uuid: str | None, detail: dict) -> None:
        append_audit(s, actor, action, record_uuid, detail)

    def audit(self, actor: str, action: str, record_uuid: str | None = None, detail: dict | None = None) -> None:
        with self._unit() as s:
            append_audit(s, actor, action, record_uuid, detail or {})

    def audit_after(self, seq: int, limit: int = 1000) -> list[dict]:
        """Entries not yet sent to the central server (they carry no personal data)."""
        with self._unit() as s:
            rows = s.scalars(select(AuditRow).where(AuditRow.id > seq).order_by(AuditRow.id).limit(limit))
            return [
                {
                    "seq": r.id,
                    "at": r.at,
                    "actor": r.actor,
                    "action": r.action,
                    "record_uuid": r.record_uuid,
                    "detail": r.detail,
                    "prev_hash": r.prev_hash,
                    "hash": r.hash,
                }
                for r in rows
            ]

    def verify_audit(self) -> AuditCheck:
        with self._unit() as s:
            return verify_chain(s.scalars(select(AuditRow).order_by(AuditRow.id)))

    def integrity_check(self) -> str:
        """'ok', or what SQLite found wrong: an answer, not an exception, so admins can read it."""
        try:
            with self.engine.connect() as conn:
                return "\n".join(r[0] for r in conn.execute(text("PRAGMA integrity_check")))
        except saexc.DBAPIError as err:
            return str(err.orig)
