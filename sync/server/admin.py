"""What the central admin does from the server's command line (python -m sync.server ...): issue a station's
one-time registration code, see the breaks in the stations' audit trails, list the registered stations."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from sync.server.db import open_engine
from sync.server.models import AuditBreakRow, RegistrationCodeRow, StationKeyHistoryRow, StationRow
from sync.server.routes.stations import code_digest

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: read aloud and typed by an installer


class AdminError(Exception):
    """A refusal the admin reads (in Indonesian)."""


def new_code() -> str:
    """25 symbols from a 30-letter alphabet (about 122 bits), in five groups."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(25))
    return "-".join(raw[i : i + 5] for i in range(0, 25, 5))


def _sessions(database_url: str) -> sessionmaker:
    return sessionmaker(open_engine(database_url))  # migrated to the newest schema


def issue_code(database_url: str, station_id: str, rekey: bool = False, valid_days: float = 7.0) -> str:
    """A one-time code for station_id, shown once (only its SHA-256 is kept). A station that is registered already
    gets one only with rekey=True: its keys will then be replaced by whoever registers with the code."""
    sessions = _sessions(database_url)
    try:
        with sessions.begin() as s:
            exists = s.get(StationRow, station_id) is not None
            if exists and not rekey:
                raise AdminError(
                    f"Stasiun {station_id} sudah terdaftar. Kode untuk mendaftar ulang (mengganti kuncinya) hanya "
                    "dengan --rekey, setelah memastikan laptop lama hilang atau diganti."
                )
            code = new_code()
            at = dt.datetime.now(dt.UTC)
            s.add(
                RegistrationCodeRow(
                    code_sha256=code_digest(code),
                    station_id=station_id,
                    rekey=rekey,
                    issued_at=at.isoformat(timespec="milliseconds"),
                    expires_at=(at + dt.timedelta(days=valid_days)).isoformat(timespec="milliseconds"),
                )
            )
        return code
    finally:
        sessions.kw["bind"].dispose()


@dataclass(frozen=True)
class AuditBreak:
    station_id: str
    seq: int
    kind: str
    held_hash: str | None
    sent_hash: str
    first_seen_at: str
    last_seen_at: str
    times: int


def audit_breaks(database_url: str, station_id: str | None = None) -> list[AuditBreak]:
    sessions = _sessions(database_url)
    try:
        with sessions() as s:
            q = select(AuditBreakRow).order_by(AuditBreakRow.first_seen_at, AuditBreakRow.id)
            if station_id:
                q = q.where(AuditBreakRow.station_id == station_id)
            return [
                AuditBreak(
                    r.station_id, r.seq, r.kind, r.held_hash, r.sent_hash, r.first_seen_at, r.last_seen_at, r.times
                )
                for r in s.scalars(q)
            ]
    finally:
        sessions.kw["bind"].dispose()


def stations(database_url: str) -> list[dict]:
    """Registered stations, with their signing key and how many keys each has had replaced."""
    sessions = _sessions(database_url)
    try:
        with sessions() as s:
            replaced = dict(
                s.execute(
                    select(StationKeyHistoryRow.station_id, func.count()).group_by(StationKeyHistoryRow.station_id)
                ).all()
            )
            return [
                {
                    "station_id": r.station_id,
                    "kecamatan": r.kecamatan,
                    "registered_at": r.registered_at,
                    "signing_public_key": r.signing_public_key,
                    "keys_replaced": replaced.get(r.station_id, 0),
                }
                for r in s.scalars(select(StationRow).order_by(StationRow.station_id))
            ]
    finally:
        sessions.kw["bind"].dispose()


KINDS = {
    "gap": "lompatan nomor (entri hilang sebelum ini)",
    "prev_hash": "prev_hash tidak menyambung ke entri terakhir yang diterima",
    "hash": "hash entri salah (isi diubah)",
    "changed": "entri yang sudah diterima dikirim lagi dengan isi lain (ditulis ulang)",
}
