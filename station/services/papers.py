"""Gathers what each paper needs from the station and hands it to station.reports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from station.domain.antrean import Ticket
from station.domain.enrolment import RecordStatus
from station.reports.common import Office
from station.reports.recap import Indicator, OperatorDay, PrrEntry, build_daily_recap, build_progress, build_prr
from station.reports.receipt import ReceiptData, build_receipt
from station.reports.ticket import build_ticket
from station.storage import RecordStore
from station.storage.outbox import OutboxStore
from station.storage.queue import QueueStore

DEFAULT_TARGETS = {"Perekaman KTP-el": 99.2, "Akta kelahiran 0-18 th": 95.0, "KIA": 45.0}


def office(store: RecordStore) -> Office:
    o = store.setting("office", {})
    return Office(
        o.get("name", "Kantor Kecamatan"),
        o.get("address", ""),
        o.get("kabupaten", ""),
        Path(o["logo"]) if o.get("logo") else None,
        o.get("head_name", ""),
        o.get("head_title", "Camat"),
    )


def utc_offset(store: RecordStore) -> dt.timedelta:
    return dt.timedelta(hours=float(store.setting("utc_offset_hours", 7)))  # WIB by default


def office_today(store: RecordStore) -> dt.date:
    return (dt.datetime.now(dt.UTC) + utc_offset(store)).date()


def local(store: RecordStore, iso_utc: str) -> dt.datetime:
    return (dt.datetime.fromisoformat(iso_utc) + utc_offset(store)).replace(tzinfo=None)


def receipt_pdf(store: RecordStore, uuid: str, thermal: bool = False) -> bytes:
    rec = store.get(uuid, with_photos=True)
    if rec.status in (RecordStatus.DRAFT,):
        raise ValueError("Draf belum diterima: belum ada bukti perekaman.")
    ticket = next((t for t in QueueStore(store).tickets_for_record(uuid)), None)
    data = ReceiptData(
        uuid=rec.uuid,
        payload_sha256=rec.payload_sha256,
        nama=rec.enrolment.nama,
        nik=rec.enrolment.nik,
        recorded_at=f"{local(store, rec.created_at):%d-%m-%Y %H:%M}",
        station_id=rec.station_id,
        record_no=ticket.label if ticket else rec.uuid[:8].upper(),
        photo_jpeg=rec.photos["crop"].data if "crop" in rec.photos else None,
    )
    store.audit(rec.operator, "receipt_printed", uuid, {"thermal": thermal})
    return build_receipt(data, office(store), thermal)


def ticket_pdf(store: RecordStore, ticket: Ticket, issued: dt.date) -> bytes:
    return build_ticket(ticket.label, ticket.service_date, issued, office(store))


def _day_bounds(store: RecordStore, day: dt.date) -> tuple[str, str]:
    start = dt.datetime.combine(day, dt.time()) - utc_offset(store)
    fmt = lambda t: t.replace(tzinfo=dt.UTC).isoformat(timespec="milliseconds")  # noqa: E731
    return fmt(start), fmt(start + dt.timedelta(days=1))


def recap_rows(store: RecordStore, day: dt.date) -> list[OperatorDay]:
    groups: dict[tuple[str, str], OperatorDay] = {}
    for r in store.day_records(*_day_bounds(store, day)):
        g = groups.setdefault((r["station_id"], r["operator"]), OperatorDay(r["station_id"], r["operator"]))
        g.recorded += 1
        g.exceptions += bool((r["quality"].get("waiver") or {}).get("checks"))
        g.synced += r["status"] == RecordStatus.ACKNOWLEDGED.value
        g.rejected += r["status"] == RecordStatus.REJECTED.value
        g.waiting += r["status"] in (
            RecordStatus.QUEUED.value,
            RecordStatus.SENT.value,
            RecordStatus.CAPTURED.value,
            RecordStatus.HELD.value,
        )
        g.gate_refusals.update(Counter(r["quality"].get("gate_refusals") or {}))
    return sorted(groups.values(), key=lambda g: (g.station_id, g.operator))


def recap_pdf(store: RecordStore, day: dt.date) -> bytes:
    return build_daily_recap(day, recap_rows(store, day), office(store))


def progress_pdf(store: RecordStore, day: dt.date) -> bytes:
    cfg = store.setting("progress", {})
    targets = cfg.get("targets", DEFAULT_TARGETS)
    achieved = cfg.get("achieved", {})
    recorded = int(cfg.get("recorded_before", 0)) + sum(
        n for status, n in store.counts().items() if status != RecordStatus.DRAFT.value
    )
    wajib = int(cfg.get("wajib_ktp", 0))
    indicators = []
    for name, target in targets.items():
        value = achieved.get(name)
        if name == "Perekaman KTP-el" and wajib:
            value = 100.0 * recorded / wajib
        indicators.append(Indicator(name, float(target), float(value or 0.0)))
    return build_progress(day, indicators, wajib, recorded, office(store))


def prr_entries(store: RecordStore) -> list[PrrEntry]:
    """Recorded (acknowledged by the central server) but not yet printed there."""
    unprinted = set(OutboxStore(store).awaiting_print(limit=1_000_000))
    out = [
        PrrEntry(r.nama, r.nik, local(store, r.created_at).date())
        for r in store.find(status=RecordStatus.ACKNOWLEDGED, limit=1_000_000)
        if r.uuid in unprinted
    ]
    return sorted(out, key=lambda e: (e.recorded_on, e.nama))


def prr_pdf(store: RecordStore, day: dt.date) -> bytes:
    return build_prr(day, prr_entries(store), office(store))
