"""The suket (surat keterangan): an A5 paper that stands in for the e-KTP while the citizen waits for a blanko.
The kabupaten's letterhead, the letter number, full biodata and photo (it is the citizen's own document), the
receipt's QR code (the public status page follows it), how long it is valid, the signature block of the head of
the Dinas (name and NIP from the server's environment, else dotted lines to fill by hand) beside a place for the
stamp, and, small at the foot, the officer who printed it. A reprint of a valid suket says so."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from station.reports.common import draw_qr
from sync.server.dinas.cards import card_fields
from sync.server.dinas.office import Suket, region_name


def suket_pdf(
    letter: Suket, photo: bytes | None, printed: dt.date, officer: str, signatory: tuple[str, str] = ("", "")
) -> bytes:
    card = letter.card
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A5)
    c.setTitle("Surat keterangan perekaman KTP-el")
    w, h = A5
    parts = card.desa.split(".")
    kab = region_name(".".join(parts[:2])) if len(parts) >= 2 else ""
    c.setFont("Helvetica-Bold", 9)
    head = kab.upper().replace("KAB. ", "KABUPATEN ") if kab else "KABUPATEN/KOTA"
    c.drawCentredString(w / 2, h - 10 * mm, f"PEMERINTAH {head}")
    c.drawCentredString(w / 2, h - 14 * mm, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL")
    c.line(12 * mm, h - 16.5 * mm, w - 12 * mm, h - 16.5 * mm)
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(w / 2, h - 23 * mm, "SURAT KETERANGAN")
    c.setFont("Helvetica-Bold", 9)
    c.drawCentredString(w / 2, h - 28 * mm, "TELAH MELAKUKAN PEREKAMAN KTP-el")
    c.setFont("Helvetica", 8.5)
    c.drawCentredString(w / 2, h - 32.5 * mm, f"Nomor: {letter.number}")
    if letter.copy:
        c.setFont("Helvetica-Bold", 8)
        c.drawRightString(w - 12 * mm, h - 23 * mm, f"CETAK ULANG ke-{letter.copy}")
    c.setFont("Helvetica", 8.5)
    c.drawString(12 * mm, h - 39 * mm, "Kepala Dinas Kependudukan dan Pencatatan Sipil menerangkan bahwa:")
    y = h - 45 * mm
    rows = [("NIK", card.nik)] + card_fields(card)[:-1]
    for label, value in rows:
        c.drawString(12 * mm, y, label)
        c.drawString(42 * mm, y, ": " + value[:48])
        y -= 4.6 * mm
    if photo:
        c.drawImage(
            ImageReader(io.BytesIO(photo)), w - 40 * mm, h - 78 * mm, 28 * mm, 37 * mm, preserveAspectRatio=True
        )
    y -= 2 * mm
    for line in (
        f"telah melakukan perekaman data KTP-el pada {card.recorded_on.strftime('%d-%m-%Y')} dan KTP-el-nya sedang",
        "menunggu pencetakan. Surat keterangan ini berlaku sebagai pengganti KTP-el sampai KTP-el",
        f"diterima, paling lama sampai {letter.valid.strftime('%d-%m-%Y')}. Pindai kode QR untuk melihat tahap proses.",
    ):
        c.drawString(12 * mm, y, line)
        y -= 4.3 * mm
    draw_qr(c, letter.code, 12 * mm, 14 * mm, 28 * mm)
    c.setFont("Helvetica", 6.5)
    c.drawString(12 * mm, 10.5 * mm, letter.code)
    # the signature block with a place for the stamp
    name, nip = signatory
    sx = w - 66 * mm
    c.setFont("Helvetica", 8.5)
    c.drawString(sx, 46 * mm, f"{kab.replace('KAB. ', '').title() or '..........'}, {printed.strftime('%d-%m-%Y')}")
    c.drawString(sx, 42 * mm, "Kepala Dinas Kependudukan")
    c.drawString(sx, 38.5 * mm, "dan Pencatatan Sipil")
    c.setDash(2, 2)
    c.circle(sx + 6 * mm, 28 * mm, 8 * mm)
    c.setDash()
    c.setFont("Helvetica", 5.5)
    c.drawCentredString(sx + 6 * mm, 27.5 * mm, "cap dinas")
    c.setFont("Helvetica-Bold" if name else "Helvetica", 8.5)
    c.drawString(sx, 16 * mm, name or "(.......................................)")
    c.setFont("Helvetica", 8)
    c.drawString(sx, 12 * mm, f"NIP. {nip or '.......................................'}")
    c.setFont("Helvetica", 6)
    c.drawRightString(w - 12 * mm, 6 * mm, f"dicetak oleh petugas {officer}")
    c.showPage()
    c.save()
    return buf.getvalue()
