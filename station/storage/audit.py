"""The audit trail: append-only and hash-chained. Each entry's hash covers the previous entry's hash, so
deleting, editing or reordering an entry breaks the chain at that point. Details carry no personal data
(record UUIDs, check names, counts), because the log travels to the central server with the records."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.storage.models import AuditRow

GENESIS = "0" * 64


def _digest(prev: str, at: str, actor: str, action: str, record_uuid: str | None, detail: str) -> str:
    body = json.dumps([prev, at, actor, action, record_uuid, detail], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append_audit(s: Session, actor: str, action: str, record_uuid: str | None, detail: dict) -> None:
    """Inside the caller's transaction: the entry and the change it records commit together."""
    prev = s.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)) or GENESIS
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    text = json.dumps(detail, sort_keys=True, ensure_ascii=False)
    s.add(
        AuditRow(
            at=at,
            actor=actor,
            action=action,
            record_uuid=record_uuid,
            detail=text,
            prev_hash=prev,
            hash=_digest(prev, at, actor, action, record_uuid, text),
        )
    )


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    entries: int
    broken_at: int | None = None  # id of the first entry that does not fit
    why: str = ""


def verify_chain(rows: Iterable[AuditRow]) -> AuditCheck:
    prev, n = GENESIS, 0
    for row in rows:
        n += 1
        if row.prev_hash != prev:
            return AuditCheck(False, n, row.id, "rantai terputus (entri dihapus atau disisipkan)")
        if _digest(row.prev_hash, row.at, row.actor, row.action, row.record_uuid, row.detail) != row.hash:
            return AuditCheck(False, n, row.id, "isi entri diubah")
        prev = row.hash
    return AuditCheck(True, n)
