"""The deduplication engine's rows in the central database, and the worker that moves records through it.

Intake saves a record's fingers (`save_fingers`, in the same transaction as the record). One dedup worker
per database holds the index in memory (`load_index` at start: every record already decided) and takes the
undecided records oldest first (`run_pending`): search 1:N, write the decision, move the record from
`received` to `print_ready` (PRR) or `duplicate` (DUP; the reason names the match), enrol the record. Oldest
first means the first copy of a person is enrolled before a later copy is searched, so the later one is the
DUP and names the earlier. The worker stores each finger's descriptors beside its minutiae (float16), so a
restart reads them instead of describing every finger again (about 3 ms a finger).

The API processes stay stateless: only the worker keeps an index. Nothing personal goes into a result:
record ids and scores only. A record is (origin, uuid) (sync.server.intake); in the index it is named
"origin/uuid" (`record_key`), which no station id or uuid can make ambiguous. A move to print_ready or
duplicate takes the origin's next change number (sync.server.changes), so the station hears of it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

import numpy as np
from sqlalchemy import Engine, exists, select
from sqlalchemy.orm import Session

from sync.server.changes import set_status
from sync.server.dedup.descriptors import DIM, SLOTS, VERSION, describe
from sync.server.dedup.index import POSITIONS, DedupConfig, DedupIndex, SearchResult
from sync.server.dedup.minutiae import Minutiae
from sync.server.models import CentralRecordRow, DedupResultRow, FingerTemplateRow

LOAD_BATCH = 5000  # records enrolled per batch when the worker starts


def record_key(origin: str, uuid: str) -> str:
    """The index's name for the record (origin, uuid)."""
    return f"{origin}/{uuid}"


def split_key(key: str) -> tuple[str, str]:
    origin, _, uuid = key.rpartition("/")
    return origin, uuid


def save_fingers(s: Session, origin: str, uuid: str, fingers: Mapping[int, Minutiae]) -> None:
    """At intake: keep the record's fingers (ISO finger position -> minutiae) for the dedup worker."""
    if not set(fingers) <= set(POSITIONS):
        raise ValueError(f"posisi jari harus 1-10: {sorted(fingers)}")
    for position, m in sorted(fingers.items()):
        if len(m):
            s.add(FingerTemplateRow(record_origin=origin, record_uuid=uuid, position=position, minutiae=m.to_bytes()))


def _pack(desc: np.ndarray) -> bytes:
    return desc.astype(np.float16).tobytes()


def _unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(data, np.float16).astype(np.float32).reshape(SLOTS, DIM)


def load_index(engine: Engine, config: DedupConfig | None = None) -> DedupIndex:
    """An index of every record that already has a decision (the worker's state after a restart)."""
    index = DedupIndex(config)
    decided = exists().where(
        DedupResultRow.record_origin == FingerTemplateRow.record_origin,
        DedupResultRow.record_uuid == FingerTemplateRow.record_uuid,
    )
    query = (
        select(FingerTemplateRow)
        .where(decided)
        .order_by(FingerTemplateRow.record_origin, FingerTemplateRow.record_uuid, FingerTemplateRow.position)
        .execution_options(yield_per=LOAD_BATCH * 10)
    )
    batch: list[tuple[str, dict[int, Minutiae]]] = []
    desc: list[np.ndarray | None] = []
    with Session(engine) as s:
        for row in s.scalars(query):
            key = record_key(row.record_origin, row.record_uuid)
            if not batch or batch[-1][0] != key:
                if len(batch) >= LOAD_BATCH:
                    _enrol(index, batch, desc)
                    batch, desc = [], []
                batch.append((key, {}))
            batch[-1][1][row.position] = Minutiae.from_bytes(row.minutiae)
            ok = row.descriptor_version == VERSION and row.descriptors is not None
            desc.append(_unpack(row.descriptors) if ok else None)
    if batch:
        _enrol(index, batch, desc)
    return index


