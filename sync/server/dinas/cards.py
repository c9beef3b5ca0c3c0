"""Card-data PDF for the card printer: one ID-1 page (85.60 x 53.98 mm, ISO/IEC 7810) per card, laid out as the
e-KTP front: region header, the biodata block, the photo on its birth-year backdrop, place and date of issue,
the signature. Nothing is printed outside the fields: the blanko's own pre-printed security background stays as it
is (no tint, no band).

The backdrop rule (Dukcapil): a citizen born in an odd year has a red photo background, an even year blue, in the
station's colours (station/quality/config.py backdrop_red / backdrop_blue). The photo's own background is replaced
by that colour with the station's replacement (station/quality/backdrop.replace_background) on a person mask from
MediaPipe's selfie segmentation (station/quality/landmarks.PersonMask), run here on the server on the stored crop.
Where MediaPipe cannot be loaded the photo is printed as recorded, inside a frame of the colour (docs/dinas.md).
"""

from __future__ import annotations

import datetime as dt
import io
import threading

import cv2
import numpy as np
from reportlab.lib.colors import HexColor, black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from station.quality.backdrop import hex_rgb, replace_background
from station.quality.config import GateConfig
from sync.server.dinas.office import Card, region_name

CARD_W, CARD_H = 85.60 * mm, 53.98 * mm
RED, BLUE = GateConfig().backdrop_red, GateConfig().backdrop_blue
MAX_PHOTO_SIDE = 2000  # a stored crop is ~300x400; anything much larger is not a card photo

_segmenter = None
_segmenter_lock = threading.Lock()


def _person_mask():
    """MediaPipe's selfie segmentation, loaded once per worker process on first use (None if it cannot load)."""
    global _segmenter
    with _segmenter_lock:
        if _segmenter is None:
            try:
                from station.quality.landmarks import PersonMask

                _segmenter = PersonMask()
            except Exception:  # noqa: BLE001 - no MediaPipe on this server: photos are printed as recorded
                _segmenter = False
        return _segmenter or None


def photo_on_backdrop(jpeg: bytes, colour: str) -> bytes | None:
    """The photo with its background replaced by `colour` (#rrggbb), as JPEG; None when it cannot be done (no
    MediaPipe, an unreadable or oversized image): the caller prints the photo as recorded."""
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    if image is None or max(image.shape[:2]) > MAX_PHOTO_SIDE:
        return None
    segmenter = _person_mask()
    if segmenter is None:
        return None
    _small, person, scale = segmenter.mask(image)
    to_crop = np.float32([[1 / scale, 0, 0], [0, 1 / scale, 0]])
    out = replace_background(image, person, to_crop, hex_rgb(colour))
    return cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()


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
    # the photo on its birth-year backdrop: the background replaced, the photo filling its box
    born = _birth(card)
    px, py, pw, ph = CARD_W - 23.5 * mm, CARD_H - 33.5 * mm, 20 * mm, 25 * mm
    photo = blobs.get(card.photos.get("crop", ""))
    replaced = photo_on_backdrop(photo, backdrop(born.year)) if photo and born else None
    if replaced:  # the box is filled with the same colour where the photo's proportions leave a sliver
        c.setFillColor(HexColor(backdrop(born.year)))
        c.rect(px, py, pw, ph, stroke=0, fill=1)
        c.drawImage(ImageReader(io.BytesIO(replaced)), px, py, pw, ph, preserveAspectRatio=True, anchor="c")
    elif photo:  # no replacement possible: the photo as recorded, framed in the birth-year colour
        if born:
            c.setFillColor(HexColor(backdrop(born.year)))
            c.rect(px, py, pw, ph, stroke=0, fill=1)
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
        c.setStrokeColor(black)
        c.rect(px, py, pw, ph, stroke=1, fill=0)
        c.setFillColor(black)
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
