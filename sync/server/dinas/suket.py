"""The suket (surat keterangan): an A5 paper that stands in for the e-KTP while the citizen waits for a blanko.
Full biodata and photo (it is the citizen's own document), the receipt's QR code (the public status page follows
it), how long it is valid, and who issued it."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from station.reports.common import draw_qr
from sync.server.dinas.cards import card_fields
from sync.server.dinas.office import Card


def suket_pdf(card: Card, photo: bytes | None, code: str, issued: dt.date, valid: dt.date, officer: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A5)
    c.setTitle("Surat keterangan perekaman KTP-el")
    w, h = A5
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(w / 2, h - 18 * mm, "SURAT KETERANGAN")
    c.setFont("Helvetica-Bold", 10)
    c.drawCentredString(w / 2, h - 24 * mm, "TELAH MELAKUKAN PEREKAMAN KTP-el")
    c.setFont("Helvetica", 8.5)
    c.drawString(12 * mm, h - 34 * mm, "Dinas Kependudukan dan Pencatatan Sipil menerangkan bahwa:")
    y = h - 42 * mm
    rows = [("NIK", card.nik)] + card_fields(card)[:-1]
    for label, value in rows:
        c.drawString(12 * mm, y, label)
        c.drawString(42 * mm, y, ": " + value[:48])
        y -= 5 * mm
    if photo:
        c.drawImage(
            ImageReader(io.BytesIO(photo)), w - 42 * mm, h - 75 * mm, 30 * mm, 40 * mm, preserveAspectRatio=True
        )
    y -= 3 * mm
    for line in (
        f"telah melakukan perekaman data KTP-el pada {card.recorded_on.strftime('%d-%m-%Y')} dan KTP-el-nya sedang",
        "menunggu pencetakan. Surat keterangan ini berlaku sebagai pengganti KTP-el sampai KTP-el",
        f"diterima, paling lama sampai {valid.strftime('%d-%m-%Y')}. Pindai kode QR untuk melihat tahap proses.",
    ):
        c.drawString(12 * mm, y, line)
        y -= 4.5 * mm
    draw_qr(c, code, 12 * mm, 14 * mm, 30 * mm)
    c.setFont("Helvetica", 7)
    c.drawString(12 * mm, 10 * mm, code)
    c.setFont("Helvetica", 8.5)
    c.drawString(w - 62 * mm, 40 * mm, f"Diterbitkan {issued.strftime('%d-%m-%Y')}")
    c.drawString(w - 62 * mm, 18 * mm, f"Petugas: {officer}")
    c.showPage()
    c.save()
    return buf.getvalue()
