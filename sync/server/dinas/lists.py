"""The list of cards ready to collect, to post at the Dinas, the kecamatan and the desa: A4, per desa, masked
NIK (the region digits and the last four), the name, and where to collect."""

from __future__ import annotations

import datetime as dt
import io
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sync.server.dinas.office import Card, mask_nik, region_name


def ready_list_pdf(cards: list[Card], kecamatan: str, place: str, on: dt.date) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    doc.title = "Daftar KTP-el siap diambil"
    styles = getSampleStyleSheet()
    story = [
        Paragraph("DAFTAR KTP-el SIAP DIAMBIL", styles["Title"]),
        Paragraph(f"Kecamatan {region_name(kecamatan)} ({kecamatan})", styles["Heading2"]),
        Paragraph(
            f"Per {on.strftime('%d-%m-%Y')}. Ambil di: {place}. Bawa bukti perekaman (resi) atau KK. "
            "NIK ditampilkan sebagian untuk melindungi data pribadi.",
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
    ]
    if not cards:
        story.append(Paragraph("Belum ada KTP-el yang siap diambil.", styles["Normal"]))
    for desa, group in groupby(cards, key=lambda c: c.desa):
        rows = [["No", "NIK", "Nama"]] + [[str(i), mask_nik(c.nik), c.nama.upper()] for i, c in enumerate(group, 1)]
        story.append(Paragraph(f"Desa/Kelurahan {region_name(desa)}", styles["Heading3"]))
        table = Table(rows, colWidths=[12 * mm, 45 * mm, 120 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                ]
            )
        )
        story += [table, Spacer(1, 4 * mm)]
    doc.build(story)
    return buf.getvalue()
