"""Records: batches in, each answered on its own and committed before the answer leaves; where a station's own
records stand, as a feed of changes read by cursor."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from sync.server.deps import Central, central, station_of
from sync.server.intake import Intake
from sync.server.models import CentralRecordRow, DedupResultRow, StationRow
from sync.server.schemas import Batch, BatchAck, RecordStatusOut, StatusChange, StatusChanges, UuidStr

router = APIRouter()


@router.post("/records", response_model=BatchAck)
def upload(batch: Batch, station_id: str = Depends(station_of), c: Central = Depends(central)) -> BatchAck:
    """Store a batch in one transaction; each record is answered on its own. The authenticated station is the
    carrier; each record is filed under its origin once the origin's signature holds (sync.server.intake)."""
    for attempt in range(6):
        try:
            with c.unit() as s:
                intake = Intake(s, batched=True)
                intake.prefetch(batch.records)
                results = [intake.store(station_id, r) for r in batch.records]
                intake.finish()
            return BatchAck(results=results)
        except (IntegrityError, OperationalError):  # two carriers racing on one record, or the writer lock: read again
            time.sleep(0.02 * (attempt + 1))
    raise HTTPException(503, "busy, try again")


def _duplicates(s, origin: str, uuids: list[str]) -> dict[str, str]:
    """record uuid -> the uuid of the record its fingers matched, for this origin's records the dedup worker found
    DUP."""
    if not uuids:
        return {}
    rows = s.execute(
        select(DedupResultRow.record_uuid, DedupResultRow.matched_uuid).where(
            DedupResultRow.record_origin == origin,
            DedupResultRow.record_uuid.in_(uuids),
            DedupResultRow.decision == "DUP",
        )
    )
    return {u: m for u, m in rows}


@router.get("/records/changes", response_model=StatusChanges)
def changes(
    after: int = Query(0, ge=0, le=2**62),
    limit: int = Query(1000, ge=1, le=5000),
    station_id: str = Depends(station_of),
    c: Central = Depends(central),
) -> StatusChanges:
    """This station's records (as their origin) whose status changed after the cursor `after`, oldest change
    first. One indexed query; when nothing changed the answer is empty and the cursor stays."""

    with c.unit() as s:
        rows = s.execute(
            select(
                CentralRecordRow.uuid,
                CentralRecordRow.status,
                CentralRecordRow.reason,
                CentralRecordRow.ack_id,
                CentralRecordRow.change_seq,
            )
            .where(CentralRecordRow.origin == station_id, CentralRecordRow.change_seq > after)
            .order_by(CentralRecordRow.change_seq)
            .limit(limit)
        ).all()
        if rows:
            cursor = rows[-1].change_seq
        else:  # nothing new; a cursor from another database (restored from a backup) is brought back in range
            cursor = min(after, s.scalar(select(StationRow.status_seq).where(StationRow.station_id == station_id)) or 0)
        dups = _duplicates(s, station_id, [r.uuid for r in rows if r.status == "duplicate"])
    changed = [
        StatusChange(uuid=u, status=st, reason=why, ack_id=ack, duplicate_of=dups.get(u)) for u, st, why, ack, _ in rows
    ]
    return StatusChanges(changes=changed, cursor=cursor, more=len(rows) == limit)


@router.get("/records/{uuid}", response_model=RecordStatusOut)
def record_status(
    uuid: UuidStr, station_id: str = Depends(station_of), c: Central = Depends(central)
) -> RecordStatusOut:
    """One of this station's own records (it is their origin); a record it only carried is not its to ask about."""
    with c.unit() as s:
        row = s.get(CentralRecordRow, (station_id, uuid[:36]))
        if row is None:
            raise HTTPException(404, "not received")
        return RecordStatusOut(
            uuid=row.uuid,
            origin=row.origin,
            status=row.status,
            reason=row.reason,
            ack_id=row.ack_id,
            received_at=row.received_at,
            duplicate_of=_duplicates(s, row.origin, [row.uuid]).get(row.uuid),
        )
