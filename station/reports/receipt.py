"""Bukti perekaman: what the citizen takes home, A4 or 80 mm thermal."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from station.reports.common import (
    RECEIPT_WIDTH,
    Office,
    draw_header,
    draw_qr,
    draw_wrapped,
    mask_nik,
    new_canvas,
    qr_payload,
    record_code,
)


@dataclass(frozen=True)
class ReceiptData:
    uuid: str
    payload_sha256: str | None
    nama: str
    nik: str
    recorded_at: str  # local time, already formatted
    station_id: str
    queue_no: str | None  # the queue ticket the citizen was served under (None: no ticket)
    photo_jpeg: bytes | None
    biometrics: tuple[str, ...] = ()  # reports.biometric_lines: fingers and their quality 1-10, exceptions
    status_url: str = ""  # the centre's public status page, when the station knows the centre's address


def _rows(d: ReceiptData) -> list[tuple[str, str]]:
    return [
        ("Nama", d.nama),
        ("NIK", mask_nik(d.nik)),
        ("Tanggal perekaman", d.recorded_at),
        ("Stasiun", d.station_id),
        *([("Nomor antrean", d.queue_no)] if d.queue_no else []),
        ("Kode rekaman", record_code(d.uuid, d.payload_sha256)),
    ]


NOTE = "Simpan bukti ini. Tunjukkan saat mengambil KTP-el; petugas memindai kode QR untuk menemukan rekaman Anda."


def _note(d: ReceiptData) -> str:
    if not d.status_url:
        return NOTE
    return f"{NOTE} Cek tahap KTP-el Anda tanpa datang: buka {d.status_url} lalu ketik kode rekaman di atas."


def build_receipt(d: ReceiptData, office: Office, thermal: bool = False) -> bytes:
    if thermal:
        return _thermal(d, office)
    c, buf = new_canvas(A4)
    w, h = A4
    x, width = 20 * mm, w - 40 * mm
    y = draw_header(c, office, "BUKTI PEREKAMAN KTP-EL", x, h - 15 * mm, width)
    if d.photo_jpeg:
        c.drawImage(ImageReader(io.BytesIO(d.photo_jpeg)), x + width - 36 * mm, y - 48 * mm, 36 * mm, 48 * mm)
    for label, value in _rows(d):
        c.setFont("Helvetica", 11)
        c.drawString(x, y, label)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(x + 45 * mm, y, f": {value}")
        y -= 8 * mm
    y = min(y, h - 105 * mm)
    draw_qr(c, qr_payload(d.uuid, d.payload_sha256), x, y - 45 * mm, 40 * mm)
    draw_wrapped(c, _note(d), x + 45 * mm, y - 12 * mm, width - 45 * mm, size=10)
    c.setDash(3, 3)
    c.line(x, y - 55 * mm, x + width, y - 55 * mm)
    c.setDash()
    c.setFont("Helvetica", 9)
    for i, line in enumerate(d.biometrics):
        c.drawString(x, y - 62 * mm - i * 4.5 * mm, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def _thermal(d: ReceiptData, office: Office) -> bytes:
    height = 160 * mm + len(d.biometrics) * 3.5 * mm + (8 * mm if d.status_url else 0)
    c, buf = new_canvas((RECEIPT_WIDTH, height))
    x, width = 4 * mm, RECEIPT_WIDTH - 8 * mm
    y = draw_header(c, office, "BUKTI PEREKAMAN KTP-EL", x, height - 4 * mm, width, small=True)
    if d.photo_jpeg:
        c.drawImage(ImageReader(io.BytesIO(d.photo_jpeg)), x + width / 2 - 12 * mm, y - 32 * mm, 24 * mm, 32 * mm)
        y -= 37 * mm
    for label, value in _rows(d):
        c.setFont("Helvetica", 7)
        c.drawString(x, y, label)
        c.setFont("Helvetica-Bold", 8)
        c.drawString(x + 26 * mm, y, value)
        y -= 5 * mm
    draw_qr(c, qr_payload(d.uuid, d.payload_sha256), x + width / 2 - 17 * mm, y - 36 * mm, 34 * mm)
    draw_wrapped(c, _note(d), x, y - 40 * mm, width, size=6)
    c.setFont("Helvetica", 6.5)
    below = y - (60 if d.status_url else 52) * mm
    for i, line in enumerate(d.biometrics):
        c.drawString(x, below - i * 3.5 * mm, line)
    c.showPage()
    c.save()
    return buf.getvalue()
