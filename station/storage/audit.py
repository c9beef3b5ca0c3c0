"""The audit trail in the station database: append-only, hash-chained (station.domain.audit_chain).
Details carry no personal data (record UUIDs, check names, counts): the log travels to the central
server with the records."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.domain.audit_chain import GENESIS, AuditCheck, entry_hash, verify_chain
from station.storage.models import AuditRow

__all__ = ["AuditCheck", "append_audit", "verify_chain"]


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
            hash=entry_hash(prev, at, actor, action, record_uuid, text),
        )
    )
