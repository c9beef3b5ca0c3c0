"""The audit trail in the station database: append-only, hash-chained (station.domain.audit_chain), anchored at
the central server. Details carry no personal data (record UUIDs, check names, counts): the log travels to the
central server with the records.

Ids are never reused (AUTOINCREMENT, migration 0005): deleting the newest entries and writing new ones cannot
give the new ones the old numbers. The anchor is the head the centre acknowledged (sequence number and hash);
verify() checks the chain and then that this entry is still here, unchanged.
"""

from __future__ import annotations

import json

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from station.domain.audit_chain import GENESIS, AuditCheck, entry_hash, verify_anchor, verify_chain
from station.domain.clock import Clock
from station.storage.models import AuditRow
from station.storage.rows import read_json, write_json

SENT_UPTO = "audit_sent_upto"
ANCHOR = "audit_anchor"
# Entries that carry the whole roster (name -> role) as the services left it; the older first_start and
# user_added entries (before rosters were audited) carry one account each.
ROSTER_ACTIONS = ("first_start", "user_added", "password_reset", "password_recovered", "key_rewrapped", "roster_fixed")


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

    def append_many(self, actor: str, entries: list[tuple[str, str | None, dict]]) -> None:
        """append() for each (action, record_uuid, detail), in one INSERT: a sync batch moves hundreds of records,
        and an ORM object each cost the station more than the centre spent storing them."""
        if not entries:
            return
        self._s.flush()  # entries appended one by one before these keep the lower ids
        prev = self._head or self._s.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)) or GENESIS
        at, rows = self._clock.stamp(), []
        for action, record_uuid, detail in entries:
            text = json.dumps(detail or {}, sort_keys=True, ensure_ascii=False)
            head = entry_hash(prev, at, actor, action, record_uuid, text)
            rows.append(
                {
                    "at": at,
                    "actor": actor,
                    "action": action,
                    "record_uuid": record_uuid,
                    "detail": text,
                    "prev_hash": prev,
                    "hash": head,
                }
            )
            prev = head
        self._s.execute(insert(AuditRow), rows)
        self._head = prev

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

    def last_roster(self) -> tuple[int, dict[str, str]] | None:
        """(entry id, name -> role) as the audit trail last recorded it, or None when it never did."""
        stmt = select(AuditRow.id, AuditRow.actor, AuditRow.action, AuditRow.detail).where(
            AuditRow.action.in_(ROSTER_ACTIONS)
        )
        rows = list(self._s.execute(stmt.order_by(AuditRow.id.desc())))
        roster: dict[str, str] = {}
        for entry_id, _actor, _action, text in rows:
            detail = _detail(text)
            if isinstance(detail.get("roster"), dict):
                return entry_id, {str(k): str(v) for k, v in detail["roster"].items()}
        for _id, actor, action, text in reversed(rows):  # only entries from before rosters were audited
            detail = _detail(text)
            if action == "first_start":
                roster[actor] = str(detail.get("role", "supervisor"))
            elif action == "user_added" and detail.get("user"):
                roster[str(detail["user"])] = str(detail.get("role", "operator"))
        return (rows[0][0], roster) if roster else None

    def verify(self) -> AuditCheck:
        check = verify_chain(self._s.scalars(select(AuditRow).order_by(AuditRow.id)))
        anchored = self.anchor()
        hash_at = self._s.scalar(select(AuditRow.hash).where(AuditRow.id == anchored[0])) if anchored else None
        return verify_anchor(check, anchored, hash_at)

    def sent_upto(self) -> int:
        return int(read_json(self._s, SENT_UPTO, 0))

    def set_sent_upto(self, seq: int) -> None:
        write_json(self._s, SENT_UPTO, seq)

    def anchor(self) -> tuple[int, str] | None:
        value = read_json(self._s, ANCHOR)
        return (int(value["seq"]), str(value["hash"])) if value else None

    def set_anchor(self, seq: int, hash_: str) -> None:
        """The centre holds the chain up to seq, whose hash is hash_: the station may forget nothing before it."""
        if seq > 0:
            write_json(self._s, ANCHOR, {"seq": seq, "hash": hash_})
        self.set_sent_upto(seq)


def _detail(text: str) -> dict:
    try:
        detail = json.loads(text)
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}
