"""Minutiae: the one representation the deduplication engine works on, and the only module that talks to NBIS.

A finger is a set of minutiae: x, y in pixels at 500 ppi (origin top-left) and a direction in radians that
grows counter-clockwise as seen on screen, zero where NBIS puts it. Only relative angles matter to the
descriptors and to Bozorth3, but the sense of rotation does: measured on a real print, rotating the image 30
degrees counter-clockwise adds 30 degrees to every angle nbis-py reports, so its angles are counter-clockwise
on screen (the mirror of the y-down maths frame; descriptors.py turns them round).

Extraction (NIST mindtct) and verification (NIST Bozorth3) go through `nbis-py`; both sit behind `extract()`
and `bozorth3()`, so another extractor (e.g. the station's ISO/IEC 19794-2 templates) can replace mindtct
without touching the index. nbis-py's `to_iso_19794_2_2005` writes a 26-byte header of its own, not the
standard's 28 bytes; `_to_nbis` writes that form in memory only, because Bozorth3 is reached through it.
"""

from __future__ import annotations

import math
import struct
import threading
from dataclasses import dataclass

import numpy as np

MAX_MINUTIAE = 255  # ISO/IEC 19794-2 counts minutiae in one byte


class MinutiaeError(ValueError):
    """An image or template that yields no usable minutiae."""


@dataclass(frozen=True, eq=False)
class Minutiae:
    """One finger's minutiae as arrays of equal length; `width`/`height` bound them (Bozorth3 wants a frame)."""

    x: np.ndarray  # float32 pixels
    y: np.ndarray
    angle: np.ndarray  # float32 radians, counter-clockwise on screen, [0, 2pi)
    reliability: np.ndarray  # float32 0..1 (mindtct's own estimate)
    bifurcation: np.ndarray  # bool: bifurcation (True) or ridge ending
    width: int
    height: int

    def __len__(self) -> int:
        return len(self.x)

    @classmethod
    def from_arrays(cls, x, y, angle, reliability=None, bifurcation=None, width=0, height=0) -> Minutiae:
        n = len(x)
        rel = np.full(n, 0.5, np.float32) if reliability is None else np.asarray(reliability, np.float32)
        bif = np.zeros(n, bool) if bifurcation is None else np.asarray(bifurcation, bool)
        x, y = np.asarray(x, np.float32), np.asarray(y, np.float32)
        width = width or int(math.ceil(float(x.max(initial=0)))) + 1
        height = height or int(math.ceil(float(y.max(initial=0)))) + 1
        return cls(x, y, np.mod(np.asarray(angle, np.float32), 2 * np.pi).astype(np.float32), rel, bif, width, height)

    def best(self, n: int) -> Minutiae:
        """The n most reliable minutiae (all if fewer)."""
        if len(self) <= n:
            return self
        keep = np.sort(np.argsort(-self.reliability, kind="stable")[:n])
        return Minutiae(
            self.x[keep],
            self.y[keep],
            self.angle[keep],
            self.reliability[keep],
            self.bifurcation[keep],
            self.width,
            self.height,
        )

    # A compact, exact serialisation for storage: 6 bytes a minutia, like ISO/IEC 19794-2's records.
    def to_bytes(self) -> bytes:
        m = self.best(MAX_MINUTIAE)
        head = struct.pack(">4sHHB", b"MNT1", m.width, m.height, len(m))
        ang = np.round(m.angle / (2 * np.pi) * 256).astype(np.int64) % 256
        x = np.clip(np.round(m.x), 0, 0x3FFF).astype(np.int64)
        y = np.clip(np.round(m.y), 0, 0xFFFF).astype(np.int64)
        rel = np.clip(np.round(m.reliability * 63), 0, 63).astype(np.int64)
        body = bytearray()
        for i in range(len(m)):
            body += struct.pack(">HHBB", x[i] | (int(m.bifurcation[i]) << 14), y[i], ang[i], rel[i])
        return head + bytes(body)

    @classmethod
    def from_bytes(cls, data: bytes) -> Minutiae:
        magic, width, height, n = struct.unpack_from(">4sHHB", data)
        if magic != b"MNT1" or len(data) != 9 + 6 * n:
            raise MinutiaeError("bukan templat minutiae yang dikenal")
        rec = np.frombuffer(data, dtype=np.dtype([("x", ">u2"), ("y", ">u2"), ("a", "u1"), ("q", "u1")]), offset=9)
        return cls(
            (rec["x"] & 0x3FFF).astype(np.float32),
            rec["y"].astype(np.float32),
            (rec["a"].astype(np.float32) * (2 * np.pi / 256)).astype(np.float32),
            (rec["q"].astype(np.float32) / 63).astype(np.float32),
            (rec["x"] >> 14).astype(bool),
            width,
            height,
        )


