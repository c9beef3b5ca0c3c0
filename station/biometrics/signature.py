"""A signature's strokes rendered at print size: black ink on white, pen width following pressure,
fitted into the signature box of the card and the papers (40 x 15 mm by default) at 300 dpi."""

from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np

from station.domain.biometrics import Signature

MM_PER_INCH = 25.4


def render(
    sig: Signature, width_mm: float = 40.0, height_mm: float = 15.0, dpi: int = 300, pen_mm: float = 0.5
) -> np.ndarray:
    """The strokes scaled to fit the box (aspect kept, centred, 1 mm margin) as an 8-bit grey image."""
    sig.validate()
    w, h = round(width_mm / MM_PER_INCH * dpi), round(height_mm / MM_PER_INCH * dpi)
    margin = dpi / MM_PER_INCH  # 1 mm
    pts = np.array([(p.x, p.y) for s in sig.strokes for p in s], np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1e-6)
    scale = min((w - 2 * margin) / span[0], (h - 2 * margin) / span[1])
    offset = (np.array([w, h]) - span * scale) / 2 - lo * scale
    sub = 4  # draw at 4x with integer coordinates, then shrink: smooth edges
    canvas = np.full((h * sub, w * sub), 255, np.uint8)
    base = pen_mm / MM_PER_INCH * dpi * sub
    for stroke in sig.strokes:
        xy = [((np.array([p.x, p.y]) * scale + offset) * sub, p.pressure) for p in stroke]
        if len(xy) == 1:
            (c, pr) = xy[0]
            cv2.circle(canvas, tuple(int(v) for v in c), max(1, int(base * (0.4 + 0.6 * pr) / 2)), 0, -1, cv2.LINE_AA)
        for (a, pa), (b, pb) in zip(xy, xy[1:], strict=False):
            thick = max(1, int(round(base * (0.4 + 0.6 * (pa + pb) / 2))))
            cv2.line(canvas, tuple(int(v) for v in a), tuple(int(v) for v in b), 0, thick, cv2.LINE_AA)
    return cv2.resize(canvas, (w, h), interpolation=cv2.INTER_AREA)


def render_png(sig: Signature, width_mm: float = 40.0, height_mm: float = 15.0, dpi: int = 300) -> bytes:
    """render() as PNG bytes with the resolution recorded (pHYs), ready for the card printer and papers."""
    image = render(sig, width_mm, height_mm, dpi)
    ok, buf = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("Tanda tangan tidak bisa dikodekan ke PNG.")
    return _with_dpi(buf.tobytes(), dpi)


def _with_dpi(png: bytes, dpi: int) -> bytes:
    ppm = round(dpi / 0.0254)
    data = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + data + struct.pack(">I", zlib.crc32(data) & 0xFFFFFFFF)
    ihdr_end = 8 + 4 + 4 + 13 + 4  # signature, IHDR length, type, data, crc
    return png[:ihdr_end] + chunk + png[ihdr_end:]
