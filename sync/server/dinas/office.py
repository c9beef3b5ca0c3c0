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
import re
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
    BatchDownloadRow,
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


def wib(stamp: str | None) -> str:
    """A stored UTC time as the office reads it: 25-11-2026 09:15 WIB."""
    if not stamp:
        return "-"
    t = dt.datetime.fromisoformat(stamp)
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")


def mask_nik(nik: str) -> str:
    """First 6 digits (the region) and last 4, the rest hidden: enough to find one's line on a posted list."""
    return nik[:6] + "*" * max(len(nik) - 10, 0) + nik[-4:] if len(nik) >= 10 else "*" * len(nik)


def region_name(code: str) -> str:
    try:
        return load_regions().get(code).name
    except UnknownRegion:
        return code


def known_region(code: str, parts: int) -> bool:
    """A region code of the given depth (3: kecamatan PP.KK.CC, 4: desa) in the shipped region list."""
    if code.count(".") != parts - 1:
        return False
    try:
        load_regions().get(code)
    except UnknownRegion:
        return False
    return True


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


def download_batch(s: Session, batch_id: int, officer: str) -> list[Card]:
    """The cards of a batch still to print (pending: never one already printed or spoiled), and the download
    written down (who, when, how many), since the PDF carries full NIKs, photos and signatures."""
    cards = [card for item, card in batch_items(s, batch_id) if item.state == "pending"]
    if cards:
        s.add(BatchDownloadRow(batch_id=batch_id, officer=officer, at=now().isoformat(), cards=len(cards)))
    return cards


def downloads(s: Session, batch_id: int) -> list[BatchDownloadRow]:
    query = select(BatchDownloadRow).where(BatchDownloadRow.batch_id == batch_id).order_by(BatchDownloadRow.id)
    return list(s.scalars(query))


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


def mark_all_printed(s: Session, batch_id: int, officer: str) -> int:
    """Every card of the batch still pending marked printed (the officer confirmed the whole run came out well)."""
    pending = [item.id for item, _card in batch_items(s, batch_id) if item.state == "pending"]
    if not pending:
        raise OfficeError("Tidak ada kartu yang belum ditandai di batch ini.")
    for item_id in pending:
        mark(s, item_id, "printed", "", officer, batch_id)
    return len(pending)


def undo_mark(s: Session, item_id: int, batch_id: int, officer: str, why: str) -> None:
    """A wrong mark taken back: the card is pending again, the ledger gets a correcting line (-1 of the same
    kind, with the reason and the officer), a printed record is print-ready again. Refused once the card was
    handed over, once a spoiled card was destroyed, or when the record already sits in another batch."""
    why = " ".join(why.split())
    if not why:
        raise OfficeError("Tulis alasan koreksi.")
    _one_at_a_time(s)
    item = s.get(PrintItemRow, item_id, with_for_update=True)
    if item is None or item.batch_id != batch_id:
        raise OfficeError("Kartu tidak ditemukan di batch ini.")
    if item.state not in ("printed", "spoiled"):
        raise OfficeError("Kartu ini belum ditandai: tidak ada yang dikoreksi.")
    if s.get(CollectionRow, item.record_uuid) is not None:
        raise OfficeError("KTP-el ini sudah diambil: tandanya tidak dapat dikoreksi.")
    elsewhere = select(PrintItemRow.id).where(
        PrintItemRow.record_uuid == item.record_uuid,
        PrintItemRow.id != item.id,
        PrintItemRow.state.in_(("pending", "printed")),
    )
    if s.scalar(elsewhere) is not None:
        raise OfficeError("Rekaman ini sudah masuk batch lain: koreksi di batch itu.")
    if item.state == "spoiled" and ledger(s).awaiting_destruction < 1:
        raise OfficeError("Kartu rusak sudah dimusnahkan: tandanya tidak dapat dikoreksi.")
    kind = "used" if item.state == "printed" else "spoiled"
    if item.state == "printed":  # back to what made it print-ready; the station hears of it
        rec = record_by_uuid(s, item.record_uuid)
        has_fingers = s.scalar(
            select(FingerTemplateRow.record_uuid).where(
                FingerTemplateRow.record_origin == rec.origin, FingerTemplateRow.record_uuid == rec.uuid
            )
        )
        set_status(s, rec, PRINT_READY if has_fingers else UNSEARCHED)
    at = now()
    s.add(
        BlankoEntryRow(
            day=at.astimezone(WIB).date().isoformat(),
            kind=kind,
            count=-1,
            note=f"koreksi tanda kartu {item.id}: {why}"[:500],
            officer=officer,
            at=at.isoformat(),
        )
    )
    item.state, item.reason, item.marked_at, item.marked_by = "pending", None, None, None


