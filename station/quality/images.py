"""Photographs from files: sized from their header before anything is decoded, refused when too large,
reported as damaged when cut short, and only then decoded.

A decoder asked to open a 20000x20000 PNG allocates 1.2 GB and works for seconds before anyone can say no;
a JPEG cut short decodes "successfully" with its lower part grey, and the gate would judge that. Here the
header gives the size (PNG IHDR, JPEG SOF, WebP VP8/VP8L/VP8X, BMP info header), a file bigger than
MAX_PIXELS is refused without decoding, and a file whose end is missing (no JPEG EOI after the scan, no PNG
IEND, a RIFF or BMP shorter than it says) is refused as damaged. Only JPEG, PNG, WebP and BMP are taken:
what cameras, phones and scanners write.
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

from station.domain.errors import InvalidInput

MAX_PIXELS = 50_000_000  # a 48 MP phone photo passes; 20000x20000 (400 MP) does not
MAX_SIDE = 16_000
MAX_BYTES = 64 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD9)}


class ImageRefused(InvalidInput):
    """Not taken: not an image we read, too large, or damaged. The message says which, in Indonesian."""

    code = "image_refused"


def load_image(source: str | Path | bytes) -> np.ndarray:
    """A BGR image (as cv2.imread gives), or ImageRefused."""
    data = read_image_bytes(Path(source)) if not isinstance(source, bytes) else source
    _, width, height = image_size(data)
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None or image.size == 0:
        raise ImageRefused("Berkas gambar rusak: tidak bisa dibaca.")
    if {image.shape[0], image.shape[1]} != {width, height}:  # EXIF rotation may swap them; nothing else may
        raise ImageRefused("Berkas gambar rusak: ukurannya tidak sesuai kepala berkas.")
    return image


def read_image_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ImageRefused("berkas tidak ada")
    if not path.is_file():
        raise ImageRefused("bukan berkas gambar yang bisa dibaca")
    if path.stat().st_size > MAX_BYTES:
        raise ImageRefused(f"Berkas gambar terlalu besar (lebih dari {MAX_BYTES // 2**20} MB).")
    return path.read_bytes()


def image_size(data: bytes) -> tuple[str, int, int]:
    """(format, width, height) from the header, after checking the file is whole and not too large."""
    if data.startswith(PNG_MAGIC):
        kind, (width, height) = "png", _png(data)
    elif data.startswith(b"\xff\xd8"):
        kind, (width, height) = "jpeg", _jpeg(data)
    elif data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        kind, (width, height) = "webp", _webp(data)
    elif data.startswith(b"BM"):
        kind, (width, height) = "bmp", _bmp(data)
    else:
        raise ImageRefused("bukan berkas gambar yang bisa dibaca (hanya JPEG, PNG, WebP, BMP)")
    if width <= 0 or height <= 0:
        raise ImageRefused("Berkas gambar rusak: ukurannya nol.")
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise ImageRefused(
            f"Gambar terlalu besar ({width}x{height} piksel; paling banyak {MAX_PIXELS // 1_000_000} juta piksel "
            f"dan {MAX_SIDE} piksel per sisi). Kecilkan dulu."
        )
    return kind, width, height


def _damaged(what: str) -> ImageRefused:
    return ImageRefused(f"Berkas gambar rusak atau terpotong ({what}); ambil atau salin ulang berkasnya.")


def _png(data: bytes) -> tuple[int, int]:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise _damaged("kepala PNG")
    width, height = struct.unpack(">II", data[16:24])
    if data.rfind(b"IEND") < 33:
        raise _damaged("akhir PNG hilang")
    return width, height


def _jpeg(data: bytes) -> tuple[int, int]:
    pos, size = 2, None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise _damaged("penanda JPEG")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in JPEG_STANDALONE:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in JPEG_SOF and pos + 9 <= len(data):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            size = (width, height)
        if marker == 0xDA:  # start of scan: the entropy-coded data follows, then (at the end) EOI
            if size is None:
                raise _damaged("ukuran JPEG tidak ada")
            if data.rfind(b"\xff\xd9") <= pos + 2 + length:
                raise _damaged("akhir JPEG hilang")
            return size
        pos += 2 + length
    raise _damaged("JPEG terpotong sebelum data gambar")


def _webp(data: bytes) -> tuple[int, int]:
    if len(data) < 30:
        raise _damaged("kepala WebP")
    if struct.unpack("<I", data[4:8])[0] + 8 > len(data):
        raise _damaged("WebP lebih pendek dari kepalanya")
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = struct.unpack("<I", data[21:25])[0]
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise _damaged("kepala WebP")


def _bmp(data: bytes) -> tuple[int, int]:
    if len(data) < 26:
        raise _damaged("kepala BMP")
    declared, header = struct.unpack("<I", data[2:6])[0], struct.unpack("<I", data[14:18])[0]
    if header == 12:
        width, height = struct.unpack("<HH", data[18:22])
    else:
        width, height = struct.unpack("<ii", data[18:26])
    if len(data) < declared:
        raise _damaged("BMP lebih pendek dari kepalanya")
    return abs(width), abs(height)
