"""Each station's hash-chained audit trail, as it arrives with the records."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from station.domain.audit_chain import verify_chain
from sync.server.deps import Central, central, station_of
from sync.server.models import CentralAuditRow
from sync.server.schemas import AuditAck, AuditBatch, AuditEntry

router = APIRouter()


class AuditView:
    """An uploaded entry seen as the station's audit row, to re-check its hash with the same code."""

    def __init__(self, e: AuditEntry) -> None:
        self.id, self.at, self.actor, self.action = e.seq, e.at, e.actor, e.action
        self.record_uuid, self.detail, self.prev_hash, self.hash = e.record_uuid, e.detail, e.prev_hash, e.hash


@router.post("/audit", response_model=AuditAck)
def upload_audit(batch: AuditBatch, station_id: str = Depends(station_of), c: Central = Depends(central)) -> AuditAck:
    """A repeat is stored once; an entry that does not continue the chain is reported (chain_ok false). Two
    uploads of the same entries at once (two loops of one station) both get their answer: the loser reads again."""
    for attempt in range(6):
        try:
            return _store(batch, station_id, c)
        except (IntegrityError, OperationalError):
            time.sleep(0.02 * (attempt + 1))
    raise HTTPException(503, "busy, try again")


def _store(batch: AuditBatch, station_id: str, c: Central) -> AuditAck:
    stored, chain_ok, upto = 0, True, 0
    entries = sorted(batch.entries, key=lambda e: e.seq)
    if not entries:
        return AuditAck(stored=0, upto=0, chain_ok=True)
    with c.unit() as s:
        around = select(CentralAuditRow.seq, CentralAuditRow.hash).where(
            CentralAuditRow.station_id == station_id, CentralAuditRow.seq.between(entries[0].seq - 1, entries[-1].seq)
        )
        held = {seq: h for seq, h in s.execute(around)}  # held around this batch: one query, not two per entry
        for e in entries:
            upto = max(upto, e.seq)
            if e.seq in held:
                continue
            before = held.get(e.seq - 1)
            continues = before is None or before == e.prev_hash
            if not continues or not verify_chain([AuditView(e)], e.prev_hash).ok:
                chain_ok = False
            s.add(CentralAuditRow(station_id=station_id, **e.model_dump()))
            held[e.seq] = e.hash
            stored += 1
    return AuditAck(stored=stored, upto=upto, chain_ok=chain_ok)
