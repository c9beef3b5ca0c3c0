"""Records: batches in, each answered on its own; where a station's records stand now."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sync.server.deps import Central, central, station_of
from sync.server.intake import store_record
from sync.server.models import CentralRecordRow, DedupResultRow
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


def _status(r: CentralRecordRow, duplicate_of: str | None = None) -> RecordStatusOut:
    return RecordStatusOut(
        uuid=r.uuid,
        status=r.status,
        reason=r.reason,
        ack_id=r.ack_id,
        received_at=r.received_at,
        duplicate_of=duplicate_of,
    )


def _duplicates(s, uuids: list[str]) -> dict[str, str]:
    """record uuid -> the record its fingers matched, for those the dedup worker found DUP."""
    rows = s.execute(
        select(DedupResultRow.record_uuid, DedupResultRow.matched_uuid).where(
            DedupResultRow.record_uuid.in_(uuids), DedupResultRow.decision == "DUP"
        )
    )
    return {u: m for u, m in rows}


@router.post("/records/status", response_model=list[RecordStatusOut])
def record_statuses(
    uuids: list[UuidStr], station_id: str = Depends(station_of), c: Central = Depends(central)
) -> list[RecordStatusOut]:
    """Where this station's records stand now (received, print_ready, duplicate, duplicate_nik, rejected,
    printed), in one call."""
    with c.unit() as s:
        rows = s.scalars(
            select(CentralRecordRow).where(
                CentralRecordRow.uuid.in_(uuids[:1000]), CentralRecordRow.station_id == station_id
            )
        ).all()
        dups = _duplicates(s, [r.uuid for r in rows])
        return [_status(r, dups.get(r.uuid)) for r in rows]


@router.get("/records/{uuid}", response_model=RecordStatusOut)
def record_status(
    uuid: UuidStr, station_id: str = Depends(station_of), c: Central = Depends(central)
) -> RecordStatusOut:
    with c.unit() as s:
        row = s.get(CentralRecordRow, uuid)
        if row is None or row.station_id != station_id:
            raise HTTPException(404, "not received")
        return _status(row, _duplicates(s, [uuid]).get(uuid))
