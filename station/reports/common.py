"""Shared page furniture: the office header, masking of personal data, the record QR code."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from station.domain.settings import Office

RECEIPT_WIDTH = 80 * mm  # thermal printers at kecamatan counters


def mask_nik(nik: str) -> str:
    """Region and serial stay (the office finds the record), the birth date goes: 332401******0003."""
    nik = "".join(nik.split())
    return nik[:6] + "*" * 6 + nik[12:] if len(nik) == 16 else "*" * len(nik)


def mask_name(name: str) -> str:
    """For public boards: two letters of each word, e.g. 'Siti Rahmawati' -> 'Si** Ra******'."""
    return " ".join(w[:2] + "*" * max(0, len(w) - 2) for w in name.split())


def qr_payload(uuid: str, payload_sha256: str | None) -> str:
    """Identifies the record (UUID + a check value from its content digest), no personal data in clear."""
    return f"EKTP1:{uuid}:{(payload_sha256 or '')[:10].upper()}"


def record_code(uuid: str, payload_sha256: str | None) -> str:
    """The code printed on the receipt, typed by a citizen on the centre's status page (/cek): the UUID's first 8
    characters and the QR's check value, e.g. 80299009-ABCDEF0123. No personal data."""
    return f"{uuid[:8]}-{(payload_sha256 or '')[:10]}".upper()


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(widget)
    renderPDF.draw(d, c, x, y)


def draw_header(
    c: Canvas, office: Office, title: str, x: float, top: float, width: float, small: bool = False
) -> float:
    """Logo, office name and address, then the title; returns the y below it."""
    y = top
    text_x = x
    if office.logo and Path(office.logo).exists():
        size = 12 * mm if small else 18 * mm
        c.drawImage(ImageReader(str(office.logo)), x, y - size, size, size, preserveAspectRatio=True, mask="auto")
        text_x = x + size + 3 * mm
    c.setFont("Helvetica-Bold", 9 if small else 13)
    c.drawString(text_x, y - 5 * mm, office.name)
    c.setFont("Helvetica", 7 if small else 9)
    if office.address:
        c.drawString(text_x, y - 9 * mm, office.address)
    if office.kabupaten:
        c.drawString(text_x, y - 13 * mm, office.kabupaten)
    y -= (16 if small else 22) * mm
    c.setLineWidth(0.8)
    c.line(x, y, x + width, y)
    c.setFont("Helvetica-Bold", 10 if small else 14)
    c.drawCentredString(x + width / 2, y - 7 * mm, title)
    return y - (14 if small else 18) * mm


def draw_wrapped(
    c: Canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    font: str = "Helvetica",
    size: float = 9,
    leading: float | None = None,
) -> float:
    """Text wrapped at word boundaries; returns the y below it."""
    c.setFont(font, size)
    for line in simpleSplit(text, font, size, width):
        c.drawString(x, y, line)
        y -= leading or size * 1.35
    return y


def new_canvas(pagesize) -> tuple[Canvas, io.BytesIO]:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pagesize, pageCompression=1)
    c.setAuthor("station")
    return c, buf
