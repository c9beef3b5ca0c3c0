"""ISO/IEC 19794-4 finger image and 19794-6 iris image records, with the image decoded: what a device
sends in bioValue, and what the station stores (fingers re-encoded as WSQ, the FBI codec for 500 ppi).

Measured on ../shared/fingers (docs/biometrics.md): WSQ 0.75 bpp about 9 KB a print with NFIQ 2 and
Bozorth3 scores all but unchanged; JPEG 2000 at the same size changes them as little; JPEG 2000
lossless about 57 KB. WSQ is chosen: the same size as lossy JPEG 2000, the format AFIS centres and
NIST certify for 500 ppi, and every NBIS-based system reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from station.biometrics.codecs import ImageDecodeError, decode_grey, encode
from station.domain.biometrics import Eye, FingerPosition
from station.domain.iso19794 import (
    FingerImage,
    IrisImage,
    QualityBlock,
    RecordError,
    pack_finger_record,
    pack_iris_record,
    record_kind,
    unpack_finger_record,
    unpack_iris_record,
)

FINGER_CODEC = "wsq"
IRIS_CODEC = "jpeg2000-lossless"
NIST_VENDOR, NFIQ2_ALGORITHM = 0x000F, 0x0001


@dataclass(frozen=True)
class FingerSample:
    position: FingerPosition
    image: np.ndarray  # 8-bit grey
    ppi: int
    device_quality: int | None
    compression: str


@dataclass(frozen=True)
class IrisSample:
    eye: Eye
    image: np.ndarray
    device_quality: int | None
    image_format: str
    image_type: int


def _position(code: int) -> FingerPosition:
    try:
        return FingerPosition(code)
    except ValueError:  # multi-finger codes (13-15: slaps) and others
        return FingerPosition.UNKNOWN


def read_finger_record(data: bytes) -> list[FingerSample]:
    """Every finger image in a 19794-4 record, decoded. RecordError / ImageDecodeError on bad input."""
    out = []
    for im in unpack_finger_record(data):
        if im.compression in ("raw", "raw-packed"):
            if im.bit_depth != 8 or len(im.data) < im.width * im.height:
                raise RecordError("Gambar sidik jari mentah dengan kedalaman selain 8 bit tidak didukung.")
            image = np.frombuffer(im.data[: im.width * im.height], np.uint8).reshape(im.height, im.width).copy()
        else:
            image = decode_grey(im.data)
        q = next((b.score for b in im.quality if b.score <= 100), None)
        out.append(FingerSample(_position(im.position), image, im.ppi or 500, q, im.compression))
    return out


def read_iris_record(data: bytes) -> list[IrisSample]:
    out = []
    for im in unpack_iris_record(data):
        if im.image_format == "raw":
            image = np.frombuffer(im.data[: im.width * im.height], np.uint8).reshape(im.height, im.width).copy()
        else:
            image = decode_grey(im.data)
        q = next((b.score for b in im.quality if b.score <= 100), None)
        eye = Eye(im.eye) if im.eye in (0, 1, 2) else Eye.UNKNOWN
        out.append(IrisSample(eye, image, q, im.image_format, im.image_type))
    return out


def finger_record(image: np.ndarray, position: FingerPosition, nfiq2: int | None, codec: str = FINGER_CODEC) -> bytes:
    """A single-finger 19794-4:2011 record, 500 ppi, with the station's NFIQ 2 as its quality block."""
    h, w = image.shape
    quality = (QualityBlock(255 if nfiq2 is None else int(nfiq2), NIST_VENDOR, NFIQ2_ALGORITHM),)
    im = FingerImage(
        int(position), w, h, codec, encode(image, codec), quality=quality, captured=dt.datetime.now(dt.UTC)
    )
    return pack_finger_record([im])


def iris_record(image: np.ndarray, eye: Eye, quality: int | None, codec: str = IRIS_CODEC) -> bytes:
    h, w = image.shape
    blocks = (QualityBlock(255 if quality is None else int(quality), 0, 0),)
    fmt = "jpeg2000" if codec.startswith("jpeg2000") else codec
    im = IrisImage(int(eye), w, h, fmt, encode(image, codec), quality=blocks, captured=dt.datetime.now(dt.UTC))
    return pack_iris_record([im])


def load_sample(data: bytes) -> tuple[str, list]:
    """A file as a device returns it or as a plain image: ("finger", [FingerSample]), ("iris",
    [IrisSample]) or ("image", [grey array]). RecordError / ImageDecodeError when it is neither."""
    kind = record_kind(data)
    if kind == "finger":
        return kind, read_finger_record(data)
    if kind == "iris":
        return kind, read_iris_record(data)
    if kind is not None:
        raise RecordError(f"Rekaman ISO jenis {kind} tidak diperiksa di sini.")
    try:
        return "image", [decode_grey(data)]
    except ImageDecodeError:
        raise ImageDecodeError("Bukan gambar atau rekaman ISO/IEC 19794 yang bisa dibaca.") from None
