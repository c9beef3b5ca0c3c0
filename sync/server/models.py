"""Central tables. Photos are content-addressed: stored once per SHA-256, however many times sent.

The schema is made by the migrations in sync/server/migrations (sync.server.db), never by create_all; a test
checks that these classes and the migrated database agree, on SQLite and on PostgreSQL. Lengths are declared
where the server computes or validates the value; what a station sends unbounded is stored unbounded, because
PostgreSQL enforces lengths that SQLite ignores.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class StationRow(Base):
    __tablename__ = "stations"

    station_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kecamatan: Mapped[str] = mapped_column(String(16))
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)  # the bearer key itself is never stored
    registered_at: Mapped[str] = mapped_column(String(32))
    signing_public_key: Mapped[str | None] = mapped_column(String, nullable=True)  # base64 Ed25519
    status_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")  # last change_seq given


class BlobRow(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class BlobPartRow(Base):
    """The bytes of a blob received so far, when its upload was cut: the next upload resumes from here."""

    __tablename__ = "blob_parts"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[str] = mapped_column(String(32))


class CentralRecordRow(Base):
    """A record is (origin, uuid): filed under the station that accepted and signed it, whoever carried it. A uuid
    held by one station says nothing about, and takes nothing from, another station's record with the same uuid."""

    __tablename__ = "central_records"
    __table_args__ = (Index("ix_central_nik", "nik"), Index("ix_central_changes", "origin", "change_seq"))

    origin: Mapped[str] = mapped_column(ForeignKey("stations.station_id"), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    carrier: Mapped[str] = mapped_column(String(32))  # who delivered it: the origin, another station, a bundle
    origin_signature: Mapped[str] = mapped_column(String(100))  # the origin's, over domain.payload.origin_message
    payload_sha256: Mapped[str] = mapped_column(String(64))
    nik: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # biodata + quality + photo hashes, JSON
    ack_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # received | rejected | printed
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    flags: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the centre's own: duplicate_nik
    change_seq: Mapped[int] = mapped_column(BigInteger)  # the origin's status_seq at its last change (status feed)


class CentralAuditRow(Base):
    """Each station's audit chain, as it sent it; idempotent on (station, seq), chain checked on arrival."""

    __tablename__ = "central_audit"

    station_id: Mapped[str] = mapped_column(ForeignKey("stations.station_id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String)
    actor: Mapped[str] = mapped_column(String)
    action: Mapped[str] = mapped_column(String)
    record_uuid: Mapped[str | None] = mapped_column(String, nullable=True)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String)
    hash: Mapped[str] = mapped_column(String)


class FingerTemplateRow(Base):
    """A received record's fingerprints as the deduplication engine reads them (sync/server/dedup)."""

    __tablename__ = "finger_templates"
    __table_args__ = (
        ForeignKeyConstraint(["record_origin", "record_uuid"], ["central_records.origin", "central_records.uuid"]),
    )

    record_origin: Mapped[str] = mapped_column(String(32), primary_key=True)  # the record is (origin, uuid)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)  # ISO/IEC 19794-2: 1-10
    minutiae: Mapped[bytes] = mapped_column(LargeBinary)  # Minutiae.to_bytes()
    descriptor_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    descriptors: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # float16, saves a restart


class DedupResultRow(Base):
    """The outcome of a record's 1:N search: PRR, or DUP naming the record(s) it matched."""

    __tablename__ = "dedup_results"
    __table_args__ = (
        ForeignKeyConstraint(["record_origin", "record_uuid"], ["central_records.origin", "central_records.uuid"]),
    )

    record_origin: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    decision: Mapped[str] = mapped_column(String(8))  # PRR | DUP
    matched_origin: Mapped[str | None] = mapped_column(String(32), nullable=True)
    matched_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)  # the best match, for DUP
    detail: Mapped[str] = mapped_column(Text)  # JSON: every match and candidate with its Bozorth3 scores
    gallery_records: Mapped[int] = mapped_column(BigInteger)
    searched_at: Mapped[str] = mapped_column(String(32))


class RegistrationCodeRow(Base):
    """A one-time registration code, bound to one station id (`python -m sync.server issue-code`). Only its SHA-256
    is kept. `rekey`: the admin allows it to replace an existing station's keys."""

    __tablename__ = "registration_codes"

    code_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(32), index=True)
    rekey: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32))
    used_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    used_signing_key: Mapped[str | None] = mapped_column(String(64), nullable=True)


class StationKeyHistoryRow(Base):
    """Every signing key a station stopped using, and how it was replaced: a key is never replaced silently."""

    __tablename__ = "station_key_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(32), index=True)
    signing_public_key: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the key replaced
    registered_at: Mapped[str] = mapped_column(String(32))
    replaced_at: Mapped[str] = mapped_column(String(32))
    how: Mapped[str] = mapped_column(String(32))  # "admin code (rekey)"


class AuditBreakRow(Base):
    """A station's audit entry the centre refused: a gap, a made-up prev_hash, a wrong hash, or an entry already
    held sent again with other content. Shown by `python -m sync.server audit-breaks`. The same break sent again
    is counted, not stored twice."""

    __tablename__ = "central_audit_breaks"
    __table_args__ = (UniqueConstraint("station_id", "seq", "kind", "sent_hash", name="uq_audit_break"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))  # gap | prev_hash | hash | changed
    held_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)  # what the centre holds or expected
    sent_hash: Mapped[str] = mapped_column(String(64))  # what the station sent
    first_seen_at: Mapped[str] = mapped_column(String(32))
    last_seen_at: Mapped[str] = mapped_column(String(32))
    times: Mapped[int] = mapped_column(Integer, default=1)


from sync.server.dinas import models as _dinas_models  # noqa: E402,F401  (the Dinas tables join Base.metadata)
