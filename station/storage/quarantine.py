"""Records whose sealed data no longer opens (a damaged disk block, a bad copy): set aside by UUID so that
one of them never stops the outbox or an export, and shown to the operator and the supervisor.

A quarantined record stays in the database and in the outbox, untouched (a restore from backup, or the
disk's own repair, may bring it back); it is only left out of what is sent and exported, with an audit entry
naming it. No personal data is kept here: the UUID, when, and which part failed to open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from station.domain.clock import Clock
from station.storage.audit import AuditRepository
from station.storage.rows import read_json, write_json

QUARANTINE = "quarantine"


@dataclass(frozen=True)
class Quarantined:
    uuid: str
    at: str  # UTC stamp
    why: str  # which sealed part failed to open (biodata, summary, quality, photo, ...)


class QuarantineRepository:
    def __init__(self, session: Session, clock: Clock, audit: AuditRepository) -> None:
        self._s, self._clock, self._audit = session, clock, audit

    def _all(self) -> dict:
        stored = read_json(self._s, QUARANTINE, {})
        return stored if isinstance(stored, dict) else {}

    def add(self, record_uuid: str, why: str) -> None:
        """Set the record aside (once: a second call changes nothing), with an audit entry naming it."""
        entries = self._all()
        if record_uuid in entries:
            return
        entries[record_uuid] = {"at": self._clock.stamp(), "why": why}
        write_json(self._s, QUARANTINE, entries)
        self._audit.append("station", "quarantined", record_uuid, {"why": why})

    def uuids(self) -> set[str]:
        return set(self._all())

    def all(self) -> list[Quarantined]:
        return [Quarantined(u, e.get("at", ""), e.get("why", "")) for u, e in sorted(self._all().items())]