# -- NBIS, through nbis-py ------------------------------------------------------------------------------------

_local = threading.local()


def _extractor():
    """One NBIS extractor per thread (the Rust object is not documented as shareable)."""
    ex = getattr(_local, "extractor", None)
    if ex is None:
        import nbis

        settings = nbis.NbisExtractorSettings(
            min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=False, ppi=None
        )
        ex = _local.extractor = nbis.new_nbis_extractor(settings)
    return ex


def extract(image: bytes) -> Minutiae:
    """Minutiae of one 500-ppi fingerprint image (PNG, TIFF, JPEG, BMP...) by NIST mindtct.

    The swap point: a different extractor (or templates that arrive ready-made) must give the same convention.
    """
    import nbis

    try:
        found = _extractor().extract_minutiae(image)
    except nbis.NbisError as err:
        raise MinutiaeError(f"citra sidik jari tidak terbaca ({type(err).__name__})") from None
    items = found.get()
    if not items:
        raise MinutiaeError("tidak ada minutiae pada citra sidik jari")
    x = np.array([m.x() for m in items], np.float32)
    y = np.array([m.y() for m in items], np.float32)
    deg = np.array([m.angle() for m in items], np.float32)
    rel = np.array([m.reliability() for m in items], np.float32)
    bif = np.array([m.kind().name == "BIFURCATION" for m in items], bool)
    return Minutiae.from_arrays(x, y, np.deg2rad(deg), rel, bif)  # size: the minutiae's extent (NBIS gives none)


def _to_nbis(m: Minutiae):
    """The nbis-py object Bozorth3 compares, built from our arrays (its own 26-byte-header record)."""
    m = m.best(MAX_MINUTIAE)
    n = len(m)
    # nbis-py 0.1.3 writes (and reads back) its angle in degrees as byte = angle / (360/256): checked in tests
    iso = np.round(np.mod(np.rad2deg(m.angle), 360.0) / (360 / 256)).astype(np.int64) % 256
    x = np.clip(np.round(m.x), 0, 0x3FFF).astype(np.int64)
    y = np.clip(np.round(m.y), 0, 0xFFFF).astype(np.int64)
    q = np.clip(np.round(m.reliability * 63), 0, 63).astype(np.int64)
    kind = np.where(m.bifurcation, 2, 1)
    body = bytearray()
    for i in range(n):
        body += bytes(((kind[i] << 6) | (x[i] >> 8), x[i] & 0xFF, y[i] >> 8, y[i] & 0xFF, iso[i], q[i]))
    size = 26 + 6 * n
    head = b"FMR\0 20\0" + struct.pack(">IHHH", size, 0, m.width, m.height) + bytes(7) + bytes((n,))
    return _extractor().load_iso_19794_2_2005(head + bytes(body))


def bozorth3(probe: Minutiae, gallery: list[Minutiae]) -> list[int]:
    """NIST Bozorth3 scores of one probe against each gallery finger (40 and above: commonly taken as the same
    finger). nbis-py runs one comparison at a time per process (a lock around NBIS's global state)."""
    p = _to_nbis(probe)
    return [int(p.compare(_to_nbis(g))) for g in gallery]
