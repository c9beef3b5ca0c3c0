"""Image codecs for biometric records: WSQ (the FBI's wavelet codec for 500 ppi prints, via the `wsq`
Pillow plugin, NIST NBIS inside) and JPEG 2000 (Pillow/OpenJPEG), PNG and JPEG for plain files.

WSQ is encoded at 0.75 bit per pixel, the FBI's rate for 500 ppi (the plugin fixes it there).
"""

from __future__ import annotations

import io

import numpy as np
import wsq  # noqa: F401  (registers the WSQ codec with Pillow)
from PIL import Image, UnidentifiedImageError

from station.domain.errors import InvalidInput

JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
J2K_CODESTREAM = b"\xff\x4f\xff\x51"
WSQ_SOI = b"\xff\xa0"


class ImageDecodeError(InvalidInput, ValueError):
    """Bytes that are not an image this station can read."""


def sniff(data: bytes) -> str | None:
    """The codec of DATA from its first bytes: "wsq", "jpeg2000", "png", "jpeg", "tiff", "bmp" or None."""
    head = bytes(data[:12])
    if head.startswith(WSQ_SOI):
        return "wsq"
    if head.startswith(JP2_SIGNATURE) or head.startswith(J2K_CODESTREAM):
        return "jpeg2000"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:2] in (b"P5", b"P2"):
        return "pgm"
    return None


def decode_grey(data: bytes) -> np.ndarray:
    """Any supported compressed image as an 8-bit grey array."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            if im.mode == "I;16" or im.mode.startswith("I;16"):
                a = np.asarray(im, dtype=np.uint16)
                return (a >> 8).astype(np.uint8)
            return np.asarray(im.convert("L"), dtype=np.uint8).copy()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        raise ImageDecodeError("Gambar di dalam rekaman tidak bisa dibaca.") from err


def encode(image: np.ndarray, codec: str) -> bytes:
    """IMAGE (8-bit grey) as CODEC: "wsq", "jpeg2000" (lossy, 15:1), "jpeg2000-lossless", "png"."""
    im = Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8), mode="L")
    buf = io.BytesIO()
    if codec == "wsq":
        im.save(buf, format="WSQ")
    elif codec == "jpeg2000-lossless":
        im.save(buf, format="JPEG2000", irreversible=False, no_jp2=False)
    elif codec == "jpeg2000":
        im.save(buf, format="JPEG2000", quality_mode="rates", quality_layers=[15], irreversible=True)
    elif codec == "png":
        im.save(buf, format="PNG")
    else:
        raise ValueError(f"codec {codec!r}")
    return buf.getvalue()
