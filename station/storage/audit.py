"""The audit trail in the station database: append-only, hash-chained (station.domain.audit_chain).
Details carry no personal data (record UUIDs, check names, counts): the log travels to the central
server with the records."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.domain.audit_chain import GENESIS, AuditCheck, entry_hash, verify_chain
from station.domain.clock import Clock
from station.storage.models import AuditRow
from station.storage.rows import read_json, write_json

SENT_UPTO = "audit_sent_upto"


class AuditRepository:
    def __init__(self, session: Session, clock: Clock) -> None:
        self._s, self._clock = session, clock
        self._head: str | None = None  # the newest hash this transaction wrote (one writer holds the file)

    def append(self, actor: str, action: str, record_uuid: str | None = None, detail: dict | None = None) -> None:
        """Inside the caller's transaction: the entry and the change it records commit together."""
        prev = self._head or self._s.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)) or GENESIS
        at = self._clock.stamp()
        text = json.dumps(detail or {}, sort_keys=True, ensure_ascii=False)
        self._s.add(
            AuditRow(
                at=at,
                actor=actor,
                action=action,
                record_uuid=record_uuid,
                detail=text,
                prev_hash=prev,
                hash=(head := entry_hash(prev, at, actor, action, record_uuid, text)),
            )
        )
        self._head = head

    def after(self, seq: int, limit: int = 1000) -> list[dict]:
        """Entries after seq, oldest first, as they travel to the central server."""
        rows = self._s.scalars(select(AuditRow).where(AuditRow.id > seq).order_by(AuditRow.id).limit(limit))
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

    def verify(self) -> AuditCheck:
        return verify_chain(self._s.scalars(select(AuditRow).order_by(AuditRow.id)))

    def sent_upto(self) -> int:
        return int(read_json(self._s, SENT_UPTO, 0))

    def set_sent_upto(self, seq: int) -> None:
        write_json(self._s, SENT_UPTO, seq)
