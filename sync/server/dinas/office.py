"""What the print office does, as plain functions on a database session: the PRR queue, batches, print marks,
the blanko ledger, cards ready to collect, hand-over, a receipt's stage, and the head's figures.

Which records are print-ready (PRR), `is_prr` / `_prr`: status `print_ready` (the dedup worker searched its fingers
1:N and found no match), or status `received` with no fingers at all (nothing to deduplicate: stations do not send
biometrics yet, sync/server/intake.py). A `received` record WITH fingers waits for the dedup worker and is not
printed before it decides; `duplicate`, `duplicate_nik` and `rejected` never reach the queue. A record already in
a batch (pending) or printed is not in the queue either.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from station.domain.regions import UnknownRegion, load_regions
from sync.server.changes import set_status
from sync.server.dinas.models import (
    BlankoEntryRow,
    CollectionRow,
    PrintBatchRow,
    PrintItemRow,
    RecordIndexRow,
    SuketRow,
)
from sync.server.models import CentralRecordRow, DedupResultRow, FingerTemplateRow

PRINT_READY = "print_ready"  # the dedup worker's decision (sync/server/dedup/store.py)
UNSEARCHED = "received"  # PRR only when the record carries no fingers to search
WIB = ZoneInfo("Asia/Jakarta")
TARGET_DAYS = 3  # the Dirjen's target: recorded to printed within three days
PACE_DAYS = 7  # days of use that set the pace for "days of stock left"
WARN_DAYS = 7  # warn when stock lasts fewer days than this
AGE_BUCKETS = ((0, 3, "0-3 hari"), (4, 7, "4-7 hari"), (8, 30, "8-30 hari"), (31, 10**6, "> 30 hari"))


def record_by_uuid(
    s: Session, uuid: str, missing_ok: bool = False, check: str | None = None
) -> CentralRecordRow | None:
    """The record a uuid names (the receipt's QR carries only the uuid). The centre files records as (origin, uuid):
    when two stations hold the same uuid the office does not guess; with `check` (the receipt's check value) the
    one whose payload it vouches for is meant."""
    rows = list(s.scalars(select(CentralRecordRow).where(CentralRecordRow.uuid == uuid)))
    if check is not None:
        rows = [r for r in rows if r.payload_sha256.upper().startswith(check)]
    if len(rows) > 1:
        raise OfficeError("UUID rekaman ini dipegang lebih dari satu stasiun: selesaikan di server pusat dulu.")
    if not rows and not missing_ok:
        raise OfficeError("Rekaman tidak ditemukan.")
    return rows[0] if rows else None


class OfficeError(ValueError):
    """An Indonesian message for the officer."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return now().astimezone(WIB).date()


def mask_nik(nik: str) -> str:
    """First 6 digits (the region) and last 4, the rest hidden: enough to find one's line on a posted list."""
    return nik[:6] + "*" * max(len(nik) - 10, 0) + nik[-4:] if len(nik) >= 10 else "*" * len(nik)


def region_name(code: str) -> str:
    try:
        return load_regions().get(code).name
    except UnknownRegion:
        return code


@dataclass
class Card:
    """What the card and the lists need from a record (photos by content hash in the blobs table)."""

    uuid: str
    nik: str
    biodata: dict
    photos: dict
    created_at: dt.datetime
    received_at: dt.datetime
    station_id: str
    status: str = ""

    @property
    def nama(self) -> str:
        return str(self.biodata.get("nama", ""))

    @property
    def desa(self) -> str:
        return str(self.biodata.get("desa_code", ""))

    @property
    def kecamatan(self) -> str:
        return self.desa.rsplit(".", 1)[0] if self.desa.count(".") == 3 else "?"

    @property
    def recorded_on(self) -> dt.date:
        """The day of recording at the counter, Indonesian western time (WIB)."""
        return self.created_at.astimezone(WIB).date()

    def age_days(self, on: dt.date) -> int:
        return (on - self.created_at.astimezone(WIB).date()).days


def _time(text: str | None, fallback: str) -> dt.datetime:
    try:
        t = dt.datetime.fromisoformat(text or fallback)
    except ValueError:
        t = dt.datetime.fromisoformat(fallback)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def card_of(row: CentralRecordRow) -> Card:
    p = json.loads(row.payload)
    return Card(
        row.uuid,
        row.nik,
        p.get("biodata", {}),
        {**p.get("photos", {}), **p.get("blobs", {})},  # name -> sha256 (records before and after blobs)
        _time(p.get("created_at"), row.received_at),
        _time(row.received_at, row.received_at),
        row.origin,
        row.status,
    )


def _utc(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def index_new(s: Session) -> int:
    """Read the place and time of records not indexed yet (each payload is parsed once, ever). Two workers doing
    it at once is harmless: a row already there is skipped."""
    known = select(RecordIndexRow.record_uuid).where(RecordIndexRow.record_uuid == CentralRecordRow.uuid)
    rows = s.execute(
        select(CentralRecordRow.uuid, CentralRecordRow.payload, CentralRecordRow.received_at).where(~known.exists())
    ).all()
    values = []
    for uuid, payload, received_at in rows:
        p = json.loads(payload)
        desa = str(p.get("biodata", {}).get("desa_code", ""))
        values.append(
            {
                "record_uuid": uuid,
                "kecamatan": (desa.rsplit(".", 1)[0] if desa.count(".") == 3 else "?")[:16],
                "desa": desa[:24],
                "recorded_at": _utc(_time(p.get("created_at"), received_at)),
            }
        )
    if values:
        insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        s.execute(insert(RecordIndexRow).on_conflict_do_nothing(), values)
    return len(values)


def _prr(query, kecamatan: str | None = None):
    """Restrict a query joined to RecordIndexRow and CentralRecordRow to print-ready records (NOT EXISTS, which
    PostgreSQL runs as an anti-join, where NOT IN would be a subplan per row)."""
    dup = select(DedupResultRow.record_uuid).where(
        DedupResultRow.record_origin == CentralRecordRow.origin,
        DedupResultRow.record_uuid == CentralRecordRow.uuid,
        DedupResultRow.decision == "DUP",
    )
    busy = select(PrintItemRow.record_uuid).where(
        PrintItemRow.record_uuid == CentralRecordRow.uuid, PrintItemRow.state.in_(("pending", "printed"))
    )
    fingers = select(FingerTemplateRow.record_uuid).where(
        FingerTemplateRow.record_origin == CentralRecordRow.origin,
        FingerTemplateRow.record_uuid == CentralRecordRow.uuid,
    )
    # A uuid two stations hold (a rogue station copied it from a receipt's QR) is not printed by uuid alone: the
    # office names records by uuid, so it waits for the centre to settle which record is meant (docs/dinas.md).
    other = aliased(CentralRecordRow)
    shared = select(other.uuid).where(other.uuid == CentralRecordRow.uuid, other.origin != CentralRecordRow.origin)
    ready = or_(CentralRecordRow.status == PRINT_READY, and_(CentralRecordRow.status == UNSEARCHED, ~fingers.exists()))
    query = query.where(ready, ~dup.exists(), ~busy.exists(), ~shared.exists())
    return query.where(RecordIndexRow.kecamatan == kecamatan) if kecamatan else query


def is_prr(s: Session, uuid: str) -> bool:
    """The same rule as the queue, for one record."""
    query = _prr(select(CentralRecordRow.uuid).where(CentralRecordRow.uuid == uuid))
    return s.scalar(query) is not None


def _joined(*columns):
    return (
        select(*columns)
        .select_from(RecordIndexRow)
        .join(CentralRecordRow, CentralRecordRow.uuid == RecordIndexRow.record_uuid)
    )


def prr_cards(s: Session, kecamatan: str | None = None, limit: int | None = None, indexed: bool = False) -> list[Card]:
    """Print-ready records, oldest recording first; one kecamatan (PP.KK.CC) or all; the first `limit`."""
    if not indexed:
        index_new(s)
    query = _prr(_joined(CentralRecordRow), kecamatan).order_by(RecordIndexRow.recorded_at, RecordIndexRow.record_uuid)
    return [card_of(r) for r in s.scalars(query.limit(limit))]


def queue_by_kecamatan(s: Session, shown: int = 50) -> list[tuple[str, str, int, list[Card]]]:
    """Per kecamatan, the one waiting longest first: its code, name, how many wait, and the first `shown`."""
    index_new(s)
    groups = s.execute(
        _prr(_joined(RecordIndexRow.kecamatan, func.count(), func.min(RecordIndexRow.recorded_at)))
        .group_by(RecordIndexRow.kecamatan)
        .order_by(func.min(RecordIndexRow.recorded_at))
    ).all()
    return [(kec, region_name(kec), n, prr_cards(s, kec, shown, indexed=True)) for kec, n, _oldest in groups]


_OFFICE_LOCK = 0x44494E41  # pg_advisory_xact_lock key: one batch or stock change at a time


def _one_at_a_time(s: Session) -> None:
    """Two officers (or two worker processes) must not put the same record in two batches, or both take the last
    blanks: on PostgreSQL the transaction takes an advisory lock first. SQLite is one machine with one writer."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _OFFICE_LOCK})


def free_blanks(s: Session) -> tuple[int, int]:
    """Blanks free for a new batch (stock less those promised to batches not yet marked), and that promise."""
    pending = s.scalar(select(func.count()).where(PrintItemRow.state == "pending")) or 0
    return ledger(s).stock - pending, pending


def new_batch(s: Session, kecamatan: str, size: int, officer: str) -> int:
    """The `size` oldest PRR cards of one kecamatan go into a batch; the blanko must be in stock for them."""
    if not 1 <= size <= 500:
        raise OfficeError("Jumlah kartu per batch 1 sampai 500.")
    _one_at_a_time(s)
    index_new(s)
    uuids = list(
        s.scalars(
            _prr(_joined(RecordIndexRow.record_uuid), kecamatan)
            .order_by(RecordIndexRow.recorded_at, RecordIndexRow.record_uuid)
            .limit(size)
        )
    )
    if not uuids:
        raise OfficeError("Tidak ada rekaman PRR untuk kecamatan ini.")
    free, pending = free_blanks(s)
    if free < len(uuids):
        raise OfficeError(
            f"Blanko yang tersedia {max(free, 0)} (stok dikurangi {pending} kartu dalam batch yang belum ditandai), "
            f"tidak cukup untuk {len(uuids)} kartu. Catat penerimaan blanko atau tandai batch sebelumnya dulu."
        )
    batch = PrintBatchRow(kecamatan=kecamatan, created_at=now().isoformat(), officer=officer)
    s.add(batch)
    s.flush()
    for uuid in uuids:
        s.add(PrintItemRow(batch_id=batch.id, record_uuid=uuid, state="pending"))
    return batch.id


def batch_items(s: Session, batch_id: int) -> list[tuple[PrintItemRow, Card]]:
    rows = s.execute(
        select(PrintItemRow, CentralRecordRow)
        .join(CentralRecordRow, CentralRecordRow.uuid == PrintItemRow.record_uuid)
        .where(PrintItemRow.batch_id == batch_id)
        .order_by(PrintItemRow.id)
    ).all()
    return [(item, card_of(rec)) for item, rec in rows]


def batches(s: Session, limit: int = 30) -> list[tuple[PrintBatchRow, dict[str, int]]]:
    out = []
    for b in s.scalars(select(PrintBatchRow).order_by(PrintBatchRow.id.desc()).limit(limit)):
        counts = dict(
            s.execute(
                select(PrintItemRow.state, func.count())
                .where(PrintItemRow.batch_id == b.id)
                .group_by(PrintItemRow.state)
            ).all()
        )
        out.append((b, counts))
    return out


def mark(s: Session, item_id: int, state: str, reason: str, officer: str, batch_id: int | None = None) -> None:
    """A pending card is printed (the record leaves PRR) or spoiled (the blanko is spoiled, the record goes back
    to the queue for a new card). Each mark writes its line in the blanko ledger."""
    item = s.get(PrintItemRow, item_id, with_for_update=True)
    if item is None or (batch_id is not None and item.batch_id != batch_id):
        raise OfficeError("Kartu tidak ditemukan di batch ini.")
    if item.state != "pending":
        raise OfficeError("Kartu ini sudah ditandai.")
    reason = reason.strip()
    if state == "spoiled" and not reason:
        raise OfficeError("Tulis alasan kartu rusak.")
    if state not in ("printed", "spoiled"):
        raise OfficeError("Tanda tidak dikenal.")
    at = now()
    item.state, item.reason, item.marked_at, item.marked_by = state, reason or None, at.isoformat(), officer
    if state == "printed":
        set_status(s, record_by_uuid(s, item.record_uuid), "printed")  # the station hears of it
    s.add(
        BlankoEntryRow(
            day=at.astimezone(WIB).date().isoformat(),
            kind="used" if state == "printed" else "spoiled",
            count=1,
            note=reason or None,
            officer=officer,
            at=at.isoformat(),
        )
    )


# --- the blanko ledger -------------------------------------------------------------------------------------------

KINDS = {"received": "Diterima", "used": "Terpakai", "spoiled": "Rusak", "destroyed": "Dimusnahkan"}


@dataclass
class Ledger:
    days: list[tuple[str, dict[str, int], list[str]]] = field(default_factory=list)  # day, counts, witnesses
    totals: dict[str, int] = field(default_factory=dict)
    stock: int = 0  # blanks on the shelf: received - used - spoiled
    awaiting_destruction: int = 0  # spoiled cards not yet destroyed before a witness
    pace: float = 0.0  # blanks a day (used + spoiled), mean of the last PACE_DAYS days
    days_left: float | None = None  # None when nothing was used lately (no pace to divide by)

    @property
    def warning(self) -> str | None:
        if self.stock <= 0:
            return "Stok blanko HABIS: pencetakan berhenti. Ajukan permintaan blanko sekarang."
        if self.days_left is not None and self.days_left < WARN_DAYS:
            return (
                f"Stok blanko tinggal {self.stock} lembar, cukup untuk sekitar {self.days_left:.1f} hari "
                f"(kurang dari {WARN_DAYS} hari). Ajukan permintaan blanko."
            )
        return None


def ledger(s: Session, on: dt.date | None = None) -> Ledger:
    on = on or today()
    per_day: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    witnesses: dict[str, list[str]] = defaultdict(list)
    for day, kind, count, witness in s.execute(
        select(BlankoEntryRow.day, BlankoEntryRow.kind, BlankoEntryRow.count, BlankoEntryRow.witness)
    ):
        per_day[day][kind] += count
        if witness and witness not in witnesses[day]:
            witnesses[day].append(witness)
    totals = dict.fromkeys(KINDS, 0)
    for counts in per_day.values():
        for k, v in counts.items():
            totals[k] += v
    window = {(on - dt.timedelta(days=i)).isoformat() for i in range(PACE_DAYS)}
    pace = sum(per_day[d]["used"] + per_day[d]["spoiled"] for d in window if d in per_day) / PACE_DAYS
    stock = totals["received"] - totals["used"] - totals["spoiled"]
    return Ledger(
        days=[(d, per_day[d], witnesses[d]) for d in sorted(per_day, reverse=True)],
        totals=totals,
        stock=stock,
        awaiting_destruction=totals["spoiled"] - totals["destroyed"],
        pace=pace,
        days_left=(max(stock, 0) / pace) if pace > 0 else None,
    )


def ledger_entry(s: Session, kind: str, count: int, witness: str, note: str, officer: str) -> None:
    """Blanko received from the Ditjen, or spoiled cards destroyed before a witness (the other kinds come from
    the print marks)."""
    witness, note = witness.strip(), note.strip()
    if kind not in ("received", "destroyed"):
        raise OfficeError("Jenis catatan harus penerimaan atau pemusnahan.")
    if not 1 <= count <= 1_000_000:
        raise OfficeError("Jumlah harus bilangan bulat positif.")
    _one_at_a_time(s)
    if kind == "destroyed":
        if not witness:
            raise OfficeError("Pemusnahan kartu rusak wajib disaksikan: tulis nama saksi.")
        if count > ledger(s).awaiting_destruction:
            raise OfficeError("Jumlah yang dimusnahkan melebihi kartu rusak yang belum dimusnahkan.")
    at = now()
    s.add(
        BlankoEntryRow(
            day=at.astimezone(WIB).date().isoformat(),
            kind=kind,
            count=count,
            witness=witness[:120] or None,
            note=note or None,
            officer=officer,
            at=at.isoformat(),
        )
    )


# --- ready to collect, hand-over ---------------------------------------------------------------------------------


def ready_cards(s: Session, kecamatan: str | None = None, desa: str | None = None) -> list[Card]:
    """Printed and not yet collected, by desa then name."""
    index_new(s)
    taken = select(CollectionRow.record_uuid).where(CollectionRow.record_uuid == CentralRecordRow.uuid)
    query = _joined(CentralRecordRow).where(CentralRecordRow.status == "printed", ~taken.exists())
    if kecamatan:
        query = query.where(RecordIndexRow.kecamatan == kecamatan)
    if desa:
        query = query.where(RecordIndexRow.desa == desa)
    return sorted((card_of(r) for r in s.scalars(query)), key=lambda c: (c.desa, c.nama, c.uuid))


def collect(s: Session, uuid: str, collected_by: str, officer: str) -> None:
    collected_by = " ".join(collected_by.split())
    if not collected_by:
        raise OfficeError("Tulis nama yang mengambil KTP-el.")
    rec = record_by_uuid(s, uuid, missing_ok=True)
    if rec is None or rec.status != "printed":
        raise OfficeError("KTP-el ini belum tercetak.")
    if s.get(CollectionRow, uuid) is not None:
        raise OfficeError("KTP-el ini sudah diambil.")
    s.add(
        CollectionRow(
            record_uuid=uuid, collected_by=collected_by[:120], collected_at=now().isoformat(), officer=officer
        )
    )


# --- the suket: a temporary certificate while the citizen waits for a blanko ------------------------------------

SUKET_MONTHS = 6


def issue_suket(s: Session, uuid: str, officer: str) -> tuple[Card, dt.date, str]:
    """A recorded citizen whose card is not printed yet gets a suket; returns the card data, the last valid day and
    the receipt code the suket carries (the same QR as the receipt: the public page follows it)."""
    rec = record_by_uuid(s, uuid, missing_ok=True)
    if rec is None or not is_prr(s, uuid):
        raise OfficeError("Suket hanya untuk rekaman yang menunggu cetak (PRR).")
    issued = today()
    valid = issued + dt.timedelta(days=round(SUKET_MONTHS * 30.44))
    s.add(SuketRow(record_uuid=uuid, issued_at=now().isoformat(), valid_until=valid.isoformat(), officer=officer))
    return card_of(rec), valid, f"EKTP1:{uuid}:{rec.payload_sha256[:10].upper()}"


# --- a receipt's stage, for the public page ----------------------------------------------------------------------

STAGES = {
    "received": "Direkam dan diterima di server pusat; menunggu pemeriksaan.",
    "prr": "Siap cetak (PRR): menunggu giliran cetak di Dinas.",
    "printing": "Sedang dicetak di Dinas.",
    "printed": "Sudah dicetak: siap diambil di {place}. Bawa bukti perekaman.",
    "collected": "Sudah diambil.",
    "check": "Perlu pemeriksaan petugas Dinas: silakan datang ke Dinas dengan bukti perekaman.",
    "rejected": "Rekaman tidak dapat diproses: silakan datang ke kecamatan untuk perekaman ulang.",
}


def parse_code(code: str) -> tuple[str, str] | None:
    """The receipt's QR text (EKTP1:<uuid>:<check>) or the same without the prefix, as typed."""
    parts = code.strip().split(":")
    if parts and parts[0].upper() == "EKTP1":
        parts = parts[1:]
    if len(parts) != 2 or len(parts[0]) != 36 or not 6 <= len(parts[1]) <= 10:
        return None
    return parts[0].lower(), parts[1].upper()


def stage_of(s: Session, code: str) -> str | None:
    """The stage words for a receipt code, or None when the code is not known (the check value must match too,
    so a guessed UUID alone finds nothing). Never any personal data."""
    parsed = parse_code(code)
    if parsed is None:
        return None
    uuid, check = parsed
    try:
        rec = record_by_uuid(s, uuid, missing_ok=True, check=check)
    except OfficeError:
        return None
    if rec is None:
        return None
    if s.get(CollectionRow, uuid) is not None:
        return STAGES["collected"]
    if rec.status == "printed":
        return STAGES["printed"].format(place="Dinas Kependudukan dan Pencatatan Sipil")
    if rec.status == "rejected":
        return STAGES["rejected"]
    if rec.status in ("duplicate_nik", "duplicate") or s.scalar(
        select(DedupResultRow.decision).where(DedupResultRow.record_uuid == uuid, DedupResultRow.decision == "DUP")
    ):
        return STAGES["check"]
    if s.scalar(select(PrintItemRow.id).where(PrintItemRow.record_uuid == uuid, PrintItemRow.state == "pending")):
        return STAGES["printing"]
    if is_prr(s, uuid):
        return STAGES["prr"]
    return STAGES["received"]


# --- the head's dashboard ----------------------------------------------------------------------------------------


@dataclass
class Dashboard:
    backlog: list[tuple[str, str, list[int]]]  # kecamatan, name, count per AGE_BUCKETS
    backlog_total: int
    printed: int
    median_days: float | None
    p90_days: float | None
    within_target: float | None  # share printed within TARGET_DAYS
    ledger: Ledger
    collected: int


def _day_start(day: dt.date) -> str:
    return _utc(dt.datetime.combine(day, dt.time(0), WIB))


def dashboard(s: Session) -> Dashboard:
    on = today()
    rows = [(kec, name, [0] * len(AGE_BUCKETS)) for kec, name, _n, _cards in queue_by_kecamatan(s, shown=0)]
    by_kec = {kec: counts for kec, _name, counts in rows}
    for i, (lo, hi, _label) in enumerate(AGE_BUCKETS):
        query = _prr(_joined(RecordIndexRow.kecamatan, func.count())).where(
            RecordIndexRow.recorded_at < _day_start(on - dt.timedelta(days=lo - 1))
        )
        if hi < 10**5:
            query = query.where(RecordIndexRow.recorded_at >= _day_start(on - dt.timedelta(days=hi)))
        for kec, n in s.execute(query.group_by(RecordIndexRow.kecamatan)):
            by_kec[kec][i] = n
    durations = sorted(
        (_time(marked, marked) - _time(recorded, recorded)).total_seconds() / 86400
        for marked, recorded in s.execute(
            select(PrintItemRow.marked_at, RecordIndexRow.recorded_at)
            .join(RecordIndexRow, RecordIndexRow.record_uuid == PrintItemRow.record_uuid)
            .where(PrintItemRow.state == "printed")
        )
    )
    return Dashboard(
        backlog=rows,
        backlog_total=sum(sum(r[2]) for r in rows),
        printed=len(durations),
        median_days=statistics.median(durations) if durations else None,
        p90_days=durations[min(len(durations) - 1, int(0.9 * len(durations)))] if durations else None,
        within_target=(sum(d <= TARGET_DAYS for d in durations) / len(durations)) if durations else None,
        ledger=ledger(s, on),
        collected=s.scalar(select(func.count()).select_from(CollectionRow)) or 0,
    )
