"""Card-data PDF for the card printer: one ID-1 page (85.60 x 53.98 mm, ISO/IEC 7810) per card, laid out as the
e-KTP front: region header, the biodata block, the photo on its birth-year backdrop, place and date of issue,
the signature.

The backdrop rule (Dukcapil): a citizen born in an odd year has a red photo background, an even year blue. The
photo gate on this base has only a configurable `required_background` (station/quality/config.py), not this rule,
so the rule lives here in `backdrop`; the captured photo is set inside a band of that colour.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sync.server.dinas.office import Card, region_name

CARD_W, CARD_H = 85.60 * mm, 53.98 * mm
RED, BLUE = "#C8102E", "#1F4E9A"


def backdrop(birth_year: int) -> str:
    """Odd birth year: red; even: blue."""
    return RED if birth_year % 2 else BLUE


def _birth(card: Card) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(card.biodata.get("tanggal_lahir") or ""))
    except ValueError:
        return None


def card_fields(card: Card) -> list[tuple[str, str]]:
    b = card.biodata
    born = _birth(card)
    sex = {"L": "LAKI-LAKI", "P": "PEREMPUAN"}.get(str(b.get("jenis_kelamin", "")), "-")
    return [
        ("Nama", str(b.get("nama", "")).upper()),
        ("Tempat/Tgl Lahir", f"{str(b.get('tempat_lahir', '')).upper()}, {born.strftime('%d-%m-%Y') if born else '-'}"),
        ("Jenis Kelamin", f"{sex}    Gol. Darah: {b.get('golongan_darah', '-')}"),
        ("Alamat", str(b.get("alamat", "")).upper()),
        ("RT/RW", f"{b.get('rt', '')}/{b.get('rw', '')}"),
        ("Kel/Desa", region_name(card.desa).upper() if card.desa else "-"),
        ("Kecamatan", region_name(card.kecamatan).upper() if card.kecamatan != "?" else "-"),
        ("Agama", str(b.get("agama", "")).upper()),
        ("Status Perkawinan", str(b.get("status_perkawinan", "")).upper()),
        ("Pekerjaan", str(b.get("pekerjaan", "")).upper()),
        ("Kewarganegaraan", str(b.get("kewarganegaraan", "WNI")).upper()),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ]


def _draw_card(c: Canvas, card: Card, blobs: dict[str, bytes], issued: dt.date) -> None:
    c.setFillColor(HexColor("#DCEBF5"))
    c.rect(0, 0, CARD_W, CARD_H, stroke=0, fill=1)
    c.setFillColor(black)
    parts = card.desa.split(".")
    prov = region_name(parts[0]) if len(parts) >= 1 and parts[0] else "-"
    kab = region_name(".".join(parts[:2])) if len(parts) >= 2 else "-"
    c.setFont("Helvetica-Bold", 6.2)
    c.drawCentredString(CARD_W / 2, CARD_H - 4 * mm, f"PROVINSI {prov.upper()}")
    c.drawCentredString(CARD_W / 2, CARD_H - 6.8 * mm, kab.upper())
    c.setFont("Helvetica-Bold", 8)
    c.drawString(3 * mm, CARD_H - 11 * mm, "NIK")
    c.drawString(17 * mm, CARD_H - 11 * mm, f": {card.nik}")
    y = CARD_H - 14.2 * mm
    for label, value in card_fields(card):
        c.setFont("Helvetica", 4.6)
        c.drawString(3 * mm, y, label)
        c.drawString(20 * mm, y, ":")
        c.drawString(21.2 * mm, y, value[:44])
        y -= 2.75 * mm
    # the photo on its birth-year backdrop
    born = _birth(card)
    px, py, pw, ph = CARD_W - 23.5 * mm, CARD_H - 33.5 * mm, 20 * mm, 25 * mm
    c.setFillColor(HexColor(backdrop(born.year)) if born else white)
    c.rect(px, py, pw, ph, stroke=0, fill=1)
    photo = blobs.get(card.photos.get("crop", ""))
    if photo:
        c.drawImage(
            ImageReader(io.BytesIO(photo)),
            px + 1.2 * mm,
            py + 1.2 * mm,
            pw - 2.4 * mm,
            ph - 2.4 * mm,
            preserveAspectRatio=True,
            anchor="c",
        )
    else:
        c.setFillColor(white)
        c.setFont("Helvetica", 4.5)
        c.drawCentredString(px + pw / 2, py + ph / 2, "FOTO TIDAK ADA")
    c.setFillColor(black)
    c.setFont("Helvetica", 4.6)
    c.drawCentredString(px + pw / 2, py - 2.6 * mm, kab.upper()[:28])
    c.drawCentredString(px + pw / 2, py - 4.8 * mm, issued.strftime("%d-%m-%Y"))
    signature = blobs.get(card.photos.get("bio_sig_png") or card.photos.get("signature", ""))
    if signature:
        c.drawImage(ImageReader(io.BytesIO(signature)), px, py - 13 * mm, pw, 7 * mm, preserveAspectRatio=True)
    else:
        c.setFont("Helvetica-Oblique", 3.6)
        c.drawCentredString(px + pw / 2, py - 9.5 * mm, "(tanda tangan tidak tersedia di server)")


def card_pdf(cards: list[Card], blobs: dict[str, bytes], issued: dt.date) -> bytes:
    """One page per card, each page exactly ID-1 size, so the card printer's driver prints it 1:1."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(CARD_W, CARD_H), pageCompression=1)
    c.setTitle("Data cetak KTP-el")
    c.setAuthor("Disdukcapil")
    for card in cards:
        _draw_card(c, card, blobs, issued)
        c.showPage()
    c.save()
    return buf.getvalue()