def _enrol(index: DedupIndex, batch: list, desc: list[np.ndarray | None]) -> None:
    flat = [m for _, fingers in batch for m in fingers.values()]
    missing = [i for i, d in enumerate(desc) if d is None]  # stored by an older descriptor version
    if missing:
        for i, d in zip(missing, describe([flat[i] for i in missing]), strict=True):
            desc[i] = d
    index.add_described(batch, np.stack(desc) if desc else np.zeros((0, SLOTS, DIM), np.float32))


def pending(engine: Engine, limit: int | None = None) -> list[tuple[str, str]]:
    """Records (origin, uuid) with fingers and no decision yet, oldest first."""
    has_fingers = exists().where(
        FingerTemplateRow.record_origin == CentralRecordRow.origin,
        FingerTemplateRow.record_uuid == CentralRecordRow.uuid,
    )
    decided = exists().where(
        DedupResultRow.record_origin == CentralRecordRow.origin, DedupResultRow.record_uuid == CentralRecordRow.uuid
    )
    query = (
        select(CentralRecordRow.origin, CentralRecordRow.uuid)
        .where(has_fingers, ~decided)
        .order_by(CentralRecordRow.received_at, CentralRecordRow.origin, CentralRecordRow.uuid)
        .limit(limit)
    )
    with Session(engine) as s:
        return [(o, u) for o, u in s.execute(query)]


def _detail(result: SearchResult) -> str:
    def cand(c):
        origin, uuid = split_key(c.record_id)
        return {"origin": origin, "record_uuid": uuid, "bozorth3": c.bozorth, "matched": c.matched}

    return json.dumps(
        {
            "matches": [cand(c) for c in result.matches],
            "candidates": [cand(c) for c in result.candidates],
            "prefilter_ms": round(result.prefilter_s * 1000, 1),
            "verify_ms": round(result.verify_s * 1000, 1),
            "bozorth3_comparisons": result.comparisons,
        },
        separators=(",", ":"),
    )


def decide(engine: Engine, index: DedupIndex, origin: str, uuid: str) -> SearchResult:
    """Search one record against the index, write its decision (one transaction), then enrol it."""
    key = record_key(origin, uuid)
    with Session(engine) as s, s.begin():
        rows = s.scalars(
            select(FingerTemplateRow).where(
                FingerTemplateRow.record_origin == origin, FingerTemplateRow.record_uuid == uuid
            )
        ).all()
        fingers = {r.position: Minutiae.from_bytes(r.minutiae) for r in rows}
        result = index.search(fingers, exclude=[key])
        matched_origin, matched_uuid = split_key(result.match.record_id) if result.match else (None, None)
        desc = describe(list(fingers.values()))
        for r, d in zip(rows, desc, strict=True):
            r.descriptor_version, r.descriptors = VERSION, _pack(d)
        s.add(
            DedupResultRow(
                record_origin=origin,
                record_uuid=uuid,
                decision=result.decision,
                matched_origin=matched_origin,
                matched_uuid=matched_uuid,
                detail=_detail(result),
                gallery_records=result.gallery_records,
                searched_at=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            )
        )
        record = s.get(CentralRecordRow, (origin, uuid))
        if record is not None and record.status == "received":  # rejected, printed stay as they are
            if result.decision == "DUP":
                set_status(s, record, "duplicate", f"sidik jari cocok dengan rekaman {matched_uuid}")
            else:
                set_status(s, record, "print_ready", record.reason)
    if key not in index:  # enrolled only once the decision is committed
        index.add_described([(key, fingers)], desc)
    return result


def run_pending(engine: Engine, index: DedupIndex, limit: int | None = None) -> dict[str, int]:
    """Decide every undecided record (oldest first); returns how many went PRR and DUP."""
    counts = {"PRR": 0, "DUP": 0}
    for origin, uuid in pending(engine, limit):
        counts[decide(engine, index, origin, uuid).decision] += 1
    return counts
