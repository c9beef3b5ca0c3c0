"""The byte layout of ISO/IEC 19794-4 (finger image) and 19794-6 (iris image) records, 2011 editions
(format version "020"), as SBI devices return them in `bioValue`; 19794-4:2005 ("010") is read too.

Only headers are handled here; the compressed image inside (WSQ, JPEG 2000, PNG) stays opaque bytes,
so the device simulator and the station share one implementation of the layout without any image
library. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass, field

from station.domain.errors import InvalidInput


class RecordError(InvalidInput, ValueError):
    """Bytes that are not a record of the expected kind (message in Indonesian for the operator)."""


# 19794-4 image compression algorithm codes.
FINGER_COMPRESSION = {0: "raw", 1: "raw-packed", 2: "wsq", 3: "jpeg", 4: "jpeg2000", 5: "jpeg2000-lossless", 6: "png"}
FINGER_CODEC = {v: k for k, v in FINGER_COMPRESSION.items()}
# 19794-6 image format codes.
IRIS_FORMAT = {2: "raw", 6: "jpeg", 10: "jpeg2000", 14: "png"}
IRIS_CODEC = {v: k for k, v in IRIS_FORMAT.items()}
IRIS_IMAGE_TYPE = {1: "uncropped", 2: "vga", 3: "cropped", 7: "cropped-masked"}


@dataclass(frozen=True)
class QualityBlock:
    score: int  # 0-100, 255 = failed to compute
    vendor: int = 0x000F  # 0x000F: NIST (NFIQ 2)
    algorithm: int = 0x0001


@dataclass(frozen=True)
class FingerImage:
    """One representation of a 19794-4 record."""

    position: int  # FingerPosition code
    width: int
    height: int
    compression: str  # key of FINGER_CODEC
    data: bytes  # the compressed image as stored
    ppi: int = 500
    quality: tuple[QualityBlock, ...] = ()
    impression: int = 0  # 0 live-scan plain
    captured: dt.datetime | None = None
    representation: int = 0
    bit_depth: int = 8
    device_technology: int = 0
    device_vendor: int = 0
    device_type: int = 0
    certifications: tuple[tuple[int, int], ...] = ()
    extended: bytes = b""  # 2011 extended data blocks (segmentation, annotation, comment), kept as is


@dataclass(frozen=True)
class IrisImage:
    """One representation of a 19794-6 record."""

    eye: int  # Eye code
    width: int
    height: int
    image_format: str  # key of IRIS_CODEC
    data: bytes
    image_type: int = 1  # IRIS_IMAGE_TYPE
    quality: tuple[QualityBlock, ...] = ()
    captured: dt.datetime | None = None
    representation: int = 1
    bit_depth: int = 8
    properties: int = 0
    iris_centre: tuple[int, int, int, int] = (0, 0, 0, 0)  # x smallest/largest, y smallest/largest
    iris_diameter: tuple[int, int] = (0, 0)  # smallest, largest
    device_technology: int = 0
    device_vendor: int = 0
    device_type: int = 0
    extra: dict = field(default_factory=dict, compare=False)


def _pack_time(t: dt.datetime | None) -> bytes:
    if t is None:  # "not provided": all ones
        return b"\xff" * 9
    t = t.astimezone(dt.UTC) if t.tzinfo else t
    return struct.pack(">HBBBBBH", t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond // 1000)


def _unpack_time(b: bytes) -> dt.datetime | None:
    y, mo, d, h, mi, s, ms = struct.unpack(">HBBBBBH", b)
    try:
        return dt.datetime(y, mo, d, h, mi, s, min(ms, 999) * 1000, tzinfo=dt.UTC)
    except ValueError:
        return None


def _pack_quality(blocks: tuple[QualityBlock, ...]) -> bytes:
    return struct.pack(">B", len(blocks)) + b"".join(
        struct.pack(">BHH", q.score, q.vendor, q.algorithm) for q in blocks
    )


class _Reader:
    def __init__(self, data: bytes, what: str):
        self.data, self.pos, self.what = data, 0, what

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise RecordError(f"Rekaman {self.what} terpotong (panjang tidak cocok).")
        b = self.data[self.pos : self.pos + n]
        self.pos += n
        return b

    def u(self, fmt: str):
        v = struct.unpack(">" + fmt, self.take(struct.calcsize(">" + fmt)))
        return v[0] if len(v) == 1 else v

    def quality(self) -> tuple[QualityBlock, ...]:
        return tuple(QualityBlock(*self.u("BHH")) for _ in range(self.u("B")))


def pack_finger_record(images: list[FingerImage]) -> bytes:
    """A 19794-4:2011 record holding IMAGES (one representation each)."""
    reps = []
    for im in images:
        certs = b""
        if any(i.certifications for i in images):
            certs = struct.pack(">B", len(im.certifications)) + b"".join(
                struct.pack(">HB", a, s) for a, s in im.certifications
            )
        body = (
            _pack_time(im.captured)
            + struct.pack(">BHH", im.device_technology, im.device_vendor, im.device_type)
            + _pack_quality(im.quality)
            + certs
            + struct.pack(
                ">BBBHHHHBBBHHI",
                im.position,
                im.representation,
                1,  # scale units: pixels per inch
                im.ppi,
                im.ppi,
                im.ppi,
                im.ppi,
                im.bit_depth,
                FINGER_CODEC[im.compression],
                im.impression,
                im.width,
                im.height,
                len(im.data),
            )
            + im.data
            + im.extended
        )
        reps.append(struct.pack(">I", 4 + len(body)) + body)
    total = 16 + sum(len(r) for r in reps)
    header = b"FIR\x00020\x00" + struct.pack(
        ">IHBB", total, len(images), int(any(i.certifications for i in images)), len({i.position for i in images})
    )
    return header + b"".join(reps)


def unpack_finger_record(data: bytes) -> list[FingerImage]:
    """Every representation of a 19794-4 record (2011 "020" or 2005 "010")."""
    if data[:4] != b"FIR\x00":
        raise RecordError("Bukan rekaman sidik jari ISO/IEC 19794-4 (penanda FIR tidak ada).")
    version = data[4:8]
    if version == b"010\x00":
        return _unpack_finger_2005(data)
    if version != b"020\x00":
        raise RecordError(f"Versi rekaman sidik jari {version!r} tidak didukung.")
    r = _Reader(data, "sidik jari")
    r.take(8)
    length, count, cert_flag, _positions = r.u("IHBB")
    if length != len(data):
        raise RecordError("Rekaman sidik jari terpotong (panjang tidak cocok).")
    images = []
    for _ in range(count):
        start = r.pos
        rep_len = r.u("I")
        captured = _unpack_time(r.take(9))
        tech, vendor, dtype = r.u("BHH")
        quality = r.quality()
        certs: tuple[tuple[int, int], ...] = ()
        if cert_flag:
            certs = tuple(r.u("HB") for _ in range(r.u("B")))
        (pos, rep, _scale, _hs, _vs, hi, _vi, depth, comp, impression, w, h, n) = r.u("BBBHHHHBBBHHI")
        if comp not in FINGER_COMPRESSION:
            raise RecordError(f"Kompresi gambar sidik jari {comp} tidak dikenal.")
        img = r.take(n)
        if r.pos - start > rep_len:
            raise RecordError("Panjang representasi sidik jari tidak cocok.")
        extended = r.take(rep_len - (r.pos - start))
        images.append(
            FingerImage(
                pos,
                w,
                h,
                FINGER_COMPRESSION[comp],
                img,
                hi,
                quality,
                impression,
                captured,
                rep,
                depth,
                tech,
                vendor,
                dtype,
                certs,
                extended,
            )
        )
    return images


def _unpack_finger_2005(data: bytes) -> list[FingerImage]:
    r = _Reader(data, "sidik jari")
    r.take(8)
    length = int.from_bytes(r.take(6), "big")
    if length != len(data):
        raise RecordError("Rekaman sidik jari terpotong (panjang tidak cocok).")
    _dev, _level, count, _scale, _hs, _vs, hi, _vi, depth, comp, _res = r.u("HHBBHHHHBBH")
    images = []
    for _ in range(count):
        n, pos, _views, view, quality, impression, w, h, _res = r.u("IBBBBBHHB")
        if comp not in FINGER_COMPRESSION:
            raise RecordError(f"Kompresi gambar sidik jari {comp} tidak dikenal.")
        img = r.take(n - 14)
        q = (QualityBlock(quality, 0, 0),) if quality not in (0, 254, 255) else ()
        images.append(FingerImage(pos, w, h, FINGER_COMPRESSION[comp], img, hi, q, impression, None, view, depth))
    return images


def pack_iris_record(images: list[IrisImage]) -> bytes:
    """A 19794-6:2011 record holding IMAGES."""
    reps = []
    for im in images:
        body = (
            _pack_time(im.captured)
            + struct.pack(">BHH", im.device_technology, im.device_vendor, im.device_type)
            + _pack_quality(im.quality)
            + struct.pack(
                ">HBBBBHHBHHH4H2HI",
                im.representation,
                im.eye,
                im.image_type,
                IRIS_CODEC[im.image_format],
                im.properties,
                im.width,
                im.height,
                im.bit_depth,
                0,  # range: unknown
                0xFFFF,  # roll angle: undefined
                0xFFFF,  # roll angle uncertainty: undefined
                *im.iris_centre,
                *im.iris_diameter,
                len(im.data),
            )
            + im.data
        )
        reps.append(struct.pack(">I", 4 + len(body)) + body)
    total = 16 + sum(len(r) for r in reps)
    header = b"IIR\x00020\x00" + struct.pack(">IHBB", total, len(images), 0, len({i.eye for i in images}))
    return header + b"".join(reps)


def unpack_iris_record(data: bytes) -> list[IrisImage]:
    if data[:4] != b"IIR\x00":
        raise RecordError("Bukan rekaman iris ISO/IEC 19794-6 (penanda IIR tidak ada).")
    if data[4:8] != b"020\x00":
        raise RecordError(f"Versi rekaman iris {data[4:8]!r} tidak didukung (hanya 19794-6:2011).")
    r = _Reader(data, "iris")
    r.take(8)
    length, count, cert_flag, _eyes = r.u("IHBB")
    if length != len(data):
        raise RecordError("Rekaman iris terpotong (panjang tidak cocok).")
    images = []
    for _ in range(count):
        start = r.pos
        rep_len = r.u("I")
        captured = _unpack_time(r.take(9))
        tech, vendor, dtype = r.u("BHH")
        quality = r.quality()
        if cert_flag:
            for _ in range(r.u("B")):
                r.u("HB")
        rep, eye, itype, fmt, props, w, h, depth, _range, _roll, _unc = r.u("HBBBBHHBHHH")
        centre = r.u("4H")
        diameter = r.u("2H")
        n = r.u("I")
        if fmt not in IRIS_FORMAT:
            raise RecordError(f"Format gambar iris {fmt} tidak dikenal.")
        img = r.take(n)
        if r.pos - start != rep_len:
            raise RecordError("Panjang representasi iris tidak cocok.")
        images.append(
            IrisImage(
                eye,
                w,
                h,
                IRIS_FORMAT[fmt],
                img,
                itype,
                quality,
                captured,
                rep,
                depth,
                props,
                centre,
                diameter,
                tech,
                vendor,
                dtype,
            )
        )
    return images


def record_kind(data: bytes) -> str | None:
    """ "finger", "iris", "face" or None, from the record's format identifier."""
    return {b"FIR\x00": "finger", b"IIR\x00": "iris", b"FAC\x00": "face"}.get(bytes(data[:4]))