def cancel_batch(s: Session, batch_id: int, officer: str, why: str) -> int:
    """The cards not yet marked leave the batch (their blanks are free again, their records back in the queue);
    cards already marked keep their mark. Returns how many were taken out."""
    why = " ".join(why.split())
    if not why:
        raise OfficeError("Tulis alasan pembatalan batch.")
    _one_at_a_time(s)
    pending = [item for item, _card in batch_items(s, batch_id) if item.state == "pending"]
    if not pending:
        raise OfficeError("Tidak ada kartu yang belum ditandai: batch ini tidak perlu dibatalkan.")
    at = now().isoformat()
    for item in pending:
        item.state, item.reason, item.marked_at, item.marked_by = "cancelled", why[:500], at, officer
    return len(pending)


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
    entries: list[BlankoEntryRow] = field(default_factory=list)  # receipts, destructions, corrections; newest first

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


def ledger(s: Session, on: dt.date | None = None, entries: int = 100) -> Ledger:
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
        entries=list(
            s.scalars(
                select(BlankoEntryRow)
                .where(or_(BlankoEntryRow.kind.in_(("received", "destroyed")), BlankoEntryRow.count < 0))
                .order_by(BlankoEntryRow.id.desc())
                .limit(entries)
            )
        ),
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


RELATIONS = {
    "sendiri": "Yang bersangkutan sendiri",
    "suami_istri": "Suami/istri",
    "orang_tua": "Orang tua",
    "anak": "Anak",
    "saudara": "Saudara kandung",
    "lainnya": "Lainnya (dengan surat kuasa)",
}
PROOFS = {
    "bukti": "Bukti perekaman",
    "kk": "Kartu Keluarga",
    "bukti_kk": "Bukti perekaman dan Kartu Keluarga",
}


def collect(
    s: Session,
    uuid: str,
    collected_by: str,
    officer: str,
    relation: str = "sendiri",
    proof: str = "bukti",
    representative_id: str = "",
) -> None:
    """A card handed over: who took it, as what to the citizen, the representative's NIK or ID number when it is
    not the citizen, and which document the officer checked (DIAMBIL)."""
    collected_by = " ".join(collected_by.split())
    representative_id = "".join(representative_id.split())
    if not collected_by:
        raise OfficeError("Tulis nama yang mengambil KTP-el.")
    if relation not in RELATIONS:
        raise OfficeError("Pilih hubungan pengambil dengan pemilik KTP-el.")
    if proof not in PROOFS:
        raise OfficeError("Pilih dokumen yang diperiksa (bukti perekaman dan/atau Kartu Keluarga).")
    if relation != "sendiri" and not (6 <= len(representative_id) <= 32 and representative_id.isalnum()):
        raise OfficeError("Pengambil bukan yang bersangkutan: tulis NIK atau nomor identitas pengambil.")
    rec = record_by_uuid(s, uuid, missing_ok=True)
    if rec is None or rec.status != "printed":
        raise OfficeError("KTP-el ini belum tercetak.")
    if s.get(CollectionRow, uuid) is not None:
        raise OfficeError("KTP-el ini sudah diambil.")
    s.add(
        CollectionRow(
            record_uuid=uuid,
            collected_by=collected_by[:120],
            collected_at=now().isoformat(),
            officer=officer,
            relation=relation,
            proof=proof,
            representative_id=representative_id or None if relation != "sendiri" else None,
        )
    )


# --- the suket: a temporary certificate while the citizen waits for a blanko ------------------------------------

SUKET_MONTHS = 6


@dataclass(frozen=True)
class Suket:
    card: Card
    number: str  # the letter number, e.g. 470/00012/DISDUKCAPIL/2026
    valid: dt.date
    code: str  # the receipt's QR text
    copy: int  # 0 for the first print, n for the n-th reprint of the same letter


def issue_suket(s: Session, uuid: str, officer: str) -> Suket:
    """A recorded citizen whose card is not printed yet gets a suket with a letter number, valid SUKET_MONTHS. While
    it is valid, asking again reprints the same letter (same number and validity, marked as a reprint) rather than
    issuing a new one; every print is written down with its officer."""
    rec = record_by_uuid(s, uuid, missing_ok=True)
    if rec is None or not is_prr(s, uuid):
        raise OfficeError("Suket hanya untuk rekaman yang menunggu cetak (PRR).")
    issued = today()
    first = s.scalar(
        select(SuketRow)
        .where(SuketRow.record_uuid == uuid, SuketRow.valid_until >= issued.isoformat())
        .order_by(SuketRow.id)
        .limit(1)
    )
    valid = (
        dt.date.fromisoformat(first.valid_until) if first else issued + dt.timedelta(days=round(SUKET_MONTHS * 30.44))
    )
    row = SuketRow(record_uuid=uuid, issued_at=now().isoformat(), valid_until=valid.isoformat(), officer=officer)
    s.add(row)
    s.flush()
    first = first or row
    copy = s.scalar(select(func.count()).where(SuketRow.record_uuid == uuid, SuketRow.id > first.id)) or 0
    year = dt.datetime.fromisoformat(first.issued_at).astimezone(WIB).year
    return Suket(
        card_of(rec),
        f"470/{first.id:05d}/DISDUKCAPIL/{year}",
        valid,
        f"EKTP1:{uuid}:{rec.payload_sha256[:10].upper()}",
        copy,
    )


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


