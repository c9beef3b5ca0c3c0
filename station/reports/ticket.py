"""Queue ticket: number, service date (the next working day when today is full), office address."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm

from station.reports.common import RECEIPT_WIDTH, Office, draw_header, new_canvas

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def tanggal(day: dt.date) -> str:
    return f"{HARI[day.weekday()]}, {day.day} {BULAN[day.month - 1]} {day.year}"


def build_ticket(label: str, service_date: dt.date, issued: dt.date, office: Office) -> bytes:
    height = 100 * mm
    c, buf = new_canvas((RECEIPT_WIDTH, height))
    x, width = 4 * mm, RECEIPT_WIDTH - 8 * mm
    y = draw_header(c, office, "NOMOR ANTREAN PEREKAMAN", x, height - 4 * mm, width, small=True)
    c.setFont("Helvetica-Bold", 40)
    c.drawCentredString(x + width / 2, y - 12 * mm, label)
    c.setFont("Helvetica", 8)
    c.drawCentredString(x + width / 2, y - 20 * mm, "Dilayani pada")
    c.setFont("Helvetica-Bold", 10)
    c.drawCentredString(x + width / 2, y - 25 * mm, tanggal(service_date))
    if service_date != issued:
        c.setFont("Helvetica", 7)
        c.drawCentredString(x + width / 2, y - 30 * mm, "Kuota hari ini penuh: datang pada tanggal di atas.")
    c.setFont("Helvetica", 6)
    c.drawCentredString(x + width / 2, 5 * mm, f"Diambil {tanggal(issued)}")
    c.showPage()
    c.save()
    return buf.getvalue()
