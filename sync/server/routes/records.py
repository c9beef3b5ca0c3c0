"""Records: batches in, each answered on its own; where a station's records stand now."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sync.server.deps import Central, central, station_of
from sync.server.intake import store_record
from sync.server.models import CentralRecordRow
from sync.server.schemas import Batch, BatchAck, RecordStatusOut, UuidStr

router = APIRouter()


@router.post("/records", response_model=BatchAck)
def upload(batch: Batch, station_id: str = Depends(station_of), c: Central = Depends(central)) -> BatchAck:
    """Store a batch; each record is answered on its own and committed before the answer leaves."""
    results = []
    for r in batch.records:
        for _ in range(3):  # two stations racing on the same UUID: the loser re-reads and answers
            try:
                with c.unit() as s:
                    results.append(store_record(s, station_id, r))
                break
            except IntegrityError:
                continue
        else:
            raise HTTPException(503, "busy, try again")
    return BatchAck(results=results)


def _status(r: CentralRecordRow) -> RecordStatusOut:
    return RecordStatusOut(uuid=r.uuid, status=r.status, reason=r.reason, ack_id=r.ack_id, received_at=r.received_at)


@router.post("/records/status", response_model=list[RecordStatusOut])
def record_statuses(
    uuids: list[UuidStr], station_id: str = Depends(station_of), c: Central = Depends(central)
) -> list[RecordStatusOut]:
    """Where this station's records stand now (received, duplicate_nik, rejected, printed), in one call."""
    with c.unit() as s:
        rows = s.scalars(
            select(CentralRecordRow).where(
                CentralRecordRow.uuid.in_(uuids[:1000]), CentralRecordRow.station_id == station_id
            )
        )
        return [_status(r) for r in rows]


@router.get("/records/{uuid}", response_model=RecordStatusOut)
def record_status(
    uuid: UuidStr, station_id: str = Depends(station_of), c: Central = Depends(central)
) -> RecordStatusOut:
    with c.unit() as s:
        row = s.get(CentralRecordRow, uuid)
        if row is None or row.station_id != station_id:
            raise HTTPException(404, "not received")
        return _status(row)