SHORT_CODE = re.compile(r"([0-9a-f]{8})-?([0-9a-f]{6,10})")


def parse_code(code: str) -> tuple[str, str] | None:
    """What a citizen may type or scan: the receipt's printed "Kode rekaman" (the UUID's first 8 characters and the
    check value, 80299009-ABCDEF0123, station/reports/common.record_code), the QR text (EKTP1:<uuid>:<check>),
    or the QR text without its prefix. Returns (the UUID or its first 8 characters, the check value)."""
    text = "".join(code.split())
    short = SHORT_CODE.fullmatch(text.lower())
    if short:
        return short.group(1), short.group(2).upper()
    parts = text.split(":")
    if parts and parts[0].upper() == "EKTP1":
        parts = parts[1:]
    if len(parts) != 2 or len(parts[0]) != 36 or not 6 <= len(parts[1]) <= 10:
        return None
    return parts[0].lower(), parts[1].upper()


def _record_for(s: Session, uuid: str, check: str) -> CentralRecordRow | None:
    """The record a code names, only if the check value matches too (a guessed UUID alone finds nothing); None
    as well when two stations hold records the code fits (record_by_uuid does not guess)."""
    if len(uuid) != 36:  # the first 8 characters: a range on the uuid (an index scan), then the check value
        rows = s.execute(
            select(CentralRecordRow.uuid, CentralRecordRow.payload_sha256)
            .where(CentralRecordRow.uuid >= uuid, CentralRecordRow.uuid < uuid + "g")
            .limit(1000)
        ).all()
        found = {u for u, digest in rows if u.startswith(uuid) and digest.upper().startswith(check)}
        if len(found) != 1:
            return None
        uuid = found.pop()
    try:
        return record_by_uuid(s, uuid, missing_ok=True, check=check)
    except OfficeError:
        return None


def record_of_code(s: Session, code: str) -> str | None:
    """The UUID a receipt code names (printed or QR), or None."""
    parsed = parse_code(code)
    rec = _record_for(s, *parsed) if parsed else None
    return rec.uuid if rec else None


def stage_of(s: Session, code: str) -> str | None:
    """The stage words for a receipt code, or None when the code is not known (the check value must match too,
    so a guessed UUID alone finds nothing). Never any personal data."""
    parsed = parse_code(code)
    if parsed is None:
        return None
    rec = _record_for(s, *parsed)
    if rec is None:
        return None
    uuid = rec.uuid
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
    unmarked_batches: int = 0  # batches with a card neither printed nor spoiled nor cancelled
    unmarked_cards: int = 0
    awaiting_collection: int = 0  # printed, not yet handed over
    spoilage: float | None = None  # spoiled / (printed + spoiled) of all marks


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
    collected = s.scalar(select(func.count()).select_from(CollectionRow)) or 0
    printed_now = s.scalar(select(func.count()).where(CentralRecordRow.status == "printed")) or 0
    spoiled = s.scalar(select(func.count()).where(PrintItemRow.state == "spoiled")) or 0
    return Dashboard(
        backlog=rows,
        backlog_total=sum(sum(r[2]) for r in rows),
        printed=len(durations),
        median_days=statistics.median(durations) if durations else None,
        p90_days=durations[min(len(durations) - 1, int(0.9 * len(durations)))] if durations else None,
        within_target=(sum(d <= TARGET_DAYS for d in durations) / len(durations)) if durations else None,
        ledger=ledger(s, on),
        collected=collected,
        unmarked_batches=s.scalar(
            select(func.count(func.distinct(PrintItemRow.batch_id))).where(PrintItemRow.state == "pending")
        )
        or 0,
        unmarked_cards=s.scalar(select(func.count()).where(PrintItemRow.state == "pending")) or 0,
        awaiting_collection=max(printed_now - collected, 0),
        spoilage=spoiled / (spoiled + len(durations)) if spoiled + len(durations) else None,
    )
