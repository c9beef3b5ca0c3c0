"""Lembar kode pemulihan: the recovery code on paper, for the office safe (printed once, at first start)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from station.reports.common import Office, draw_header, draw_wrapped, new_canvas
from station.reports.ticket import tanggal

WHAT = (
    "Kode ini membuka data stasiun bila semua kata sandi supervisor hilang. Simpan lembar ini di brankas kantor. "
    "Jangan difoto, jangan disimpan di laptop stasiun. Pemakaian: layar Masuk > Lupa kata sandi? atau menu "
    "Stasiun > Pulihkan dengan kode pemulihan."
)


def build_recovery_sheet(code: str, station_id: str, day: dt.date, office: Office) -> bytes:
    c, buf = new_canvas(A4)
    w, h = A4
    x, width = 20 * mm, w - 40 * mm
    y = draw_header(c, office, "LEMBAR KODE PEMULIHAN STASIUN", x, h - 15 * mm, width)
    c.setFont("Helvetica", 11)
    c.drawString(x, y, f"Stasiun: {station_id}        Dibuat: {tanggal(day)}")
    c.setFont("Courier-Bold", 22)
    c.rect(x, y - 32 * mm, width, 22 * mm)
    c.drawCentredString(x + width / 2, y - 23 * mm, code)
    draw_wrapped(c, WHAT, x, y - 42 * mm, width, size=11)
    c.setFont("Helvetica", 10)
    for i, who in enumerate(("Disimpan oleh (nama, tanda tangan)", "Mengetahui, Camat / Kepala Kantor")):
        c.line(x + i * width / 2, y - 100 * mm, x + i * width / 2 + width / 2 - 10 * mm, y - 100 * mm)
        c.drawString(x + i * width / 2, y - 105 * mm, who)
    c.showPage()
    c.save()
    return buf.getvalue()
