"""Each station's hash-chained audit trail, as it arrives with the records.

The centre keeps each station's chain and takes only what continues it: the next sequence number, whose prev_hash
is the hash of the entry it holds last, whose own hash is right. An entry already held and sent again is a repeat
when it is the same, and a break when its content changed. Nothing that breaks the chain is stored; every break is
recorded (central_audit_breaks, `python -m sync.server audit-breaks`) and the answer says where the centre's copy
ends (upto, head_hash): the station keeps that head as its anchor.
"""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from station.domain.audit_chain import GENESIS, entry_hash
from sync.server.deps import Central, central, station_of
from sync.server.intake import now
from sync.server.models import AuditBreakRow, CentralAuditRow
from sync.server.schemas import AuditAck, AuditBatch, AuditEntry, AuditRefusal

router = APIRouter()
log = logging.getLogger("sync.server.audit")


@router.post("/audit", response_model=AuditAck)
def upload_audit(batch: AuditBatch, station_id: str = Depends(station_of), c: Central = Depends(central)) -> AuditAck:
    for attempt in range(6):  # the same station sending twice at once: the loser re-reads and sees repeats
        try:
            with c.unit() as s:
                return _take(s, station_id, sorted(batch.entries, key=lambda e: e.seq))
        except (IntegrityError, OperationalError):
            time.sleep(0.02 * (attempt + 1))  # let the winner commit (SQLite's writer lock)
    raise HTTPException(503, "busy, try again")


def _take(s: Session, station_id: str, entries: list[AuditEntry]) -> AuditAck:
    last = s.scalar(  # limit(1): an ORM query reads every row it selects before scalar() takes the first
        select(CentralAuditRow)
        .where(CentralAuditRow.station_id == station_id)
        .order_by(CentralAuditRow.seq.desc())
        .limit(1)
    )
    head, head_hash = (last.seq, last.hash) if last else (0, GENESIS)
    refused: list[AuditRefusal] = []
    taken: dict[int, AuditEntry] = {}  # inserted in one statement at the end (an ORM object each cost ~40%)
    for e in entries:
        if e.seq <= head:
            held = taken.get(e.seq) or s.get(CentralAuditRow, (station_id, e.seq))
            if held is None or _same(held, e):
                continue  # a repeat
            refused.append(_break(s, station_id, e, "changed", held.hash))
            continue
        if e.seq > head + 1:
            refused.append(_break(s, station_id, e, "gap", None))
            break
        if e.prev_hash != head_hash:
            refused.append(_break(s, station_id, e, "prev_hash", head_hash))
            break
        if entry_hash(e.prev_hash, e.at, e.actor, e.action, e.record_uuid, e.detail) != e.hash:
            refused.append(_break(s, station_id, e, "hash", None))
            break
        taken[e.seq] = e
        head, head_hash = e.seq, e.hash
    if taken:
        s.execute(insert(CentralAuditRow), [dict(e.model_dump(), station_id=station_id) for e in taken.values()])
    s.flush()
    return AuditAck(stored=len(taken), upto=head, head_hash=head_hash, chain_ok=not refused, refused=refused)


def _same(held: CentralAuditRow | AuditEntry, e: AuditEntry) -> bool:
    return (held.at, held.actor, held.action, held.record_uuid, held.detail, held.prev_hash, held.hash) == (
        e.at,
        e.actor,
        e.action,
        e.record_uuid,
        e.detail,
        e.prev_hash,
        e.hash,
    )


def _break(s: Session, station_id: str, e: AuditEntry, kind: str, held_hash: str | None) -> AuditRefusal:
    """Record a break once (the same one sent again is counted), and log it without the entry's content."""
    at = now()
    row = s.scalar(
        select(AuditBreakRow).where(
            AuditBreakRow.station_id == station_id,
            AuditBreakRow.seq == e.seq,
            AuditBreakRow.kind == kind,
            AuditBreakRow.sent_hash == e.hash,
        )
    )
    if row is None:
        s.add(
            AuditBreakRow(
                station_id=station_id,
                seq=e.seq,
                kind=kind,
                held_hash=held_hash,
                sent_hash=e.hash,
                first_seen_at=at,
                last_seen_at=at,
                times=1,
            )
        )
        log.warning("audit chain break station=%s seq=%d kind=%s", station_id, e.seq, kind)
    else:
        row.times += 1
        row.last_seen_at = at
    return AuditRefusal(seq=e.seq, why=kind)
