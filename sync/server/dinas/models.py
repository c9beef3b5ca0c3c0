"""The Dinas's own tables: staff accounts and sessions, print batches, the blanko ledger, collections, and the
public status page's rate-limit log. Made by migrations d0001 and d0002
(sync/server/migrations/versions/0006_dinas.py, 0007_dinas_review.py).

Records themselves stay in central_records; the Dinas adds what happens to the card after a record is
print-ready. central_records.status becomes "printed" when a card is printed (the station's PRR list reads that);
collection (DIAMBIL) lives in dinas_collections so the station, which knows only "printed", is not confused.
A record is (origin, uuid) at the centre; the office names it by uuid (what the receipt's QR carries) and refuses
a uuid that two stations hold (office.record_by_uuid) rather than guess which one is meant.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models import Base


class DinasUserRow(Base):
    __tablename__ = "dinas_users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # petugas_cetak | kepala_dinas
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, encoded with its parameters and salt
    created_at: Mapped[str] = mapped_column(String(32))
    disabled_at: Mapped[str | None] = mapped_column(String(32), nullable=True)  # no login while set (dinas-user)


class DinasSessionRow(Base):
    """A login: the browser holds the token, the server only its SHA-256 (stateless workers share this table)."""

    __tablename__ = "dinas_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("dinas_users.username"))
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[str] = mapped_column(String(32))


class PrintBatchRow(Base):
    __tablename__ = "dinas_print_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kecamatan: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(32))
    officer: Mapped[str] = mapped_column(String(64))


class PrintItemRow(Base):
    """One card in a batch: pending until the officer marks it printed or spoiled (with the reason)."""

    __tablename__ = "dinas_print_items"
    __table_args__ = (Index("ix_dinas_print_items_record", "record_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("dinas_print_batches.id"))
    record_uuid: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(12))  # pending | printed | spoiled
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    marked_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    marked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class BlankoEntryRow(Base):
    """One line of the blanko ledger: received, used, spoiled (from the print marks) or destroyed (witnessed)."""

    __tablename__ = "dinas_blanko_ledger"
    __table_args__ = (Index("ix_dinas_blanko_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD
    kind: Mapped[str] = mapped_column(String(12))  # received | used | spoiled | destroyed
    count: Mapped[int] = mapped_column(Integer)
    witness: Mapped[str | None] = mapped_column(String(120), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    officer: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(32))


class CollectionRow(Base):
    """A card handed over at the counter: who collected it, when, and which officer gave it (DIAMBIL)."""

    __tablename__ = "dinas_collections"

    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    collected_by: Mapped[str] = mapped_column(String(120))
    collected_at: Mapped[str] = mapped_column(String(32))
    officer: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str | None] = mapped_column(String(24), nullable=True)  # sendiri, or who the representative is
    proof: Mapped[str | None] = mapped_column(String(40), nullable=True)  # what the officer checked: receipt, KK
    representative_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # the representative's NIK/ID


class StatusLookupRow(Base):
    """Rate limits shared by all workers, one row per event: the public status page's lookups ("cek:" + a hash of
    the client address) and failed staff logins ("login:" + a hash of the account name)."""

    __tablename__ = "dinas_status_lookups"
    __table_args__ = (Index("ix_dinas_lookups_client", "client", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(32))


class RecordIndexRow(Base):
    """Where and when each central record was made, taken once from its JSON payload, so the PRR queue is sorted,
    counted and grouped by SQL instead of reading every payload on every page (bench/dinas.py)."""

    __tablename__ = "dinas_record_index"
    __table_args__ = (Index("ix_dinas_record_index_kec", "kecamatan", "recorded_at"),)

    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    kecamatan: Mapped[str] = mapped_column(String(16))  # PP.KK.CC of the citizen's desa, "?" when unknown
    desa: Mapped[str] = mapped_column(String(24))
    recorded_at: Mapped[str] = mapped_column(String(32))  # UTC, isoformat(timespec="microseconds"): sorts as text


class SuketRow(Base):
    """A temporary certificate (suket) issued to a citizen who waits for a blanko: who issued it, until when."""

    __tablename__ = "dinas_sukets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    issued_at: Mapped[str] = mapped_column(String(32))
    valid_until: Mapped[str] = mapped_column(String(10))
    officer: Mapped[str] = mapped_column(String(64))


class FormTokenRow(Base):
    """A form token already used (its SHA-256): each rendered form may be sent once, so a re-sent form (back
    button, double click, a replayed request) cannot record the same delivery or make the same batch twice."""

    __tablename__ = "dinas_form_tokens"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[str] = mapped_column(String(32), index=True)


class BatchDownloadRow(Base):
    """Each download of a batch's card-data PDF (full NIK, photo, signature): who, when, how many cards."""

    __tablename__ = "dinas_batch_downloads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("dinas_print_batches.id"), index=True)
    officer: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(32))
    cards: Mapped[int] = mapped_column(Integer)
