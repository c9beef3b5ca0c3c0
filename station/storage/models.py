"""Tables. Kept inside storage/: nothing above it sees a Session or an ORM row."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class RecordRow(Base):
    __tablename__ = "records"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)  # the sync key, never changes
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[str] = mapped_column(String(32))  # UTC ISO-8601
    updated_at: Mapped[str] = mapped_column(String(32))
    station_id: Mapped[str] = mapped_column(String(32))
    operator: Mapped[str] = mapped_column(String(64))
    nik_index: Mapped[str | None] = mapped_column(String(64), index=True)  # keyed hash (crypto.DataKey.index)
    summary_enc: Mapped[bytes | None] = mapped_column(LargeBinary)  # sealed {"nik", "nama"} for lists and search
    biodata_enc: Mapped[bytes | None] = mapped_column(LargeBinary)  # sealed JSON of domain.enrolment.Enrolment
    # Plaintext columns of schema 0001-0003: emptied (sealed) at the first unlock, never written again.
    nik: Mapped[str | None] = mapped_column(String(16), nullable=True)
    nama: Mapped[str | None] = mapped_column(String(80), nullable=True)
    biodata: Mapped[str | None] = mapped_column(Text, nullable=True)
    quality: Mapped[str] = mapped_column(Text, default="{}")  # "enc1:" + sealed JSON: gate summary + waiver
    payload_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ack_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the central server's receipt
    acked_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    server_status: Mapped[str | None] = mapped_column(String(32), nullable=True)  # e.g. duplicate_nik, printed
    server_reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # "enc1:" + sealed: why it was refused
    # Ed25519 by the origin station (station_id) over domain.payload.origin_message, base64: made at acceptance,
    # travels with the record (network and bundles); the centre files the record under the origin it proves.
    origin_signature: Mapped[str | None] = mapped_column(String(88), nullable=True)


class PhotoRow(Base):
    __tablename__ = "photos"
    __table_args__ = (Index("ix_photos_record_kind", "record_uuid", "kind", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(ForeignKey("records.uuid", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # "crop" (ID photo) or "frame" (full camera frame)
    mime: Mapped[str] = mapped_column(String(32), default="image/jpeg")
    sha256: Mapped[str] = mapped_column(String(64))  # of the JPEG itself (the sync digest needs it)
    data: Mapped[bytes] = mapped_column(LargeBinary)  # sealed JPEG
    sealed: Mapped[int] = mapped_column(Integer, default=1)


class OutboxRow(Base):
    """Written in the same transaction as the record it carries (outbox pattern)."""

    __tablename__ = "outbox"

    record_uuid: Mapped[str] = mapped_column(ForeignKey("records.uuid", ondelete="CASCADE"), primary_key=True)
    enqueued_at: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    deferred_at: Mapped[str | None] = mapped_column(String(32), nullable=True)  # when next_attempt_at was set
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # when it last left on a USB bundle: it still waits for the centre's word, but the operator knows it is on its way
    exported_at: Mapped[str | None] = mapped_column(String(32), nullable=True)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class TicketRow(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_date: Mapped[str] = mapped_column(String(10))  # ISO date
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)  # why it was cancelled (no personal data)


class AuditRow(Base):
    """Append-only, hash-chained: hash = SHA-256(prev_hash + the entry). No personal data in detail. AUTOINCREMENT:
    an id is never given twice, even after the newest entries were deleted."""

    __tablename__ = "audit"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    detail: Mapped[str] = mapped_column(Text)  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class BiometricRow(Base):
    """One biometric blob of a record (ISO/IEC 19794 records, signature, exception proof photos), sealed and bound
    to its record and kind like a photo. What the blobs mean (qualities, exceptions, who confirmed) is in the
    record's sealed quality summary under "biometrics"."""

    __tablename__ = "biometrics"
    __table_args__ = (Index("ix_biometrics_record_kind", "record_uuid", "kind", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(ForeignKey("records.uuid", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # e.g. bio_fp_02, bio_iris_r, bio_sig_png (domain.biometric_blobs)
    mime: Mapped[str] = mapped_column(String(48))
    sha256: Mapped[str] = mapped_column(String(64))  # of the blob itself (the sync digest needs it)
    data: Mapped[bytes] = mapped_column(LargeBinary)  # sealed
